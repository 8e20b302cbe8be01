/**
 * Counts and the exit code of a run, from its results. Pure.
 * Exit codes: 0 nothing left to do; 1 problems (errors or warnings; after --fix: left
 * over); 2 a path that does not exist or an internal error. info/style never count.
 */
import type { ScanResult } from './run.js';
import type { Diagnostic } from './types.js';

export interface Summary {
  files: number;
  /** Files with at least one error or warning (before fixing). */
  withProblems: number;
  /** Problems (error/warning) before fixing. */
  problems: number;
  /** Diagnostics `--fix` repairs (safe fixes). */
  fixable: number;
  /** Diagnostics only `--unsafe-fixes` repairs. */
  unsafeFixable: number;
  /** Problems without a fix: a person must act. */
  needYou: number;
  /** Diagnostics fixed (in --fix mode: written; in a dry run: would be). */
  fixed: number;
  /** Problems left after fixing. */
  remaining: number;
  /** Files changed (dry run: would change). */
  changed: number;
  written: number;
  /** Files skipped as not nnU-Net (NNU000). */
  skipped: number;
  /** Files that could not be read or written. */
  ioErrors: number;
  internalErrors: number;
  missingPaths: number;
}

export const isProblem = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';

export function summarize(result: ScanResult, unsafeFixes: boolean): Summary {
  const s: Summary = { files: result.files.length, withProblems: 0, problems: 0, fixable: 0, unsafeFixable: 0, needYou: 0, fixed: 0, remaining: 0, changed: 0, written: 0, skipped: 0, ioErrors: result.errors.length, internalErrors: 0, missingPaths: result.missing.length };
  for (const f of result.files) {
    const probs = f.diagnostics.filter(isProblem);
    if (probs.length || f.error) s.withProblems++;
    s.problems += probs.length;
    for (const d of f.diagnostics) {
      if (d.severity === 'info') continue;
      if (d.fix.applicability === 'safe') s.fixable++;
      else if (d.fix.applicability === 'unsafe') {
        if (unsafeFixes) s.fixable++;
        else s.unsafeFixable++;
      } else if (isProblem(d)) s.needYou++;
      if (d.fix.applied) s.fixed++;
    }
    s.remaining += f.remaining.filter(isProblem).length;
    if (f.changed) s.changed++;
    if (f.written) s.written++;
    if (f.kind === 'not-nnunet') s.skipped++;
    if (f.error?.kind === 'io') s.ioErrors++;
    if (f.preprocessedCopy?.error) s.ioErrors++;
    if (f.error?.kind === 'internal') s.internalErrors++;
  }
  return s;
}

/** 0, 1 or 2 as documented in the README. */
export function exitCode(result: ScanResult, s: Summary, exitZero = false): 0 | 1 | 2 {
  if (s.missingPaths || s.internalErrors) return 2;
  const problems = result.fix
    ? result.files.some((f) => f.remaining.some(isProblem)) || s.ioErrors > 0
    : s.problems > 0 || s.ioErrors > 0;
  return problems && !exitZero ? 1 : 0;
}

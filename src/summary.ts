/**
 * Counts and the exit code of a run, from its results. Pure. Every count means one thing:
 * what was found in the files as they were read, what `--fix` applies (with the flags of this
 * run), what was written, what is left.
 *
 * Exit codes (the CI contract):
 * - 0: nnU-Net would not fail on what was checked (warnings and infos alone exit 0, unless
 *   there are more warnings than `--max-warnings`);
 * - 1: an error remains (in a dry run: is in the files now; after `--fix`: is still on disk),
 *   a file could not be read or written, or too many warnings;
 * - 2: usage: a path that does not exist, a named path that holds no dataset.json, an internal
 *   error.
 */
import type { FileResult, ScanResult } from './run.js';
import type { Diagnostic } from './types.js';

export interface Summary {
  /** dataset.json files checked. */
  files: number;
  /** Files skipped as not nnU-Net (NNU000). */
  skipped: number;
  /** Files with at least one error (as read), or that could not be read. */
  filesWithErrors: number;
  /** Error, warning and info diagnostics found in the files as read. */
  errors: number;
  warnings: number;
  infos: number;
  /** Style findings (opt-in rules such as NNU104): fixable, never an exit code. */
  styles: number;
  /** Diagnostics `--fix` repairs with the flags of this run (in a dry run: would repair). */
  fixable: number;
  /** Diagnostics only `--unsafe-fixes` would repair (0 when it is given). */
  unsafeFixable: number;
  /** Errors and warnings no fix repairs: a person must act. */
  needYou: number;
  /** Diagnostics whose fix was written in this run (0 in a dry run). */
  fixed: number;
  /** Errors and warnings left: after `--fix`, on disk; in a dry run, what `--fix` would leave. */
  remainingErrors: number;
  remainingWarnings: number;
  /** Files whose text `--fix` changes (in a dry run: would change). */
  changed: number;
  /** Files written in this run (preprocessed copies included). */
  written: number;
  /** Files that could not be read or written (preprocessed copies included). */
  ioErrors: number;
  internalErrors: number;
  /** Named paths that do not exist. */
  missingPaths: number;
  /** Named paths (or the default folder) holding no dataset.json. */
  emptyPaths: number;
  /** Segmentation files `--labels` could not check: unreadable or corrupt (errors), or in a format it does not read (warnings). */
  labelFilesNotScanned: number;
  labelFilesUnreadable: number;
  labelFilesNotChecked: number;
}

const isProblem = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';

/** The empty summary, to add files to one at a time ({@link addToSummary}). */
export function emptySummary(): Summary {
  return {
    files: 0,
    skipped: 0,
    filesWithErrors: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    styles: 0,
    fixable: 0,
    unsafeFixable: 0,
    needYou: 0,
    fixed: 0,
    remainingErrors: 0,
    remainingWarnings: 0,
    changed: 0,
    written: 0,
    ioErrors: 0,
    internalErrors: 0,
    missingPaths: 0,
    emptyPaths: 0,
    labelFilesNotScanned: 0,
    labelFilesUnreadable: 0,
    labelFilesNotChecked: 0,
  };
}

/** Count one file's result into `s` (streaming reports keep only the summary). */
export function addToSummary(s: Summary, f: FileResult): Summary {
  s.files++;
  if (f.kind === 'not-nnunet') s.skipped++;
  let errors = 0;
  for (const d of f.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') s.warnings++;
    else if (d.severity === 'style') s.styles++;
    else s.infos++;
    if (d.fix.available) s.fixable++;
    else if (d.fix.unsafeAvailable) s.unsafeFixable++;
    else if (isProblem(d)) s.needYou++;
    if (d.fix.applied) s.fixed++;
  }
  s.errors += errors;
  if (errors || f.error) s.filesWithErrors++;
  for (const d of f.remaining) {
    if (d.severity === 'error') s.remainingErrors++;
    else if (d.severity === 'warning') s.remainingWarnings++;
  }
  if (f.changed) s.changed++;
  if (f.written) s.written++;
  if (f.preprocessedCopy?.written) s.written++;
  if (f.error?.kind === 'io') s.ioErrors++;
  if (f.error?.kind === 'internal') s.internalErrors++;
  if (f.preprocessedCopy?.error) s.ioErrors++;
  for (const x of f.segmentations ?? []) {
    if (x.status === 'written') s.written++;
    else if (x.status === 'error' || x.status === 'refused' || x.status === 'interrupted') s.ioErrors++;
  }
  const count = (k: string) => (typeof f.extra?.[k] === 'number' ? f.extra[k] : 0);
  s.labelFilesNotScanned += count('labelFilesNotScanned');
  s.labelFilesUnreadable += count('labelFilesUnreadable');
  s.labelFilesNotChecked += count('labelFilesNotChecked');
  return s;
}

/** Count the run-level facts (paths) into `s`. */
export function addRunFacts(s: Summary, run: Pick<ScanResult, 'missing' | 'errors'>): Summary {
  s.missingPaths += run.missing.length;
  for (const e of run.errors) {
    if (e.kind === 'empty') s.emptyPaths++;
    else s.ioErrors++;
  }
  return s;
}

/** The summary of a whole run. */
export function summarize(result: ScanResult): Summary {
  const s = emptySummary();
  for (const f of result.files) addToSummary(s, f);
  return addRunFacts(s, result);
}

export interface ExitOptions {
  /** The run wrote its fixes (`--fix`): what counts is what is left on disk, not what was found. */
  fix?: boolean;
  /** `--exit-zero`: 0 whatever was found (usage and internal errors still give 2). */
  exitZero?: boolean;
  /** `--max-warnings N` (eslint): exit 1 when more warnings than N remain. Default: unlimited. */
  maxWarnings?: number;
  /** `--quiet`: only errors are shown, and only errors count. */
  quiet?: boolean;
}

/** 0, 1 or 2 as documented in the README. */
export function exitCode(s: Summary, options: ExitOptions = {}): 0 | 1 | 2 {
  if (s.missingPaths || s.emptyPaths || s.internalErrors) return 2;
  if (options.exitZero) return 0;
  const errors = options.fix ? s.remainingErrors : s.errors;
  const warnings = options.fix ? s.remainingWarnings : s.warnings;
  if (errors > 0 || s.ioErrors > 0) return 1;
  if (!options.quiet && options.maxWarnings !== undefined && warnings > options.maxWarnings) return 1;
  return 0;
}

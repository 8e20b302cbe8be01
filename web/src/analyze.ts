/**
 * The page's pipeline for one dataset.json, through the library's own pure core: the
 * engine (fixText/fixBytes), the folder facts collected over the picked files, and the
 * diff. Mirrors src/run.ts `processFile` for a dry run, so the page and the command line
 * report the same findings and the same fixed bytes. Pure, but for `collectSource`.
 */
import { fixBytes, fixText, type FixTextOptions, type FixTextResult } from '../../src/engine.js';
import { collectFolderFactsWith, type FolderFacts, type FolderFs } from '../../src/folder/collect.js';
import { posixPath } from '../../src/folder/posix-path.js';
import { unifiedDiff } from '../../src/diff.js';
import { rules } from '../../transforms/index.js';
import type { Diagnostic, FileKind } from '../../src/types.js';

/** src/read.ts DEFAULT_MAX_SIZE: larger files are refused, as on the command line. */
export const MAX_SIZE = 16 * 1024 * 1024;

/** One dataset.json to check: pasted text, or a file's bytes with its folder facts. */
export interface Source {
  /** As shown, and in the diff headers: relative to the picked folder's parent. */
  path: string;
  text?: string;
  bytes?: Uint8Array;
  folder?: FolderFacts;
  /** Why the file could not be read. */
  error?: string;
}

/** The options the command line has for a dry run (`--unsafe-fixes`, `--select`, `--ignore`). */
export interface RunOptions {
  unsafeFixes: boolean;
  select: string[];
  ignore: string[];
}

export interface FileReport {
  path: string;
  kind: FileKind;
  /** The problems of the file as it is: `fix.available` when the fixed text repairs it, `fix.unsafeAvailable` when the unsafe fixes would. */
  diagnostics: Diagnostic[];
  /** Problems that only the fixed text has (shown after the others, as the command line does). */
  after: Diagnostic[];
  /** Problems (errors, warnings) left in the fixed text. */
  remaining: Diagnostic[];
  changed: boolean;
  /** The fixed text (what `--fix` writes), when the file could be read. */
  output?: string;
  /** The unified diff of the fixes, as `--diff` prints it ('' when nothing changes). */
  diff: string;
  error?: string;
}

const isProblem = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';

/**
 * `NNU1, nnu302` -> ['NNU1', 'nnu302'], or the entry that matches no rule (as the
 * command line's --select/--ignore validation).
 */
export function parseCodes(text: string): { codes: string[]; bad?: string } {
  const codes = text.split(/[\s,]+/).filter(Boolean);
  const bad = codes.find((c) => c.toUpperCase() !== 'ALL' && !rules.some((r) => r.meta.code.startsWith(c.toUpperCase())));
  return { codes, bad };
}

/** Problems left in the fixed text that the input did not have (src/report/text.ts diagnosticsToShow). */
function newAfterFixing(r: FixTextResult): Diagnostic[] {
  const seen = new Set(r.diagnostics.map((d) => d.key));
  return r.remaining.filter((d) => !seen.has(d.key));
}

function run(src: Source, options: FixTextOptions): FixTextResult {
  return src.bytes !== undefined ? fixBytes(src.bytes, options) : fixText(src.text!, options);
}

/** Check one source: diagnostics, fixed text and diff, as a dry run of the command line. */
export function analyze(src: Source, o: RunOptions): FileReport {
  if (src.error !== undefined || (src.bytes === undefined && src.text === undefined)) {
    return { path: src.path, kind: 'unreadable', diagnostics: [], after: [], remaining: [], changed: false, diff: '', error: src.error ?? 'nothing to read' };
  }
  const options: FixTextOptions = { unsafeFixes: o.unsafeFixes, select: o.select, ignore: o.ignore, folder: src.folder };
  // the engine marks the problems whose unsafe fix would be applied (fix.unsafeAvailable)
  const r = run(src, options);
  return {
    path: src.path,
    kind: r.kind,
    diagnostics: r.diagnostics,
    after: newAfterFixing(r),
    remaining: r.remaining.filter(isProblem),
    changed: r.changed,
    output: r.output,
    diff: unifiedDiff(src.path, r.input, r.output),
    error: r.error,
  };
}

/** The patch of a batch: every file's diff in path order, as `nnunet-doctor --diff` prints it. */
export function batchPatch(reports: readonly FileReport[]): string {
  return reports.map((r) => r.diff).join('');
}

export interface Totals {
  files: number;
  /** Files skipped as not nnU-Net (NNU000). */
  skipped: number;
  withProblems: number;
  /** Problems the fixed text (the download) repairs. */
  fixed: number;
  /** Problems only the unsafe fixes repair (when they are off). */
  unsafeFixable: number;
  /** Problems no fix repairs: a person must act. */
  needYou: number;
  changed: number;
  unreadable: number;
}

/** Counts for the summary line (as the command line's dry-run summary). */
export function totals(reports: readonly FileReport[]): Totals {
  const t: Totals = { files: reports.length, skipped: 0, withProblems: 0, fixed: 0, unsafeFixable: 0, needYou: 0, changed: 0, unreadable: 0 };
  for (const r of reports) {
    if (r.kind === 'not-nnunet') t.skipped++;
    if (r.error) t.unreadable++;
    if (r.changed) t.changed++;
    const problems = r.diagnostics.filter(isProblem);
    if (problems.length || r.error) t.withProblems++;
    for (const d of problems) {
      if (d.fix.available) t.fixed++;
      else if (d.fix.unsafeAvailable) t.unsafeFixable++;
      else t.needYou++;
    }
  }
  return t;
}

/** Read one picked dataset.json and collect its folder facts through `fs`. */
export async function collectSource(fs: FolderFs, path: string, size: number, cache: Map<string, Promise<string[] | undefined>>): Promise<Source> {
  if (size > MAX_SIZE) return { path, error: `cannot read: larger than ${MAX_SIZE / 1024 / 1024} MB` };
  const abs = posixPath.resolve('/', path);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(abs);
  } catch (e) {
    return { path, error: `cannot read: ${(e as Error).message}` };
  }
  const dir = posixPath.dirname(abs);
  const folder = await collectFolderFactsWith(fs, dir, { path: posixPath, env: {}, cache });
  if (folder) folder.displayDir = dir.slice(1);
  return { path, bytes, folder };
}

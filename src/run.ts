/**
 * The batch pipeline, one file at a time: discover -> read -> diagnose + plan edits
 * (engine) -> verify -> diff / write -> results. The CLI and the library's `scan()` both
 * call this; reporting is left to src/report/.
 */
import path from 'node:path';
import { promises as fsp } from 'node:fs';
import { collectContentFacts, labelTable } from './content.js';
import { decodeBytes, parseDocument } from './document.js';
import { discover, displayPath, DEFAULT_MAX_DEPTH, type FoundFile } from './discover.js';
import { lastProperty } from './kind.js';
import { collectFolderFacts, type FolderFacts } from './folder/facts.js';
import { planPreprocessedCopyFix } from './folder/preprocessed.js';
import { selectRules } from './engine.js';
import { unifiedDiff } from './diff.js';
import { fixBytes, type FixTextOptions } from './engine.js';
import { DEFAULT_MAX_SIZE, readDatasetFile } from './read.js';
import type { Diagnostic, FileKind } from './types.js';
import { atomicWrite, cleanStaleTemps, isInsideRoots, WriteError, type WriteHooks } from './write.js';

export interface ScanOptions extends FixTextOptions {
  /** Files or folders to check (default: the current folder). */
  paths?: string[];
  cwd?: string;
  /** Write the fixes (safe ones; unsafe too with `unsafeFixes`). */
  fix?: boolean;
  maxDepth?: number;
  /** Refuse files larger than this many bytes. */
  maxSize?: number;
  /** Keep `dataset.json.bak` next to each changed file. */
  backup?: boolean;
  /** Write symlinked dataset.json files whose target lies outside the given roots. */
  followOutside?: boolean;
  /** Compute the unified diffs (default true; reports that show no diff turn it off). */
  diffs?: boolean;
  /** Check the dataset folder next to each dataset.json (NNU3xx). Default true. */
  folderChecks?: boolean;
  /** Read every segmentation in labelsTr (NNU4xx). Default false. */
  labels?: boolean;
  /** Worker threads for `labels` (default: available parallelism). */
  jobs?: number;
  /** Where nnU-Net's preprocessed copies are (default `$nnUNet_preprocessed`, else a sibling `nnUNet_preprocessed/`). */
  preprocessedRoot?: string;
  /** Shared folder listings within one run (created by scan()). */
  folderCache?: Map<string, Promise<string[] | undefined>>;
  /** Progress of the `labels` scan (files done, total, bytes). */
  onLabelProgress?(done: number, total: number, bytes: number): void;
  /** Stops a running `labels` scan (Ctrl-C). */
  signal?: AbortSignal;
  /** Fault-injection hooks for the write step (tests). */
  writeHooks?: WriteHooks;
  /** Called after each file (progress, streaming output). */
  onFile?(result: FileResult): void;
}

export interface FileError {
  /** io: could not read or write; internal: the fixer refused its own result. */
  kind: 'io' | 'internal';
  message: string;
}

export interface FileResult {
  /** Path as shown (relative to cwd when inside it). */
  path: string;
  absPath: string;
  kind: FileKind;
  /** Problems found in the file as it was, each with whether `--fix` fixed it. */
  diagnostics: Diagnostic[];
  /** Problems left after the fixes (in a dry run: what `--fix` would leave). */
  remaining: Diagnostic[];
  /** The fixed text differs from the file (in a dry run: would differ). */
  changed: boolean;
  /** The file was written. */
  written: boolean;
  /** Unified diff of the fixes ('' when none). */
  diff: string;
  /** The text `--fix` writes (or would write). */
  output?: string;
  backupPath?: string;
  error?: FileError;
  /** NNU307: what happens to nnU-Net's preprocessed copy of this dataset.json. */
  preprocessedCopy?: { path: string; action: 'in-sync' | 'write' | 'manual'; message: string; written?: boolean; error?: string };
  /** Per-file data of optional passes (e.g. the label value table of `--labels`). */
  extra?: Record<string, unknown>;
}

export interface ScanResult {
  files: FileResult[];
  /** Command-line paths that do not exist. */
  missing: string[];
  /** Paths that could not be searched. */
  errors: { path: string; message: string }[];
  fix: boolean;
  /** The run was stopped by `signal` (Ctrl-C) before all files were processed. */
  interrupted?: boolean;
}

interface CopyPlan {
  file: string;
  display: string;
  before: string;
  plan: ReturnType<typeof planPreprocessedCopyFix>;
  diff: string;
}

/**
 * NNU307: nnU-Net's planning copied dataset.json to nnUNet_preprocessed, and training reads
 * that copy. When the fixes of this run apply to the copy too, plan the same repair for it.
 */
function planCopy(folder: FolderFacts | undefined, r: ReturnType<typeof fixBytes>, options: ScanOptions): CopyPlan | undefined {
  const text = folder?.preprocessed?.text;
  if (!folder?.preprocessed || text === undefined) return undefined;
  if (!selectRules(options).some((rule) => rule.meta.code === 'NNU307')) return undefined;
  const plan = planPreprocessedCopyFix(r, text, options);
  const cwd = options.cwd ?? process.cwd();
  const display = displayPath(folder.preprocessed.path, cwd);
  const diff = plan.action === 'write' && plan.newText !== undefined && options.diffs !== false ? unifiedDiff(display, text, plan.newText) : '';
  return { file: folder.preprocessed.path, display, before: text, plan, diff };
}

/**
 * Write the preprocessed copy with the same repairs, after the raw file was written (or
 * already was as fixed), and only if the copy is still what was read. Errors go to
 * `result.preprocessedCopy.error`, so they never hide the raw file's own outcome.
 */
async function writeCopy(copy: CopyPlan, result: FileResult, options: ScanOptions): Promise<void> {
  const info = result.preprocessedCopy!;
  await cleanStaleTemps(path.dirname(copy.file), path.basename(copy.file));
  const read = await readDatasetFile(copy.file, options.maxSize ?? DEFAULT_MAX_SIZE);
  const now = read.ok ? decodeBytes(read.bytes) : undefined;
  if (!read.ok || !now?.ok || now.text !== copy.before) {
    info.error = `not written: it changed after it was read, or could not be read again${read.ok ? '' : ` (${read.reason})`}`;
    return;
  }
  try {
    const w = await atomicWrite(copy.file, Buffer.from(copy.plan.newText!, 'utf8'), read.identity, { backup: options.backup, hooks: options.writeHooks });
    info.written = !w.alreadyFixed;
    result.remaining = result.remaining.filter((d) => d.code !== 'NNU307');
  } catch (e) {
    info.error = (e as Error).message;
  }
}

/** The file_ending a dataset.json declares (for choosing label files), if readable. */
function fileEndingOf(bytes: Uint8Array): string | undefined {
  const d = decodeBytes(bytes);
  if (!d.ok) return undefined;
  const v = lastProperty(parseDocument(d.text).root, 'file_ending')?.children?.[1]?.value;
  return typeof v === 'string' ? v : undefined;
}

/** Check (and with `fix`, repair) one discovered file. */
export async function processFile(found: FoundFile, options: ScanOptions): Promise<FileResult> {
  const base: FileResult = { path: found.path, absPath: found.absPath, kind: 'unreadable', diagnostics: [], remaining: [], changed: false, written: false, diff: '' };
  const read = await readDatasetFile(found.absPath, options.maxSize ?? DEFAULT_MAX_SIZE);
  if (!read.ok) return { ...base, error: { kind: 'io', message: `cannot read: ${read.reason}` } };

  // the folder as the user named it (a symlinked Dataset folder keeps its own name)
  const datasetDir = path.dirname(found.absPath);
  const decoded = decodeBytes(read.bytes);
  const folder =
    options.folderChecks === false
      ? undefined
      : await collectFolderFacts(datasetDir, { datasetJsonText: decoded.ok ? decoded.text : undefined, cache: options.folderCache, preprocessedRoot: options.preprocessedRoot });
  if (folder) folder.displayDir = displayPath(datasetDir, options.cwd ?? process.cwd());
  let content: unknown;
  let extra: Record<string, unknown> | undefined;
  const hasLabelsTr = await fsp.stat(path.join(datasetDir, 'labelsTr')).then((s) => s.isDirectory(), () => false);
  if (options.labels && hasLabelsTr) {
    const facts = await collectContentFacts(datasetDir, fileEndingOf(read.bytes), { jobs: options.jobs, signal: options.signal, onProgress: options.onLabelProgress });
    if (facts) {
      content = facts;
      extra = { labelTable: labelTable(facts), labelFilesScanned: facts.files.length };
    }
  } else if (hasLabelsTr) {
    extra = { labelsNotScanned: true };
  }
  const r = fixBytes(read.bytes, { ...options, content, folder });
  const result: FileResult = {
    extra,
    ...base,
    kind: r.kind,
    diagnostics: r.diagnostics,
    remaining: r.remaining,
    changed: r.changed,
    diff: options.diffs === false ? '' : unifiedDiff(found.path, r.input, r.output),
    output: r.output,
  };
  if (r.error) {
    result.error = { kind: 'internal', message: r.error };
    return result;
  }
  const copy = planCopy(folder, r, options);
  if (copy) {
    result.diff += copy.diff;
    result.preprocessedCopy = { path: copy.display, action: copy.plan.action, message: copy.plan.message };
  }
  if (!options.fix) return result;

  // Containment: write only where the named paths lead, not through a symlink to elsewhere.
  const cwd = options.cwd ?? process.cwd();
  const contained = !!options.followOutside || (await isInsideRoots(found.realPath, [found.root, ...(options.paths?.length ? options.paths : ['.']).map((p) => path.resolve(cwd, p))], options));
  // A killed run of ours may have left a temp or lock file here: remove those (only ours).
  if (contained) await cleanStaleTemps(path.dirname(found.realPath), path.basename(found.realPath));
  if (r.changed) {
    if (!contained) {
      result.error = { kind: 'io', message: `not written: its real location ${found.realPath} is outside the folders you named (reached through a symbolic link); use --follow-outside to allow` };
      return result;
    }
    try {
      const w = await atomicWrite(found.realPath, Buffer.from(r.output, 'utf8'), read.identity, { backup: options.backup, hooks: options.writeHooks });
      if (w.alreadyFixed) result.extra = { ...result.extra, note: 'already fixed by another process: the file holds exactly the fixed text' };
      else {
        result.written = true;
        result.backupPath = w.backupPath;
      }
    } catch (e) {
      const msg = e instanceof WriteError ? e.message : `not written: ${(e as Error).message}`;
      result.error = { kind: 'io', message: msg };
    }
  }
  // NNU307: the preprocessed copy follows its raw file, never ahead of it
  if (copy?.plan.action === 'write' && copy.plan.newText !== undefined && contained && !result.error) await writeCopy(copy, result, options);
  return result;
}

/** Discover every dataset.json under the paths, then check (and fix) each. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths?.length ? options.paths : ['.'];
  const found = await discover(paths, { cwd, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH });
  options = { ...options, folderCache: options.folderCache ?? new Map() };
  const files: FileResult[] = [];
  for (const f of found.files) {
    if (options.signal?.aborted) return { files, missing: found.missing, errors: found.errors, fix: !!options.fix, interrupted: true };
    let res: FileResult;
    try {
      res = await processFile(f, options);
    } catch (e) {
      if (options.signal?.aborted) return { files, missing: found.missing, errors: found.errors, fix: !!options.fix, interrupted: true };
      res = { path: f.path, absPath: f.absPath, kind: 'unreadable', diagnostics: [], remaining: [], changed: false, written: false, diff: '', error: { kind: 'internal', message: `internal error: ${(e as Error).message}` } };
    }
    files.push(res);
    options.onFile?.(res);
  }
  return { files, missing: found.missing, errors: found.errors, fix: !!options.fix };
}

/**
 * The batch pipeline, one file at a time: discover -> read -> diagnose + plan edits
 * (engine) -> verify -> diff / write -> results. The CLI and the library's `scan()` both
 * call this; reporting is left to src/report/.
 */
import path from 'node:path';
import { discover, DEFAULT_MAX_DEPTH, type FoundFile } from './discover.js';
import { unifiedDiff } from './diff.js';
import { fixBytes, type FixTextOptions } from './engine.js';
import { DEFAULT_MAX_SIZE, readDatasetFile } from './read.js';
import type { Diagnostic, FileKind } from './types.js';
import { atomicWrite, cleanStaleTemps, WriteError, type WriteHooks } from './write.js';

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
  /** Check the dataset folder next to each dataset.json (NNU3xx). Default true. */
  folderChecks?: boolean;
  /** Read every segmentation in labelsTr (NNU4xx). Default false. */
  labels?: boolean;
  /** Worker threads for `labels` (default: available parallelism). */
  jobs?: number;
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
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Check (and with `fix`, repair) one discovered file. */
export async function processFile(found: FoundFile, options: ScanOptions): Promise<FileResult> {
  const base: FileResult = { path: found.path, absPath: found.absPath, kind: 'unreadable', diagnostics: [], remaining: [], changed: false, written: false, diff: '' };
  const read = await readDatasetFile(found.absPath, options.maxSize ?? DEFAULT_MAX_SIZE);
  if (!read.ok) return { ...base, error: { kind: 'io', message: `cannot read: ${read.reason}` } };

  const r = fixBytes(read.bytes, options);
  const result: FileResult = {
    ...base,
    kind: r.kind,
    diagnostics: r.diagnostics,
    remaining: r.remaining,
    changed: r.changed,
    diff: unifiedDiff(found.path, r.input, r.output),
    output: r.output,
  };
  if (r.error) {
    result.error = { kind: 'internal', message: r.error };
    return result;
  }
  if (!options.fix || !r.changed) return result;

  if (!options.followOutside && !isInside(found.realPath, found.realRoot)) {
    result.error = { kind: 'io', message: `not written: it is a symbolic link to ${found.realPath}, outside the folder you named (use --follow-outside to allow)` };
    return result;
  }
  await cleanStaleTemps(path.dirname(found.realPath), path.basename(found.realPath));
  try {
    const w = await atomicWrite(found.realPath, Buffer.from(r.output, 'utf8'), read.identity, { backup: options.backup, hooks: options.writeHooks });
    result.written = true;
    result.backupPath = w.backupPath;
  } catch (e) {
    const msg = e instanceof WriteError ? e.message : `not written: ${(e as Error).message}`;
    result.error = { kind: 'io', message: msg };
  }
  return result;
}

/** Discover every dataset.json under the paths, then check (and fix) each. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths?.length ? options.paths : ['.'];
  const found = await discover(paths, { cwd, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH });
  const files: FileResult[] = [];
  for (const f of found.files) {
    let res: FileResult;
    try {
      res = await processFile(f, options);
    } catch (e) {
      res = { path: f.path, absPath: f.absPath, kind: 'unreadable', diagnostics: [], remaining: [], changed: false, written: false, diff: '', error: { kind: 'internal', message: `internal error: ${(e as Error).message}` } };
    }
    files.push(res);
    options.onFile?.(res);
  }
  return { files, missing: found.missing, errors: found.errors, fix: !!options.fix };
}

/**
 * The batch pipeline: discover -> read -> parse once -> diagnose + plan edits (engine) ->
 * verify -> preprocessed-copy step -> diff / write -> results, one file after another, each
 * result handed on as soon as it is ready (reports stream; nothing is kept per file that the
 * report does not need). The CLI and the library's `scan()` both use it; reporting is left
 * to src/report/.
 */
import { existsSync, promises as fsp } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { ContentFacts } from './content-facts.js';
import type { SegmentationRepairPlan } from './repair/plan.js';
import { planCopy, type CopyFacts } from './copy-step.js';
import { decodeBytes, parseDocument, type Document } from './document.js';
import { discover, displayPath, type DiscoverError, type FoundFile } from './discover.js';
import { DEFAULT_MAX_DEPTH } from './search-scope.js';
import { unifiedDiff } from './diff.js';
import { fixDocument, runStages, selectRules, toDiagnostic, type FixTextOptions, type FixTextResult } from './engine.js';
import { collectFolderFacts, preprocessedCopyPath, type FolderFacts } from './folder/facts.js';
import { checkDatasetFolderName } from './folder/identifiers.js';
import { lastProperty } from './kind.js';
import { DEFAULT_MAX_SIZE, describeFsError, readDatasetFile, readDatasetFileSync, type FileIdentity } from './read.js';
import { testEvent } from './test-events.js';
import type { Diagnostic, FileKind } from './types.js';
import { atomicWrite, cleanStaleTemps, isInsideRoots, WriteError, writeRefusal, type WriteHooks } from './write.js';

export interface ScanOptions extends Omit<FixTextOptions, 'folder' | 'content'> {
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
  /**
   * Write a dataset.json whose real location (symlinks resolved) lies outside the paths the
   * user named. Paths the user named count through their own symlinks: naming a symlinked
   * dataset folder is naming its target.
   */
  followOutside?: boolean;
  /** Compute the unified diffs (default true; reports that show no diff turn it off). */
  diffs?: boolean;
  /** Keep each file's fixed text in `FileResult.output` (default false: it can be large). */
  keepOutput?: boolean;
  /** Check the dataset folder next to each dataset.json (NNU3xx). Default true. */
  folderChecks?: boolean;
  /** Read every segmentation in labelsTr (NNU4xx). Default false. */
  labels?: boolean;
  /**
   * Threads: of the `labels` scan (default: available parallelism), and of a big batch of
   * dataset.json files (default: one fewer, leaving a core to the garbage collector).
   */
  jobs?: number;
  /** Where nnU-Net's preprocessed copies are (default `$nnUNet_preprocessed`, else a sibling `nnUNet_preprocessed/`). */
  preprocessedRoot?: string;
  /** Progress of the `labels` scan (files done, total, bytes). */
  onLabelProgress?: (done: number, total: number, bytes: number) => void;
  /** Stops the run (Ctrl-C): no new file is started, a running `labels` scan is aborted. */
  signal?: AbortSignal;
  /** Fault-injection hooks for the write step (tests). */
  writeHooks?: WriteHooks;
  /** Called after each file, in order (progress, streaming output). */
  onFile?: (result: FileResult) => void | Promise<void>;
}

export interface FileError {
  /** io: could not read or write; internal: the fixer refused its own result. */
  kind: 'io' | 'internal';
  message: string;
}

/** What happened to nnU-Net's preprocessed copy of a dataset.json (NNU307). */
export interface CopyOutcome {
  /** The copy's path as shown. */
  path: string;
  action: CopyFacts['action'];
  /** Written in this run. */
  written?: boolean;
  /** Why it was not written although `--fix` would have (one line). */
  error?: string;
}

export interface FileResult {
  /** Path as shown (relative to cwd when inside it). */
  path: string;
  absPath: string;
  kind: FileKind;
  /** Problems found in the file as it was: `fix.available` (`--fix` would apply it), `fix.applied` (written in this run). */
  diagnostics: Diagnostic[];
  /** Problems left: after a successful `--fix`, on disk; in a dry run, what `--fix` would leave. */
  remaining: Diagnostic[];
  /** `--fix` changes the file's text (in a dry run: would change it). */
  changed: boolean;
  /** The file was written in this run. */
  written: boolean;
  /** Unified diff of the fixes, the preprocessed copy's included ('' when none or not asked for). */
  diff: string;
  /** The file as it is on disk after this run starts with a UTF-8 byte-order mark (reports count columns after it). */
  bom?: boolean;
  /** The text `--fix` writes (or would write), with `keepOutput`. */
  output?: string;
  backupPath?: string;
  error?: FileError;
  /** NNU307: nnU-Net's preprocessed copy of this dataset.json, when it needs anything. */
  preprocessedCopy?: CopyOutcome;
  /**
   * Segmentation files the NNU401/NNU402 fixes rewrite (`--fix --unsafe-fixes --labels`), each
   * with what happened: written, unchanged, already-fixed, error, ...; in a dry run only those
   * `--fix` would refuse (`refused`).
   */
  segmentations?: { path: string; status: string; message?: string }[];
  /** Per-file data of optional passes (e.g. the label value table of `--labels`). */
  extra?: Record<string, unknown>;
}

export interface ScanResult {
  files: FileResult[];
  /** Command-line paths that do not exist. */
  missing: string[];
  /** Paths that could not be searched, and named paths holding no dataset.json. */
  errors: DiscoverError[];
  fix: boolean;
  /** The run was stopped by `signal` (Ctrl-C) before all files were processed. */
  interrupted?: boolean;
}

/** What one run shares between its files (each worker thread has its own). */
export interface RunState {
  /** Root listings of folder facts (parent, preprocessed, results), read once per root. */
  folderCache: Map<string, Promise<string[] | undefined>>;
  /** The roots a write must stay inside: the named paths, resolved (see ScanOptions.followOutside). */
  roots: string[];
  /** Real paths of the roots, resolved once. */
  rootCache: object;
}

/** The file_ending a document declares (for choosing label files), if it is a string. */
function fileEndingOf(doc: Document): string | undefined {
  const v: unknown = lastProperty(doc.root, 'file_ending')?.children?.[1]?.value;
  return typeof v === 'string' ? v : undefined;
}

/** Diagnostics in file order. */
function byPosition(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
}

/** A diagnostic as the result of this run: `applied` only for what was written. */
function withWritten(d: Diagnostic, written: boolean): Diagnostic {
  return { ...d, fix: { ...d.fix, applied: written && d.fix.available } };
}

/**
 * Fixes of segmentation files (NNU401/NNU402 with --labels, src/repair/): the engine applies
 * text edits only, so their availability is set here: with `--unsafe-fixes`, unless the
 * dataset.json cannot be fixed at all (it does not parse: the repairs are planned from labels
 * nnU-Net could not read). What `--fix` would leave loses them.
 */
function markFileFixes(r: FixTextResult, options: ScanOptions): void {
  const blocked = !!r.error || r.kind === 'invalid' || r.kind === 'unreadable';
  const fileFixed = new Set<string>();
  for (const d of r.diagnostics) {
    if (!d.fix.files) continue;
    d.fix.available = d.fix.applied = !blocked && !!options.unsafeFixes;
    if (!blocked && !options.unsafeFixes) d.fix.unsafeAvailable = true;
    if (d.fix.available) fileFixed.add(d.key);
  }
  if (fileFixed.size) r.remaining = r.remaining.filter((d) => !fileFixed.has(d.key));
}

/** The preprocessed-copy step's outcome for one file. */
interface CopyStep {
  facts: CopyFacts;
  /** The findings of the `copy` rules, positioned in the file as read. */
  findings: Diagnostic[];
  /** The copy's path (as found: it may be a symlink). */
  absPath: string;
}

/** The preprocessed copy: facts for the `copy` rules (NNU307), and their findings. */
async function copyStep(
  folder: FolderFacts | undefined,
  r: FixTextResult,
  original: Document,
  options: ScanOptions,
  state: RunState,
): Promise<CopyStep | undefined> {
  const pre = folder?.preprocessed;
  if (!pre) return undefined;
  const rules = selectRules(options, options.rules).filter((rule) => rule.meta.stage === 'copy');
  if (!rules.length) return undefined;
  const cwd = options.cwd ?? process.cwd();
  const id = checkDatasetFolderName(folder.folderName).id;
  const replan = `nnUNetv2_plan_and_preprocess -d ${id ?? folder.folderName}`;
  const facts = planCopy(r, { path: displayPath(pre.path, cwd), text: pre.text, error: pre.error }, replan, { ...options, folder });
  if (facts.action === 'write' && !options.followOutside) {
    // written only inside the named paths, through a symlink only to a target inside them
    const real = await fsp.realpath(pre.path).catch(() => undefined);
    if (!real || !(await isInsideRoots(real, state.roots, state.rootCache))) {
      facts.refused = `it is outside the folders you named (name ${displayPath(path.dirname(path.dirname(real ?? pre.path)), cwd)} too, or re-run ${replan})`;
    }
  }
  const writable = facts.action === 'write' && !facts.refused;
  const available = writable && (facts.applicability === 'safe' || !!options.unsafeFixes);
  const findings = runStages(original, rules, { copy: facts, options }, ['copy']).map((f) => {
    const d = toDiagnostic(f, original, !!f.fix && available);
    if (f.fix && writable && !available) d.fix.unsafeAvailable = true;
    return d;
  });
  return { facts, findings, absPath: pre.path };
}

/** A dataset.json to check: its bytes and where they stand. */
export interface Source {
  /** As shown. */
  path: string;
  absPath: string;
  /** The file `--fix` would write (symlinks resolved); diff headers name it. */
  realPath: string;
  bytes: Uint8Array;
  /** The dataset folder to check with it (none: JSON checks only). */
  datasetDir?: string;
  /** Run the preprocessed-copy step (not for standard input, whose copy is never written). */
  copyStep: boolean;
}

/** What checkSource found and planned, for the write step. */
interface Checked {
  result: FileResult;
  r: FixTextResult;
  copy: CopyStep | undefined;
  /** Segmentation repairs `--fix` applies (the plans of the available file fixes). */
  repairs: SegmentationRepairPlan[];
}

/**
 * The pipeline's core for one dataset.json, on bytes already read: decode and parse once,
 * collect the folder (and with `labels`, the segmentation) facts, run the engine, plan the
 * preprocessed copy, make the diff. Writes nothing.
 */
export async function checkSource(src: Source, options: ScanOptions, state: RunState): Promise<Checked> {
  const cwd = options.cwd ?? process.cwd();
  const decoded = decodeBytes(src.bytes);
  const doc = parseDocument(decoded.ok ? decoded.text : '');
  const decodeError = decoded.ok ? undefined : { reason: decoded.reason, offset: decoded.offset };

  // the folder as the user named it (a symlinked Dataset folder keeps its own name)
  const datasetDir = src.datasetDir;
  const folder =
    options.folderChecks === false || datasetDir === undefined
      ? undefined
      : await collectFolderFacts(datasetDir, {
          datasetJson: decoded.ok ? doc : undefined,
          cache: state.folderCache,
          preprocessedRoot: options.preprocessedRoot,
        });
  if (folder) folder.displayDir = displayPath(datasetDir!, cwd);
  let content: ContentFacts | undefined;
  let extra: Record<string, unknown> | undefined;
  const hasLabelsTr =
    datasetDir === undefined
      ? false
      : folder
        ? !!folder.labelsTr
        : options.labels
          ? await fsp.stat(path.join(datasetDir, 'labelsTr')).then(
              (s) => s.isDirectory(),
              () => false,
            )
          : false;
  if (options.labels && hasLabelsTr) {
    // the image readers load only for --labels (start-up time of a plain check)
    const { collectContentFacts, labelExtra } = await import('./content.js');
    const facts = await collectContentFacts(datasetDir!, fileEndingOf(doc), {
      jobs: options.jobs,
      signal: options.signal,
      onProgress: options.onLabelProgress,
    });
    if (facts) {
      // the segmentation repairs NNU401/NNU402 can offer, from the labels the file declares
      const { declaredLabelsOf, planSegmentationRepairs } = await import('./repair/plan.js');
      const declared = declaredLabelsOf(doc);
      content = declared ? { ...facts, repairs: planSegmentationRepairs(facts, declared, datasetDir!) } : facts;
      extra = labelExtra(facts);
    }
  } else if (hasLabelsTr) {
    extra = { labelsNotScanned: true };
  }

  const fixOptions = { ...options, folder, content };
  const r = fixDocument(doc, fixOptions, decodeError);
  markFileFixes(r, options);
  const copy = r.error || !src.copyStep ? undefined : await copyStep(folder, r, doc, options, state);
  const result: FileResult = {
    path: src.path,
    absPath: src.absPath,
    kind: r.kind,
    // in a result, `applied` means written: nothing is, yet
    diagnostics: byPosition([...r.diagnostics, ...(copy?.findings ?? [])].map((d) => withWritten(d, false))),
    remaining: byPosition([...r.remaining, ...(copy?.findings.filter((d) => !d.fix.available) ?? [])]),
    changed: r.changed,
    written: false,
    bom: r.input.charCodeAt(0) === 0xfeff,
    diff: options.diffs === false ? '' : unifiedDiff(path.relative(cwd, src.realPath), r.input, r.output),
    ...(options.keepOutput ? { output: r.output } : {}),
    ...(extra ? { extra } : {}),
  };
  if (copy && copy.facts.action !== 'in-sync') {
    result.preprocessedCopy = {
      path: copy.facts.path,
      action: copy.facts.action,
      ...(copy.facts.refused ? { error: `${options.fix ? 'not written' : '--fix will not write it'}: ${copy.facts.refused}` } : {}),
    };
    if (copy.findings.some((d) => d.fix.available) && options.diffs !== false) {
      // the header names the real file (a symlinked copy is patched through, as --fix writes it)
      const real = await fsp.realpath(copy.absPath).catch(() => copy.absPath);
      result.diff += unifiedDiff(path.relative(cwd, real), copy.facts.original!, copy.facts.newText!);
    }
  }
  if (r.error) result.error = { kind: 'internal', message: r.error };
  const files = new Set(r.diagnostics.filter((d) => d.fix.available && d.fix.files).flatMap((d) => d.fix.files!));
  const repairs = (content?.repairs ?? []).filter((p) => files.has(p.path));
  if (repairs.length && content) {
    // what --fix leaves once the segmentations are repaired too (a class that occurred in no
    // file may occur now: NNU403 goes): the rules on the fixed text and the repaired values
    const after = fixDocument(r.document, { ...fixOptions, content: contentAfter(content, repairs) });
    const copyKeys = new Set(copy?.findings.map((d) => d.key));
    result.remaining = byPosition([
      ...after.diagnostics.map((d) => withWritten({ ...d, fix: { ...d.fix, available: false } }, false)),
      ...result.remaining.filter((d) => copyKeys.has(d.key)),
    ]);
  }
  return { result, r, copy, repairs };
}

/** The result of a file that was not checked: `error` says why. */
function unchecked(f: FoundFile, error: FileError): FileResult {
  return { path: f.path, absPath: f.absPath, kind: 'unreadable', diagnostics: [], remaining: [], changed: false, written: false, diff: '', error };
}

/** An unexpected exception while checking `f`, reported as an internal error of that file. @internal */
function internalError(f: FoundFile, e: unknown): FileResult {
  return unchecked(f, { kind: 'internal', message: `internal error: ${(e as Error).message}` });
}

/** Check (and with `fix`, repair) one discovered file. */
async function processFile(found: FoundFile, options: ScanOptions, state: RunState): Promise<FileResult> {
  const read = readDatasetFileSync(found.absPath, options.maxSize ?? DEFAULT_MAX_SIZE);
  if (!read.ok) return unchecked(found, { kind: 'io', message: `cannot read: ${read.reason}` });
  const { result, r, copy, repairs } = await checkSource(
    { path: found.path, absPath: found.absPath, realPath: found.realPath, bytes: read.bytes, datasetDir: path.dirname(found.absPath), copyStep: true },
    options,
    state,
  );
  if (r.error) return result;
  const refusal = r.changed ? await refusalOf(found, read.identity, options, state) : undefined;
  if (refusal) return refused(refusal, r, copy, result, options);
  if (!options.fix) return repairs.length ? predictRepairs(repairs, result, options, state) : result;
  await writeResults(found, read.identity, r, copy, result, options, state);
  return repairs.length ? writeRepairs(repairs, result, options, state) : result;
}

/** The repair plans of a diagnostic's file fix. */
const plansOf = (d: Diagnostic, repairs: SegmentationRepairPlan[]) => repairs.filter((p) => d.fix.files?.includes(p.path));

/** Why `--fix` will not rewrite a segmentation file (outside the named paths, read-only), or undefined. */
async function repairRefusal(file: string, options: ScanOptions, state: RunState): Promise<string | undefined> {
  const real = await fsp.realpath(file).catch(() => undefined);
  if (!real) return 'it can no longer be found';
  if (!options.followOutside && !(await isInsideRoots(real, state.roots, state.rootCache)))
    return 'it is outside the folders you named (reached through a symbolic link)';
  const st = await fsp.stat(real).catch(() => undefined);
  return st ? writeRefusal(real, { mode: st.mode } as FileIdentity) : 'it can no longer be read';
}

/**
 * A dry run with segmentation repairs planned: a file `--fix` would refuse to rewrite makes
 * its fix unavailable, with one line saying why (so "fixable" means `--fix` rewrites it).
 */
async function predictRepairs(repairs: SegmentationRepairPlan[], result: FileResult, options: ScanOptions, state: RunState): Promise<FileResult> {
  const refusals = new Map<string, string>();
  for (const p of repairs) {
    const why = await repairRefusal(p.path, options, state);
    if (why) refusals.set(p.path, why);
  }
  if (!refusals.size) return result;
  result.segmentations = [...refusals].map(([file, why]) => ({
    path: displayPath(file, options.cwd ?? process.cwd()),
    status: 'refused',
    message: `--fix will not rewrite it: ${why}`,
  }));
  const blocked = new Set(result.diagnostics.filter((d) => plansOf(d, repairs).some((p) => refusals.has(p.path))).map((d) => d.key));
  result.diagnostics = result.diagnostics.map((d) => (blocked.has(d.key) ? { ...d, fix: { ...d.fix, available: false } } : d));
  result.remaining = byPosition([...result.remaining, ...result.diagnostics.filter((d) => blocked.has(d.key))]);
  return result;
}

/**
 * `--fix --unsafe-fixes --labels`: rewrite the planned segmentation files (streamed, verified,
 * atomic: src/repair/), after the dataset.json. A diagnostic is fixed when every file of its
 * fix was written; what failed stays in `remaining`, with one line per file.
 */
async function writeRepairs(repairs: SegmentationRepairPlan[], result: FileResult, options: ScanOptions, state: RunState): Promise<FileResult> {
  const { applySegmentationRepairs } = await import('./repair/apply.js');
  const results = await applySegmentationRepairs(repairs, {
    backup: options.backup,
    roots: options.followOutside ? undefined : state.roots,
    signal: options.signal,
    jobs: options.jobs,
  });
  const cwd = options.cwd ?? process.cwd();
  const byPath = new Map(results.map((x) => [x.path, x] as const));
  result.segmentations = results.map((x) => ({ path: displayPath(x.path, cwd), status: x.status, ...(x.message ? { message: x.message } : {}) }));
  const done = (d: Diagnostic) => plansOf(d, repairs).every((p) => byPath.get(p.path)?.status === 'written');
  const failed = result.diagnostics.filter((d) => d.fix.files && d.fix.available && !done(d));
  result.diagnostics = result.diagnostics.map((d) => (d.fix.files && d.fix.available ? { ...d, fix: { ...d.fix, applied: done(d) } } : d));
  const failedKeys = new Set(failed.map((d) => d.key));
  result.remaining = byPosition([
    ...result.remaining.filter((d) => !(d.fix.files && (done(d) || failedKeys.has(d.key)))),
    ...failed.map((d) => ({ ...d, fix: { ...d.fix, applied: false } })),
  ]);
  return result;
}

/** The content facts as they will be once `repairs` are written: each repaired file's values after. */
function contentAfter(content: ContentFacts, repairs: SegmentationRepairPlan[]): ContentFacts {
  const byName = new Map(repairs.map((p) => [path.basename(p.path), p] as const));
  return {
    ...content,
    repairs: [],
    files: content.files.map((f) => {
      const plan = byName.get(f.name);
      if (!plan || !f.scan) return f;
      return { ...f, scan: { ...f.scan, values: plan.after, nonInteger: plan.after.some((v) => !Number.isInteger(v.value)) } };
    }),
  };
}

/** Why `--fix` will not write this file (the write step's own checks, made before anything is written), or undefined. */
async function refusalOf(found: FoundFile, identity: FileIdentity, options: ScanOptions, state: RunState): Promise<string | undefined> {
  const outside = !options.followOutside && !(await isInsideRoots(found.realPath, state.roots, state.rootCache));
  if (outside)
    return `its real location ${found.realPath} is outside the folders you named (reached through a symbolic link); name that folder, or use --follow-outside`;
  return writeRefusal(found.realPath, identity);
}

/**
 * A file `--fix` will not write (outside the named paths, read-only, in a read-only folder),
 * in a dry run as in `--fix`: one line saying why, no fixable problem, no diff (so `--diff |
 * git apply` equals `--fix`), and its problems are what remains.
 */
function refused(reason: string, r: FixTextResult, copy: CopyStep | undefined, result: FileResult, options: ScanOptions): FileResult {
  result.error = { kind: 'io', message: `${options.fix ? 'not written' : '--fix will not write it'}: ${reason}` };
  result.diff = '';
  result.changed = false;
  const copyKeys = new Set(copy?.findings.map((d) => d.key));
  const notAvailable = (d: Diagnostic) => withWritten({ ...d, fix: { ...d.fix, available: false, unsafeAvailable: undefined } }, false);
  result.diagnostics = result.diagnostics.map(notAvailable);
  result.remaining = byPosition([...r.diagnostics.map(notAvailable), ...result.remaining.filter((d) => copyKeys.has(d.key)).map(notAvailable)]);
  if (result.preprocessedCopy) result.preprocessedCopy.error = 'not written: its dataset.json is not written';
  return result;
}

/**
 * `--fix`: write the file, then its preprocessed copy, each only inside the named paths
 * (through no symlink to elsewhere), and make the result say exactly what was written:
 * `fix.applied` for what is on disk now, `remaining` for the problems on disk now.
 */
async function writeResults(
  found: FoundFile,
  identity: FileIdentity,
  r: FixTextResult,
  copy: CopyStep | undefined,
  result: FileResult,
  options: ScanOptions,
  state: RunState,
): Promise<FileResult> {
  let onDisk = !r.changed; // the file holds the fixed text (nothing to write counts)
  if (r.changed) {
    // A killed run of ours may have left a temp or lock file here: remove those (only ours).
    await cleanStaleTemps(path.dirname(found.realPath), path.basename(found.realPath));
    try {
      const w = await atomicWrite(found.realPath, Buffer.from(r.output, 'utf8'), identity, { backup: options.backup, hooks: options.writeHooks });
      if (w.alreadyFixed) result.extra = { ...result.extra, note: 'already fixed by another process: the file holds exactly the fixed text' };
      else {
        result.written = true;
        result.backupPath = w.backupPath;
      }
      onDisk = true;
      result.bom = r.output.charCodeAt(0) === 0xfeff;
    } catch (e) {
      // refused after all (the file changed under us, the disk is full, ...): nothing changed
      result.error = { kind: 'io', message: e instanceof WriteError ? e.message : `not written: ${(e as Error).message}` };
      result.changed = false;
    }
  } else if (options.followOutside || (await isInsideRoots(found.realPath, state.roots, state.rootCache))) {
    // Nothing to write, yet a run of ours killed after its rename may have left its lock here
    // (the file is fixed): our leftovers go all the same, as the guide promises of a next run.
    await cleanStaleTemps(path.dirname(found.realPath), path.basename(found.realPath)).catch(() => []);
  }
  const copyKeys = new Set(copy?.findings.map((d) => d.key));
  const own = (d: Diagnostic) => !copyKeys.has(d.key);
  result.diagnostics = result.diagnostics.map((d) => (own(d) ? withWritten(d, result.written) : d));
  // Not written: the problems on disk are the ones found.
  if (!onDisk) result.remaining = byPosition([...r.diagnostics.map((d) => withWritten(d, false)), ...result.remaining.filter((d) => !own(d))]);

  // NNU307: the preprocessed copy follows its raw file, never ahead of it
  const outcome = result.preprocessedCopy;
  if (copy && copy.facts.action === 'in-sync') await cleanCopyLeftovers(copy.absPath, options, state);
  if (copy && outcome && copy.facts.action === 'write' && copy.findings.some((d) => d.fix.available)) {
    const error = onDisk ? await writeCopy(copy.absPath, copy.facts, options, state, outcome) : 'not written: its dataset.json was not written';
    if (error) outcome.error = error;
    const written = !!outcome.written;
    result.diagnostics = result.diagnostics.map((d) => (own(d) ? d : withWritten(d, written)));
    if (!written) result.remaining = byPosition([...result.remaining.filter(own), ...copy.findings.map((d) => withWritten(d, false))]);
  }
  return result;
}

/** Our leftovers next to a preprocessed copy that needs no write (see writeResults), inside the named paths only. */
async function cleanCopyLeftovers(copyPath: string, options: ScanOptions, state: RunState): Promise<void> {
  const real = await fsp.realpath(copyPath).catch(() => undefined);
  if (real && (options.followOutside || (await isInsideRoots(real, state.roots, state.rootCache))))
    await cleanStaleTemps(path.dirname(real), path.basename(real)).catch(() => []);
}

/**
 * Write the preprocessed copy with the same repairs, under the same rules as a raw file:
 * only inside the named paths (its real location, symlinks resolved: a symlinked copy is
 * written through to its target, never replaced by a file), only if it is still what was
 * read. Returns why it was not written, or undefined.
 */
async function writeCopy(copyPath: string, facts: CopyFacts, options: ScanOptions, state: RunState, outcome: CopyOutcome): Promise<string | undefined> {
  let real: string;
  try {
    real = await fsp.realpath(copyPath);
  } catch (e) {
    return `not written: ${describeFsError(e).reason}`;
  }
  if (!options.followOutside && !(await isInsideRoots(real, state.roots, state.rootCache))) {
    return `not written: it is outside the folders you named (name ${displayPath(path.dirname(path.dirname(real)), options.cwd ?? process.cwd())} too, or re-run ${facts.replan})`;
  }
  await cleanStaleTemps(path.dirname(real), path.basename(real));
  const read = await readDatasetFile(real, options.maxSize ?? DEFAULT_MAX_SIZE);
  const now = read.ok ? decodeBytes(read.bytes) : undefined;
  if (!read.ok || !now?.ok) return `not written: it could not be read again${read.ok ? '' : ` (${read.reason})`}`;
  if (now.text !== facts.original) return 'not written: it changed after it was read';
  try {
    const w = await atomicWrite(real, Buffer.from(facts.newText!, 'utf8'), read.identity, { backup: options.backup, hooks: options.writeHooks });
    outcome.written = !w.alreadyFixed;
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The state of a run over `options.paths`. */
export function runStateFor(options: ScanOptions): RunState {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths?.length ? options.paths : ['.'];
  return { folderCache: new Map(), roots: paths.map((p) => path.resolve(cwd, p)), rootCache: {} };
}

/** A batch of files for a worker thread (src/file-worker.ts). @internal */
export interface FileWorkerRequest {
  id: number;
  files: FoundFile[];
}

/** A worker's results for one batch, in the batch's order. @internal */
export interface FileWorkerResponse {
  id: number;
  results: FileResult[];
}

/** Files per batch handed to a worker thread: big enough to amortise a message, small enough to keep both cores busy to the end. */
const BATCH = 24;

/** Below this many files one thread does it all (starting a worker costs more than it saves). */
const PARALLEL_MIN_FILES = 96;

/** The options a worker thread can be given (functions and signals stay here). */
function workerOptions(options: ScanOptions): ScanOptions {
  const { onFile, onLabelProgress, signal, writeHooks, ...rest } = options;
  return rest;
}

/**
 * The compiled worker script next to this module (dist/src/file-worker.js, or dist/bin/ beside
 * the bundled command line), when there is one: not under ts-jest, which runs src/*.ts.
 */
function workerScript(): URL | undefined {
  const url = new URL('./file-worker.js', import.meta.url);
  return url.protocol === 'file:' && !import.meta.url.endsWith('.ts') && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** processFile, with an unexpected exception turned into an internal error; undefined when stopped by Ctrl-C (the file is not done). */
async function processOrReport(f: FoundFile, options: ScanOptions, state: RunState): Promise<FileResult | undefined> {
  try {
    return await processFile(f, options, state);
  } catch (e) {
    if (options.signal?.aborted) return undefined;
    return internalError(f, e);
  }
}

/** Files checked at once on one thread: their folder listings and header reads overlap (the checks themselves run one at a time). */
const IN_FLIGHT = 8;

/**
 * Process `files` on this thread, several at once (IN_FLIGHT; one at a time with `labels`,
 * whose scan has threads of its own), each result passed to `deliver` in file order. When
 * `signal` stops the run, no file is started any more, the ones under way finish and are
 * delivered (a file written is reported), and it returns false.
 */
export async function processInOrder(
  files: readonly FoundFile[],
  options: ScanOptions,
  state: RunState,
  deliver: (r: FileResult) => void | Promise<void>,
): Promise<boolean> {
  const window = options.labels ? 1 : IN_FLIGHT;
  const pending: Promise<FileResult | undefined>[] = [];
  let next = 0;
  let stopped = false;
  const fill = () => {
    while (pending.length < window && next < files.length) {
      if (options.signal?.aborted) {
        stopped = true;
        return;
      }
      pending.push(processOrReport(files[next++]!, options, state));
    }
  };
  fill();
  while (pending.length) {
    const r = await pending.shift()!;
    if (r) await deliver(r);
    else stopped = true;
    if (!stopped) fill();
    // let Ctrl-C in between files (reads of small files can all complete without a turn of the loop)
    if (options.signal) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return !stopped;
}

/**
 * Process `files` in order on this thread and, for a big batch, on worker threads too (both
 * cores): batches are handed out as threads free up, and results are passed to `deliver` in
 * file order (a batch finished early waits for the ones before it: at most one batch per
 * thread is held). Returns false when stopped by `signal` (what was done is delivered).
 */
async function processAll(files: FoundFile[], options: ScanOptions, state: RunState, deliver: (r: FileResult) => Promise<void>): Promise<boolean> {
  // By default one core is left to V8's garbage collector, whose helper threads already keep a
  // second core busy while this thread parses and checks: on 2 cores a worker thread made the
  // JSON pass no faster (both threads slowed to half speed) and cost 70 MB (npm run bench).
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism() - 1, 8));
  const script = workerScript();
  const parallel = script && jobs > 1 && files.length >= PARALLEL_MIN_FILES && !options.labels && !options.rules && !options.writeHooks;
  if (!parallel) return processInOrder(files, options, state, deliver);

  const batches: FoundFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const done = new Map<number, FileResult[]>();
  let next = 0; // next batch to hand out
  let flushed = 0; // next batch to deliver
  const flush = async () => {
    while (done.has(flushed)) {
      const results = done.get(flushed)!;
      done.delete(flushed++);
      for (const r of results) await deliver(r);
    }
  };
  const take = () => (options.signal?.aborted || next >= batches.length ? undefined : next++);

  const workers = Array.from({ length: jobs - 1 }, () => new Worker(script, { workerData: { options: workerOptions(options) } }));
  // Each worker holds a second batch in its queue: it starts on it at once instead of idling
  // until this thread, busy with a batch of its own, hands out the next one.
  const onWorker = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const give = () => {
        const id = take();
        if (id === undefined) {
          if (inFlight === 0) resolve();
          return;
        }
        inFlight++;
        w.postMessage({ id, files: batches[id]! } satisfies FileWorkerRequest);
      };
      w.on('message', (res: FileWorkerResponse) => {
        inFlight--;
        done.set(res.id, res.results);
        flush().then(give, reject);
      });
      w.on('error', reject);
      give();
      give();
    });
  const onMain = async () => {
    for (let id = take(); id !== undefined; id = take()) {
      const results: FileResult[] = [];
      await processInOrder(batches[id]!, options, state, (r) => {
        results.push(r);
      });
      done.set(id, results);
      await flush();
      await new Promise<void>((r) => setImmediate(r));
    }
  };
  try {
    await Promise.all([onMain(), ...workers.map(onWorker)]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  await flush();
  return flushed === batches.length;
}

/**
 * The discovered files less the preprocessed copies (NNU307) of other discovered datasets:
 * naming nnUNet_raw and nnUNet_preprocessed together finds both, and a copy must get one
 * treatment, one diff: its raw dataset's copy step, which repairs it with the raw folder's
 * facts too (a numTraining only the images tell). Only a raw dataset with an image folder has
 * a copy step.
 */
async function withoutCopies(files: FoundFile[], options: ScanOptions): Promise<FoundFile[]> {
  // a copy lives in a folder of the same name as its dataset's: only those pairs cost a system call
  const byName = new Map<string, FoundFile[]>();
  for (const f of files) {
    const name = path.basename(path.dirname(f.absPath));
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const copies = new Set<FoundFile>();
  for (const f of files) {
    const dir = path.dirname(f.absPath);
    const others = byName.get(path.basename(dir))!.filter((g) => g !== f);
    if (!others.length) continue;
    const where = await fsp.realpath(preprocessedCopyPath(path, dir, { preprocessedRoot: options.preprocessedRoot, env: process.env })).catch(() => undefined);
    const copy = others.find((g) => g.realPath === where);
    if (!copy) continue;
    const hasImages = await Promise.all(
      ['imagesTr', 'labelsTr'].map((sub) =>
        fsp.stat(path.join(dir, sub)).then(
          (s) => s.isDirectory(),
          () => false,
        ),
      ),
    );
    if (hasImages.some(Boolean)) copies.add(copy);
  }
  return copies.size ? files.filter((f) => !copies.has(f)) : files;
}

/**
 * Discover every dataset.json under the paths, then check (and fix) each, handing each
 * result to `onFile` in path order as soon as it is ready. Returns the run's facts without
 * the per-file results (see {@link scan} for those).
 */
export async function scanEach(options: ScanOptions, onFile: (result: FileResult) => void | Promise<void>): Promise<Omit<ScanResult, 'files'>> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths?.length ? options.paths : ['.'];
  testEvent('scan-start');
  const found = await discover(paths, { cwd, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH });
  const files = options.folderChecks === false ? found.files : await withoutCopies(found.files, options);
  const complete = await processAll(files, options, runStateFor(options), async (res) => {
    testEvent('file-done', res.path);
    await onFile(res);
    await options.onFile?.(res);
  });
  return { missing: found.missing, errors: found.errors, fix: !!options.fix, ...(complete ? {} : { interrupted: true }) };
}

/** Discover every dataset.json under the paths, then check (and fix) each; all results at once. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const files: FileResult[] = [];
  const rest = await scanEach(options, (r) => {
    files.push(r);
  });
  return { files, ...rest };
}

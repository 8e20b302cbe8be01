/**
 * `nnunet-doctor remap`: apply value changes a person decided (`--map 4:3`) to the
 * segmentations of a dataset (its labelsTr) or to chosen label files; dry run by
 * default, `fix: true` writes. When the mapping changes what `labels` must declare,
 * dataset.json is updated in the same run (src/repair/labels-update.ts), after every
 * segmentation of its dataset is written; when that update is impossible the dataset
 * is refused before any file is touched.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { collectContentFacts } from './content.js';
import type { ContentFacts } from './content-facts.js';
import { decodeBytes, parseDocument } from './document.js';
import { displayPath } from './discover.js';
import { isAbortError, scanFiles } from './images/index.js';
import { lastProperty } from './kind.js';
import { unifiedDiff } from './diff.js';
import { readDatasetFile } from './read.js';
import { applySegmentationRepairs, cleanRepairLeftovers, type RepairResult } from './repair/apply.js';
import type { RepairHooks } from './repair/commit.js';
import { planLabelsUpdate } from './repair/labels-update.js';
import { asRead, formatValue, totalCounts, type CountDelta, type ValueChange } from './repair/model.js';
import { planRemap, type SegmentationRepairPlan } from './repair/plan.js';
import { atomicWrite, cleanStaleTemps, isInsideRoots, WriteError } from './write.js';
import { UsageError } from './usage.js';

/** Options of {@link remap}. */
export interface RemapOptions {
  /** Dataset folders (or their labelsTr) and/or label files. */
  paths: string[];
  /** The value changes, in values as nnU-Net reads them. */
  map: ValueChange[];
  /** Write (default: dry run). */
  fix?: boolean;
  /** Keep `<name>.bak` next to every file written. */
  backup?: boolean;
  /** Allow a mapping that merges two declared classes. */
  allowMerge?: boolean;
  /** Files read and written at once (default: available parallelism). */
  jobs?: number;
  cwd?: string;
  signal?: AbortSignal;
  /** Test hooks for the segmentation writes. */
  hooks?: RepairHooks;
}

/** One segmentation in a remap. */
export interface RemapFile {
  /** As shown (relative to the current folder when inside it). */
  path: string;
  absPath: string;
  /** `change`: the mapping changes it; `unchanged`: no value to change; `unsupported`: cannot be rewritten; `unreadable`: the scan failed. */
  action: 'change' | 'unchanged' | 'unsupported' | 'unreadable';
  plan?: SegmentationRepairPlan;
  /** Why it cannot be read or rewritten. */
  message?: string;
  /** The write's outcome (with `fix`). */
  result?: RepairResult;
}

/** The dataset.json of a remapped dataset. */
interface RemapDatasetJson {
  path: string;
  action: 'none' | 'update' | 'refuse' | 'missing';
  message: string;
  diff?: string;
  written?: boolean;
  error?: string;
}

/** One dataset (or the group of chosen files outside any dataset). */
export interface RemapDataset {
  /** The dataset folder as shown, or '' for files outside a dataset. */
  dataset: string;
  datasetJson?: RemapDatasetJson;
  /** Set when the dataset was refused before any write. */
  refused?: string;
  files: RemapFile[];
  /** Voxels per value over the dataset, before and after. */
  total: CountDelta[];
  /** Notes: values of the mapping found nowhere, values left undeclared. */
  warnings: string[];
}

/** What {@link remap} returns. */
export interface RemapResult {
  fix: boolean;
  map: ValueChange[];
  datasets: RemapDataset[];
  /** Named paths that do not exist. */
  missing: string[];
  /** Named paths that are no dataset and no label file, with why. */
  errors: { path: string; message: string }[];
  interrupted?: boolean;
}

/**
 * Parses `--map` values: `FROM:TO`, repeated or comma-separated. FROM is any number
 * (a value as nnU-Net reads it, `0.99999994` included); TO a non-negative integer.
 */
export function parseMaps(values: readonly string[]): ValueChange[] {
  const out: ValueChange[] = [];
  for (const item of values.flatMap((v) => v.split(','))) {
    const s = item.trim();
    if (!s) continue;
    const m = /^(-?[0-9.eE+-]+):([0-9]+)$/.exec(s);
    const from = m ? Number(m[1]) : NaN;
    const to = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(from) || !Number.isSafeInteger(to))
      throw new UsageError(`--map ${s}: expected FROM:TO, e.g. --map 4:3 (TO a label value: an integer >= 0)`);
    const prev = out.find((c) => asRead(c.from) === asRead(from));
    if (prev && prev.to !== to) throw new UsageError(`--map ${s}: ${formatValue(from)} is already mapped to ${prev.to}`);
    if (!prev && asRead(from) !== to) out.push({ from, to });
  }
  if (!out.length) throw new UsageError('--map: give at least one change FROM:TO with FROM != TO, e.g. --map 4:3');
  return out;
}

/** A dataset folder to remap (whole, or chosen files of it), or files outside any dataset. */
interface Target {
  /** The dataset folder (absolute); undefined for files outside a dataset. */
  datasetDir?: string;
  /** The whole labelsTr was named (the dataset folder or labelsTr itself). */
  whole: boolean;
  /** Chosen files (absolute). */
  files: Set<string>;
}

const isDir = (p: string) =>
  fsp.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** The dataset folder holding a label file (`<dataset>/labelsTr/<file>`), if any. */
function datasetOfFile(file: string): string | undefined {
  const dir = path.dirname(file);
  return path.basename(dir) === 'labelsTr' ? path.dirname(dir) : undefined;
}

/** Resolves the named paths to datasets and files; problems go to `result`. */
async function resolveTargets(paths: readonly string[], cwd: string, result: RemapResult): Promise<Target[]> {
  const targets = new Map<string, Target>();
  const target = (datasetDir: string | undefined) => {
    const key = datasetDir ?? '';
    if (!targets.has(key)) targets.set(key, { datasetDir, whole: false, files: new Set() });
    return targets.get(key)!;
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const st = await fsp.stat(abs).catch(() => undefined);
    if (!st) result.missing.push(p);
    else if (st.isFile()) target(datasetOfFile(abs)).files.add(abs);
    else if (!st.isDirectory()) result.errors.push({ path: p, message: 'is not a regular file or folder' });
    else if (await isDir(path.join(abs, 'labelsTr'))) target(abs).whole = true;
    else if (path.basename(abs) === 'labelsTr') target(path.dirname(abs)).whole = true;
    else {
      const names = (await fsp.readdir(abs).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
      const datasets: string[] = [];
      for (const n of names) if (await isDir(path.join(abs, n, 'labelsTr'))) datasets.push(n);
      result.errors.push({
        path: p,
        message: datasets.length
          ? `holds ${datasets.length} datasets (${datasets.slice(0, 3).join(', ')}${datasets.length > 3 ? ', ...' : ''}); remap applies one mapping: name the dataset folder(s) it is meant for`
          : 'is no dataset folder (no labelsTr in it) and no label file',
      });
    }
  }
  return [...targets.values()];
}

/** The file_ending dataset.json declares, when readable. */
function fileEndingOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const v: unknown = lastProperty(parseDocument(text).root, 'file_ending')?.children?.[1]?.value;
  return typeof v === 'string' ? v : undefined;
}

/** A scanned label file of a target. */
type Scanned = ContentFacts['files'][number] & { abs: string };

/** Scans the files of a target: all of labelsTr (as `--labels` selects them) or the chosen ones. */
async function scanTarget(t: Target, datasetJsonText: string | undefined, options: RemapOptions): Promise<Scanned[]> {
  if (t.datasetDir && t.whole) {
    const facts = await collectContentFacts(t.datasetDir, fileEndingOf(datasetJsonText), { jobs: options.jobs, signal: options.signal });
    return (facts?.files ?? []).map((f) => ({ ...f, abs: path.join(t.datasetDir!, 'labelsTr', f.name) }));
  }
  const files = [...t.files].sort();
  const results = await scanFiles(files, { jobs: options.jobs, signal: options.signal });
  return results.map((r, i) => ({ name: path.basename(files[i]!), abs: files[i]!, scan: r.result, error: r.error }));
}

/**
 * Plans (and with `fix`, applies) a remap over the named datasets and files.
 * Never throws for file problems: they are in the result. Throws UsageError for
 * an empty mapping.
 */
export async function remap(options: RemapOptions): Promise<RemapResult> {
  const cwd = options.cwd ?? process.cwd();
  const result: RemapResult = { fix: !!options.fix, map: options.map, datasets: [], missing: [], errors: [] };
  if (!options.map.length) throw new UsageError('--map: no value change given');
  const targets = await resolveTargets(options.paths, cwd, result);
  // containment: the named folders, and for a named file its folder (never a parent of a named folder)
  const roots = await Promise.all(
    options.paths.map(async (p) => {
      const abs = path.resolve(cwd, p);
      return (await isDir(abs)) ? abs : path.dirname(abs);
    }),
  );
  for (const t of targets) {
    if (options.signal?.aborted) return { ...result, interrupted: true };
    let planned;
    try {
      planned = await planDataset(t, options, cwd);
    } catch (e) {
      if (isAbortError(e)) return { ...result, interrupted: true }; // Ctrl-C while scanning
      throw e;
    }
    const { ds, newJson } = planned;
    result.datasets.push(ds);
    if (options.fix && !ds.refused) await applyDataset(ds, t, newJson, options, roots);
    if (options.signal?.aborted) return { ...result, interrupted: true };
  }
  return result;
}

/** Read, scan and plan one dataset; refuse it when the labels update is impossible. */
async function planDataset(t: Target, options: RemapOptions, cwd: string): Promise<{ ds: RemapDataset; newJson?: string }> {
  const ds: RemapDataset = { dataset: t.datasetDir ? displayPath(t.datasetDir, cwd) : '', files: [], total: [], warnings: [] };
  let jsonText: string | undefined;
  if (t.datasetDir) {
    const jsonPath = path.join(t.datasetDir, 'dataset.json');
    const read = await readDatasetFile(jsonPath);
    const decoded = read.ok ? decodeBytes(read.bytes) : undefined;
    if (decoded?.ok) jsonText = decoded.text;
    ds.datasetJson = {
      path: displayPath(jsonPath, cwd),
      action: 'missing',
      message: read.ok ? 'dataset.json is not UTF-8 text; labels not checked' : `no readable dataset.json (${read.reason}); labels not checked`,
    };
  }
  const scanned = await scanTarget(t, jsonText, options);
  const changes: SegmentationRepairPlan[] = [];
  for (const f of scanned) {
    const abs = f.abs;
    const file: RemapFile = { path: displayPath(abs, cwd), absPath: abs, action: 'unreadable' };
    if (!f.scan) {
      file.message = f.error?.message ?? 'not read';
      if (f.error?.kind === 'unsupported') file.action = 'unsupported';
    } else {
      file.plan = planRemap({ path: abs, display: file.path, scan: f.scan }, options.map);
      file.action = file.plan.applicability === 'none' ? 'unsupported' : file.plan.mapping.length ? 'change' : 'unchanged';
      if (file.action === 'unsupported') file.message = file.plan.description;
      if (file.action === 'change') changes.push(file.plan);
    }
    ds.files.push(file);
  }
  ds.total = totalCounts(ds.files.filter((f) => f.plan).map((f) => ({ before: f.plan!.before, after: f.plan!.after })));
  const seen = new Set(ds.total.filter((r) => r.before > 0).map((r) => asRead(r.value)));
  const unused = options.map.filter((c) => !seen.has(asRead(c.from)));
  if (unused.length) ds.warnings.push(`no file holds ${unused.map((c) => formatValue(c.from)).join(', ')}`);
  if (ds.files.some((f) => f.action === 'unreadable'))
    ds.warnings.push(`${ds.files.filter((f) => f.action === 'unreadable').length} file(s) could not be read; their values are not counted`);

  let newJson: string | undefined;
  if (ds.datasetJson && jsonText !== undefined) {
    const u = planLabelsUpdate(jsonText, options.map, { allowMerge: options.allowMerge });
    if (u.action === 'update' && !t.whole) {
      const message = `the mapping changes labels (${u.message.replace(/^labels: /, '')}), but only some files of the dataset were named: the others would no longer match; name the dataset folder to remap all of them`;
      ds.datasetJson = { ...ds.datasetJson, action: 'refuse', message };
      ds.refused = `${message}; nothing written`;
      return { ds };
    }
    if (u.action === 'refuse') {
      ds.datasetJson = { ...ds.datasetJson, action: 'refuse', message: u.message };
      ds.refused = `dataset.json: ${u.message}; nothing written`;
      return { ds };
    }
    ds.datasetJson = {
      ...ds.datasetJson,
      action: u.action,
      message: u.message,
      diff: u.action === 'update' ? unifiedDiff(ds.datasetJson.path, jsonText, u.text) : undefined,
    };
    newJson = u.action === 'update' ? u.text : undefined;
    const declared = new Set(u.declared);
    const undeclaredTargets = [...new Set(options.map.filter((c) => seen.has(asRead(c.from)) && !declared.has(c.to)).map((c) => c.to))];
    if (undeclaredTargets.length) {
      ds.refused = `${undeclaredTargets.join(', ')} ${undeclaredTargets.length === 1 ? 'is' : 'are'} not declared in labels: declare ${undeclaredTargets.length === 1 ? 'it' : 'them'} first or map to a declared value; nothing written`;
      return { ds };
    }
    const left = ds.total.filter((r) => r.after > 0 && !declared.has(asRead(r.value))).map((r) => formatValue(r.value));
    if (left.length) ds.warnings.push(`after the remap, labelsTr still holds undeclared value${left.length === 1 ? '' : 's'} ${left.join(', ')}`);
  }
  return { ds, newJson };
}

/** Writes the segmentations of a dataset, then its dataset.json when all of them succeeded. */
async function applyDataset(ds: RemapDataset, t: Target, newJson: string | undefined, options: RemapOptions, roots: string[]): Promise<void> {
  // leftovers of killed runs go, next to files this run does not change too
  await cleanRepairLeftovers(ds.files.map((f) => f.absPath));
  const plans = ds.files.filter((f) => f.action === 'change').map((f) => f.plan!);
  const results = await applySegmentationRepairs(plans, { backup: options.backup, roots, jobs: options.jobs, signal: options.signal, hooks: options.hooks });
  const byPath = new Map(results.map((r) => [r.path, r]));
  for (const f of ds.files) if (byPath.has(f.absPath)) f.result = byPath.get(f.absPath);
  const json = ds.datasetJson;
  if (!json || json.action !== 'update' || newJson === undefined || !t.datasetDir) return;
  const failed = results.filter((r) => r.status !== 'written' && r.status !== 'unchanged' && r.status !== 'already-fixed').length;
  if (failed) {
    json.error = `not updated: ${failed} segmentation${failed === 1 ? ' was' : 's were'} not written; run again once ${failed === 1 ? 'it is' : 'they are'} fixed`;
    return;
  }
  const file = path.join(t.datasetDir, 'dataset.json');
  const real = await fsp.realpath(file).catch(() => file);
  if (!(await isInsideRoots(real, roots))) {
    json.error = `not written: its real location ${real} is outside the folders you named`;
    return;
  }
  await cleanStaleTemps(path.dirname(real), path.basename(real));
  const read = await readDatasetFile(real);
  const decoded = read.ok ? decodeBytes(read.bytes) : undefined;
  const again = decoded?.ok ? planLabelsUpdate(decoded.text, options.map, { allowMerge: options.allowMerge }) : undefined;
  if (!read.ok || again?.action !== 'update' || again.text !== newJson) {
    json.error = 'not written: it changed after it was read; run again';
    return;
  }
  try {
    const w = await atomicWrite(real, Buffer.from(newJson, 'utf8'), read.identity, { backup: options.backup });
    json.written = !w.alreadyFixed;
  } catch (e) {
    json.error = e instanceof WriteError ? e.message : `not written: ${(e as Error).message}`;
  }
}

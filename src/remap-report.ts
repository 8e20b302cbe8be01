/**
 * Reports of `nnunet-doctor remap` (pure): text for people, JSON for programs (the same
 * facts: per file the value changes and voxel counts before -> after, the dataset total,
 * the dataset.json edit), and the exit code.
 */
import type { Palette } from './diff.js';
import type { RemapDataset, RemapFile, RemapResult } from './remap.js';
import { effectiveChanges, formatChange, formatCount, formatValue, type CountDelta } from './repair/model.js';
import { plural } from './words.js';

/** Colours used by the text report (picocolors' shape; identity functions for none). */
type RemapPalette = Pick<Palette, 'bold' | 'red' | 'yellow' | 'green' | 'dim'>;

/** A count with thousands separators and its noun: `1 voxel`, `1,234 voxels`. */
const counted = (n: number, word: string) => plural(n, word, `${word}s`, formatCount(n));

/** The changes of a file with their voxel counts (empty when it has none). */
function changesOf(f: RemapFile) {
  return f.plan ? effectiveChanges(f.plan.before, f.plan.mapping) : [];
}

/** `4 -> 3: 1,234 voxels (3: 0 -> 1,234; 4: 1,234 -> 0)`. */
function describeFile(f: RemapFile): string {
  const changes = changesOf(f);
  const touched = new Set(changes.flatMap((c) => [c.from, c.to]));
  const count = (list: { value: number; count: number }[], v: number) => list.find((x) => x.value === v)?.count ?? 0;
  const counts = [...touched]
    .sort((a, b) => a - b)
    .map((v) => `${formatValue(v)}: ${formatCount(count(f.plan!.before, v))} -> ${formatCount(count(f.plan!.after, v))}`);
  const header = f.plan?.headerChanges.length ? `; header: ${f.plan.headerChanges.map((h) => `${h.field} ${h.from} -> ${h.to}`).join(', ')}` : '';
  return `${changes.map((c) => `${formatChange(c)}: ${counted(c.voxels, 'voxel')}`).join(', ')} (${counts.join('; ')})${header}`;
}

/** The status word of a changed file. */
function status(f: RemapFile, fix: boolean, c: RemapPalette): string {
  const r = f.result;
  if (!fix || !r) return c.yellow('would change');
  if (r.status === 'written') return c.green('changed');
  if (r.status === 'already-fixed') return c.green('already changed');
  if (r.status === 'unchanged') return 'unchanged';
  return c.red(r.status === 'interrupted' ? 'interrupted' : 'error');
}

function totalTable(rows: CountDelta[], verbose: boolean): string[] {
  const shown = verbose ? rows : rows.filter((r) => r.before !== r.after);
  if (!shown.length) return [];
  const w = Math.max(5, ...shown.map((r) => formatValue(r.value).length));
  const cw = Math.max(6, ...shown.flatMap((r) => [formatCount(r.before).length, formatCount(r.after).length]));
  return [
    `  dataset total (voxels${verbose ? '' : ' of the values that change'}):`,
    `    ${'value'.padStart(w)}  ${'before'.padStart(cw)}  ${'after'.padStart(cw)}`,
    ...shown.map((r) => `    ${formatValue(r.value).padStart(w)}  ${formatCount(r.before).padStart(cw)}  ${formatCount(r.after).padStart(cw)}`),
  ];
}

function datasetText(ds: RemapDataset, result: RemapResult, verbose: boolean, c: RemapPalette): string[] {
  const lines: string[] = [];
  const changing = ds.files.filter((f) => f.action === 'change');
  lines.push(
    c.bold(
      `${ds.dataset || '(files outside a dataset)'}: --map ${result.map.map((m) => `${formatValue(m.from)}:${m.to}`).join(' --map ')} over ${counted(ds.files.length, 'file')}`,
    ),
  );
  if (ds.refused) lines.push(`  ${c.red('refused')}: ${ds.refused}`);
  for (const f of ds.files) {
    if (f.action === 'change') {
      const r = f.result;
      const tail = r && (r.status === 'error' || r.status === 'interrupted') ? `: ${r.message}` : r?.backupPath ? ` (backup: ${r.backupPath})` : '';
      lines.push(`  ${status(f, result.fix && !ds.refused, c)} ${f.path} (${f.plan!.datatype}): ${describeFile(f)}${tail}`);
    } else if (f.action === 'unsupported' || f.action === 'unreadable') {
      lines.push(`  ${c.red(f.action === 'unsupported' ? 'not supported' : 'unreadable')} ${f.path}: ${f.message}`);
    } else if (verbose) {
      lines.push(c.dim(`  unchanged ${f.path}: no value to change`));
    }
  }
  const unchanged = ds.files.filter((f) => f.action === 'unchanged').length;
  if (unchanged && !verbose) lines.push(c.dim(`  ${counted(unchanged, 'file')} without a value to change (--verbose lists them)`));
  lines.push(...totalTable(ds.total, verbose));
  const j = ds.datasetJson;
  if (j) {
    const state = j.error
      ? c.red(j.error)
      : j.written
        ? c.green('written')
        : j.action === 'update'
          ? result.fix && !ds.refused
            ? 'unchanged'
            : c.yellow('would change')
          : '';
    lines.push(`  ${j.path}: ${j.message}${state ? ` (${state})` : ''}`);
    if (j.diff && !(result.fix && j.written))
      lines.push(
        ...j.diff
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`),
      );
  }
  for (const w of ds.warnings) lines.push(`  ${c.yellow('note')}: ${w}`);
  if (!changing.length && !ds.refused && ds.files.every((f) => f.action === 'unchanged')) lines.push('  nothing to change');
  return lines;
}

/** The text report. */
export function formatRemapText(result: RemapResult, opts: { verbose?: boolean; colors: RemapPalette }): string {
  const c = opts.colors;
  const lines: string[] = [];
  for (const m of result.missing) lines.push(`${c.red('error')}: ${m}: no such file or folder`);
  for (const e of result.errors) lines.push(`${c.red('error')}: ${e.path} ${e.message}`);
  for (const ds of result.datasets) lines.push(...datasetText(ds, result, !!opts.verbose, c), '');
  const s = remapSummary(result);
  if (result.interrupted) lines.push(c.red('interrupted: the files listed as changed were written; nothing else'));
  const blocked = s.failed ? `${c.red(counted(s.failed, 'file'))} cannot be read or rewritten (see above)` : '';
  if (s.refused) {
    // a refused dataset is not a dry run that --fix would carry out: say what to change instead
    lines.push(
      `${c.red(`Refused for ${counted(s.refused, 'dataset')}`)} (see above): nothing was written, and --fix would not write ${s.refused === result.datasets.length ? 'anything' : 'those datasets'}.`,
    );
  } else if (!s.changing && !s.jsonUpdates) {
    lines.push(blocked ? `${blocked}; nothing was written.` : 'Nothing to change.');
  } else if (!result.fix) {
    lines.push(
      `Dry run: ${counted(s.changing, 'file')} would change (${counted(s.voxels, 'voxel')})${s.jsonUpdates ? ` and ${counted(s.jsonUpdates, 'dataset.json')}` : ''}${blocked ? `; ${blocked}` : ''}; nothing was written. Run again with --fix to write.`,
    );
  } else {
    lines.push(
      `Changed ${counted(s.written, 'file')} (${counted(s.writtenVoxels, 'voxel')})${s.jsonWritten ? ` and ${counted(s.jsonWritten, 'dataset.json')}` : ''}${s.failed ? `; ${c.red(counted(s.failed, 'file'))} not written` : ''}.`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Totals over a remap. */
interface RemapSummary {
  /** Files the mapping changes. */
  changing: number;
  /** Voxels they change. */
  voxels: number;
  written: number;
  writtenVoxels: number;
  /** Files not written (errors, interrupted) or that cannot be rewritten. */
  failed: number;
  jsonUpdates: number;
  jsonWritten: number;
  refused: number;
}

/** Totals over a remap, for the summary line, JSON and the exit code. */
function remapSummary(result: RemapResult): RemapSummary {
  const s: RemapSummary = { changing: 0, voxels: 0, written: 0, writtenVoxels: 0, failed: 0, jsonUpdates: 0, jsonWritten: 0, refused: 0 };
  for (const ds of result.datasets) {
    if (ds.refused) s.refused++;
    if (ds.datasetJson?.action === 'update') s.jsonUpdates++;
    if (ds.datasetJson?.written) s.jsonWritten++;
    if (ds.datasetJson?.error) s.failed++;
    for (const f of ds.files) {
      const voxels = changesOf(f).reduce((a, x) => a + x.voxels, 0);
      if (f.action === 'unsupported' || f.action === 'unreadable') s.failed++;
      if (f.action !== 'change') continue;
      s.changing++;
      s.voxels += voxels;
      if (f.result?.status === 'written') {
        s.written++;
        s.writtenVoxels += voxels;
      } else if (f.result && f.result.status !== 'already-fixed' && f.result.status !== 'unchanged') s.failed++;
    }
  }
  return s;
}

/**
 * Exit code: 2 when a dataset was refused or a named path was missing or no dataset
 * (nothing was done there), 1 when some file could not be read, rewritten or written,
 * 0 otherwise (a dry run with changes to make included).
 */
export function remapExitCode(result: RemapResult): 0 | 1 | 2 {
  const s = remapSummary(result);
  if (s.refused || result.missing.length || result.errors.length || result.interrupted) return 2;
  return s.failed ? 1 : 0;
}

/** The JSON report (`--format json`, version 1). */
export function formatRemapJson(result: RemapResult): string {
  const s = remapSummary(result);
  const doc = {
    version: 1,
    command: 'remap',
    fix: result.fix,
    map: result.map,
    missing: result.missing,
    errors: result.errors,
    interrupted: !!result.interrupted,
    datasets: result.datasets.map((ds) => ({
      dataset: ds.dataset,
      refused: ds.refused ?? null,
      warnings: ds.warnings,
      datasetJson: ds.datasetJson ?? null,
      total: ds.total,
      files: ds.files.map((f) => ({
        path: f.path,
        action: f.action,
        format: f.plan?.format ?? null,
        datatype: f.plan?.datatype ?? null,
        changes: changesOf(f),
        before: f.plan?.before ?? null,
        after: f.plan?.after ?? null,
        headerChanges: f.plan?.headerChanges ?? [],
        message: f.message ?? f.result?.message ?? null,
        status: f.action !== 'change' ? f.action : (f.result?.status ?? (result.fix ? 'not-written' : 'would-write')),
        backupPath: f.result?.backupPath ?? null,
      })),
    })),
    summary: s,
    exitCode: remapExitCode(result),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

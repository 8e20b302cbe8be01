/**
 * The human report: one line per problem (`path:line:col  CODE  message  [fixable]`),
 * then the unified diff of what --fix writes or would write, then a one-line summary
 * and a hint for the next command, in the manner of ruff and eslint.
 */
import type { FileResult, ScanResult } from '../run.js';
import type { Summary } from '../summary.js';
import type { Diagnostic } from '../types.js';
import { colorizeDiff, type Palette } from '../diff.js';

export interface TextOptions {
  colors: Palette;
  /** Colours on: diffs are coloured and a CR shows as ␍ (else diffs are printed byte for byte). */
  colorEnabled: boolean;
  unsafeFixes: boolean;
  /** Show the diffs (default true). */
  showDiff?: boolean;
  /** Only errors (and the summary). */
  quiet?: boolean;
  /** More detail (per-file tables). */
  verbose?: boolean;
  /** Extra hints for the summary (e.g. how to turn on --labels). */
  hints?: string[];
}

function tag(d: Diagnostic, fixMode: boolean, unsafe: boolean, c: Palette): string {
  if (d.fix.applied) return c.green(fixMode ? '[fixed]' : '[fixable]');
  if (d.fix.applicability === 'safe') return c.green('[fixable]');
  if (d.fix.applicability === 'unsafe') return unsafe ? c.green('[fixable]') : c.yellow('[unsafe fix: --unsafe-fixes]');
  return '';
}

function severityColor(d: Diagnostic, c: Palette): (s: string) => string {
  return d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.dim;
}

/** The diagnostics of one file to show: the input's, then anything new left after fixing. */
export function diagnosticsToShow(f: FileResult): Diagnostic[] {
  const seen = new Set(f.diagnostics.map((d) => d.key));
  return [...f.diagnostics, ...f.remaining.filter((d) => !seen.has(d.key))];
}

export function formatFileLines(f: FileResult, result: ScanResult, o: TextOptions): string[] {
  const c = o.colors;
  const lines: string[] = [];
  if (f.error) lines.push(`${c.bold(f.path)}: ${c.red(f.error.kind === 'internal' ? 'internal error' : 'error')}: ${f.error.message}`);
  if (typeof f.extra?.note === 'string') lines.push(`${c.bold(f.path)}: ${c.dim(f.extra.note)}`);
  const copy = f.preprocessedCopy;
  if (copy?.error) lines.push(`${c.bold(copy.path)}: ${c.red('error')}: preprocessed copy ${copy.error}`);
  else if (copy?.written) lines.push(`${c.bold(copy.path)}: preprocessed copy repaired with the same edits (NNU307)`);
  for (const d of diagnosticsToShow(f)) {
    if (o.quiet && d.severity !== 'error') continue;
    const t = tag(d, result.fix, o.unsafeFixes, c);
    lines.push(`${c.bold(`${f.path}:${d.line}:${d.column}`)}  ${severityColor(d, c)(d.code)}  ${d.message}${t ? `  ${t}` : ''}`);
  }
  return lines;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatSummary(s: Summary, result: ScanResult, o: TextOptions): string {
  const c = o.colors;
  const parts = [plural(s.files, 'file')];
  if (s.skipped) parts.push(`${s.skipped} skipped (not nnU-Net)`);
  if (result.fix) {
    parts.push(`${plural(s.fixed, 'problem')} fixed in ${plural(s.written, 'file')}`);
    parts.push(s.remaining ? c.red(`${s.remaining} remaining`) : c.green('0 remaining'));
    if (s.unsafeFixable) parts.push(`${s.unsafeFixable} more with --unsafe-fixes`);
  } else {
    parts.push(`${s.withProblems} with problems`);
    parts.push(`${s.fixable} fixable with --fix`);
    if (s.unsafeFixable || !o.unsafeFixes) parts.push(`${s.unsafeFixable} with --unsafe-fixes`);
    parts.push(`${s.needYou} need you`);
  }
  if (s.ioErrors) parts.push(c.red(`${plural(s.ioErrors, 'file')} not readable/writable`));
  if (s.internalErrors) parts.push(c.red(`${s.internalErrors} internal error${s.internalErrors === 1 ? '' : 's'}`));
  const lines = [parts.join(' · ')];
  if (!result.fix && s.changed) lines.push(c.dim(`Nothing was written. Run with --fix to apply ${plural(s.fixable, 'fix', 'fixes')}${s.unsafeFixable ? ` (--unsafe-fixes for ${s.unsafeFixable} more)` : ''}.`));
  else if (!result.fix && s.unsafeFixable) lines.push(c.dim(`${plural(s.unsafeFixable, 'fix', 'fixes')} available with --fix --unsafe-fixes.`));
  for (const h of o.hints ?? []) lines.push(c.dim(h));
  return lines.join('\n');
}

export function formatText(result: ScanResult, s: Summary, o: TextOptions): string {
  const c = o.colors;
  const out: string[] = [];
  for (const m of result.missing) out.push(`${c.bold(m)}: ${c.red('error')}: no such file or folder`);
  for (const e of result.errors) out.push(`${c.bold(e.path)}: ${c.red('error')}: ${e.message}`);
  for (const f of result.files) out.push(...formatFileLines(f, result, o));
  if (o.verbose) for (const f of result.files) out.push(...formatLabelTable(f, c));
  const diffs = o.showDiff === false ? [] : result.files.filter((f) => f.diff && (result.fix ? f.written : true)).map((f) => f.diff);
  let text = out.length ? out.join('\n') + '\n' : '';
  if (diffs.length) text += '\n' + diffs.map((d) => (o.colorEnabled ? colorizeDiff(d, c) : d)).join('') + '\n';
  const hints = [...(o.hints ?? [])];
  if (!result.files.length && !result.missing.length && !result.errors.length) hints.push('No dataset.json found: name a dataset.json, a dataset folder or nnUNet_raw, or search deeper with --max-depth (image folders are never searched).');
  if (result.files.some((f) => f.extra?.labelsNotScanned)) hints.push('Label values in labelsTr were not checked: add --labels to read every segmentation (NNU401-NNU404).');
  text += formatSummary(s, result, { ...o, hints }) + '\n';
  return text;
}

/** `--verbose` with `--labels`: value -> voxels and files, per dataset. */
export function formatLabelTable(f: FileResult, c: Palette): string[] {
  const rows = f.extra?.labelTable as { value: number; voxels: number; files: number }[] | undefined;
  if (!rows) return [];
  const lines = [c.bold(`${f.path}: label values in ${String(f.extra?.labelFilesScanned ?? '?')} segmentation files`), '  value        voxels  files'];
  for (const r of rows) lines.push(`  ${String(r.value).padStart(5)}  ${String(r.voxels).padStart(12)}  ${String(r.files).padStart(5)}`);
  return lines;
}

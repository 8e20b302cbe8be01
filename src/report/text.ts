/**
 * The human report, in ruff's shape and streamed file by file:
 *
 *     Dataset001_Liver/dataset.json:5:15: NNU102 labels are inverted: "0": "background" (v1/MSD style) [fixable]
 *       nnU-Net: stops with "Background label not declared (remember that this should be label 0!)"
 *       help: --fix writes "background": 0, "liver": 1
 *
 * One short line per problem; below it, for errors (and with `--verbose` for everything),
 * what nnU-Net says and what the fix does (`--concise` hides them). Then the file's diff,
 * with lines longer than the terminal cut (the `--diff` output itself is never cut). At the
 * end a summary, `--statistics` a table by rule, and a hint for the next command.
 */
import type { FileResult } from '../run.js';
import type { Summary } from '../summary.js';
import type { Diagnostic } from '../types.js';
import { colorizeDiff, type Palette } from '../diff.js';
import { plural } from '../words.js';
import type { Reporter } from './reporter.js';

export interface TextOptions {
  colors: Palette;
  /** Colours on: diffs are coloured and a CR shows as ␍ (else diffs are printed byte for byte). */
  colorEnabled: boolean;
  unsafeFixes: boolean;
  /** Show the diffs (default true). */
  showDiff?: boolean;
  /** Only errors (and the summary). */
  quiet?: boolean;
  /** More detail: help lines for warnings too, the label value table of `--labels`. */
  verbose?: boolean;
  /** One line per problem, no help lines (`--concise`). */
  concise?: boolean;
  /** A table of counts by rule at the end (`--statistics`). */
  statistics?: boolean;
  /** Width to cut diff lines at (the terminal's; default 200). */
  width?: number;
  /** On a terminal, its width: problem, help and summary lines are wrapped between words to it (a pipe or a file gets one line each). */
  wrap?: number;
  /** Extra hints for the summary. */
  hints?: string[];
  /** `--fix -`: the fixed text went to standard output, nothing to disk (the summary says so). */
  fixedToStdout?: boolean;
}

function tag(d: Diagnostic, fixMode: boolean, c: Palette): string {
  if (fixMode) {
    if (d.fix.applied) return c.green('[fixed]');
    if (d.fix.available) return c.red('[not written]');
  } else if (d.fix.available) return c.green('[fixable]');
  if (d.fix.unsafeAvailable) return c.yellow('[fixable with --unsafe-fixes]');
  return '';
}

function severityColor(d: Diagnostic, c: Palette): (s: string) => string {
  return d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.dim;
}

/** The diagnostics of one file to show: the input's, then anything new left after fixing. */
function diagnosticsToShow(f: FileResult): Diagnostic[] {
  const seen = new Set(f.diagnostics.map((d) => d.key));
  return [...f.diagnostics, ...f.remaining.filter((d) => !seen.has(d.key))];
}

// eslint-disable-next-line no-control-regex -- the escape sequences of colours, which take no columns
const ANSI = /\x1b\[[0-9;]*m/g;
const columnsOf = (s: string) => s.replace(ANSI, '').length;

/**
 * Wrap a line between words to `width` columns (colour codes take none); the lines after the
 * first start with `indent`. A word longer than the width (a path) stays whole.
 */
export function wrapLine(line: string, width: number, indent: string): string[] {
  if (columnsOf(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  const out: string[] = [];
  let cur = lead;
  let used = lead.length;
  let start = lead.length;
  for (const word of line.slice(lead.length).split(' ')) {
    const w = columnsOf(word);
    if (used > start && used + 1 + w > width) {
      out.push(cur);
      cur = indent + word;
      used = start = indent.length;
      used += w;
    } else {
      cur += (used > start ? ' ' : '') + word;
      used += (used > start ? 1 : 0) + w;
    }
  }
  out.push(cur);
  return out;
}

/** wrapLine over lines, when there is a width to wrap to. */
function wrapAll(lines: string[], width: number | undefined, indent: string): string[] {
  return width ? lines.flatMap((l) => wrapLine(l, width, indent)) : lines;
}

/** Cut a line to `width` characters with a marker saying how much was cut. */
function cutLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const marker = ` … [${line.length - width + 0} more characters]`;
  return line.slice(0, Math.max(20, width - marker.length)) + marker;
}

/** A diff for the screen: long lines cut (a one-line MSD `training` list is 150,000 characters), colour on a terminal. */
function displayDiff(diff: string, o: Pick<TextOptions, 'colorEnabled' | 'colors' | 'width'>): string {
  const width = o.width ?? 200;
  const cut = diff
    .split('\n')
    .map((l) => (l.length > width ? cutLine(l.endsWith('\r') ? l.slice(0, -1) : l, width) + (l.endsWith('\r') ? '\r' : '') : l))
    .join('\n');
  return o.colorEnabled ? colorizeDiff(cut, o.colors) : cut;
}

/**
 * A path as one line of the report: a name holding a line break, a tab or another control
 * character (they exist: nnunet-doctor finds such folders) is printed quoted with escapes, as
 * git does, so one problem stays one line.
 */
function shownPath(p: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  return /[\x00-\x1f\x7f]/.test(p) ? JSON.stringify(p) : p;
}

/** The lines of one file: its errors, then each problem with its help lines. */
function formatFileLines(f: FileResult, fixMode: boolean, o: TextOptions): string[] {
  const c = o.colors;
  const lines: string[] = [];
  f = {
    ...f,
    path: shownPath(f.path),
    ...(f.preprocessedCopy ? { preprocessedCopy: { ...f.preprocessedCopy, path: shownPath(f.preprocessedCopy.path) } } : {}),
  };
  if (f.error) lines.push(`${c.bold(f.path)}: ${c.red(f.error.kind === 'internal' ? 'internal error' : 'error')}: ${f.error.message}`);
  if (typeof f.extra?.note === 'string') lines.push(`${c.bold(f.path)}: ${c.dim(f.extra.note)}`);
  const copy = f.preprocessedCopy;
  if (copy?.error) lines.push(`${c.bold(copy.path)}: ${c.red('error')}: preprocessed copy ${copy.error}`);
  else if (copy?.written) lines.push(`${c.bold(copy.path)}: preprocessed copy written with the same repairs (NNU307)`);
  for (const x of f.segmentations ?? []) {
    const where = c.bold(shownPath(x.path));
    if (x.status === 'written') lines.push(`${where}: segmentation rewritten (NNU401/NNU402 repair)`);
    else if (x.status === 'error' || x.status === 'refused' || x.status === 'interrupted') lines.push(`${where}: ${c.red('error')}: ${x.message ?? x.status}`);
    else if (x.message) lines.push(`${where}: ${c.dim(x.message)}`);
  }
  for (const d of diagnosticsToShow(f)) {
    if (o.quiet && d.severity !== 'error') continue;
    const t = tag(d, fixMode, c);
    lines.push(`${c.bold(`${f.path}:${d.line}:${d.column}:`)} ${severityColor(d, c)(d.code)} ${d.message}${t ? ` ${t}` : ''}`);
    if (o.concise || (d.severity !== 'error' && !o.verbose)) continue;
    if (d.nnunet) lines.push(`  ${c.dim('nnU-Net:')} ${d.nnunet}`);
    // what the fix writes, only when it will really be written
    if (d.fix.title && (d.fix.available || d.fix.unsafeAvailable) && !d.fix.applied)
      lines.push(`  ${c.green(d.fix.available ? 'fix:' : 'unsafe fix:')} ${d.fix.title}`);
    if (d.help) lines.push(`  ${c.cyan('help:')} ${d.help}`);
  }
  return lines;
}

/** `--verbose` with `--labels`: value -> voxels and files, per dataset. */
function formatLabelTable(f: FileResult, c: Palette): string[] {
  const rows = f.extra?.labelTable as { value: number; voxels: number; files: number }[] | undefined;
  if (!rows) return [];
  const scanned = Number(f.extra?.labelFilesScanned ?? 0);
  const notScanned = Number(f.extra?.labelFilesNotScanned ?? 0);
  const shown = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8))));
  const width = Math.max(5, ...rows.map((r) => shown(r.value).length));
  const lines = [
    c.bold(`${shownPath(f.path)}: label values in ${plural(scanned, 'segmentation file')}${notScanned ? ` (${notScanned} not scanned: see above)` : ''}`),
    `  ${'value'.padStart(width)}        voxels  files`,
  ];
  for (const r of rows) lines.push(`  ${shown(r.value).padStart(width)}  ${String(r.voxels).padStart(12)}  ${String(r.files).padStart(5)}`);
  return lines;
}

/** The closing lines: what was found, what --fix does or did, what is left. */
function formatSummary(s: Summary, fixMode: boolean, o: TextOptions, interrupted = false): string {
  const c = o.colors;
  const lines: string[] = [];
  const found = s.errors + s.warnings + s.styles;
  const what = [
    s.errors ? c.red(plural(s.errors, 'error')) : '',
    s.warnings ? c.yellow(plural(s.warnings, 'warning')) : '',
    s.styles ? plural(s.styles, 'style finding') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const files = `${plural(s.files, 'file')}${s.skipped ? ` (${s.skipped} not nnU-Net, skipped)` : ''}`;
  if (interrupted) lines.push(c.red('Interrupted (Ctrl-C): only the files reported above were checked.'));
  if (fixMode) {
    const done = o.fixedToStdout ? 'the fixed text is on standard output' : `written to ${plural(s.written, 'file')}`;
    lines.push(`Checked ${files}: ${found ? `${plural(found, 'problem')} (${what})` : 'no problems'}; fixed ${plural(s.fixed, 'problem')}, ${done}.`);
    const left = s.remainingErrors + s.remainingWarnings;
    if (left)
      lines.push(`${c.red(`${plural(left, 'problem')} remaining`)} (${plural(s.remainingErrors, 'error')}, ${plural(s.remainingWarnings, 'warning')}).`);
    else if (!interrupted) lines.push(c.green('Nothing left to fix.'));
    if (s.unsafeFixable) lines.push(c.dim(`${plural(s.unsafeFixable, 'more fix', 'more fixes')} with --fix --unsafe-fixes.`));
  } else {
    lines.push(`Checked ${files}: ${found ? `${plural(found, 'problem')} (${what}) in ${plural(s.filesWithErrors, 'file')} with errors` : 'no problems'}.`);
    if (found)
      lines.push(
        `${plural(s.fixable, 'fixable problem')} with --fix${s.unsafeFixable ? `, ${s.unsafeFixable} more with --fix --unsafe-fixes` : ''}; ${s.needYou} need${s.needYou === 1 ? 's' : ''} you.`,
      );
    if (s.changed) lines.push(c.dim(`Nothing was written. Run with --fix to apply ${plural(s.fixable, 'fix', 'fixes')}.`));
  }
  if (s.ioErrors) lines.push(c.red(`${plural(s.ioErrors, 'file')} could not be read or written (see above).`));
  if (s.internalErrors) lines.push(c.red(`${plural(s.internalErrors, 'internal error')} (see above).`));
  if (s.labelFilesNotScanned) {
    const why = [
      s.labelFilesUnreadable ? `${s.labelFilesUnreadable} unreadable` : '',
      s.labelFilesNotChecked ? `${s.labelFilesNotChecked} in a format not read` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(c.yellow(`${plural(s.labelFilesNotScanned, 'label file')} not scanned (${why}; see above).`));
  }
  for (const h of o.hints ?? []) lines.push(c.dim(h));
  return wrapAll(lines, o.wrap, '').join('\n');
}

/** `--statistics`: problems by rule, most frequent first (ruff's table). */
function formatStatistics(counts: Map<string, { name: string; count: number; fixable: number }>): string[] {
  const rows = [...counts].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  return rows.map(([code, r]) => `${String(r.count).padStart(6)}  ${code}  ${r.name}${r.fixable ? ` (${r.fixable} fixable)` : ''}`);
}

/** The text reporter: one block per file as it comes, then the summary. */
export function textReporter(o: TextOptions, fixMode: boolean): Reporter {
  const stats = new Map<string, { name: string; count: number; fixable: number }>();
  let labelsNotScanned = false;
  let printed = false;
  return {
    start: () => '',
    file(f) {
      for (const d of f.diagnostics) {
        if (d.severity === 'info') continue; // notes, not problems (as in the summary's count)
        const row = stats.get(d.code) ?? { name: d.name, count: 0, fixable: 0 };
        row.count++;
        if (d.fix.available) row.fixable++;
        stats.set(d.code, row);
      }
      if (f.extra?.labelsNotScanned) labelsNotScanned = true;
      const lines = wrapAll(formatFileLines(f, fixMode, o), o.wrap, '    ');
      if (o.verbose) lines.push(...formatLabelTable(f, o.colors));
      const showDiff = o.showDiff !== false && f.diff && (!fixMode || f.written);
      let out = lines.length ? lines.join('\n') + '\n' : '';
      if (showDiff) out += displayDiff(f.diff, o) + (f.diff.endsWith('\n') ? '' : '\n');
      if (out) {
        out = (printed ? '\n' : '') + out;
        printed = true;
      }
      return out;
    },
    end(run, s) {
      const c = o.colors;
      const out: string[] = [];
      for (const m of run.missing) out.push(`${c.bold(shownPath(m))}: ${c.red('error')}: no such file or folder`);
      for (const e of run.errors) out.push(`${c.bold(shownPath(e.path))}: ${c.red('error')}: ${e.message}`);
      if (o.statistics && stats.size) out.push('', ...formatStatistics(stats));
      const hints = [...(o.hints ?? [])];
      if (labelsNotScanned) hints.push('Label values in labelsTr were not checked: add --labels to read every segmentation (NNU401-NNU404).');
      out.push((printed || out.length ? '\n' : '') + formatSummary(s, fixMode, { ...o, hints }, !!run.interrupted));
      return out.join('\n') + '\n';
    },
  };
}

/** The results as DOM: summary, batch overview, one card per dataset.json with its diff. */
import { explainRule } from '../../src/explain.js';
import { ruleByCode } from '../../transforms/index.js';
import type { Diagnostic, FileKind } from '../../src/types.js';
import type { FileReport, RunOptions, Totals } from './analyze.js';
import { h } from './dom.js';
import { plural } from '../../src/words.js';

const KIND: Record<FileKind, string> = {
  'nnunet-v2': 'nnU-Net v2',
  'v1-msd': 'nnU-Net v1 / Decathlon',
  'not-nnunet': 'not nnU-Net: skipped',
  invalid: 'not readable as JSON',
  unreadable: 'unreadable',
};

/** The tag after a message, as the command line's `[fixable]` / `[fixable with --unsafe-fixes]`. */
function tagOf(d: Diagnostic): { text: string; cls: string } | undefined {
  if (d.fix.available) return { text: 'fixed in the download', cls: 'tag-fixed' };
  if (d.fix.unsafeAvailable) return { text: 'unsafe fix: tick “Unsafe fixes too”', cls: 'tag-unsafe' };
  return undefined;
}

/** A diff with one span per line, coloured by class; its text is the diff byte for byte. */
function diffView(diff: string, label: string): HTMLElement {
  const pre = h('pre', { class: 'diff', tabindex: '0', 'aria-label': label });
  const lines = diff.split('\n');
  lines.forEach((line, i) => {
    const cls =
      line.startsWith('+++') || line.startsWith('---')
        ? 'd-head'
        : line.startsWith('@@')
          ? 'd-hunk'
          : line.startsWith('+')
            ? 'd-add'
            : line.startsWith('-')
              ? 'd-del'
              : line.startsWith('\\')
                ? 'd-note'
                : 'd-ctx';
    const span = h('span', { class: cls });
    // A CR stays in the text (so the text is the patch) and is shown as a small "CR" by the style sheet.
    if (line.endsWith('\r')) span.append(line.slice(0, -1), h('span', { class: 'cr', title: 'carriage return (CRLF line end)' }, '\r'));
    else span.append(line);
    pre.append(span);
    if (i < lines.length - 1) pre.append('\n');
  });
  return pre;
}

function explainOf(code: string): HTMLElement | undefined {
  const rule = ruleByCode(code);
  if (!rule) return undefined;
  return h('details', { class: 'explain' }, h('summary', {}, `What is ${code} (${rule.meta.name})?`), h('pre', { class: 'explain-text' }, explainRule(rule)));
}

function diagnosticItem(d: Diagnostic, after: boolean): HTMLElement {
  const tag = after ? { text: 'left after the fixes', cls: 'tag-after' } : tagOf(d);
  return h(
    'li',
    {
      class: `diag sev-${d.severity}`,
      'data-code': d.code,
      'data-line': String(d.line),
      'data-column': String(d.column),
      'data-available': String(d.fix.available),
      'data-unsafe-available': String(!!d.fix.unsafeAvailable),
      'data-after': String(after),
    },
    h('span', { class: 'loc', title: 'line:column' }, `${d.line}:${d.column}`),
    ' ',
    h('span', { class: 'code' }, d.code),
    ' ',
    h('span', { class: 'sev' }, d.severity),
    ' ',
    h('span', { class: 'msg' }, d.message),
    tag && ' ',
    tag && h('span', { class: `tag ${tag.cls}` }, tag.text),
    d.nnunet && h('p', { class: 'more' }, h('span', { class: 'more-label' }, 'nnU-Net: '), h('span', { class: 'nnunet' }, d.nnunet)),
    d.help && h('p', { class: 'more' }, h('span', { class: 'more-label' }, 'help: '), h('span', { class: 'help' }, d.help)),
    explainOf(d.code),
  );
}

/** One line about a file: what the download does for it. */
function fileState(r: FileReport): string {
  if (r.error && r.kind === 'unreadable') return r.error;
  const problems = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
  if (r.kind === 'not-nnunet') return 'skipped, not changed';
  if (!problems && !r.changed) return 'no problems';
  const parts = [plural(problems, 'problem')];
  if (r.changed) parts.push('fixes in the download');
  parts.push(r.remaining.length ? `${r.remaining.length} left for you` : 'none left');
  return parts.join(' · ');
}

/** One card per dataset.json; `onDownload` gets the report whose fixed file is wanted. */
export function fileCard(r: FileReport, id: string, onDownload: (r: FileReport) => void): HTMLElement {
  const button = r.changed && !r.error ? h('button', { type: 'button', class: 'download' }, 'Download fixed dataset.json') : undefined;
  button?.addEventListener('click', () => onDownload(r));
  return h(
    'article',
    { class: 'file', id, 'data-path': r.path, 'data-kind': r.kind, 'data-changed': String(r.changed), 'data-error': r.error },
    h(
      'header',
      {},
      h('h3', {}, h('code', {}, r.path)),
      h('span', { class: `kind kind-${r.kind}` }, KIND[r.kind]),
      h('span', { class: 'state' }, fileState(r)),
      button,
    ),
    r.error && r.kind !== 'unreadable' ? h('p', { class: 'error', role: 'alert' }, `Not fixed: ${r.error}`) : undefined,
    r.diagnostics.length + r.after.length
      ? h('ol', { class: 'diags' }, ...r.diagnostics.map((d) => diagnosticItem(d, false)), ...r.after.map((d) => diagnosticItem(d, true)))
      : undefined,
    r.diff ? diffView(r.diff, `Changes to ${r.path} (unified diff)`) : undefined,
  );
}

/** The summary line, in the manner of the command line's. */
export function summaryText(t: Totals, o: RunOptions): string {
  const parts = [plural(t.files, 'file')];
  if (t.skipped) parts.push(`${t.skipped} skipped (not nnU-Net)`);
  parts.push(`${t.withProblems} with problems`, `${plural(t.fixed, 'problem')} fixed in the downloads`);
  if (t.unsafeFixable || !o.unsafeFixes) parts.push(`${t.unsafeFixable} more with unsafe fixes`);
  parts.push(`${t.needYou} need you`);
  if (t.unreadable) parts.push(`${plural(t.unreadable, 'file')} not readable`);
  return parts.join(' · ');
}

/** The batch table: one row per file, linking to its card. */
export function overview(reports: readonly FileReport[], ids: readonly string[]): HTMLElement {
  const rows = reports.map((r, i) =>
    h(
      'tr',
      { 'data-path': r.path },
      h('th', { scope: 'row' }, h('a', { href: `#${ids[i]}` }, r.path)),
      h('td', {}, [...new Set([...r.diagnostics, ...r.after].map((d) => d.code))].join(' ') || '–'),
      h('td', {}, fileState(r)),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'All dataset.json files' },
    h(
      'table',
      { class: 'overview' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'dataset.json'), h('th', { scope: 'col' }, 'codes'), h('th', { scope: 'col' }, 'state'))),
      h('tbody', {}, ...rows),
    ),
  );
}

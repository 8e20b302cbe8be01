/** `nnunet-doctor explain CODE` and `nnunet-doctor rules`, generated from the rule modules. */
import { rules } from '../transforms/index.js';
import type { Rule } from './types.js';

/** The fix kinds of a rule as the registry writes them: `safe / none`. */
function fixKindLabel(r: Rule): string {
  return r.meta.fix.join(' / ');
}

/** Every severity a rule can emit, as the registry writes them: `error / warning`. */
function severityLabel(r: Rule): string {
  return (r.meta.severities ?? [r.meta.severity]).join(' / ');
}

/** The docs of one rule as Markdown-ish text. */
export function explainRule(r: Rule): string {
  const m = r.meta;
  const head = `${m.code} ${m.name}`;
  return [
    head,
    '='.repeat(head.length),
    '',
    m.summary,
    '',
    `Severity: ${severityLabel(r)}${m.optIn ? ' (opt-in: only with --select ' + m.code + ')' : ''}`,
    `Fix: ${fixKindLabel(r)}`,
    `Checks: ${{ bytes: 'the file bytes', text: 'the JSON text', kind: 'the JSON text', document: 'dataset.json', folder: 'the dataset folder (imagesTr/labelsTr)', content: 'segmentation files (--labels)', copy: "nnU-Net's preprocessed copy of dataset.json" }[m.stage]}`,
    '',
    m.docs.trim(),
    '',
    `The rule's page, with an example before and after: docs/rules/${m.code}.md`,
    '',
  ].join('\n');
}

/** The table of all rules: code, name, severity, fix kind, summary. */
export function rulesTable(list: readonly Rule[] = rules): string {
  const rows = list.map((r) => [r.meta.code, r.meta.name, severityLabel(r) + (r.meta.optIn ? ' (opt-in)' : ''), fixKindLabel(r), r.meta.summary]);
  const head = ['code', 'name', 'severity', 'fix', 'what'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  widths[4] = 0;
  const fmt = (row: string[]) =>
    row
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd();
  return [fmt(head), fmt(widths.map((w, i) => '-'.repeat(i < 4 ? w : 4))), ...rows.map(fmt)].join('\n') + '\n';
}

#!/usr/bin/env node
/**
 * Regenerate the rule table and the per-rule reference of README.md, between the markers
 * `<!-- rules:start -->` and `<!-- rules:end -->`, from the rule modules (the built
 * registry in dist/). Nothing outside the markers is touched.
 *
 *   npm run docs                               # build, then rewrite README.md
 *   node scripts/gen-readme-rules.mjs --check  # exit 1 when README.md is out of date
 *
 * Each rule gets a heading that is just its code (`#### NNU102`), so its anchor is
 * `#nnu102`: the table links there, and so do `helpUri` in SARIF output
 * (src/report/sarif.ts) and the docs URL of every diagnostic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

const STAGE = {
  bytes: 'the file bytes',
  text: 'the JSON text',
  kind: 'the JSON text',
  document: 'dataset.json',
  folder: 'the dataset folder (imagesTr/labelsTr)',
  content: 'segmentation files (--labels)',
};

/** The anchor of a rule's section: its code in lower case. */
export const anchor = (code) => code.toLowerCase();

/** Plain text as Markdown: a `<` outside code spans would start an HTML tag. */
const md = (s) =>
  String(s)
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
    .join('`');

/** A table cell: one line, `|` escaped (also inside code spans, as GitHub requires). */
const cell = (s) => md(s).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

/** The Markdown between the markers (no markers, no surrounding blank lines). */
export function renderRules(rules) {
  const lines = [
    '<!-- Generated from the rule modules by scripts/gen-readme-rules.mjs (npm run docs): do not edit by hand. -->',
    '',
    '| code | name | severity | fix | summary |',
    '|---|---|---|---|---|',
  ];
  for (const r of rules) {
    const m = r.meta;
    lines.push(`| [${m.code}](#${anchor(m.code)}) | \`${m.name}\` | ${m.severity}${m.optIn ? ' (opt-in)' : ''} | ${m.fix.join(' / ')} | ${cell(m.summary)} |`);
  }
  lines.push('', '### Rule reference', '', 'The same text as `nnunet-doctor explain CODE`.');
  for (const r of rules) {
    const m = r.meta;
    lines.push(
      '',
      `#### ${m.code}`,
      '',
      `**\`${m.name}\`** · ${m.severity}${m.optIn ? ` (opt-in: only with \`--select ${m.code}\`)` : ''} · fix: ${m.fix.join(' / ')} · checks: ${STAGE[m.stage] ?? m.stage}`,
      '',
      md(m.summary.trim()),
      '',
      m.docs.trim(),
    );
  }
  return lines.join('\n');
}

/** README text with the generated part replaced. Throws when the markers are missing. */
export function updateReadme(readme, rules) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: markers ${START} ... ${END} not found`);
  return `${readme.slice(0, start + START.length)}\n${renderRules(rules)}\n${readme.slice(end)}`;
}

async function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const readmePath = path.join(root, 'README.md');
  const { rules } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'index.js')).href);
  const before = readFileSync(readmePath, 'utf8');
  const after = updateReadme(before, rules);
  if (argv.includes('--check')) {
    if (before !== after) {
      process.stderr.write('README.md: the rule table is out of date; run `npm run docs`\n');
      process.exitCode = 1;
    }
    return;
  }
  if (before !== after) writeFileSync(readmePath, after);
  process.stdout.write(`README.md: ${rules.length} rules${before === after ? ', already up to date' : ', updated'}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`gen-readme-rules: ${e?.message ?? e}\n`);
    process.exitCode = 2;
  });
}

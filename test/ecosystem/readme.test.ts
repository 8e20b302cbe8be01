/**
 * README.md: the rule table and rule reference between the `rules` markers are exactly
 * what scripts/gen-readme-rules.mjs generates from the rule modules (run `npm run docs`
 * after adding or changing a rule), every code links to its own section, and the manual's
 * sections exist.
 */
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { rules } from '../../transforms/index.js';
import { ruleDocsUrl } from '../../src/report/sarif.js';
import { END, START, anchor, renderRules, updateReadme } from '../../scripts/gen-readme-rules.mjs';
import { ROOT } from '../helpers/cli.js';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const generated = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));

describe('generated rule table', () => {
  test('README.md is up to date with the rule modules (else: npm run docs)', () => {
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    const fresh = updateReadme(readme, rules);
    if (fresh !== readme) throw new Error('README.md: the rule table is out of date; run `npm run docs`');
    expect(fresh).toBe(readme);
  });

  test('one table row per rule: code (linked), name, severity, fix, summary', () => {
    const rows = generated.split('\n').filter((l) => /^\| \[NNU\d{3}\]/.test(l));
    expect(rows).toHaveLength(rules.length);
    for (const [i, r] of rules.entries()) {
      expect(rows[i]).toContain(`[${r.meta.code}](#${r.meta.code.toLowerCase()})`);
      expect(rows[i]).toContain(`\`${r.meta.name}\``);
      expect(rows[i]).toContain(` ${r.meta.fix.join(' / ')} `);
      expect(rows[i]).toContain(r.meta.severity);
    }
  });

  test('every code has a section whose anchor is the SARIF helpUri fragment', () => {
    for (const r of rules) {
      expect(generated).toContain(`\n#### ${r.meta.code}\n`);
      expect(ruleDocsUrl(r.meta.code).endsWith(`#${anchor(r.meta.code)}`)).toBe(true);
      expect(generated).toContain(r.meta.docs.trim());
    }
  });

  test('the generator only touches the part between the markers, and is stable', () => {
    const doc = `# t\n\nbefore\n\n${START}\nold\n${END}\n\nafter\n`;
    const once = updateReadme(doc, rules);
    expect(once.startsWith(`# t\n\nbefore\n\n${START}\n`)).toBe(true);
    expect(once.endsWith(`\n${END}\n\nafter\n`)).toBe(true);
    expect(updateReadme(once, rules)).toBe(once);
    expect(renderRules([])).not.toContain('| [NNU');
    expect(() => updateReadme('no markers', rules)).toThrow(/markers/);
  });
});

describe('manual sections', () => {
  test.each([
    ['## Using it in CI', /uses: github\/codeql-action\/upload-sarif@v\d/],
    ['## Using it in CI', /--format github/],
    ['## Using it in CI', /gitlab/i],
    ['## pre-commit', /id: nnunet-doctor-fix/],
    ['## Library API', /import \{ checkFile, fixText, scan, rules \} from 'nnunet-doctor'/],
    ['## Configuration', /\.nnunet-doctor\.json/],
    ['## FAQ: the nnU-Net error you pasted', /Background label not declared/],
  ])('%s', (heading, content) => {
    const at = readme.indexOf(`\n${heading}`);
    expect(at).toBeGreaterThan(0);
    const next = readme.indexOf('\n## ', at + 1);
    expect(readme.slice(at, next < 0 ? undefined : next)).toMatch(content);
  });

  test('the FAQ links only to rules that exist', () => {
    const at = readme.indexOf('\n## FAQ');
    const faq = readme.slice(at, readme.indexOf('\n## ', at + 1));
    const codes = new Set(rules.map((r) => r.meta.code.toLowerCase()));
    const links = [...faq.matchAll(/\]\(#(nnu\d{3})\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !codes.has(l))).toEqual([]);
  });
});

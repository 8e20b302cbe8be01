/**
 * The documentation: every generated part is what scripts/gen-docs.mjs makes from the rule
 * modules and from real runs of the built CLI (run `npm run docs` after changing a rule or a
 * message), every rule has its page and the SARIF `helpUri` and `explain` point at it, every
 * link between the pages resolves, and the hand-written pages cover what they promise (every
 * CLI option, every export of the library, the CI recipes).
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as api from '../../src/index.js';
import { explainRule } from '../../src/explain.js';
import { ruleDocsUrl } from '../../src/report/sarif.js';
import { rules } from '../../transforms/index.js';
import { ROOT, cleanup, runCli, tempDir } from '../helpers/cli.js';

const GENERATOR = path.join(ROOT, 'scripts', 'gen-docs.mjs');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const DOCS = ['docs/cli.md', 'docs/ci.md', 'docs/library.md', 'docs/report.md', 'docs/faq.md', 'docs/segmentations.md'];
/** Every Markdown page of the manual, generated ones included. */
const PAGES = ['README.md', 'CONTRIBUTING.md', ...DOCS, 'docs/rules/README.md', ...rules.map((r) => `docs/rules/${r.meta.code}.md`)];

/** Run the generator with `--check` (on the repository, or on the docs files under `root`). */
function check(root?: string) {
  const r = spawnSync(process.execPath, [GENERATOR, '--check', ...(root ? ['--root', root] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('generated docs', () => {
  test('every generated file is up to date (else: npm run docs)', () => {
    const r = check();
    if (r.status !== 0) throw new Error(`scripts/gen-docs.mjs --check failed:\n${r.stderr}`);
    expect(r.status).toBe(0);
  }, 600_000);

  test('--check names each stale, missing or stray file, and only those', () => {
    const root = tempDir('nnunet-doctor-docs-test-');
    try {
      for (const rel of ['README.md', 'CONTRIBUTING.md', 'docs']) fs.cpSync(path.join(ROOT, rel), path.join(root, rel), { recursive: true });
      fs.rmSync(path.join(root, 'docs', 'app'), { recursive: true, force: true });
      // a run block whose output no longer matches, a rule page gone, a page of no rule
      const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
      const at = readme.indexOf('\n$ nnunet-doctor ');
      expect(at).toBeGreaterThan(0);
      fs.writeFileSync(path.join(root, 'README.md'), readme.slice(0, at) + '\n$ nnunet-doctor --an-old-run' + readme.slice(at));
      fs.rmSync(path.join(root, 'docs', 'rules', 'NNU102.md'));
      fs.writeFileSync(path.join(root, 'docs', 'rules', 'NNU999.md'), '# gone\n');
      const r = check(root);
      expect(r.status).toBe(1);
      const named = r.stderr
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0])
        .sort();
      expect(named).toEqual(['README.md', 'docs/rules/NNU102.md', 'docs/rules/NNU999.md']);
    } finally {
      cleanup(root);
    }
  }, 600_000);

  test('one page per rule, with its summary, docs, example and fix safety; the index links each', () => {
    const index = read('docs/rules/README.md');
    for (const r of rules) {
      const m = r.meta;
      const page = read(`docs/rules/${m.code}.md`);
      expect(page).toContain(`# ${m.code} ${m.name}\n`);
      expect(page).toContain(m.docs.trim().split('\n')[0]!.replace(/</g, '&lt;').slice(0, 40));
      expect(page).toContain(`$ nnunet-doctor --select `);
      expect(page).toContain('## Fix safety');
      expect(index).toContain(`| [${m.code}](${m.code}.md) | \`${m.name}\` |`);
    }
  });

  test('SARIF helpUri and `explain` point at the rule page, which exists', () => {
    for (const r of rules) {
      const rel = `docs/rules/${r.meta.code}.md`;
      expect(fs.existsSync(path.join(ROOT, rel))).toBe(true);
      expect(ruleDocsUrl(r.meta.code)).toBe(`https://github.com/nnunet-doctor/nnunet-doctor/blob/main/${rel}`);
      expect(explainRule(r).trimEnd().endsWith(rel)).toBe(true);
    }
  });
});

/** GitHub's anchor of a heading: lower case, punctuation other than `-` and `_` dropped, blanks to `-`. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Markdown without its fenced code blocks (console output is not a link). */
const prose = (md: string) => md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');

function anchorsOf(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(md).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

describe('links', () => {
  test.each(PAGES)('%s: every relative link and anchor resolves', (rel) => {
    const md = read(rel);
    const broken: string[] = [];
    const links = [
      ...prose(md)
        .replace(/`[^`\n]*`/g, '')
        .matchAll(/\]\(([^)\s]+)\)/g),
    ].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const target of links) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const abs = file ? path.resolve(path.dirname(path.join(ROOT, rel)), file) : path.join(ROOT, rel);
      if (!fs.existsSync(abs)) broken.push(`${target}: no such file`);
      else if (anchor !== undefined && abs.endsWith('.md') && !anchorsOf(fs.readFileSync(abs, 'utf8')).has(anchor)) broken.push(`${target}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});

describe('README', () => {
  const readme = read('README.md');

  test('short: about 10-12 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(13 * 1024);
  });

  test('the quick start is the two commands from a fresh clone', () => {
    expect(readme).toContain('npm install && npm start -- examples/nnUNet_raw');
    expect(readme).toMatch(/^npm test\b/m);
    // npm start runs what package.json says: the build, then the installed executable
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; bin: Record<string, string> };
    expect(pkg.scripts.start).toContain(pkg.bin['nnunet-doctor']);
  });

  test('shows real output, links every page of the manual and the web page', () => {
    expect(readme.match(/<!-- run: /g)?.length).toBeGreaterThanOrEqual(3);
    for (const page of [...DOCS, 'docs/rules/README.md', 'CONTRIBUTING.md']) expect(readme).toContain(`](${page}`);
    expect(readme).toContain('![nnunet-doctor in the browser](docs/img/web.png)');
    expect(readme).toMatch(/placeholder/);
  });
});

describe('the manual covers what it promises', () => {
  test('docs/cli.md: every option of `check --help` and `remap --help`, the exit codes, the config file', () => {
    const cli = read('docs/cli.md');
    const options = (args: string[]) => {
      const help = runCli(args).stdout;
      return [...help.slice(help.indexOf('Options:')).matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
    };
    const missing = [...options(['--help']), ...options(['remap', '--help'])].filter((o) => !cli.includes(o) && !cli.includes(o.replace(/^--/, '--no-')));
    expect(missing).toEqual([]);
    for (const code of ['| 0 |', '| 1 |', '| 2 |', '| 130 |']) expect(cli).toContain(code);
    expect(cli).toContain('.nnunet-doctor.json');
  });

  test('docs/ci.md: GitHub Actions with annotations and SARIF upload, GitLab, pre-commit', () => {
    const ci = read('docs/ci.md');
    expect(ci).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d/);
    expect(ci).toContain('--format github');
    expect(ci).toContain('--format sarif');
    expect(ci).toMatch(/## GitLab CI/);
    const hooks = read('.pre-commit-hooks.yaml');
    for (const id of [...hooks.matchAll(/^- id: (\S+)/gm)].map((m) => m[1]!)) expect(ci).toContain(`id: ${id}`);
  });

  test('docs/library.md: every export of the package', () => {
    const lib = read('docs/library.md');
    expect(lib).toContain("import { checkFile, fixText, scan, rules } from 'nnunet-doctor';");
    expect(Object.keys(api).filter((name) => !lib.includes(`\`${name}`))).toEqual([]);
  });

  test('docs/faq.md: nnU-Net messages mapped to rules that exist', () => {
    const faq = read('docs/faq.md');
    expect(faq).toContain('Background label not declared (remember that this should be label 0!)');
    const codes = new Set(rules.map((r) => r.meta.code));
    const linked = [...faq.matchAll(/\]\(rules\/(NNU\d{3})\.md\)/g)].map((m) => m[1]!);
    expect(new Set(linked).size).toBeGreaterThan(25);
    expect(linked.filter((c) => !codes.has(c))).toEqual([]);
  });

  test('docs/report.md: every key of the JSON schema', () => {
    const report = read('docs/report.md');
    const schema = JSON.parse(read('schema/report.schema.json')) as { properties: object; definitions: Record<string, { properties?: object }> };
    const keys = new Set([...Object.keys(schema.properties), ...Object.values(schema.definitions).flatMap((d) => Object.keys(d.properties ?? {}))]);
    expect([...keys].filter((k) => !report.includes(`\`${k}\``))).toEqual([]);
  });
});

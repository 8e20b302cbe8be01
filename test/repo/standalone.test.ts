/**
 * The repository stands alone: a fresh clone has nothing beside it, so no project file may
 * read a path outside the repository such as the development notes' `../shared` folder (the
 * real corpus lives in test/fixtures/corpus). Every code file (src, transforms, test,
 * scripts, web, jest and TypeScript configs, package.json, .ci) is parsed and only the
 * strings the code uses are checked, so comments that cite the notes are fine. And the
 * corpus is still byte for byte what was collected: its SHA-256 list
 * (test/fixtures/corpus.sha256) is checked.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CORPUS, corpusIds, ROOT } from '../helpers/corpus.js';

const SELF = fileURLToPath(import.meta.url);

/** Folders and root files that make up the project's code and configuration. */
const CODE_DIRS = ['src', 'transforms', 'test', 'scripts', 'web', '.ci'];
const ROOT_FILES = ['package.json', '.npmrc', ...fs.readdirSync(ROOT).filter((n) => /^tsconfig.*\.json$|^jest.*\.config\.js$/.test(n))];
/** Data, not code (the corpus's files are evidence, never read as paths). */
const DATA_DIRS = [path.join(ROOT, 'test', 'fixtures')];

/** A path string that leads out of the repository into the notes folder. */
const OUTSIDE = [/(^|[^\w.])\.\.[\\/]+shared([\\/]|$)/, /(^|[^\w.])shared[\\/]+(corpus|notes|rules|hooks)([\\/]|$)/, /(^|[^\w.])work[\\/]+shared([\\/]|$)/];

/** The string values a JS/TS file's code uses (comments are not in the syntax tree). */
function codeStrings(file: string, text: string): string[] {
  const kind = /\.(c|m)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** Every string value of a JSON document (keys and values; tsconfig files may hold comments). */
function jsonStrings(file: string, text: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        out.push(k);
        walk(x);
      }
    }
  };
  const parsed = ts.parseConfigFileTextToJson(file, text);
  if (parsed.error) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, ' ')}`);
  walk(parsed.config);
  return out;
}

/** A shell script or .npmrc without its comment lines and trailing `# ...` comments, as one string. */
function shellStrings(text: string): string[] {
  return [
    text
      .split('\n')
      .map((l) => l.replace(/(^|\s)#.*$/, ''))
      .join('\n'),
  ];
}

/** The strings by which `file` reads outside the repository ([] when it does not). */
function outsideReads(file: string, text: string): string[] {
  const strings = /\.(c|m)?[jt]s$/.test(file) ? codeStrings(file, text) : file.endsWith('.json') ? jsonStrings(file, text) : shellStrings(text);
  const found = strings.filter((s) => OUTSIDE.some((re) => re.test(s))).map((s) => JSON.stringify(s));
  // path.join(ROOT, '..', 'shared', ...): the segments come as separate strings
  strings.forEach((s, i) => {
    if (s === '..' && strings[i + 1] === 'shar' + 'ed') found.push(`segments "..", "${strings[i + 1]}"`);
  });
  return found;
}

function projectFiles(): string[] {
  const files = ROOT_FILES.map((n) => path.join(ROOT, n)).filter((p) => fs.existsSync(p));
  for (const d of CODE_DIRS) {
    const dir = path.join(ROOT, d);
    if (!fs.existsSync(dir)) continue;
    for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const p = path.join(dir, rel);
      if (DATA_DIRS.some((x) => p === x || p.startsWith(x + path.sep)) || !fs.statSync(p).isFile()) continue;
      // code and config only (the fixtures' binary images and markdown are not read as paths)
      if (d === '.ci' || /\.(c|m)?[jt]s$|\.json$/.test(p)) files.push(p);
    }
  }
  // This file holds the patterns and the samples below; it reads nothing outside.
  return files.filter((p) => p !== SELF);
}

describe('nothing in the project reads outside the repository', () => {
  test('the detector finds each way of writing the path, in code only', () => {
    const up = '..';
    const sh = ['sha', 'red'].join('');
    expect(outsideReads('a.ts', `const C = path.resolve(ROOT, '${up}', '${sh}', 'corpus', 'real');`)).toHaveLength(1);
    expect(outsideReads('a.ts', `const dir = path.resolve('${up}', '${sh}', 'corpus', 'real');`)).toHaveLength(1);
    expect(outsideReads('a.mjs', `fs.readFileSync(\`\${ROOT}/${up}/${sh}/corpus/real/x\`);`)).toHaveLength(1);
    expect(outsideReads('a.ts', `fs.readdirSync('${sh}/corpus/real');`)).toHaveLength(1);
    expect(outsideReads('run', `#!/bin/bash\ncp -r ${up}/${sh}/corpus x\n`)).toHaveLength(1);
    expect(outsideReads('package.json', JSON.stringify({ scripts: { t: `node x ${up}/${sh}/corpus` } }))).toHaveLength(1);
    // comments citing the notes are fine
    expect(outsideReads('a.ts', `/** see ${up}/${sh}/notes/ecosystem.md */\n// ${up}/${sh}/corpus/real\nconst x = 1;`)).toEqual([]);
    expect(outsideReads('run', `# from ${up}/${sh}/notes\necho hi # ${up}/${sh}\n`)).toEqual([]);
    // an unrelated word is not a path
    expect(outsideReads('a.ts', `const shared = endings[0]; const s = 'a shared file system';`)).toEqual([]);
  });

  test('no project file (src, transforms, test, scripts, web, jest and tsc configs, package.json, .ci) reads a path outside', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith(path.join('test', 'helpers', 'corpus.ts')))).toBe(true);
    const bad = files.flatMap((f) => outsideReads(f, fs.readFileSync(f, 'utf8')).map((why) => `${path.relative(ROOT, f)}: ${why}`));
    expect(bad).toEqual([]);
  });
});

describe('the real corpus (test/fixtures/corpus)', () => {
  const sums = fs
    .readFileSync(path.join(ROOT, 'test', 'fixtures', 'corpus.sha256'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => /^([0-9a-f]{64}) {2}(.+)$/.exec(l)!)
    .map((m) => ({ sha: m[1]!, rel: m[2]! }));

  test('75 files, each listed in SOURCES.tsv', () => {
    const ids = corpusIds();
    expect(ids).toHaveLength(75);
    const listed = fs
      .readFileSync(path.join(CORPUS, 'SOURCES.tsv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0]);
    expect(listed.sort()).toEqual(ids);
  });

  test('every file is byte for byte what was collected (never "fixed" in place)', () => {
    expect(sums.map((s) => s.rel).sort()).toEqual([...corpusIds().map((id) => `${id}/dataset.json`), 'README.md', 'SOURCES.tsv'].sort());
    const changed = sums
      .filter(
        (s) =>
          createHash('sha256')
            .update(fs.readFileSync(path.join(CORPUS, s.rel)))
            .digest('hex') !== s.sha,
      )
      .map((s) => s.rel);
    expect(changed).toEqual([]);
  });
});

describe('npm run test:quick', () => {
  test('its suites (this one among them) cannot start a child process', () => {
    expect(() => spawnSync(process.execPath, ['-e', ''])).toThrow(/^child_process\.spawnSync: the suites of `npm run test:quick`/);
  });
});

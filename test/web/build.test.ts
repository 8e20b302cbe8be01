/**
 * `npm run build:web` (scripts/build-web.mjs): the committed page in docs/app/ is what the
 * sources build, the library bundles for the browser with no Node module and no Node
 * global, and the page asks for nothing outside its own folder.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { buildWebFiles, DEFAULT_OUTDIR, ROOT, staleFiles } from '../../scripts/build-web.mjs';
import { cleanup, tempDir } from '../helpers/cli.js';

let tmp: string;
beforeAll(() => {
  tmp = tempDir('nnunet-doctor-web-build-');
});
afterAll(() => cleanup(tmp));

test('docs/app/ (served by GitHub Pages, opened from a clone) is what the sources build: run `npm run build:web` after a change', async () => {
  expect({ stale: await staleFiles(DEFAULT_OUTDIR), dir: path.relative(ROOT, DEFAULT_OUTDIR) }).toEqual({ stale: [], dir: path.join('docs', 'app') });
});

test('the page bundles the library core, and nothing of the Node edge', async () => {
  const { files, inputs } = await buildWebFiles();
  for (const core of [
    'src/engine.ts',
    'src/folder/collect.ts',
    'src/folder/posix-path.ts',
    'src/diff.ts',
    'src/explain.ts',
    'transforms/index.ts',
    'src/images/nifti.ts',
  ])
    expect(inputs).toContain(core);
  for (const edge of ['src/folder/facts.ts', 'src/images/source.ts', 'src/images/header.ts', 'src/run.ts', 'src/cli.ts', 'src/discover.ts'])
    expect(inputs).not.toContain(edge);
  // one classic script and one style sheet beside the page, an empty inline icon: nothing else is loaded
  expect(files['index.html'].match(/\b(?:src|href)="[^"#]*"/g)).toEqual(['href="data:,"', 'href="app.css"', 'src="app.js"']);
  expect(files['index.html']).not.toMatch(/https?:|\/\//);
  expect(files['app.css']).not.toMatch(/@import|url\(|https?:/);
  expect(files['app.js'].startsWith('"use strict";\n(() => {')).toBe(true);
});

test('a Node module whose code the page never reaches is left out by tree shaking, not shimmed', async () => {
  fs.writeFileSync(path.join(tmp, 'pure-entry.ts'), "import { pure } from './mixed.js';\nconsole.log(pure(2));\n");
  fs.writeFileSync(
    path.join(tmp, 'mixed.ts'),
    "import zlib from 'node:zlib';\nexport const pure = (n: number) => n * 2;\nexport const inflate = (b: Uint8Array) => zlib.inflateSync(b);\n",
  );
  const { files } = await buildWebFiles({ entry: path.relative(ROOT, path.join(tmp, 'pure-entry.ts')) });
  expect(files['app.js']).toContain('n * 2');
  expect(files['app.js']).not.toMatch(/zlib|require\(/);
});

test('a Node module or global anywhere the page reaches fails the build, naming the import chain', async () => {
  fs.writeFileSync(path.join(tmp, 'entry.ts'), "import { f } from './mid.js';\nconsole.log(f());\n");
  fs.writeFileSync(
    path.join(tmp, 'mid.ts'),
    "import { readFileSync } from 'node:fs';\nimport os from 'os';\nexport const f = () => [readFileSync, os, Buffer.from('x'), 'Buffer.from(text in a string)'];\n",
  );
  const entry = path.relative(ROOT, path.join(tmp, 'entry.ts'));
  const mid = path.relative(ROOT, path.join(tmp, 'mid.ts'));
  const err = await buildWebFiles({ entry }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(err?.message.split('\n')).toEqual([
    'the page must run without Node, but:',
    `  ${entry} -> ${mid} imports node:fs`,
    `  ${entry} -> ${mid} imports os`,
    `  ${entry} -> ${mid} uses Node's global Buffer: var f = () => [import_node_fs.readFileSync, import_os.default, Buffer.from("x"), "Buffer.from(text in a string)"];`,
  ]);
});

#!/usr/bin/env node
/**
 * Build the installed command line (dist/bin/), after `tsc -b` built dist/src:
 *
 * - dist/bin/nnunet-doctor.cjs: the loader (src/cli-loader.cts), package.json's `bin`;
 * - dist/bin/cli-main.cjs: the command line in one CommonJS file (esbuild), so a start
 *   resolves and reads one file instead of dozens of modules;
 * - dist/bin/cli-main.cjs.cache: V8's code cache of it, written by a warm-up run over
 *   examples/ (the loader hands it to vm.Script: code compiled once, at build time);
 * - dist/bin/file-worker.js: the worker threads of big batches, which load cli-main.cjs
 *   through the loader (its code cache too); dist/bin/worker.js: the worker threads of
 *   --labels, bundled. The bundle looks for both beside itself.
 *
 * Skips everything when dist/bin is newer than every file it is built from (an unchanged
 * `npm start` starts at once). `--force` rebuilds.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'bin');
const MAIN = path.join(OUT, 'cli-main.cjs');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** Newest modification time of the files below `dir` (0 when none). */
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return t;
}

const inputs = Math.max(
  newest(path.join(ROOT, 'src')),
  newest(path.join(ROOT, 'transforms')),
  fs.statSync(path.join(ROOT, 'package.json')).mtimeMs,
  fs.statSync(fileURLToPath(import.meta.url)).mtimeMs,
);
const outputs = ['nnunet-doctor.cjs', 'cli-main.cjs', 'cli-main.cjs.cache', 'file-worker.js', 'worker.js'].map((f) => path.join(OUT, f));
if (!process.argv.includes('--force') && outputs.every((f) => fs.existsSync(f)) && Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) > inputs)
  process.exit(0);

fs.rmSync(OUT, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // jsonc-parser's UMD build loads its parts with a dynamic require: use its ES module build
  mainFields: ['module', 'main'],
  define: { __NNUNET_DOCTOR_VERSION__: JSON.stringify(VERSION) },
  logLevel: 'error',
  legalComments: 'none',
};
// the command line, as CommonJS (vm.Script with a code cache takes a script, not a module)
await build({
  ...common,
  entryPoints: [path.join(ROOT, 'src', 'cli-main.ts')],
  outfile: MAIN,
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__nnunet_doctor_url' },
  banner: { js: "const __nnunet_doctor_url = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: [path.join(ROOT, 'src', 'cli-loader.cts')], outfile: path.join(OUT, 'nnunet-doctor.cjs'), format: 'cjs' });
// the --labels scan's worker threads: an ES module like the package (`"type": "module"`), a require for CommonJS dependencies
await build({
  ...common,
  entryPoints: [path.join(ROOT, 'src/images/worker.ts')],
  outfile: path.join(OUT, 'worker.js'),
  format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// the pipeline's worker threads run the command line's own bundle, compiled with its code cache
// (a bundle of their own would be compiled anew in every worker)
fs.writeFileSync(
  path.join(OUT, 'file-worker.js'),
  '// A worker thread of the pipeline (src/file-batches.ts), started by the bundle beside it: see src/cli-loader.cts.\n' +
    "import { createRequire } from 'node:module';\n\ncreateRequire(import.meta.url)('./nnunet-doctor.cjs').fileWorker();\n",
);
fs.chmodSync(path.join(OUT, 'nnunet-doctor.cjs'), 0o755);

// the code cache: a warm-up run that goes through the usual paths (a check with diffs and a JSON report)
const cache = `${MAIN}.cache`;
for (const args of [['examples/nnUNet_raw'], ['--format', 'json', 'examples/nnUNet_raw']]) {
  const r = spawnSync(process.execPath, [path.join(OUT, 'nnunet-doctor.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NNUNET_DOCTOR_WRITE_CODE_CACHE: cache, NO_COLOR: '1', nnUNet_raw: '' },
    stdio: 'ignore',
  });
  if (r.status !== 1 && r.status !== 0) throw new Error(`build-cli: the warm-up run failed (exit ${r.status})`);
}
if (!fs.existsSync(cache)) throw new Error('build-cli: no code cache was written');

#!/usr/bin/env node
/**
 * Builds the browser page (web/) into a folder of static files: index.html, app.js and
 * app.css. No server code, nothing fetched at run time; it opens from file:// and from
 * GitHub Pages (`docs/app/`, committed, so that a clone or Pages serves it without Node).
 *
 *   node scripts/build-web.mjs                 build into docs/app/
 *   node scripts/build-web.mjs --outdir DIR    build into DIR
 *   node scripts/build-web.mjs --check         fail when docs/app/ is not what a build gives
 *   node scripts/build-web.mjs --screenshot    build, then write docs/img/web.png (the
 *                                              examples in headless Chromium, 1280x800)
 *
 * esbuild bundles the page (web/src/main.ts and the library's own core, unchanged) as one
 * classic script: a module script would not load from file://. The library must bundle for
 * the browser as it is, with no shim: a Node built-in whose code the page still reaches
 * after tree shaking, or a use of Node's globals (Buffer, process), fails the build with
 * the chain of imports that leads there.
 */
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTDIR = path.join(ROOT, 'docs', 'app');
export const SCREENSHOT = path.join(ROOT, 'docs', 'img', 'web.png');
const ENTRY = 'web/src/main.ts';
/** The static files besides the bundle, copied as they are. */
const STATIC = { 'index.html': 'web/index.html', 'app.css': 'web/style.css' };

/** Debian's Chromium (README, .ci/run); never a browser a package downloads. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Launch options for playwright-core and Debian's Chromium, headless, with no sandbox
 * (CI runs as root) and none of Chromium's own background connections (the machine has
 * no network; they would only be refused).
 */
export function chromiumLaunchOptions() {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  };
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The import chain from `entry` to `file` in an esbuild metafile (breadth first). */
function chainTo(metafile, entry, file) {
  const prev = new Map([[entry, undefined]]);
  const queue = [entry];
  while (queue.length) {
    const at = queue.shift();
    if (at === file) break;
    for (const imp of metafile.inputs[at]?.imports ?? []) {
      if (imp.external || prev.has(imp.path)) continue;
      prev.set(imp.path, at);
      queue.push(imp.path);
    }
  }
  const chain = [];
  for (let at = file; at !== undefined; at = prev.get(at)) chain.unshift(at);
  return chain.join(' -> ');
}

/** Names of Node's globals, used as values (not a property named so, not inside a string). */
const NODE_GLOBAL = /(?<![.\w$])(Buffer|process|__dirname|__filename|require|setImmediate)\b(?=\s*[.([])/;

function withoutStrings(code) {
  return code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

/** Node globals in the bundle, by the source file esbuild says the code came from. */
function nodeGlobalUses(bundle) {
  const uses = [];
  let file = '?';
  for (const line of bundle.split('\n')) {
    const marker = /^\s*\/\/ (\S+\.(?:[cm]?[jt]s))$/.exec(line);
    if (marker) {
      file = marker[1];
      continue;
    }
    const m = file === '?' ? null : NODE_GLOBAL.exec(withoutStrings(line)); // '?': esbuild's own helpers
    if (m) uses.push({ file, name: m[1], line: line.trim() });
  }
  return uses;
}

/**
 * Build the page in memory: `{ files: { 'index.html', 'app.js', 'app.css' }, inputs }`.
 * `entry` (relative to the repository) is for the build's own tests.
 * @throws Error naming each import chain to a Node built-in or Node global.
 */
export async function buildWebFiles({ entry = ENTRY } = {}) {
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const nodeImports = [];
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: 'app.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2022'],
    charset: 'utf8',
    // Readable on purpose: the committed bundle's diffs can be reviewed, and anyone can read what runs.
    minify: false,
    legalComments: 'eof',
    define: { NNUNET_DOCTOR_VERSION: JSON.stringify(version) },
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'no-node-builtins',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (!NODE_BUILTINS.has(args.path)) return undefined;
            nodeImports.push({ importer: path.relative(ROOT, args.importer).split(path.sep).join('/'), spec: args.path });
            // Kept out of the bundle; an import whose code the page never reaches is then dropped
            // by tree shaking, and any that is still needed fails the build below.
            return { path: args.path, external: true, sideEffects: false };
          });
        },
      },
    ],
  });
  const bundle = result.outputFiles[0].text;
  const kept = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
  const problems = [
    ...nodeImports.filter((n) => kept.has(n.spec)).map((n) => `${chainTo(result.metafile, entry, n.importer)} imports ${n.spec}`),
    ...nodeGlobalUses(bundle).map((u) => `${chainTo(result.metafile, entry, u.file)} uses Node's global ${u.name}: ${u.line}`),
  ];
  if (problems.length) throw new Error(`the page must run without Node, but:\n  ${problems.join('\n  ')}`);
  const files = { 'app.js': bundle };
  for (const [name, src] of Object.entries(STATIC)) files[name] = fs.readFileSync(path.join(ROOT, src), 'utf8');
  return { files, inputs: Object.keys(result.metafile.inputs) };
}

/** Build the page into `outdir` (default docs/app); returns the paths written. */
export async function buildWeb(outdir = DEFAULT_OUTDIR) {
  const { files } = await buildWebFiles();
  fs.mkdirSync(outdir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    const p = path.join(outdir, name);
    fs.writeFileSync(p, text);
    return p;
  });
}

/** The files of `dir` that differ from a fresh build (missing ones included). */
export async function staleFiles(dir = DEFAULT_OUTDIR) {
  const { files } = await buildWebFiles();
  return Object.entries(files)
    .filter(([name, text]) => {
      const p = path.join(dir, name);
      return !fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text;
    })
    .map(([name]) => name);
}

/**
 * Show the examples in the page: pick examples/nnUNet_raw with the batch picker and
 * wait until the results are shown. `page` is a playwright-core Page on the built page.
 */
export async function showExamples(page) {
  const before = Number(await page.getAttribute('#status', 'data-shown'));
  await page.setInputFiles('#pick-raw', path.join(ROOT, 'examples', 'nnUNet_raw'));
  await page.waitForSelector(`#status[data-shown="${before + 1}"]`);
}

/** Write the README screenshot: the built page in `dir`, the examples loaded, 1280x800. */
export async function screenshot(dir = DEFAULT_OUTDIR, out = SCREENSHOT) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
    await page.waitForSelector('#status[data-state=ready]');
    await showExamples(page);
    // eslint-disable-next-line no-undef -- the callback runs in the page, where document exists
    await page.evaluate(() => document.getElementById('results').scrollIntoView({ block: 'start' }));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    return out;
  } finally {
    await browser.close();
  }
}

async function main(argv) {
  const at = argv.indexOf('--outdir');
  const outdir = at >= 0 ? path.resolve(argv[at + 1] ?? '') : DEFAULT_OUTDIR;
  if (argv.includes('--check')) {
    const stale = await staleFiles(outdir);
    if (stale.length) {
      process.stderr.write(`${path.relative(process.cwd(), outdir) || '.'} is not what the sources build (${stale.join(', ')}): run npm run build:web\n`);
      return 1;
    }
    process.stdout.write(`${path.relative(process.cwd(), outdir)} is up to date\n`);
    return 0;
  }
  const written = await buildWeb(outdir);
  const size = written.reduce((n, p) => n + fs.statSync(p).size, 0);
  process.stdout.write(
    `built ${path.relative(process.cwd(), outdir)}/ (${written.map((p) => path.basename(p)).join(', ')}; ${(size / 1024).toFixed(0)} KiB)\n`,
  );
  if (argv.includes('--screenshot')) process.stdout.write(`wrote ${path.relative(process.cwd(), await screenshot(outdir))}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`build-web: ${e.message}\n`);
      process.exit(1);
    },
  );
}

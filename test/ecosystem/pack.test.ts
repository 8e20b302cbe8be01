/**
 * The npm package as users get it: `npm pack` (of the built tree), installed into an empty
 * temp folder, then `npx nnunet-doctor --version`, a check and a fix of a copied example,
 * the library imported by its name, and its TypeScript types resolved through `exports`.
 * Nothing here runs from the source tree. Dependencies come from the npm cache when they
 * are there (--prefer-offline), else from the registry.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLES, ROOT, cleanup, copyTree, tempDir } from '../helpers/cli.js';

const TIMEOUT = 240_000;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let dir: string;
let app: string;
let tarball: string;
let packedFiles: string[];

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
      nnUNet_raw: undefined,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      ...(opts.env ?? {}),
    },
  });
  // null when the command could not be started (the typings say string)
  const text = (s: string | Buffer | null) => String(s ?? '');
  return { status: r.status, stdout: text(r.stdout), stderr: text(r.stderr) };
}

/** A strict NodeNext tsconfig that type-checks `file` against the installed package's types. */
function writeTsconfig(at: string, file: string): void {
  const compilerOptions = {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    types: ['node'],
  };
  fs.writeFileSync(at, JSON.stringify({ compilerOptions, files: [file] }));
}

const npx = (args: string[]) => run('npx', ['--no', '--', 'nnunet-doctor', ...args], { cwd: app });

beforeAll(() => {
  dir = tempDir('nnunet-doctor-pack-');
  app = path.join(dir, 'app');
  fs.mkdirSync(app);
  expect(fs.existsSync(path.join(ROOT, pkg.bin['nnunet-doctor']))).toBe(true); // built (npm test builds first)
  // The build is done (pretest); --ignore-scripts keeps `npm pack` from rebuilding.
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dir, info!.filename);
  packedFiles = info!.files.map((f) => f.path);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2));
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', tarball];
  let install = run('npm', [...args, '--offline'], { cwd: app });
  if (install.status !== 0) install = run('npm', [...args, '--prefer-offline'], { cwd: app });
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
}, TIMEOUT);
afterAll(() => cleanup(dir));

describe('package.json', () => {
  test('bin, files, engines, exports with types, type module, keywords, license', () => {
    expect(pkg.name).toBe('nnunet-doctor');
    expect(pkg.type).toBe('module');
    expect(pkg.bin).toEqual({ 'nnunet-doctor': 'dist/bin/nnunet-doctor.cjs' });
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.12.0 || >=23'); // require(esm) of the bundle's ESM deps; see README
    // `default`, not `import`: require() of the package works too (Node >= 20.19 loads ES modules with require)
    expect(pkg.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    expect(Object.keys(pkg.exports['.'])[0]).toBe('types'); // types must come first
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/src', 'dist/transforms', 'README.md', 'LICENSE']));
    expect(pkg.keywords).toEqual(expect.arrayContaining(['nnunet', 'nnu-net', 'medical-imaging', 'segmentation', 'dataset.json', 'codemod']));
    expect(pkg.license).toBe('MIT');
    const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the nnunet-doctor authors\n/);
  });
});

describe('npm pack', () => {
  test('the tarball holds the build, the docs and the license, and no sources or tests', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/bin/nnunet-doctor.cjs',
      'dist/bin/cli-main.cjs',
      'dist/bin/cli-main.cjs.cache',
      'dist/bin/file-worker.js',
      'dist/bin/worker.js',
      'schema/report.schema.json',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/transforms/index.js',
      'dist/transforms/NNU102-labels-inverted.js',
    ]) {
      expect(packedFiles).toContain(f);
    }
    expect(packedFiles.filter((f) => /^(src|test|transforms|scripts|examples|node_modules)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual(
      [],
    );
    expect(packedFiles).not.toContain('.npmrc');
  });

  test(
    'installed in an empty folder: npx nnunet-doctor --version, --help',
    () => {
      const v = npx(['--version']);
      expect(v.stderr).toBe('');
      expect(v.status).toBe(0);
      expect(v.stdout.trim()).toBe(pkg.version);
      const h = npx(['--help']);
      expect(h.status).toBe(0);
      expect(h.stdout).toContain('Examples:');
      // it really runs from the installed copy
      expect(fs.realpathSync(path.join(app, 'node_modules', '.bin', 'nnunet-doctor'))).toBe(
        path.join(fs.realpathSync(app), 'node_modules', 'nnunet-doctor', 'dist', 'bin', 'nnunet-doctor.cjs'),
      );
    },
    TIMEOUT,
  );

  test(
    'installed: checks and fixes a copied example',
    () => {
      copyTree(path.join(EXAMPLES, 'Dataset001_Liver'), path.join(app, 'nnUNet_raw', 'Dataset001_Liver'));
      const file = path.join(app, 'nnUNet_raw', 'Dataset001_Liver', 'dataset.json');
      const before = fs.readFileSync(file, 'utf8');
      const check = npx(['nnUNet_raw']);
      expect(check.status).toBe(1);
      expect(check.stdout).toMatch(/^nnUNet_raw\/Dataset001_Liver\/dataset\.json:5:15:? +NNU102 /m);
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
      const sarif = npx(['nnUNet_raw', '--format', 'sarif']);
      expect(JSON.parse(sarif.stdout).runs[0].results[0].ruleId).toBe('NNU102');
      expect(npx(['nnUNet_raw', '--fix']).status).toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toContain('"background": 0,');
      expect(npx(['nnUNet_raw']).status).toBe(0);
    },
    TIMEOUT,
  );

  test(
    'installed: the library by its name (ESM) and its types through `exports`',
    () => {
      const script = `
        import { checkFile, fixText, scan, rules, version } from 'nnunet-doctor';
        const r = fixText('{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}');
        const c = await checkFile('nnUNet_raw/Dataset001_Liver/dataset.json');
        const s = await scan({ paths: ['nnUNet_raw'] });
        console.log(JSON.stringify({ resolved: import.meta.resolve('nnunet-doctor'), version, rules: rules.length, codes: r.diagnostics.map((d) => d.code), edits: r.edits.length, checked: c.kind, files: s.files.length }));`;
      const r = run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout);
      expect(out.resolved).toBe(new URL(`file://${fs.realpathSync(app)}/node_modules/nnunet-doctor/dist/src/index.js`).href);
      expect(out).toMatchObject({ version: pkg.version, codes: ['NNU102'], checked: 'nnunet-v2', files: 1 });
      expect(out.rules).toBeGreaterThan(10);
      expect(out.edits).toBeGreaterThan(0);

      // a TypeScript user (with @types/node, as for any Node library): NodeNext resolution
      // must find the types via exports["."].types
      fs.writeFileSync(
        path.join(app, 'use.ts'),
        `import { fixText, rules, type Diagnostic, type FixTextResult } from 'nnunet-doctor';\n` +
          `const r: FixTextResult = fixText('{}', { select: ['NNU1'] });\n` +
          `const d: Diagnostic[] = r.diagnostics;\n` +
          `const n: number = rules.length + d.length + r.edits.length;\n` +
          `// @ts-expect-error fixText takes a string\n` +
          `fixText(42);\n` +
          `export { n };\n`,
      );
      writeTsconfig(path.join(app, 'tsconfig.json'), 'use.ts');
      const tsc = run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(app, 'tsconfig.json')], { cwd: app });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    },
    TIMEOUT,
  );

  test(
    'installed: require() from CommonJS works (no warning), and its types resolve through `exports`',
    () => {
      fs.writeFileSync(
        path.join(app, 'use.cjs'),
        `const nd = require('nnunet-doctor');
         const r = nd.fixText('{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}');
         nd.scan({ paths: ['nnUNet_raw'] }).then((s) => console.log(JSON.stringify({ resolved: require.resolve('nnunet-doctor'), version: nd.version, codes: r.diagnostics.map((d) => d.code), files: s.files.length })));`,
      );
      const r = run(process.execPath, ['use.cjs'], { cwd: app });
      expect(r.stderr).toBe(''); // no ERR_PACKAGE_PATH_NOT_EXPORTED, no ExperimentalWarning
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({
        resolved: path.join(fs.realpathSync(app), 'node_modules', 'nnunet-doctor', 'dist', 'src', 'index.js'),
        version: pkg.version,
        codes: ['NNU102'],
        files: 1,
      });

      // a CommonJS TypeScript file (NodeNext): `import x = require(...)` type-checks against the same types
      fs.writeFileSync(
        path.join(app, 'use-cjs.cts'),
        `import nd = require('nnunet-doctor');\n` +
          `const r: nd.FixTextResult = nd.fixText('{}', { select: ['NNU1'] });\n` +
          `const n: number = nd.rules.length + r.edits.length;\n` +
          `// @ts-expect-error fixText takes a string\n` +
          `nd.fixText(42);\n` +
          `export = n;\n`,
      );
      writeTsconfig(path.join(app, 'tsconfig.cjs.json'), 'use-cjs.cts');
      const tsc = run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(app, 'tsconfig.cjs.json')], { cwd: app });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    },
    TIMEOUT,
  );
});

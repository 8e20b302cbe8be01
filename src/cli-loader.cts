#!/usr/bin/env node
/**
 * The `nnunet-doctor` executable as installed (package.json `bin`). Start-up is what every
 * pre-commit hook and CI step pays, so this loader
 * - answers `--version` without loading anything (the version is written in at build time);
 * - otherwise runs the command line from one bundled file (dist/bin/cli-main.cjs, built by
 *   scripts/build-cli.mjs), compiled with V8's code cache (cli-main.cjs.cache, made at build
 *   time by a warm-up run), so the code is not parsed and compiled anew on every start. A
 *   cache V8 rejects (another Node version) is ignored: the code is compiled as usual.
 */
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import Module = require('node:module');

declare const __NNUNET_DOCTOR_VERSION__: string;

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${__NNUNET_DOCTOR_VERSION__}\n`);
} else {
  const file = path.join(__dirname, 'cli-main.cjs');
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    /* no cache: compile as usual */
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod: { exports: { main(argv: string[]): Promise<number> } } = { exports: {} as never };
  (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, require, mod, file, __dirname);
  // `nnunet-doctor ... | head`: a reader that closed the pipe early is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  mod.exports.main(argv).then(
    (code) => {
      process.exitCode = code;
      // the build's warm-up run keeps what V8 compiled for the next start
      if (process.env.NNUNET_DOCTOR_WRITE_CODE_CACHE === cacheFile) fs.writeFileSync(cacheFile, script.createCachedData());
    },
    (e: unknown) => {
      process.stderr.write(`nnunet-doctor: internal error: ${String((e as { message?: unknown } | null | undefined)?.message ?? e)}\n`);
      process.exitCode = 2;
    },
  );
}

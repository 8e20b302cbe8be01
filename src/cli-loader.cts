#!/usr/bin/env node
/**
 * The `nnunet-doctor` executable as installed (package.json `bin`). Start-up is what every
 * pre-commit hook and CI step pays, so this loader
 * - answers `--version` without loading anything (the version is written in at build time);
 * - otherwise runs the command line from one bundled file (dist/bin/cli-main.cjs, built by
 *   scripts/build-cli.mjs), compiled with V8's code cache (cli-main.cjs.cache, made at build
 *   time by a warm-up run), so the code is not parsed and compiled anew on every start. A
 *   cache V8 rejects (another Node version) is ignored: the code is compiled as usual.
 * The pipeline's worker threads load the same bundle through it (dist/bin/file-worker.js).
 */
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import Module = require('node:module');

declare const __NNUNET_DOCTOR_VERSION__: string;

/** What dist/bin/cli-main.cjs exports. */
interface Bundle {
  main(argv: string[]): Promise<number>;
  fileWorker(): void;
}

/** The code cache beside the bundle. */
const BUNDLE = path.join(__dirname, 'cli-main.cjs');
const CACHE = `${BUNDLE}.cache`;

/**
 * Run the bundle, compiled with V8's code cache when there is one V8 accepts. Also used by the
 * pipeline's worker threads (dist/bin/file-worker.js), which then start as fast as the command.
 */
function loadBundle(): { bundle: Bundle; script: vm.Script } {
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(CACHE);
  } catch {
    /* no cache: compile as usual */
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  const mod: { exports: Bundle } = { exports: {} as never };
  (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, require, mod, BUNDLE, __dirname);
  return { bundle: mod.exports, script };
}

/** The command line: the process's entry. */
function run(argv: string[]): void {
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') return;
      process.stderr.write(`nnunet-doctor: the version could not be written to standard output (${e.code ?? e.message})\n`);
      process.exitCode = 2;
    });
    process.stdout.write(`${__NNUNET_DOCTOR_VERSION__}\n`);
    return;
  }
  const { bundle, script } = loadBundle();
  // Errors of standard output (`| head` closing the pipe, a full disk) are main()'s to report:
  // this listener only keeps them from being thrown as unhandled 'error' events.
  process.stdout.on('error', () => undefined);
  bundle.main(argv).then(
    (code) => {
      process.exitCode = code;
      // the build's warm-up run keeps what V8 compiled for the next start
      if (process.env.NNUNET_DOCTOR_WRITE_CODE_CACHE === CACHE) fs.writeFileSync(CACHE, script.createCachedData());
    },
    (e: unknown) => {
      process.stderr.write(`nnunet-doctor: internal error: ${String((e as { message?: unknown } | null | undefined)?.message ?? e)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) run(process.argv.slice(2));

export = { fileWorker: () => loadBundle().bundle.fileWorker() };

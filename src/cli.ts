#!/usr/bin/env node
/**
 * The `nnunet-doctor` executable. It answers `--version` at once and loads the command line
 * (src/cli-main.ts: yargs, the pipeline, the reports) only for real work: start-up time is
 * what a pre-commit hook or a CI step pays on every run.
 */
const argv = process.argv.slice(2);

// `nnunet-doctor ... | head`: a reader that closed the pipe early is not an error (the run
// finishes and exits with its own code).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

if (argv.length === 1 && argv[0] === '--version') {
  const { VERSION } = await import('./version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./cli-main.js');
  process.exitCode = await main(argv).catch((e: unknown) => {
    process.stderr.write(`nnunet-doctor: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  });
}

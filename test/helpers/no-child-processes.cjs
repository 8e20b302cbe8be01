/**
 * What `node:child_process` is in the "quick" project of jest.config.js (moduleNameMapper):
 * its suites are pure unit tests, so starting a child process fails the test with a message
 * saying where such a test belongs. Other suites get the real module.
 */
const NAMES = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];

for (const name of NAMES) {
  exports[name] = () => {
    throw new Error(
      `child_process.${name}: the suites of \`npm run test:quick\` (QUICK_DIRS in jest.config.js) start no child process; ` +
        'put a test that runs the CLI or another program in a folder outside them (e.g. test/cli/), or list its file in NOT_QUICK',
    );
  };
}

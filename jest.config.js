/** ESM + ts-jest (see the project notes, ecosystem.md §6). */
import os from 'node:os';

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
const IGNORED = ['/node_modules/', '/dist/'];

/**
 * The pure unit tests (`npm run test:quick`, also part of `npm test`): these folders of test/,
 * except the NOT_QUICK files. They start no child process (no CLI run, no python3: for them
 * test/helpers/no-child-processes.cjs stands in for node:child_process) and need no build.
 * Every other suite is in the "integration" project.
 */
const QUICK_DIRS = ['core', 'folder', 'images', 'repo', 'rules'];
const NOT_QUICK = ['images/pool.test.ts']; // runs the compiled worker pool in child processes
const notQuick = `/test/(?:${NOT_QUICK.map((f) => f.replace(/\./g, '\\.')).join('|')})$`;

export default {
  testTimeout: 60000,
  // Most suites wait on child processes (the CLI, npm, git): two workers even on two cores
  // (jest's default there is one) halve the time, measured on a loaded 2-core machine.
  maxWorkers: Math.max(2, os.availableParallelism()),
  projects: [
    {
      ...common,
      displayName: 'quick',
      testMatch: QUICK_DIRS.map((d) => `<rootDir>/test/${d}/**/*.test.ts`),
      testPathIgnorePatterns: [...IGNORED, notQuick],
      moduleNameMapper: { ...common.moduleNameMapper, '^(node:)?child_process$': '<rootDir>/test/helpers/no-child-processes.cjs' },
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // everything else: files in the quick folders are left out, except the NOT_QUICK ones
      testPathIgnorePatterns: [...IGNORED, `^(?!.*${notQuick}).*/test/(?:${QUICK_DIRS.join('|')})/`],
    },
  ],
};

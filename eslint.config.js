// typescript-eslint, type-checked and strict, over the sources, the rule modules, the page,
// the tests and the scripts (`npm run lint`). Every rule turned off or tuned below says why.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // generated, built or data: docs/app is the page's bundle, examples and fixtures are inputs
  { ignores: ['dist/**', 'docs/app/**', 'coverage/**', 'examples/**', 'test/fixtures/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // with noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the idiom
      '@typescript-eslint/no-non-null-assertion': 'off',
      // numbers and booleans read fine in messages; objects and undefined do not
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => void f()` and `return cb()` in a function that returns void (Node's callback idiom) say what they mean
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `const { a, ...rest } = o` is how a copy without `a` is made
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // a CommonJS module (the installed executable's loader) imports with `import x = require()`
    files: ['**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }] },
  },
  {
    // the char codes of the hand-written JSON parser are a const enum (inlined by tsc), compared with charCodeAt()
    files: ['src/pyparse.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  {
    // tests assert on what the command line printed, read with JSON.parse as any: expect() checks its shape
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // the scripts, the jest and lint configs and the fuzz library are plain JavaScript: no types to check against
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

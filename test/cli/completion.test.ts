/** Shell completion through the built executable: the scripts, and the answers they ask for. */
import { expect, test } from '@jest/globals';
import { CHECK_OPTIONS, REMAP_OPTIONS } from '../../src/completion.js';
import { runCli } from '../helpers/cli.js';

test('every option of check --help and remap --help is completed', () => {
  const flags = (text: string) =>
    [...new Set([...text.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]!))].filter((f) => f !== '--get-yargs-completions' && f !== '--unsafe-paths'); // git apply's, in a description
  const check = flags(runCli(['check', '--help']).stdout);
  expect(check.filter((f) => !CHECK_OPTIONS.includes(f))).toEqual([]);
  const remap = flags(runCli(['remap', '--help']).stdout);
  expect(remap.filter((f) => !REMAP_OPTIONS.includes(f) && !CHECK_OPTIONS.includes(f))).toEqual([]);
});

test('the shell asks, the command answers: options at the top level, rule codes after explain', () => {
  expect(runCli(['--get-yargs-completions', 'nnunet-doctor', '--unsafe']).stdout).toBe('--unsafe-fixes\n');
  expect(runCli(['--get-yargs-completions', 'nnunet-doctor', 'explain', 'NNU30']).stdout.split('\n').filter(Boolean)).toEqual([
    'NNU301',
    'NNU302',
    'NNU303',
    'NNU304',
    'NNU305',
    'NNU306',
    'NNU307',
  ]);
});

test.each([
  ['bash', /complete -o bashdefault -o default -F _nnunet-doctor_yargs_completions nnunet-doctor/],
  ['zsh', /compdef _nnunet-doctor_yargs_completions nnunet-doctor/],
  ['fish', /^complete -c nnunet-doctor -a '\(nnunet-doctor --get-yargs-completions/m],
])("completion %s prints that shell's script", (shell, pattern) => {
  const r = runCli(['completion', shell]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(pattern);
  expect(r.stdout).toContain('--get-yargs-completions');
});

test('completion takes bash, zsh or fish only', () => {
  const r = runCli(['completion', 'tcsh']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/completion takes one optional argument: bash, zsh or fish/);
});

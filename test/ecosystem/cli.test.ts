/**
 * The shell around the library: --version, --help with examples, `completion`, the
 * --format choices, and `| head` not crashing the process.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, EXAMPLES, ROOT, runCli } from '../helpers/cli.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('--version and --help', () => {
  test('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  test('--help lists the commands, every format, --config, examples and the exit codes', () => {
    const r = runCli(['--help'], { env: { COLUMNS: '200' } });
    expect(r.status).toBe(0);
    for (const s of [
      'check [paths..]',
      'explain <code>',
      'rules',
      'completion',
      '--fix',
      '--unsafe-fixes',
      '--diff',
      '--config',
      '--select',
      '--ignore',
      'Examples:',
      'Exit codes: 0',
    ]) {
      expect(r.stdout).toContain(s);
    }
    expect(r.stdout).toMatch(/"text", "json", "sarif", "github"/);
    const examples = r.stdout.slice(r.stdout.indexOf('Examples:'));
    for (const s of ['--fix', '--diff', '--format github', '--format sarif', 'explain NNU102', 'completion']) expect(examples).toContain(s);
  });

  test('-h is --help; an unknown format is a usage error (2)', () => {
    expect(runCli(['-h']).stdout).toBe(runCli(['--help']).stdout);
    const r = runCli(['--format', 'checkstyle', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Choices: "text", "json", "sarif", "github"');
  });
});

describe('completion', () => {
  test('`nnunet-doctor completion` prints a bash completion script', () => {
    const r = runCli(['completion'], { env: { SHELL: '/bin/bash' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(''); // and no check of a folder named "completion" after it
    expect(r.stdout.trimEnd()).toMatch(/###-end-nnunet-doctor-completions-###$/);
    expect(r.stdout).toContain('###-begin-nnunet-doctor-completions-###');
    expect(r.stdout).toContain('complete -o bashdefault -o default -F _nnunet-doctor_yargs_completions nnunet-doctor');
  });

  test('zsh gets a zsh script', () => {
    const r = runCli(['completion'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('compdef _nnunet-doctor_yargs_completions nnunet-doctor');
  });

  test('the script asks the binary for words: commands and options', () => {
    const words = runCli(['--get-yargs-completions', 'nnunet-doctor', '']).stdout.split('\n');
    expect(words).toEqual(expect.arrayContaining(['check', 'explain', 'rules', 'completion']));
    const flags = runCli(['--get-yargs-completions', 'nnunet-doctor', 'check', '--']).stdout.split('\n');
    expect(flags).toEqual(expect.arrayContaining(['--fix', '--format', '--config']));
  });
});

test('a reader that closes the pipe early (| head -1) does not crash the process', () => {
  const r = spawnSync('sh', ['-c', `node ${JSON.stringify(CLI)} --format sarif ${JSON.stringify(EXAMPLES)} | head -1; echo "status=$?"`], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.stdout).toBe('{\nstatus=0\n');
  expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
});

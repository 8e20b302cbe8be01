/**
 * `.nnunet-doctor.json`: found by walking up from the working folder, flags win,
 * `--no-config` skips it, `--config PATH` names one, anything malformed is exit 2.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, findConfigFile, loadConfig, parseConfig } from '../../src/config.js';
import { EXAMPLES, cleanup, copyTree, runCli, tempDir, writeTree } from '../helpers/cli.js';

let dir: string;
let work: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-config-');
  // dir/.nnunet-doctor.json (written per test) ; dir/project/sub/ is the working folder
  work = path.join(dir, 'project', 'sub');
  copyTree(path.join(EXAMPLES, 'Dataset001_Liver'), path.join(work, 'Dataset001_Liver'));
  copyTree(path.join(EXAMPLES, 'Dataset006_Lung'), path.join(work, 'deep', 'er', 'Dataset006_Lung'));
});
afterAll(() => cleanup(dir));

const writeConfig = (where: string, value: unknown) => fs.writeFileSync(path.join(where, '.nnunet-doctor.json'), typeof value === 'string' ? value : JSON.stringify(value));
const removeConfigs = () => {
  for (const d of [dir, path.join(dir, 'project'), work]) fs.rmSync(path.join(d, '.nnunet-doctor.json'), { force: true });
};
const codes = (stdout: string) => [...new Set(JSON.parse(stdout).files.flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code)))].sort();

describe('discovery and precedence (CLI)', () => {
  test('a config two folders up applies; flags win; --no-config skips it', () => {
    removeConfigs();
    expect(runCli(['Dataset001_Liver'], { cwd: work }).status).toBe(1);
    writeConfig(dir, { ignore: ['NNU102'] });
    expect(runCli(['Dataset001_Liver'], { cwd: work }).status).toBe(0);
    expect(runCli(['Dataset001_Liver', '--no-config'], { cwd: work }).status).toBe(1);
    // --ignore on the command line replaces the file's list
    expect(runCli(['Dataset001_Liver', '--ignore', 'NNU0'], { cwd: work }).status).toBe(1);
  });

  test('the nearest config wins over one further up', () => {
    removeConfigs();
    writeConfig(dir, { ignore: ['NNU102'] });
    writeConfig(path.join(dir, 'project'), { select: ['NNU1'] });
    expect(runCli(['Dataset001_Liver'], { cwd: work }).status).toBe(1);
  });

  test('select and max-depth from the file; --select and --max-depth win', () => {
    removeConfigs();
    writeConfig(work, { select: ['NNU103'], 'max-depth': 1 });
    const fromFile = runCli(['.', '--format', 'json'], { cwd: work });
    expect(JSON.parse(fromFile.stdout).files).toHaveLength(0); // the datasets are deeper than 1
    const deeper = runCli(['.', '--format', 'json', '--max-depth', '5'], { cwd: work });
    expect(codes(deeper.stdout)).toEqual(['NNU103']);
    const selected = runCli(['.', '--format', 'json', '--max-depth', '5', '--select', 'NNU105'], { cwd: work });
    expect(codes(selected.stdout)).toEqual(['NNU105']);
  });

  test('unsafe-fixes and labels are read (and --no-unsafe-fixes wins)', async () => {
    removeConfigs();
    writeConfig(work, { 'unsafe-fixes': true, labels: false });
    expect((await loadConfig({ cwd: work }))?.config).toEqual({ unsafeFixes: true, labels: false });
    // unsafe-fixes shows in the text summary: "N with --unsafe-fixes" only when they are off
    const on = runCli(['Dataset001_Liver'], { cwd: work });
    expect(on.stdout).not.toContain('with --unsafe-fixes');
    const off = runCli(['Dataset001_Liver', '--no-unsafe-fixes'], { cwd: work });
    expect(off.stdout).toContain('0 with --unsafe-fixes');
  });

  test('--config PATH uses that file (and it must exist)', () => {
    removeConfigs();
    writeTree(dir, { 'elsewhere/cfg.json': JSON.stringify({ ignore: ['NNU1'] }) });
    expect(runCli(['Dataset001_Liver', '--config', path.join(dir, 'elsewhere', 'cfg.json')], { cwd: work }).status).toBe(0);
    const missing = runCli(['Dataset001_Liver', '--config', 'nope.json'], { cwd: work });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the config file: no such file/);
  });
});

describe('malformed configs are usage errors (exit 2, one clear line, nothing on stdout)', () => {
  const cases: [string, unknown, RegExp][] = [
    ['bad JSON', '{"select": ["NNU1"],}', /\.nnunet-doctor\.json:1:\d+: not valid JSON/],
    ['not an object', '["NNU1"]', /must be a JSON object/],
    ['unknown key', { selects: ['NNU1'] }, /unknown key "selects"; known keys: select, ignore, unsafe-fixes, labels, max-depth/],
    ['camelCase key', { unsafeFixes: true }, /unknown key "unsafeFixes" \(did you mean "unsafe-fixes"\?/],
    ['wrong type (boolean)', { labels: 'yes' }, /"labels" must be true or false, found "yes"/],
    ['wrong type (depth)', { 'max-depth': -1 }, /"max-depth" must be a whole number >= 0/],
    ['wrong type (codes)', { select: [102] }, /"select" must be a list of rule codes/],
    ['unknown rule code', { ignore: ['NNU9'] }, /"ignore": "NNU9" matches no rule code/],
  ];
  test.each(cases)('%s', (_name, value, message) => {
    removeConfigs();
    writeConfig(work, value);
    const r = runCli(['Dataset001_Liver'], { cwd: work });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^nnunet-doctor: config: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(path.join(work, '.nnunet-doctor.json'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // --no-config ignores even a broken file
    expect(runCli(['Dataset001_Liver', '--no-config'], { cwd: work }).status).toBe(1);
  });
});

describe('library', () => {
  test('parseConfig maps kebab-case keys to options; a single code may be a string', () => {
    expect(parseConfig('{"select": "NNU1", "ignore": ["nnu104"], "unsafe-fixes": false, "labels": true, "max-depth": 3}')).toEqual({
      select: ['NNU1'],
      ignore: ['nnu104'],
      unsafeFixes: false,
      labels: true,
      maxDepth: 3,
    });
    expect(parseConfig('{}')).toEqual({});
    expect(() => parseConfig('{"x": 1}')).toThrow(ConfigError);
  });

  test('findConfigFile walks up and stops at the root', async () => {
    removeConfigs();
    expect(await findConfigFile(work)).toBeUndefined();
    writeConfig(path.join(dir, 'project'), {});
    expect(await findConfigFile(work)).toBe(path.join(dir, 'project', '.nnunet-doctor.json'));
    expect(await loadConfig({ cwd: work })).toEqual({ path: path.join(dir, 'project', '.nnunet-doctor.json'), config: {} });
  });
});

/**
 * `.nnunet-doctor.json`: found by walking up from the working folder, flags win,
 * `--no-config` skips it, `--config PATH` names one, anything malformed is exit 2.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, findConfigFile, loadConfig, parseConfig } from '../../src/config.js';
import { EXAMPLES, cleanup, copyTree, runCli, tempDir, writeTree } from '../helpers/cli.js';
import { writeNifti } from '../helpers/nifti.js';

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

  test('"unsafe-fixes": true applies unsafe fixes with --fix; --no-unsafe-fixes wins', async () => {
    removeConfigs();
    // numTraining 5 but 2 cases on disk: NNU301, an unsafe fix
    const d = path.join(dir, 'unsafe', 'Dataset003_U');
    const text = '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "lesion": 1}, "numTraining": 5, "file_ending": ".nii.gz"}\n';
    const files: Record<string, string> = { 'dataset.json': text };
    for (const c of ['000', '001']) Object.assign(files, { [`imagesTr/case_${c}_0000.nii.gz`]: '', [`labelsTr/case_${c}.nii.gz`]: '' });
    writeTree(d, files);
    writeConfig(work, { 'unsafe-fixes': true, labels: false });
    expect((await loadConfig({ cwd: work }))?.config).toEqual({ unsafeFixes: true, labels: false });
    expect(runCli([d, '--fix', '--no-unsafe-fixes'], { cwd: work }).status).toBe(1);
    expect(fs.readFileSync(path.join(d, 'dataset.json'), 'utf8')).toBe(text);
    expect(runCli([d, '--fix'], { cwd: work }).status).toBe(0);
    expect(fs.readFileSync(path.join(d, 'dataset.json'), 'utf8')).toContain('"numTraining": 2');
  });

  test('"labels": true reads the segmentations (NNU4xx); --no-labels wins', () => {
    removeConfigs();
    const d = path.join(dir, 'segs', 'Dataset002_Mask'); // outside the working folder: the config comes from the cwd
    writeTree(d, { 'dataset.json': '{"channel_names": {"0": "CT"}, "labels": {"background": 0, "lesion": 1}, "numTraining": 1, "file_ending": ".nii.gz"}\n' });
    writeNifti(path.join(d, 'imagesTr', 'case_000_0000.nii.gz'), { dims: [2, 2, 1], datatype: 'int16', data: [] });
    writeNifti(path.join(d, 'labelsTr', 'case_000.nii.gz'), { dims: [2, 2, 1], datatype: 'uint8', data: [0, 255, 255] });
    const args = [d, '--format', 'json', '--no-folder-checks', '--jobs', '1'];
    expect(codes(runCli(args, { cwd: work }).stdout)).not.toContain('NNU401');
    writeConfig(work, { labels: true });
    expect(codes(runCli(args, { cwd: work }).stdout)).toContain('NNU401');
    expect(codes(runCli([...args, '--no-labels'], { cwd: work }).stdout)).not.toContain('NNU401');
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

/**
 * `.nnunet-doctor.json`: found by walking up from the working folder, flags win,
 * `--no-config` skips it, `--config PATH` names one, anything malformed is exit 2.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, findConfigFile, loadConfig, parseConfig } from '../../src/config.js';
import { EXAMPLES, cleanup, copyTree, runCli, tempDir, writeTree } from '../helpers/cli.js';
import { writeNifti } from '../helpers/nifti.js';
import { cli } from '../cli/tree-helpers.js';

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

const writeConfig = (where: string, value: unknown) =>
  fs.writeFileSync(path.join(where, '.nnunet-doctor.json'), typeof value === 'string' ? value : JSON.stringify(value));
const removeConfigs = () => {
  for (const d of [dir, path.join(dir, 'project'), work]) fs.rmSync(path.join(d, '.nnunet-doctor.json'), { force: true });
};
const codes = (stdout: string) =>
  [...new Set(JSON.parse(stdout).files.flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code)))].sort();

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
    // one folder level: Dataset001_Liver/dataset.json, not deep/er/Dataset006_Lung/dataset.json
    expect(JSON.parse(fromFile.stdout).files.map((f: { path: string }) => f.path)).toEqual(['Dataset001_Liver/dataset.json']);
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

describe('a config path that is not a regular file: one line, exit 2, never a hang (issue 9)', () => {
  const haveFifo = spawnSync('mkfifo', ['--version']).status === 0;
  const special = () => {
    const d = path.join(dir, 'special');
    fs.rmSync(d, { recursive: true, force: true });
    fs.mkdirSync(path.join(d, 'folder'), { recursive: true });
    if (haveFifo) {
      expect(spawnSync('mkfifo', [path.join(d, 'fifo')]).status).toBe(0);
      fs.symlinkSync('fifo', path.join(d, 'link-to-fifo'));
    }
    fs.symlinkSync('/dev/zero', path.join(d, 'link-to-zero'));
    fs.symlinkSync('nowhere', path.join(d, 'dangling'));
    // sparse: 2 GB on paper, nothing on disk
    fs.closeSync(fs.openSync(path.join(d, 'huge.json'), 'w'));
    fs.truncateSync(path.join(d, 'huge.json'), 2 * 1024 * 1024 * 1024);
    return d;
  };
  const cases: [string, RegExp][] = [
    ['fifo', /: cannot read the config file: is a FIFO \(named pipe\), not a regular file$/],
    ['link-to-fifo', /: cannot read the config file: is a FIFO \(named pipe\), not a regular file$/],
    ['folder', /: cannot read the config file: is a folder, not a file$/],
    ['/dev/zero', /: cannot read the config file: is a device or special file, not a regular file$/],
    ['link-to-zero', /: cannot read the config file: is a device or special file, not a regular file$/],
    ['huge.json', /: cannot read the config file: is 2048\.0 MB, over the 1 MB limit for a config file$/],
    ['dangling', /: cannot read the config file: no such file \(ENOENT\)$/],
  ];
  test.each(cases)('--config %s', (name, message) => {
    if (name.includes('fifo') && !haveFifo) return console.warn('SKIPPED: no mkfifo');
    const d = special();
    const r = cli(['Dataset001_Liver', '--config', path.isAbsolute(name) ? name : path.join(d, name)], { cwd: work, timeout: 30_000 });
    expect(r.signal).toBeNull(); // not killed by the safety timeout: it did not hang
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toMatch(/^nnunet-doctor: config: /);
    expect(first).toMatch(message);
    expect(rest.join('\n')).toBe('Run `nnunet-doctor --help` for usage.\n');
  });
  test.each([['fifo'], ['folder'], ['link-to-zero']])('the nearest .nnunet-doctor.json is a %s: reported, not skipped for one further up', (name) => {
    if (name.includes('fifo') && !haveFifo) return console.warn('SKIPPED: no mkfifo');
    removeConfigs();
    const d = special();
    writeConfig(dir, { ignore: ['NNU1'] }); // further up: must not be used instead
    fs.renameSync(path.join(d, name), path.join(work, '.nnunet-doctor.json'));
    try {
      const r = cli(['Dataset001_Liver'], { cwd: work, timeout: 30_000 });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr.startsWith(`nnunet-doctor: config: ${path.join(work, '.nnunet-doctor.json')}: cannot read the config file: `)).toBe(true);
    } finally {
      fs.rmSync(path.join(work, '.nnunet-doctor.json'), { recursive: true, force: true });
      removeConfigs();
    }
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

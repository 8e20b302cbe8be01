/**
 * `--format sarif`: valid against the real SARIF 2.1.0 JSON schema; one rule entry per
 * registry rule; levels; locations; fixes whose replacements reproduce what --fix writes
 * (BOM included); notifications for missing paths; after --fix only what is left.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { rules } from '../../transforms/index.js';
import { formatSarif, ruleDocsUrl, sarifLevel, RULE_DOCS_BASE_URL } from '../../src/report/sarif.js';
import { emptySummary } from '../../src/summary.js';
import { CORPUS, EXAMPLES, cleanup, copyTree, runCli, tempDir, writeTree } from '../helpers/cli.js';
import { applyReplacements, sarifSchemaErrors } from './helpers.js';

/** A SARIF log or report as JSON.parse reads it: the assertions check its shape. */
type Any = any;

let dir: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-sarif-');
});
afterAll(() => cleanup(dir));

function sarif(args: string[], cwd?: string): { status: number | null; log: Any; stderr: string } {
  const r = runCli(['--format', 'sarif', ...args], { cwd });
  return { status: r.status, log: JSON.parse(r.stdout), stderr: r.stderr };
}

const BOM_FILE = '\uFEFF{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}';

describe('schema', () => {
  test('the validator really checks (a broken log fails)', () => {
    const { log } = sarif([path.join(EXAMPLES, 'Dataset001_Liver')]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    expect(sarifSchemaErrors(broken).length).toBeGreaterThan(0);
    const noUri = structuredClone(log);
    noUri.runs[0].tool.driver.rules[0].helpUri = 'not a uri';
    expect(sarifSchemaErrors(noUri).length).toBeGreaterThan(0);
  });

  test('every example, a BOM file, a missing path and a --fix run validate', () => {
    writeTree(dir, { 'bom/Dataset001_Bom/dataset.json': BOM_FILE });
    copyTree(path.join(EXAMPLES, 'Dataset005_Spleen'), path.join(dir, 'fix', 'Dataset005_Spleen'));
    const runs = [
      sarif([EXAMPLES]),
      sarif([path.join(dir, 'bom')]),
      sarif([EXAMPLES, path.join(dir, 'no-such-folder')]),
      sarif([EXAMPLES, '--select', 'ALL']),
      sarif(['--fix', path.join(dir, 'fix')]),
    ];
    for (const r of runs) expect(sarifSchemaErrors(r.log)).toEqual([]);
  });

  test('the whole corpus of real dataset.json files (BOMs, UTF-16, comments, ...) validates', () => {
    const { log } = sarif([CORPUS, '--max-depth', '3']);
    expect(log.runs[0].results.length).toBeGreaterThan(50);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});

describe('rules and results', () => {
  test('one rule entry per registry rule, generated from the modules', () => {
    const { log } = sarif([EXAMPLES]);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('nnunet-doctor');
    expect(driver.rules.map((r: Any) => r.id)).toEqual(rules.map((r) => r.meta.code));
    for (const [i, r] of rules.entries()) {
      const d = driver.rules[i];
      expect(d.name).toBe(r.meta.name);
      expect(d.shortDescription.text).toBe(r.meta.summary);
      expect(d.fullDescription.text).toBe(r.meta.docs.trim());
      expect(d.helpUri).toBe(`${RULE_DOCS_BASE_URL}/${r.meta.code}.md`);
      expect(d.defaultConfiguration.level).toBe(sarifLevel(r.meta.severity));
      expect(d.defaultConfiguration.enabled).toBe(!r.meta.optIn);
    }
    expect(ruleDocsUrl('NNU102')).toBe('https://github.com/nnunet-doctor/nnunet-doctor/blob/main/docs/rules/NNU102.md');
  });

  test('levels: error -> error, warning -> warning, info and style -> note', () => {
    expect([sarifLevel('error'), sarifLevel('warning'), sarifLevel('info'), sarifLevel('style')]).toEqual(['error', 'warning', 'note', 'note']);
    const { log } = sarif([EXAMPLES, '--select', 'ALL']);
    const results = log.runs[0].results as Any[];
    const bySeverity = new Map(results.map((r) => [r.properties.severity, r.level]));
    expect(bySeverity.get('error')).toBe('error');
    expect(bySeverity.get('warning')).toBe('warning'); // NNU105 in Dataset006_Lung
    expect(bySeverity.get('info')).toBe('note'); // NNU000 in Dataset010_NotNnunet
    // style: NNU104 (opt-in) on a file whose background is not first
    writeTree(dir, {
      'style/Dataset001_S/dataset.json':
        '{"channel_names": {"0": "CT"}, "labels": {"liver": 1, "background": 0}, "numTraining": 1, "file_ending": ".nii.gz"}\n',
    });
    const style = sarif([path.join(dir, 'style'), '--select', 'NNU104']).log.runs[0].results as Any[];
    expect(style.map((r) => [r.ruleId, r.level])).toEqual([['NNU104', 'note']]);
  });

  test('results match the json report: rule, message, relative uri, region', () => {
    const json = JSON.parse(runCli(['--format', 'json', 'examples/nnUNet_raw']).stdout);
    const { log, status } = sarif(['examples/nnUNet_raw']);
    expect(status).toBe(1);
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    const expected = json.files.flatMap((f: Any) => f.diagnostics.map((d: Any) => ({ f, d })));
    expect(run.results).toHaveLength(expected.length);
    for (const [i, { f, d }] of expected.entries()) {
      const r = run.results[i];
      expect(r.ruleId).toBe(d.code);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(d.code);
      // the text says what nnU-Net does and what to do, as the text report's lines do
      expect(r.message.text).toBe([d.message, d.nnunet && `nnU-Net ${d.nnunet}`, d.help].filter(Boolean).join('; '));
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: f.path, uriBaseId: '%SRCROOT%' });
      expect(loc.region).toMatchObject({ startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
    }
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: true, exitCode: 1 });
  });

  test('paths with spaces and # are percent-encoded URI references', () => {
    writeTree(dir, { 'odd/Dataset001 a#b/dataset.json': fs.readFileSync(path.join(EXAMPLES, 'Dataset001_Liver', 'dataset.json')) });
    const { log } = sarif(['odd'], dir);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('odd/Dataset001%20a%23b/dataset.json');
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});

describe('fixes', () => {
  test('replacements of a fixable result reproduce what --fix writes', () => {
    const src = path.join(EXAMPLES, 'Dataset001_Liver', 'dataset.json');
    const { log } = sarif([src]);
    const [result] = log.runs[0].results;
    expect(result.fixes).toHaveLength(1);
    const change = result.fixes[0].artifactChanges[0];
    expect(change.artifactLocation.uri).toBe(result.locations[0].physicalLocation.artifactLocation.uri);
    const fixedBySarif = applyReplacements(fs.readFileSync(src), change.replacements);
    const copy = path.join(dir, 'liver', 'Dataset001_Liver');
    copyTree(path.dirname(src), copy);
    expect(runCli(['--fix', copy]).status).toBe(0);
    expect(fixedBySarif.toString('utf8')).toBe(fs.readFileSync(path.join(copy, 'dataset.json'), 'utf8'));
  });

  test('a BOM file: columns and charOffset count from after the BOM, the BOM is a byte region', () => {
    writeTree(dir, { 'bom2/Dataset001_Bom/dataset.json': BOM_FILE });
    const file = path.join(dir, 'bom2', 'Dataset001_Bom', 'dataset.json');
    const bytes = fs.readFileSync(file);
    const { log } = sarif([file]);
    const results = log.runs[0].results as Any[];
    const bom = results.find((r) => r.ruleId === 'NNU003');
    expect(bom.locations[0].physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 1, charOffset: 0, charLength: 0 });
    expect(bom.fixes[0].artifactChanges[0].replacements).toEqual([{ deletedRegion: { byteOffset: 0, byteLength: 3 } }]);
    const inverted = results.find((r) => r.ruleId === 'NNU102');
    const region = inverted.locations[0].physicalLocation.region;
    const textWithoutBom = BOM_FILE.slice(1);
    const at = textWithoutBom.indexOf('{"0": "background"');
    expect(region.charOffset).toBe(at);
    expect(region.startColumn).toBe(at + 1);
    // all fixes together (they do not overlap) give exactly what --fix writes
    const all = results.flatMap((r) => r.fixes?.[0].artifactChanges[0].replacements ?? []);
    const fixed = applyReplacements(bytes, all);
    expect(runCli(['--fix', file]).status).toBe(0);
    expect(fixed.equals(fs.readFileSync(file))).toBe(true);
    expect(fixed[0]).toBe(0x7b); // '{': the BOM is gone
  });

  test('non-fixable results carry no fixes; after --fix only the problems left are reported', () => {
    writeTree(dir, {
      'left/Dataset001_L/dataset.json':
        '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz", "x": NaN}\n',
    });
    const before = sarif([path.join(dir, 'left')]).log.runs[0].results as Any[];
    expect(before.map((r) => r.ruleId).sort()).toEqual(['NNU005', 'NNU102']);
    expect(before.find((r) => r.ruleId === 'NNU005').fixes).toBeUndefined();
    const after = sarif(['--fix', path.join(dir, 'left')]);
    expect(after.status).toBe(1);
    expect((after.log.runs[0].results as Any[]).map((r) => r.ruleId)).toEqual(['NNU005']);
    expect(after.log.runs[0].properties.mode).toBe('fix');
  });
});

test('missing paths become tool execution notifications; the run is not successful (exit 2)', () => {
  const { log, status } = sarif([path.join(dir, 'nope')]);
  expect(status).toBe(2);
  const inv = log.runs[0].invocations[0];
  expect(inv.executionSuccessful).toBe(false);
  expect(inv.exitCode).toBe(2);
  expect(inv.toolExecutionNotifications[0]).toMatchObject({ level: 'error' });
  expect(inv.toolExecutionNotifications[0].message.text).toContain('no such file or folder');
});

test('formatSarif is usable as a library function', () => {
  const text = formatSarif({ files: [], missing: [], errors: [], fix: false }, emptySummary(), { cwd: '/tmp', exitCode: 0 });
  const log = JSON.parse(text);
  expect(log.version).toBe('2.1.0');
  expect(log.runs[0].results).toEqual([]);
  expect(sarifSchemaErrors(log)).toEqual([]);
});

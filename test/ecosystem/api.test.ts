/**
 * The library API: `import { checkFile, fixText, scan, rules } from 'nnunet-doctor'` by
 * the package's own name (Node's self-reference through package.json `exports` resolves
 * it to dist/), fixText is pure and returns text, diagnostics and edits, and the CLI is
 * a thin shell over this module only.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as api from '../../src/index.js';
import { ROOT } from '../helpers/cli.js';

const V1 =
  '{\n  "channel_names": {"0": "CT"},\n  "labels": {\n    "0": "background",\n    "1": "liver"\n  },\n  "numTraining": 1,\n  "file_ending": ".nii.gz"\n}\n';

function applyEdits(text: string, edits: api.TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  return out;
}

describe("import ... from 'nnunet-doctor' (self-reference, built package)", () => {
  test('resolves to dist/ and exposes checkFile, fixText, scan, rules', () => {
    const script = `
      const m = await import('nnunet-doctor');
      const r = m.fixText(${JSON.stringify(V1)});
      const c = await m.checkFile('examples/nnUNet_raw/Dataset001_Liver/dataset.json');
      const s = await m.scan({ paths: ['examples/nnUNet_raw/Dataset001_Liver'] });
      console.log(JSON.stringify({
        resolved: import.meta.resolve('nnunet-doctor'),
        types: ['checkFile', 'fixText', 'scan', 'rules', 'formatSarif', 'scanEach', 'summarize'].map((k) => typeof m[k]),
        codes: r.diagnostics.map((d) => d.code), changed: r.changed, edits: r.edits, output: r.output,
        checked: c.diagnostics.map((d) => d.code), scanned: s.files.map((f) => f.path), rules: m.rules.map((x) => x.meta.code),
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.resolved).toBe(pathToFileURL(path.join(ROOT, 'dist', 'src', 'index.js')).href);
    expect(out.types).toEqual(['function', 'function', 'function', 'object', 'function', 'function', 'function']);
    expect(out.codes).toEqual(['NNU102']);
    expect(out.checked).toEqual(['NNU102']);
    expect(out.scanned).toEqual(['examples/nnUNet_raw/Dataset001_Liver/dataset.json']);
    expect(applyEdits(V1, out.edits)).toBe(out.output);
    expect(out.rules).toEqual(api.rules.map((x) => x.meta.code));
  });
});

describe('fixText', () => {
  test('pure: same input, same result; the input string is untouched', () => {
    const input = V1;
    const a = api.fixText(input);
    const b = api.fixText(input);
    expect(input).toBe(V1);
    expect(a).toEqual(b);
    expect(a.output).toContain('"background": 0');
  });

  test('returns the new text, the diagnostics and the edits that turn the input into it', () => {
    const r = api.fixText(V1);
    expect(r.changed).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.fix.applied])).toEqual([['NNU102', true]]);
    expect(r.remaining).toEqual([]);
    expect(r.edits.length).toBeGreaterThan(0);
    for (const e of r.edits) expect(e).toEqual({ offset: expect.any(Number), length: expect.any(Number), content: expect.any(String) });
    expect(applyEdits(V1, r.edits)).toBe(r.output);
    // edits are minimal: the untouched lines are not part of them
    expect(r.edits.every((e) => !V1.slice(e.offset, e.offset + e.length).includes('channel_names'))).toBe(true);
  });

  test('edits also cover several fixes, a BOM and CRLF; none when nothing changes', () => {
    const messy =
      '\uFEFF{\r\n  // comment\r\n  "channel_names": {"0": "CT"},\r\n  "labels": {"0": "background", "1": "liver",},\r\n  "numTraining": 1,\r\n  "file_ending": ".nii.gz"\r\n}\r\n';
    const r = api.fixText(messy);
    expect(r.changed).toBe(true);
    expect(applyEdits(messy, r.edits)).toBe(r.output);
    const sorted = [...r.edits].sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.offset).toBeGreaterThanOrEqual(sorted[i - 1]!.offset + sorted[i - 1]!.length);
    const clean = api.fixText(r.output);
    expect(clean.edits).toEqual([]);
    expect(clean.changed).toBe(false);
  });

  test('options: select and ignore reach the engine', () => {
    expect(api.fixText(V1, { ignore: ['NNU102'] }).diagnostics).toEqual([]);
    expect(api.fixText(V1, { select: ['NNU0'] }).changed).toBe(false);
  });
});

describe('the public API is what a caller needs', () => {
  test('exactly these names: checking and fixing, the rules, counts and exit code, the report formats', () => {
    expect(Object.keys(api).sort()).toEqual([
      'checkFile',
      'exitCode',
      'explainRule',
      'fixBytes',
      'fixText',
      'formatJson',
      'formatSarif',
      'ruleByCode',
      'rules',
      'scan',
      'scanEach',
      'summarize',
      'textEdits',
      'version',
    ]);
  });

  test('every API function has TSDoc in the published types', () => {
    const dts = fs.readFileSync(path.join(ROOT, 'dist', 'src', 'index.d.ts'), 'utf8');
    for (const name of ['fixText', 'fixBytes', 'checkFile', 'rules']) {
      expect(dts).toMatch(new RegExp(`/\\*\\*[\\s\\S]*?\\*/\\s*export declare (function|const) ${name}\\b`));
    }
    const run = fs.readFileSync(path.join(ROOT, 'dist', 'src', 'run.d.ts'), 'utf8');
    expect(run).toMatch(/\/\*\*[\s\S]*?\*\/\s*export declare function scan\b/);
  });
});

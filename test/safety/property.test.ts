/**
 * Property-based tests (seeded and bounded: a few seconds). Inputs: the real corpus files
 * (test/fixtures/corpus), the examples and synthetic JSON/JSONC documents with `labels`,
 * mutated by byte flips, truncation, comments, trailing commas, BOM, CRLF/tab reindent,
 * 10,000-level nesting, __proto__/constructor keys, NUL bytes, lone surrogates, invalid
 * UTF-8 and UTF-16. For every input: no exception; a changed output loads under Python's
 * json.load rules (and, sampled, in real python3), every value outside the fix keys is
 * unchanged, a second run changes nothing; NNU001/NNU007 files are never changed; and
 * Object.prototype is unpolluted afterwards. A smaller sample runs through the real CLI.
 * The long run is `npm run fuzz -- 10000` (scripts/fuzz.mjs, same generators).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import path from 'node:path';
import { parseDocument } from '../../src/document.js';
import { fixBytes } from '../../src/engine.js';
import { parsePython } from '../../src/pyjson.js';
import { scan } from '../../src/run.js';
import { toPyValue } from '../../src/verify.js';
import * as lib from './fuzzlib.mjs';
import { CLI, CORPUS, EXAMPLES, requireBuiltCli, rmrf, tempDir } from './helpers.js';

const SEED = 20240611;
const api: lib.EngineApi = { fixBytes, parsePython, parseDocument, toPyValue };
const prototypesBefore = lib.prototypeSnapshot();

const corpus = lib.loadCorpus(CORPUS);
const examples = lib.loadExamples(EXAMPLES);
// Mutated bases: the small and medium real files (the big ones are checked unmutated below and in the fuzz run).
const bases = [...corpus, ...examples].filter((b) => b.bytes.length <= 12_000);

/** Samples for the Python cross-check, filled by the tests below. */
const pyOutputs: { name: string; text: string }[] = [];
const pyInputs: { name: string; text: string }[] = [];

function expectNoFailures(name: string, failures: string[]): void {
  if (failures.length) throw new Error(`${name}:\n  ${failures.join('\n  ')}`);
}

function remember(name: string, bytes: Uint8Array, output: string | undefined): void {
  if (output !== undefined && pyOutputs.length < 100) pyOutputs.push({ name, text: output });
  if (pyInputs.length < 100) {
    try {
      pyInputs.push({ name, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) });
    } catch {
      /* not UTF-8: Python would not get to json */
    }
  }
}

describe('properties of the pure engine (fixBytes)', () => {
  test('the real corpus is present (generators use it)', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(70);
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  test('every real corpus file and example, unmutated (every other one with --unsafe-fixes)', () => {
    [...corpus, ...examples].forEach((b, i) => {
      const { failures, result } = lib.checkPure(api, b.bytes, i % 2 ? { unsafeFixes: true } : {});
      expectNoFailures(b.name, failures);
      if (result?.changed) remember(b.name, b.bytes, result.output);
    });
  });

  test('hostile fixed cases: 10,000-level nesting, __proto__ keys, NUL, UTF-16, lone surrogates, binary', () => {
    for (const c of lib.fixedCases()) {
      const { failures, result } = lib.checkPure(api, c.bytes);
      expectNoFailures(c.name, failures);
      remember(c.name, c.bytes, result?.changed ? result.output : undefined);
    }
    // The deep and binary ones are refused, never changed.
    const deep = fixBytes(lib.fixedCases()[0]!.bytes);
    expect(deep.changed).toBe(false);
    expect(deep.diagnostics.map((d) => d.code)).toContain('NNU001');
    const utf16 = fixBytes(lib.fixedCases().find((c) => c.name.startsWith('utf16'))!.bytes);
    expect(utf16.diagnostics.map((d) => d.code)).toContain('NNU007');
  });

  test('seeded random inputs (synthetic + real files, mutated): all properties hold', () => {
    let i = 0;
    fc.assert(
      fc.property(lib.inputArbitrary(bases), (input) => {
        const options = i++ % 3 === 2 ? { unsafeFixes: true } : {};
        const { failures, result } = lib.checkPure(api, input.bytes, options);
        if (failures.length) throw new Error(`${input.name}:\n  ${failures.join('\n  ')}`);
        if (i % 4 === 0) remember(input.name, input.bytes, result?.changed ? result.output : undefined);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('a 10 MB string (inverted labels, so the fix rewrites it): fixed, verified, idempotent', () => {
    const c = lib.longStringCases()[0]!;
    const { failures, result } = lib.checkPure(api, c.bytes);
    expectNoFailures(c.name, failures);
    expect(result?.changed).toBe(true);
    expect(result?.applied.map((a) => a.code)).toContain('NNU102');
  });

  test('regression: NaN/Infinity glued to a number is a syntax error, not a value (fuzz find)', () => {
    // `2.5eInfinity` was masked to the valid number `2.5e0`, so the file looked fixable and the
    // engine then refused its own output ("internal error", exit 2) instead of NNU001.
    for (const t of ['{"a": 2.5eInfinity, "labels": {"x": 1,}}', '{"labels": {"background": 1NaN}}', '{"a": 1-Infinity}']) {
      const r = fixBytes(Buffer.from(t));
      expect(r.error).toBeUndefined();
      expect(r.changed).toBe(false);
      expect(r.diagnostics.map((d) => d.code)).toContain('NNU001');
    }
    const ok = fixBytes(Buffer.from('{"a": -Infinity, "b": [NaN, Infinity], "labels": {"background": 0}, "channel_names": {"0": "CT"}}'));
    expect(ok.diagnostics.filter((d) => d.code === 'NNU005')).toHaveLength(3);
  });

  test('regression: label values beyond 2^53 are read exactly as Python does (it wrote `1e+40` forever, or a different integer) (fuzz find)', () => {
    // Python's int() is exact at any size: a float token is truncated exactly, a string or an
    // integer token read digit by digit. A safe fix writes that very integer, never a rounded one.
    for (const [v, written] of [
      ['1e40', '10000000000000000303786028427003666890752'],
      ['"12345678901234567890"', '12345678901234567890'],
      ['1e16', '10000000000000000'],
    ]) {
      const r = fixBytes(Buffer.from(`{"labels": {"background": 0, "a": ${v}}, "channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}`));
      expect(r.error).toBeUndefined();
      expect(r.output).toContain(`"a": ${written}}`);
      expect(r.diagnostics.find((x) => x.code === 'NNU105')!.fix).toMatchObject({ applicability: 'safe', available: true });
      // the value is absurd as a label, and nnU-Net says so: not consecutive
      expect(r.remaining.map((d) => d.code)).toEqual(['NNU106']);
    }
    // an integer token is already an int: nothing to fix, but not consecutive either
    const big = fixBytes(
      Buffer.from('{"labels": {"background": 0, "a": 12345678901234567890}, "channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}'),
    );
    expect(big.changed).toBe(false);
    expect(big.diagnostics.map((d) => d.code)).toEqual(['NNU106']);
    // 1e400 is a float infinity: OverflowError, as Python says
    const inf = fixBytes(Buffer.from('{"labels": {"background": 0, "a": 1e400}, "channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"}'));
    expect(JSON.stringify(inf.diagnostics.find((d) => d.code === 'NNU105'))).toContain('OverflowError: cannot convert float infinity to integer');
  });

  test('regression: a NaN/Infinity node spans its whole token, so a property inserted after it lands after it (fuzz find)', () => {
    // The tokens were masked as `0` + spaces, so the node of `NaN` was 1 character long and
    // NNU201's "file_ending" (inserted after the last property) went inside it: `N,"file_ending": ...aN`.
    for (const tok of ['NaN', 'Infinity', '-Infinity']) {
      const doc = parseDocument(`[${tok}, 1]`);
      const n = doc.root!.children![0]!;
      expect([n.offset, n.length]).toEqual([1, tok.length]);
      const input = `{\n  "channel_names": {"0": "CT"},\n  "labels": {"background": 0, "a": 1},\n  "numTraining": ${tok}\n}\n`;
      const r = fixBytes(Buffer.from(input), { unsafeFixes: true });
      expect(r.error).toBeUndefined();
      expect(r.applied.map((a) => a.code)).toContain('NNU201');
      expect(r.output).toBe(
        `{\n  "channel_names": {"0": "CT"},\n  "labels": {"background": 0, "a": 1},\n  "numTraining": ${tok},\n  "file_ending": ".nii.gz"\n}\n`,
      );
      expect(() => parsePython(r.output)).not.toThrow();
    }
  });
});

describe('cross-check with real Python', () => {
  const py = lib.havePython();
  (py ? test : test.skip)('python3 json.load accepts every fixed output, and agrees with parsePython on the inputs', () => {
    expect(pyOutputs.length).toBeGreaterThan(20);
    expectNoFailures('python', lib.pythonCrossCheck(api, pyOutputs, pyInputs));
  });
  if (!py) {
    test('python3 is not available', () => {
      console.warn('SKIPPED: Python cross-check (python3 not found)');
    });
  }
});

describe('through the real CLI on temp files', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmrf(dir);
  });

  test('--fix twice on 40 generated inputs + the hostile cases: exit 0/1/2, no stack, unfixable untouched, idempotent', () => {
    requireBuiltCli();
    dir = tempDir('prop', true);
    const inputs = [...lib.fixedCases(), ...fc.sample(lib.inputArbitrary(bases), { seed: SEED + 1, numRuns: 40 })];
    expectNoFailures('cli', lib.checkCli(api, CLI, path.join(dir, 'tree'), inputs));
  });

  test('the library pipeline (scan) on the same tree leaves Object.prototype alone', async () => {
    const r = await scan({ paths: [path.join(dir, 'tree')], folderChecks: false });
    expect(r.files.length).toBeGreaterThan(40);
  });
});

test('Object.prototype and the other built-in prototypes are unpolluted after everything above', () => {
  expect(lib.pollutionCheck(prototypesBefore)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/**
 * src/pyint.ts is Python's int(), exactly: every string form (blanks, signs, underscores,
 * Unicode digits, the 4300-digit limit) and every JSON number token, checked against python3.
 */
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { pyIntFromNumberToken, pyIntFromString } from '../../src/pyint.js';
import { intKeyForm } from '../safety/fuzzlib.mjs';

/** Python's result for each case: `OK <int>` or `<Exception>: <message>`. */
function python(cases: { s: string; json?: boolean }[]): string[] {
  const script = `
import json, sys
out = []
for c in json.load(sys.stdin):
    try:
        v = json.loads(c['s']) if c.get('json') else c['s']
        out.append('OK ' + str(int(v)))
    except Exception as e:
        out.append(type(e).__name__ + ': ' + str(e))
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const show = (r: ReturnType<typeof pyIntFromString>) => (r.ok ? `OK ${r.value}` : r.error);

test('int(str) on every key form and on random strings', () => {
  const strings = [
    ...fc.sample(intKeyForm, { numRuns: 300, seed: 1 }),
    ...fc.sample(
      fc.string({
        unit: fc.constantFrom('0', '1', '9', '_', '+', '-', ' ', '.', 'e', 'x', '１', '٣', '\u00a0', '\u2003', '\x1c', '\t', '𝟓', 'a'),
        maxLength: 8,
      }),
      { numRuns: 2000, seed: 2 },
    ),
    '0'.repeat(4301),
    '-' + '1'.repeat(4300),
  ];
  const ours = strings.map((s) => show(pyIntFromString(s)));
  const theirs = python(strings.map((s) => ({ s })));
  expect(
    strings
      .map((s, i) => [s, ours[i]])
      .filter((_, i) => ours[i] !== theirs[i])
      .map(([s, o], i) => ({ s, ours: o, python: theirs[i] })),
  ).toEqual([]);
});

test('int() of what json.load makes of a number token (ints exact, floats truncated exactly, inf/nan)', () => {
  const tokens = [
    '0',
    '-0',
    '7',
    '12345678901234567890',
    '1.0',
    '1.9',
    '-1.9',
    '1e20',
    '1e40',
    '1e400',
    '-1e400',
    '2.5e-3',
    '1E5',
    '0.99999999999999999',
    'NaN',
    'Infinity',
    '-Infinity',
    '123456789012345678901234567890.5',
  ];
  const ours = tokens.map((t) => show(pyIntFromNumberToken(t)));
  expect(ours).toEqual(python(tokens.map((s) => ({ s, json: true }))));
});

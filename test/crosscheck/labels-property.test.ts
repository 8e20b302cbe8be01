/**
 * A safe fix never changes what a value means (issue 9). For generated `labels` objects, in the
 * v1/MSD orientation (keys in every form Python's int() accepts or rejects: " 1", "+1", "1_0",
 * full-width digits, 20- and 400-digit integers, "1.0", "0x1", ...) and in the v2 orientation
 * (values "1", 1.0, 1e20, true, huge integers), real Python reads the fixed file's labels and
 * every name must map to the very integer the original meant, as a Python int, and no fix may
 * leave an inverted entry behind.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { fixText } from '../../src/engine.js';
import { intKeyForm, labelValueForm } from '../safety/fuzzlib.mjs';

const NAMES = ['background', 'liver', 'tumour', 'vessel', 'kidney', 'spleen'];

/** A dataset.json around a labels object written as raw entries. */
const file = (entries: string[]) =>
  `{\n    "channel_names": {"0": "CT"},\n    "labels": {\n        ${entries.join(',\n        ')}\n    },\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}\n`;

const v1 = fc
  .uniqueArray(intKeyForm, { minLength: 1, maxLength: 5, selector: (k) => k })
  .map((keys) => file(keys.map((k, i) => `${JSON.stringify(k)}: ${JSON.stringify(NAMES[i])}`)));
const v2 = fc.array(labelValueForm, { minLength: 1, maxLength: 5 }).map((vals) => file(vals.map((v, i) => `${JSON.stringify(NAMES[i])}: ${v}`)));

/**
 * Python's reading of each (original, fixed) pair: what the original meant, name -> int(...) in
 * its orientation (None where int() fails), and the fixed file's labels with their Python types.
 */
function python(
  pairs: { original: string; fixed: string }[],
): { meant: Record<string, string | null> | null; fixed: Record<string, [string, string | null]>; invertedLeft: boolean }[] {
  const script = `
import json, sys
def meant(labels):
    vals = list(labels.values())
    keys = list(labels.keys())
    inverted = all(isinstance(v, str) for v in vals)
    out = {}
    for k, v in labels.items():
        try:
            if inverted: out[v] = str(int(k))
            else: out[k] = str(int(v))
        except Exception:
            if inverted: out[v] = None
            else: out[k] = None
    return out
res = []
for p in json.load(sys.stdin):
    o = json.loads(p['original'])['labels']
    f = json.loads(p['fixed'])['labels']
    def as_int(v):
        try: return str(int(v))
        except Exception: return None
    inverted_left = all(isinstance(v, str) for v in o.values()) and f != o and any(isinstance(v, str) and as_int(v) is None for v in f.values())
    res.append({'meant': meant(o), 'fixed': {k: [type(v).__name__, as_int(v)] for k, v in f.items()}, 'invertedLeft': inverted_left})
print(json.dumps(res))
`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.each([
  ['v1/MSD orientation, every key form', v1],
  ['v2 orientation, every value form', v2],
])('%s', (_name, arb) => {
  test('the fixed labels mean what the original meant, as Python ints', () => {
    const texts = fc.sample(arb, { numRuns: 400, seed: 9 });
    const pairs: { original: string; fixed: string }[] = [];
    for (const original of texts) {
      const r = fixText(original); // safe fixes only
      expect(r.error).toBeUndefined();
      if (r.changed) pairs.push({ original, fixed: r.output });
    }
    expect(pairs.length).toBeGreaterThan(50);
    const read = python(pairs);
    const bad: unknown[] = [];
    read.forEach((p, i) => {
      // a fix of an inverted object must not leave inverted entries behind (a name as a value)
      if (p.invertedLeft) bad.push({ original: pairs[i]!.original.slice(0, 300), fixed: pairs[i]!.fixed.slice(0, 300), invertedLeft: true });
      for (const [name, [type, value]] of Object.entries(p.fixed)) {
        const want = p.meant?.[name];
        // a name added by the fix (background inserted at 0) has no original meaning, nor has a
        // value int() could not read (the fix must leave those alone: checked below)
        if (want === undefined || want === null) continue;
        // int() of the fixed value is what the original meant; a value in the v1 orientation
        // (a name) is now the integer itself, a Python int
        const wasInverted = !Object.prototype.hasOwnProperty.call(p.meant ?? {}, name) ? false : !pairs[i]!.original.includes(`${JSON.stringify(name)}:`);
        if (value !== want || (wasInverted && type !== 'int'))
          bad.push({
            original: pairs[i]!.original.slice(0, 300),
            fixed: pairs[i]!.fixed.slice(0, 300),
            name,
            type,
            value: value?.slice(0, 40),
            want: want.slice(0, 40),
          });
      }
    });
    expect(bad).toEqual([]);
  });
});

/**
 * NNU001 must quote exactly what Python's json.load says, message, line and column, checked
 * against real python3 on every invalid corpus file and on generated inputs.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument, type Document } from '../../src/document.js';
import { fixBytes } from '../../src/engine.js';
import { pythonErrorMessage } from '../../src/pyparse.js';
import { CORPUS, ROOT } from '../helpers/corpus.js';
import { inputArbitrary, loadCorpus, loadExamples, type Input } from '../safety/fuzzlib.mjs';

const corpus = loadCorpus(CORPUS);
const examples = loadExamples(path.join(ROOT, 'examples', 'nnUNet_raw'));
const generated: Input[] = fc.sample(inputArbitrary([...corpus, ...examples]), { numRuns: 600, seed: 7 });

/**
 * The file with its comments, trailing commas and BOM blanked, one space per character as
 * Python counts characters (code points: an emoji in a comment is one), line breaks kept.
 */
function blankPerCodePoint(text: string, doc: Document): string {
  const spans: [number, number][] = doc.comments.map((c) => [c.offset, c.length]);
  for (const off of doc.trailingCommas) spans.push([off, 1]);
  if (doc.bom) spans.push([0, 1]);
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [off, len] of spans) {
    out += text.slice(from, off) + text.slice(off, off + len).replace(/[^\r\n]/gu, ' ');
    from = off + len;
  }
  return out + text.slice(from);
}

/** Python's str(JSONDecodeError) for each text, read as json.load reads a file (text mode). */
function pythonErrors(texts: string[]): (string | null)[] {
  const script = `
import json, sys
out = []
for t in json.load(sys.stdin):
    t = t.replace('\\r\\n', '\\n').replace('\\r', '\\n')  # open(): universal newlines
    try:
        json.loads(t)
        out.append(None)
    except json.JSONDecodeError as e:
        out.append(str(e))
    except RecursionError:
        out.append('RecursionError')
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('NNU001 quotes Python', () => {
  test('on every invalid corpus file and generated input: the message, line and column Python gives', () => {
    const cases: { name: string; masked: string; ours: string }[] = [];
    for (const input of [...corpus, ...generated]) {
      const text = Buffer.from(input.bytes).toString('utf8');
      const doc = parseDocument(text);
      if (!doc.pyError) continue;
      // Python's error once the comments, trailing commas and BOM that NNU002/NNU003 remove are blanked
      cases.push({ name: input.name, masked: blankPerCodePoint(text, doc), ours: pythonErrorMessage(text, doc.pyError) });
    }
    for (const id of ['032', '074']) expect(cases.some((c) => c.name.startsWith(`corpus:${id}_`))).toBe(true);
    const theirs = pythonErrors(cases.map((c) => c.masked));
    const mismatches = cases
      .map((c, i) => ({ name: c.name, ours: c.ours, python: theirs[i] }))
      .filter((m) => m.python !== 'RecursionError' && m.ours !== m.python);
    expect(mismatches).toEqual([]);
    expect(cases.length).toBeGreaterThan(20);
  });

  test('corpus 032 and 074: the exact lines', () => {
    const message = (id: string) => {
      const dir = fs.readdirSync(CORPUS).find((n) => n.startsWith(id))!;
      const r = fixBytes(fs.readFileSync(path.join(CORPUS, dir, 'dataset.json')));
      return r.diagnostics.find((d) => d.code === 'NNU001');
    };
    expect(message('032')).toMatchObject({ line: 26, column: 5 });
    expect(JSON.stringify(message('032'))).toContain('Expecting property name enclosed in double quotes: line 26 column 5 (char 623)');
    // 074: a trailing comma (NNU002 removes it), then an unclosed object: what Python says once the comma is gone
    expect(JSON.stringify(message('074'))).toContain("Expecting ',' delimiter: line 18 column 1 (char 288)");
  });
});

/**
 * The whole real corpus (test/fixtures/corpus, 75 files, byte for byte from public
 * repositories): no crash; the expected rule codes where SOURCES.tsv names a problem;
 * every fixed output loads under Python's json.load rules, changes no line outside the
 * fixed spots, and a second run has nothing left to fix.
 */
import { describe, expect, test } from '@jest/globals';
import { diffLines } from 'diff';
import { fixBytes } from '../../src/engine.js';
import { parseDocument, positionAt } from '../../src/document.js';
import { lastProperty } from '../../src/kind.js';
import { parsePython } from '../../src/pyjson.js';
import { ruleByCode } from '../../transforms/index.js';
import { corpusBytes, corpusIds } from '../helpers/cli.js';

const ids = corpusIds();
const byPrefix = (n: string) => ids.find((id) => id.startsWith(n))!;

test('the corpus is there (75 files)', () => {
  expect(ids).toHaveLength(75);
});

/** Expected codes, from the SOURCES.tsv notes. */
const EXPECTED: Record<string, string[]> = {
  ...Object.fromEntries(['001', '002', '003', '004', '005', '006', '007', '008', '009', '010'].map((n) => [n, ['NNU102']])),
  '013': ['NNU004'],
  '020': ['NNU101', 'NNU102'],
  '021': ['NNU101', 'NNU102'],
  '030': ['NNU002'],
  '031': ['NNU002'],
  '032': ['NNU001'],
  '033': ['NNU001'],
  '073': ['NNU103', 'NNU105'],
  '074': ['NNU001'],
};

describe('expected rule codes', () => {
  test.each(Object.entries(EXPECTED))('%s', (n, codes) => {
    const r = fixBytes(corpusBytes(byPrefix(n)));
    const found = new Set(r.diagnostics.map((d) => d.code));
    for (const c of codes) expect(found).toContain(c);
  });
  test('075 (nnDetection) is not-nnunet, info only, unchanged', () => {
    const r = fixBytes(corpusBytes(byPrefix('075')));
    expect(r.kind).toBe('not-nnunet');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NNU000']);
    expect(r.changed).toBe(false);
  });
  test('invalid files are never changed', () => {
    for (const n of ['032', '033', '074']) expect(fixBytes(corpusBytes(byPrefix(n)), { unsafeFixes: true }).changed).toBe(false);
  });
  test('v2 files written by nnU-Net itself have no label problems', () => {
    for (const n of ['045', '046', '047', '048', '049', '054', '055']) {
      const r = fixBytes(corpusBytes(byPrefix(n)));
      expect(r.diagnostics.filter((d) => d.code.startsWith('NNU1')).map((d) => `${n} ${d.code}`)).toEqual([]);
    }
  });
});

/** Line numbers (1-based) of the original that a fix may touch. */
function allowedLines(text: string, codes: Set<string>, scopeKeys: Set<string>): Set<number> {
  const doc = parseDocument(text);
  const lines = new Set<number>();
  const addSpan = (from: number, to: number) => {
    const a = positionAt(doc, from).line;
    const b = positionAt(doc, Math.max(from, to)).line;
    for (let l = a; l <= b; l++) lines.add(l);
  };
  if (codes.has('NNU002')) {
    for (const c of doc.comments) addSpan(c.offset, c.offset + c.length);
    for (const o of doc.trailingCommas) addSpan(o, o + 1);
  }
  if (codes.has('NNU003')) lines.add(1);
  const kids = doc.root?.children ?? [];
  for (const k of scopeKeys) {
    const p = lastProperty(doc.root, k);
    for (const q of kids.filter((x) => x.children?.[0]?.value === k)) addSpan(q.offset, q.offset + q.length);
    if (!p && kids.length) {
      // an added key goes after the last property, which gains a comma
      const last = kids[kids.length - 1]!;
      addSpan(last.offset + last.length, last.offset + last.length);
    }
  }
  return lines;
}

describe.each(ids)('%s', (id) => {
  test('no crash; fixed output is Python-loadable, local, idempotent', () => {
    const bytes = corpusBytes(id);
    for (const unsafeFixes of [false, true]) {
      const r = fixBytes(bytes, { unsafeFixes });
      expect(r.error).toBeUndefined();
      if (!r.changed) continue;
      expect(() => parsePython(r.output)).not.toThrow();
      // only lines inside the fixed spots changed
      const codes = new Set(r.applied.map((a) => a.code));
      const scopeKeys = new Set<string>();
      for (const a of r.applied) for (const key of scopeOf(a.code)) scopeKeys.add(key);
      const allowed = allowedLines(r.input, codes, scopeKeys);
      let line = 1;
      for (const part of diffLines(r.input, r.output)) {
        const n = part.count;
        if (part.removed) for (let l = line; l < line + n; l++) expect({ id, line: l, allowed: allowed.has(l) }).toEqual({ id, line: l, allowed: true });
        if (!part.added) line += n;
      }
      // a second run has nothing left to fix
      const again = fixBytes(Buffer.from(r.output, 'utf8'), { unsafeFixes });
      expect(again.changed).toBe(false);
      expect(again.diagnostics.filter((d) => d.fix.applicability === 'safe' || (unsafeFixes && d.fix.applicability === 'unsafe'))).toEqual([]);
    }
  });
});

/** The top-level keys a rule's fixes may touch, from its module's meta (stage) and code. */
function scopeOf(code: string): string[] {
  const rule = ruleByCode(code);
  if (!rule) return [];
  const map: Record<string, string[]> = {
    NNU1: ['labels'],
    NNU201: ['file_ending', 'numTraining', 'channel_names'],
    NNU202: ['modality', 'channel_names'],
    NNU203: ['channel_names'],
    NNU204: ['numTraining'],
    NNU205: ['file_ending'],
    NNU206: ['overwrite_image_reader_writer'],
    NNU301: ['numTraining'],
    NNU302: ['file_ending'],
  };
  return map[code] ?? map[code.slice(0, 4)] ?? [];
}

/**
 * Shared by test/safety/property.test.ts (seeded, bounded, through src/) and
 * scripts/fuzz.mjs (long runs, through dist/): input generators over real dataset.json files
 * and synthetic JSON/JSONC documents with `labels`, hostile mutations, and the properties
 * every input must satisfy. Plain ESM JavaScript so both can import it; the engine functions
 * are passed in (`api`), never imported here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';

/** Top-level keys a fix may change (add, rename, remove, rewrite). Every other key must keep its value and order. */
const FIX_KEYS = new Set(['labels', 'channel_names', 'modality', 'file_ending', 'numTraining', 'overwrite_image_reader_writer']);

/** Codes whose files are never written. */
export const BLOCKING = new Set(['NNU001', 'NNU007']);

// ---------------------------------------------------------------------------------------------
// Base documents

/** Every `NNN_slug/dataset.json` under `dir` as { name, bytes }, sorted; [] when the folder is absent. */
export function loadCorpus(dir) {
  let names;
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => /^\d{3}_/.test(n))
      .sort();
  } catch {
    return [];
  }
  const out = [];
  for (const n of names) {
    const p = path.join(dir, n, 'dataset.json');
    try {
      out.push({ name: `corpus:${n}`, bytes: fs.readFileSync(p) });
    } catch {
      /* not a file */
    }
  }
  return out;
}

/** Every `<dir>/<name>/dataset.json` of the examples folder. */
export function loadExamples(dir) {
  let names;
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names
    .filter((n) => fs.existsSync(path.join(dir, n, 'dataset.json')))
    .map((n) => ({ name: `example:${n}`, bytes: fs.readFileSync(path.join(dir, n, 'dataset.json')) }));
}

const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

const labelName = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'background',
      'Background',
      'BACKGROUND',
      ' background',
      'bg',
      'liver',
      'tumor',
      'left kidney',
      'ignore',
      'Ignore',
      '',
      'Ä',
      'rein gauche',
      '肝臓',
      '🫀',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2, max: 12 }).map(String) },
);

const numberRaw = fc.oneof(
  fc.integer({ min: -3, max: 20 }).map(String),
  fc.constantFrom('1.0', '2.5', '-0', '0.0', '1e0', '1E2', '3.000', '12345678901234567890', '1e400', '-1.5e-3'),
);

const labelValueRaw = fc.oneof(
  { weight: 6, arbitrary: numberRaw },
  { weight: 2, arbitrary: fc.integer({ min: -1, max: 12 }).map((n) => JSON.stringify(String(n))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"1.0"', '" 2"', '"x"', 'true', 'false', 'null', '[1, 2]', '[]', '{}', 'NaN', 'Infinity', '-Infinity', '[1, "2"]', '{"a": 1}'),
  },
);

/** A JSON text of an arbitrary value (valid JSON; keys may be hostile). */
const jsonRaw = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__": {"polluted": "yes"}}',
      '{"constructor": {"prototype": {"polluted": "yes"}}}',
      '"\\ud800"',
      '"\\udc00x\\ud83d"',
      '"a\\u0000b"',
      '[NaN, Infinity]',
    ),
  },
);

/** [key, raw value] pairs of a `labels` object in one of the shapes seen in the wild. */
/**
 * A v1/MSD label key in every form Python's int() reads or refuses (issue 9): plain, signed,
 * padded with blanks (ASCII and Unicode), underscores, leading zeros, full-width and other
 * Unicode digits, 20- and 400-digit integers; and "1.0", "1e0", "0x1", "1__0", "", "+".
 */
export const intKeyForm = fc.oneof(
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.constantFrom(
    '+1',
    ' 1',
    '1 ',
    '\t2\n',
    '\u00a03',
    '\u30004',
    '1_0',
    '0_1',
    '01',
    '007',
    '-0',
    '+0',
    '１',
    '٣',
    '२',
    '𝟓',
    '1__0',
    '_1',
    '1_',
    '1.0',
    '1e0',
    '0x1',
    '',
    '+',
    '-',
    '1 1',
    '\u200b1',
    '\ufeff1',
    '\x1c1',
  ),
  fc.bigInt({ min: 10n ** 19n, max: 10n ** 21n }).map(String),
  fc.constant('9'.repeat(401)),
  fc.constant('1' + '0'.repeat(4300)),
);

/** A v2 label value token in every form int() reads or refuses: 1, "1", " 1", 1.0, 1e20, 1e400, true, 99999999999999999999, "1.0", null, [1]. */
export const labelValueForm = fc.oneof(
  fc.integer({ min: 0, max: 6 }).map(String),
  fc.constantFrom(
    '"1"',
    '" 2"',
    '"+3"',
    '"1_0"',
    '"４"',
    '1.0',
    '2.50',
    '1e0',
    '1e20',
    '1e400',
    '-1e400',
    'true',
    'false',
    '99999999999999999999',
    '"1.0"',
    '"1e0"',
    'null',
    '[1]',
    '[0]',
    '"liver"',
    'NaN',
    '-0',
    '0.0',
  ),
);

const labelsPairs = fc.oneof(
  // key forms Python's int() reads or refuses, v1/MSD orientation
  fc
    .uniqueArray(intKeyForm, { minLength: 1, maxLength: 5, selector: (k) => k })
    .map((keys) => keys.map((k, i) => [k, JSON.stringify(i ? `c${i}` : 'background')])),
  // value forms, v2 orientation
  fc.array(labelValueForm, { minLength: 1, maxLength: 5 }).map((vals) => vals.map((v, i) => [i ? `c${i}` : 'background', v])),
  // name -> value (v2)
  fc.array(fc.tuple(labelName, labelValueRaw), { maxLength: 6 }),
  // "0": "background" (v1/MSD)
  fc.array(labelName, { minLength: 1, maxLength: 6 }).map((names) => names.map((n, i) => [String(i), JSON.stringify(n)])),
  // inverted with gaps / shuffled
  fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 9 }).map(String),
      labelName.map((n) => JSON.stringify(n)),
    ),
    { maxLength: 6 },
  ),
  // regions
  fc.array(
    fc.tuple(
      labelName,
      fc.oneof(
        numberRaw,
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }).map((a) => JSON.stringify(a)),
      ),
    ),
    { maxLength: 5 },
  ),
);

const channelPairs = fc.oneof(
  fc
    .array(fc.constantFrom('CT', 'T1', 'T2', 'FLAIR', 'MRI', 'noNorm', 'rescale_to_0_1', 'zscore'), { minLength: 1, maxLength: 4 })
    .map((a) => a.map((m, i) => [String(i), JSON.stringify(m)])),
  fc.array(fc.constantFrom('CT', 'T1', 'T2', 'MRI'), { minLength: 1, maxLength: 3 }).map((a) => a.map((m, i) => [m, String(i)])),
  fc.constant([]),
);

const extraKey = fc.oneof(
  fc.constantFrom('name', 'description', 'reference', 'licence', 'release', 'tensorImageSize', 'numTest', 'dim', 'regions_class_order'),
  fc.constantFrom(...HOSTILE_NAMES),
  fc.string({ maxLength: 8 }),
);

const trainingRaw = fc
  .array(fc.integer({ min: 0, max: 999 }), { maxLength: 4 })
  .map((ids) => JSON.stringify(ids.map((i) => ({ image: `./imagesTr/case_${i}.nii.gz`, label: `./labelsTr/case_${i}.nii.gz` }))));

const style = fc.record({
  indent: fc.constantFrom('', '  ', '    ', '\t', ' '),
  colon: fc.constantFrom(': ', ':', ' : '),
  finalNewline: fc.boolean(),
});

function serialize(pairs, st, level = 0) {
  if (!pairs.length) return '{}';
  if (!st.indent)
    return '{' + pairs.map(([k, v]) => `${JSON.stringify(k)}${st.colon}${typeof v === 'string' ? v : serialize(v, st, level + 1)}`).join(', ') + '}';
  const pad = st.indent.repeat(level + 1);
  const body = pairs.map(([k, v]) => `${pad}${JSON.stringify(k)}${st.colon}${typeof v === 'string' ? v : serialize(v, st, level + 1)}`).join(',\n');
  return `{\n${body}\n${st.indent.repeat(level)}}`;
}

/** A synthetic dataset.json text (as a string) with `labels` and the usual nnU-Net / MSD keys. */
const syntheticDoc = fc
  .record({
    labels: fc.option(labelsPairs, { freq: 8 }),
    channels: fc.option(fc.tuple(fc.constantFrom('channel_names', 'modality'), channelPairs), { freq: 2 }),
    numTraining: fc.option(fc.oneof(numberRaw, fc.constantFrom('"12"', '"1.0"', 'null', '12.0')), { freq: 2 }),
    fileEnding: fc.option(fc.constantFrom('".nii.gz"', '"nii.gz"', '".NII.GZ"', '".png"', '".nrrd"', '"nifti"', '""', '5', '".nii.gz "'), { freq: 2 }),
    reader: fc.option(fc.constantFrom('null', '"SimpleITKIO"', '"simpleitkio"', '"Bogus"', '"NibabelIOWithReorient"'), { freq: 4 }),
    training: fc.option(trainingRaw, { freq: 3 }),
    extras: fc.array(fc.tuple(extraKey, jsonRaw), { maxLength: 4 }),
    duplicate: fc.option(fc.nat(), { freq: 6 }),
    // a last property with an awkward value: fixes insert after the last property
    tail: fc.option(
      fc.tuple(
        fc.constantFrom('numTraining', 'description', 'dim', '__proto__'),
        fc.constantFrom('NaN', '-Infinity', 'Infinity', '1e999', '-0', '"x\\"y"', '[1, 2]', '{}', '[]', '"\\ud800"', 'null'),
      ),
      { freq: 3 },
    ),
    order: fc.nat(),
    style,
  })
  .map((d) => {
    const pairs = [];
    if (d.channels) pairs.push([d.channels[0], d.channels[1]]);
    if (d.labels) pairs.push(['labels', d.labels]);
    if (d.numTraining !== null) pairs.push(['numTraining', d.numTraining]);
    if (d.fileEnding !== null) pairs.push(['file_ending', d.fileEnding]);
    if (d.reader !== null) pairs.push(['overwrite_image_reader_writer', d.reader]);
    if (d.training !== null) pairs.push(['training', d.training]);
    pairs.push(...d.extras);
    // rotate for key-order variety
    const k = pairs.length ? d.order % pairs.length : 0;
    const rotated = [...pairs.slice(k), ...pairs.slice(0, k)];
    if (d.duplicate !== null && rotated.length) rotated.push(rotated[d.duplicate % rotated.length]);
    if (d.tail !== null) rotated.push(d.tail);
    return serialize(rotated, d.style) + (d.style.finalNewline ? '\n' : '');
  });

// ---------------------------------------------------------------------------------------------
// Mutations

const enc = (s) => Buffer.from(s, 'utf8');
const dec = (b) => Buffer.from(b).toString('utf8');

/** Positions in `text` right after one of `chars` (or 0). */
function positionsAfter(text, chars) {
  const out = [];
  for (let i = 0; i < text.length && out.length < 4096; i++) if (chars.includes(text[i])) out.push(i + 1);
  return out.length ? out : [0];
}

function insertAt(text, pos, s) {
  return text.slice(0, pos) + s + text.slice(pos);
}

/** Mutations on the text (each: [name, (text, n) => text], n a random natural). */
const TEXT_MUTATIONS = {
  lineComment: (t, n) => {
    const p = positionsAfter(t, '\n{,[');
    return insertAt(t, p[n % p.length], ' // a comment, with "quotes" and } brackets\n');
  },
  blockComment: (t, n) => {
    const p = positionsAfter(t, '\n{,[:');
    return insertAt(t, p[n % p.length], '/* block\n comment */');
  },
  hashComment: (t, n) => {
    const p = positionsAfter(t, '\n');
    return insertAt(t, p[n % p.length], '# formerly modalities\n');
  },
  unterminatedComment: (t, n) => {
    const p = positionsAfter(t, '\n{,');
    return insertAt(t, p[n % p.length], '/* never closed ');
  },
  trailingComma: (t, n) => {
    const closers = [];
    for (let i = 0; i < t.length; i++) if (t[i] === '}' || t[i] === ']') closers.push(i);
    if (!closers.length) return t + ',';
    let i = closers[n % closers.length];
    while (i > 0 && /\s/.test(t[i - 1])) i--;
    return insertAt(t, i, ',');
  },
  bom: (t) => '\uFEFF' + t,
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  mixedEol: (t, n) => {
    let k = 0;
    return t.replace(/\n/g, () => (k++ % 2 === n % 2 ? '\r\n' : '\n'));
  },
  tabs: (t) => t.replace(/^( {2,4})+/gm, (m) => '\t'.repeat(Math.max(1, Math.round(m.length / 4)))),
  deepNesting: (t, n) => {
    const depths = [10000, 10000, 499, 500, 501, 899, 900, 901];
    const d = depths[n % depths.length];
    const v = n % 3 === 0 ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d);
    const i = t.indexOf('{');
    return i < 0 ? v : insertAt(t, i + 1, `"deep": ${v},`);
  },
  unbalancedNesting: (t) => '['.repeat(10000) + t,
  protoKey: (t, n) => {
    const where = n % 2 ? t.indexOf('"labels"') : t.indexOf('{');
    const brace = where < 0 ? -1 : t.indexOf('{', where);
    const s = n % 3 === 0 ? '"__proto__": {"polluted": "yes"}, ' : n % 3 === 1 ? '"constructor": {"prototype": {"polluted": "yes"}}, ' : '"__proto__": 3, ';
    return brace < 0 ? t : insertAt(t, brace + 1, s);
  },
  loneSurrogate: (t, n) => {
    const brace = t.indexOf('{', Math.max(0, t.indexOf('"labels"')));
    const s = ['"\\ud800": 1, ', '"x\\udc00y": 2, ', '"\\ud83d": "\\ude00", '][n % 3];
    return brace < 0 ? t : insertAt(t, brace + 1, s);
  },
  nanToken: (t, n) => {
    const m = [...t.matchAll(/-?\d+(\.\d+)?/g)];
    if (!m.length) return t;
    const x = m[n % m.length];
    return t.slice(0, x.index) + ['NaN', 'Infinity', '-Infinity'][n % 3] + t.slice(x.index + x[0].length);
  },
  controlInString: (t, n) => {
    const q = positionsAfter(t, '"');
    return insertAt(t, q[n % q.length], ['\t', '\n', '\u0001'][n % 3]);
  },
  duplicateLabels: (t) => {
    const i = t.indexOf('"labels"');
    if (i < 0) return t;
    const b = t.indexOf('{', i);
    return b < 0 ? t : insertAt(t, b + 1, '"background": 0, "background": 1, ');
  },
  nonAsciiName: (t) => {
    const i = t.indexOf('"labels"');
    if (i < 0) return t;
    const b = t.indexOf('{', i);
    return b < 0 ? t : insertAt(t, b + 1, '"Läsion 🫀": 7, ');
  },
  deleteChar: (t, n) => (t.length ? t.slice(0, n % t.length) + t.slice((n % t.length) + 1) : t),
  singleQuotes: (t, n) => {
    const m = [...t.matchAll(/"([A-Za-z_]+)"/g)];
    if (!m.length) return t;
    const x = m[n % m.length];
    return t.slice(0, x.index) + `'${x[1]}'` + t.slice(x.index + x[0].length);
  },
  extraData: (t) => t + '\nEOF\n',
  commentInString: (t, n) => {
    const q = positionsAfter(t, '"');
    return insertAt(t, q[n % q.length], ['// not a comment', '/* nor this */', '# nor this', ', "x": 1}'][n % 4]);
  },
  commentBeforeColon: (t, n) => {
    const m = [...t.matchAll(/"\s*:/g)];
    if (!m.length) return t;
    const x = m[n % m.length];
    return insertAt(t, x.index + 1, [' /* c */ ', ' // c\n', '\n# c\n'][n % 3]);
  },
  longishString: (t, n) => {
    const i = t.indexOf('{');
    return i < 0 ? t : insertAt(t, i + 1, `"description": "${'x'.repeat(1000 + (n % 100000))}", `);
  },
};

/** Mutations on the bytes. */
const BYTE_MUTATIONS = {
  flipBit: (b, n) => {
    if (!b.length) return b;
    const c = Buffer.from(b);
    c[n % c.length] ^= 1 << (n % 8);
    return c;
  },
  setByte: (b, n) => {
    if (!b.length) return b;
    const c = Buffer.from(b);
    c[(n >>> 3) % c.length] = n & 0xff;
    return c;
  },
  truncate: (b, n) => b.subarray(0, b.length ? n % b.length : 0),
  insertNul: (b, n) => Buffer.concat([b.subarray(0, n % (b.length + 1)), Buffer.from([0]), b.subarray(n % (b.length + 1))]),
  invalidUtf8: (b, n) => {
    const bad = [[0xff], [0xc3], [0xe9], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82]][n % 7];
    const at = (n >>> 3) % (b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(bad), b.subarray(at)]);
  },
  utf16: (b, n) => {
    const le = Buffer.from(dec(b), 'utf16le');
    const withBom = n % 3 !== 2;
    if (n % 2) {
      const be = Buffer.from(le);
      be.swap16();
      return withBom ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
    }
    return withBom ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : le;
  },
  latin1: (b) => Buffer.from(dec(b).replace(/background/g, 'bäckground'), 'latin1'),
  utf8Bom: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
};

/** Mutations that usually leave a readable (fixable) document: drawn more often, to exercise the fixes. */
const READABLE_MUTATIONS = [
  'lineComment',
  'blockComment',
  'hashComment',
  'trailingComma',
  'bom',
  'crlf',
  'mixedEol',
  'tabs',
  'protoKey',
  'loneSurrogate',
  'nanToken',
  'duplicateLabels',
  'nonAsciiName',
  'longishString',
  'commentInString',
  'commentBeforeColon',
];
const textMutation = fc.tuple(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...READABLE_MUTATIONS) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(TEXT_MUTATIONS).filter((k) => !READABLE_MUTATIONS.includes(k))) },
  ),
  fc.nat(),
);
const byteMutation = fc.tuple(fc.constantFrom(...Object.keys(BYTE_MUTATIONS)), fc.nat());

/**
 * Inputs: { name, bytes } where name says how the input was made (base document and
 * mutations), enough to rebuild it.
 */
export function inputArbitrary(bases) {
  const base = bases.length
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...bases).map((b) => ({ name: b.name, text: dec(b.bytes), raw: b.bytes })) },
        { weight: 5, arbitrary: syntheticDoc.map((t) => ({ name: 'synthetic', text: t, raw: undefined })) },
      )
    : syntheticDoc.map((t) => ({ name: 'synthetic', text: t, raw: undefined }));
  return fc
    .record({
      base,
      text: fc.array(textMutation, { maxLength: 3 }),
      bytes: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 2 }) }),
    })
    .map(({ base: b, text, bytes }) => {
      // Start from the original bytes when no text mutation applies (keeps invalid UTF-8 of real files).
      let buf = b.raw && !text.length ? b.raw : enc(text.reduce((t, [k, n]) => TEXT_MUTATIONS[k](t, n), b.text));
      for (const [k, n] of bytes) buf = BYTE_MUTATIONS[k](buf, n);
      const how = [...text.map(([k, n]) => `${k}(${n})`), ...bytes.map(([k, n]) => `${k}(${n})`)];
      return { name: `${b.name}${how.length ? ' + ' + how.join(' + ') : ''}`, bytes: new Uint8Array(buf) };
    });
}

/** The one or two 10 MB cases (run explicitly, not sampled: each costs seconds). */
export function longStringCases() {
  const big = 'x'.repeat(10 * 1024 * 1024);
  return [
    {
      name: 'long: 10 MB label name in inverted labels',
      bytes: enc(
        `{\n    "labels": {\n        "0": "background",\n        "1": "${big}"\n    },\n    "channel_names": {"0": "CT"},\n    "numTraining": 1,\n    "file_ending": ".nii.gz"\n}`,
      ),
    },
    {
      name: 'long: 10 MB description with a comment',
      bytes: enc(
        `{\n  // comment\n  "description": "${big}",\n  "labels": {"background": 0, "liver": 1,},\n  "channel_names": {"0": "CT"}, "numTraining": 1, "file_ending": ".nii.gz"\n}`,
      ),
    },
  ];
}

/** Fixed hostile cases always checked (cheap). */
export function fixedCases() {
  const d = 10000;
  return [
    {
      name: 'deep: 10,000 nested arrays in labels',
      bytes: enc(`{"labels": {"background": 0, "x": ${'['.repeat(d)}${']'.repeat(d)}}, "channel_names": {"0": "CT"}}`),
    },
    { name: 'deep: 10,000 nested objects at top level', bytes: enc(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`) },
    { name: 'deep: unbalanced 10,000 brackets', bytes: enc('['.repeat(d)) },
    {
      name: 'proto: __proto__ labels',
      bytes: enc('{"labels": {"__proto__": 1, "0": "background"}, "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
    },
    {
      name: 'proto: inverted with __proto__ name',
      bytes: enc('{"labels": {"0": "background", "1": "__proto__", "2": "constructor"}, "modality": {"0": "CT"}}'),
    },
    { name: 'nul: NUL byte', bytes: new Uint8Array([0x7b, 0x00, 0x7d]) },
    { name: 'utf16le with BOM', bytes: new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"labels": {"0": "background"}}', 'utf16le')])) },
    { name: 'lone surrogate escape in inverted labels', bytes: enc('{"labels": {"0": "background", "1": "\\ud800"}, "channel_names": {"0": "CT"}}') },
    { name: 'empty file', bytes: new Uint8Array(0) },
    { name: 'only BOM', bytes: new Uint8Array([0xef, 0xbb, 0xbf]) },
    { name: 'binary', bytes: new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) & 0xff)) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Properties

/** Deep equality of two PyValue trees (raw tokens, key order and duplicates included). */
function pyEqual(a, b) {
  if (a.type !== b.type) return false;
  if (a.type === 'scalar') return a.raw === b.raw;
  if (a.type === 'array') return a.items.length === b.items.length && a.items.every((x, i) => pyEqual(x, b.items[i]));
  return a.pairs.length === b.pairs.length && a.pairs.every(([k, v], i) => k === b.pairs[i][0] && pyEqual(v, b.pairs[i][1]));
}

function describeValue(v) {
  const s = JSON.stringify(v);
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

/**
 * Check one input through the pure engine. `api` = { fixBytes, parsePython, parseDocument,
 * toPyValue }. Returns { failures: string[], result } (failures empty when every property holds).
 */
export function checkPure(api, bytes, options = {}) {
  const failures = [];
  let r;
  try {
    r = api.fixBytes(bytes, options);
  } catch (e) {
    return { failures: [`fixBytes threw: ${e?.stack ?? e}`], result: undefined };
  }
  if (r.error) failures.push(`the engine refused its own fix: ${r.error}`);
  const blocked = r.diagnostics.some((d) => BLOCKING.has(d.code));
  if (blocked && r.changed) failures.push('a blocked (NNU001/NNU007) file would be written');
  if (r.error && r.changed) failures.push('an error result has changed output');
  if (!r.changed && r.output !== r.input) failures.push('changed=false but output differs from input');
  if (r.changed) {
    // The bytes written are Buffer.from(output, 'utf8'): the output must be well-formed UTF-16.
    if (!r.output.isWellFormed()) failures.push('output holds a lone surrogate code unit (would be written as U+FFFD)');
    let after;
    try {
      after = api.parsePython(r.output);
    } catch (e) {
      failures.push(`output does not load under Python's json.load rules: ${e.message} at ${e.offset}`);
    }
    // Values outside the fix keys: same values, same raw tokens, same order.
    const before = api.parseDocument(r.input);
    if (!before.root) failures.push('output changed although the input has no JSON value');
    else if (after) {
      const orig = api.toPyValue(before, before.root);
      if (orig.type !== 'object' || after.type !== 'object') {
        if (!pyEqual(orig, after)) failures.push('a non-object document changed value');
      } else {
        const keep = (pairs) => pairs.filter(([k]) => !FIX_KEYS.has(k));
        const a = keep(orig.pairs);
        const b = keep(after.pairs);
        if (a.map(([k]) => k).join('\u0000') !== b.map(([k]) => k).join('\u0000')) {
          failures.push(`keys outside the fix scopes changed: ${describeValue(a.map(([k]) => k))} -> ${describeValue(b.map(([k]) => k))}`);
        } else {
          for (let i = 0; i < a.length; i++) {
            if (!pyEqual(a[i][1], b[i][1]))
              failures.push(`value of ${JSON.stringify(a[i][0])} changed: ${describeValue(a[i][1])} -> ${describeValue(b[i][1])}`);
          }
        }
      }
    }
    // Idempotence: a second run changes nothing and finds no fixable problem.
    let again;
    try {
      again = api.fixBytes(Buffer.from(r.output, 'utf8'), options);
    } catch (e) {
      failures.push(`second fixBytes threw: ${e?.stack ?? e}`);
    }
    if (again) {
      if (again.changed) failures.push(`not idempotent: a second run changes it again (${again.applied.map((x) => x.code).join(', ')})`);
      if (again.error) failures.push(`second run error: ${again.error}`);
    }
  }
  return { failures, result: r };
}

/** Own property names of Object.prototype and friends, to detect pollution. */
export function prototypeSnapshot() {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
}

export function pollutionCheck(before) {
  const failures = [];
  if (prototypeSnapshot() !== before) failures.push('a built-in prototype gained or lost properties');
  if ({}.polluted !== undefined || Object.prototype.polluted !== undefined) failures.push('Object.prototype.polluted is set');
  return failures;
}

// ---------------------------------------------------------------------------------------------
// Python cross-check

/** Is python3 runnable? */
export function havePython() {
  const r = spawnSync('python3', ['-c', 'import json, sys; print(sys.version_info[0])'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === '3';
}

const PY_SCRIPT = `
import json, sys
out = []
for p in sys.stdin.read().split('\\0'):
    if not p:
        continue
    try:
        with open(p, 'r', encoding='utf-8') as f:
            json.load(f)
        out.append({'ok': True})
    except json.JSONDecodeError as e:
        out.append({'ok': False, 'error': 'JSONDecodeError', 'msg': e.msg, 'pos': e.pos})
    except RecursionError:
        out.append({'ok': False, 'error': 'RecursionError'})
    except UnicodeDecodeError as e:
        out.append({'ok': False, 'error': 'UnicodeDecodeError'})
    except Exception as e:
        out.append({'ok': False, 'error': type(e).__name__})
sys.stdout.write(json.dumps(out))
`;

/**
 * Load each text with real Python (`json.load` of the file opened as UTF-8), in one
 * subprocess. Returns one { ok, error?, msg?, pos? } per text.
 */
function pythonLoad(texts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-pycheck-'));
  try {
    const files = texts.map((t, i) => {
      const p = path.join(dir, `${i}.json`);
      fs.writeFileSync(p, typeof t === 'string' ? Buffer.from(t, 'utf8') : t);
      return p;
    });
    const r = spawnSync('python3', ['-c', PY_SCRIPT], { input: files.join('\0'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Cross-check with Python: every output must load; for every input text that decodes, our
 * Python-rules parser must accept exactly when Python does. Returns failure strings.
 */
export function pythonCrossCheck(api, outputs, inputs) {
  const failures = [];
  const texts = [...outputs.map((o) => o.text), ...inputs.map((i) => i.text)];
  if (!texts.length) return failures;
  const res = pythonLoad(texts);
  outputs.forEach((o, i) => {
    if (!res[i].ok) failures.push(`${o.name}: Python cannot load the fixed output: ${res[i].error} ${res[i].msg ?? ''}`);
  });
  inputs.forEach((inp, j) => {
    const py = res[outputs.length + j];
    let ours = true;
    let why = '';
    try {
      api.parsePython(inp.text);
    } catch (e) {
      ours = false;
      why = `${e.message} at ${e.offset}`;
    }
    // Our verifier stops at 900 levels; Python's own limit (~997 at top level, less when
    // json.load is called deeper in a program) is not fixed. Rejecting earlier is the safe side.
    if (!ours && py.ok && /recursion/.test(why)) return;
    if (ours !== py.ok)
      failures.push(
        `${inp.name}: parsePython ${ours ? 'accepts' : `rejects (${why})`} but Python ${py.ok ? 'accepts' : `rejects (${py.error} ${py.msg ?? ''} at ${py.pos})`}`,
      );
  });
  return failures;
}

// ---------------------------------------------------------------------------------------------
// Through the real CLI

const STACK = /\n\s+at .+:\d+:\d+\)?/;

/**
 * Write each input to `<root>/c<i>/dataset.json`, run `node cli --fix` on the tree twice and
 * check: exit code 0/1/2, no stack trace, unfixable files byte-identical, written files equal
 * to the pure engine's output and loadable, the second run writes nothing.
 */
export function checkCli(api, cliPath, root, inputs, extraArgs = []) {
  const failures = [];
  const fail = (name, msg) => failures.push(`${name}: ${msg}`);
  fs.mkdirSync(root, { recursive: true });
  const files = inputs.map((inp, i) => {
    const dir = path.join(root, `c${String(i).padStart(4, '0')}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'dataset.json');
    fs.writeFileSync(file, inp.bytes);
    return { ...inp, file, expected: api.fixBytes(inp.bytes) };
  });
  const run = () => {
    const r = spawnSync(process.execPath, [cliPath, '--fix', '--no-folder-checks', '--format', 'json', ...extraArgs, root], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', nnUNet_raw: '' },
      maxBuffer: 512 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    if (![0, 1, 2].includes(r.status)) failures.push(`CLI exit code ${r.status} (signal ${r.signal})`);
    if (STACK.test(r.stderr) || STACK.test(r.stdout)) failures.push(`stack trace in the CLI output: ${r.stderr.slice(0, 500)}`);
    let json;
    try {
      json = JSON.parse(r.stdout);
    } catch {
      failures.push(`CLI output is not JSON: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}`);
      return undefined;
    }
    const byPath = new Map(json.files.map((f) => [path.resolve(f.path), f]));
    return { status: r.status, byPath };
  };
  const first = run();
  if (!first) return failures;
  const afterFirst = files.map((f) => fs.readFileSync(f.file));
  files.forEach((f, i) => {
    const rep = first.byPath.get(f.file);
    const now = afterFirst[i];
    if (!rep) return fail(f.name, 'not in the CLI report');
    const unfixable = !!rep.error || rep.diagnostics.some((d) => BLOCKING.has(d.code));
    if (unfixable && Buffer.compare(now, Buffer.from(f.bytes)) !== 0) fail(f.name, 'reported unfixable but its bytes changed');
    if (rep.error?.kind === 'internal') fail(f.name, `internal error: ${rep.error.message}`);
    if (rep.written) {
      const want = Buffer.from(f.expected.output, 'utf8');
      if (Buffer.compare(now, want) !== 0) fail(f.name, 'written bytes differ from the pure engine output');
      try {
        api.parsePython(now.toString('utf8'));
      } catch (e) {
        fail(f.name, `written file does not load under Python rules: ${e.message}`);
      }
    } else if (Buffer.compare(now, Buffer.from(f.bytes)) !== 0) fail(f.name, 'not reported as written but its bytes changed');
    if (!rep.written && f.expected.changed && !rep.error) fail(f.name, 'the engine would fix it but the CLI did not write it');
  });
  const second = run();
  if (!second) return failures;
  files.forEach((f, i) => {
    const rep = second.byPath.get(f.file);
    if (rep?.written) fail(f.name, 'second --fix run wrote it again (not idempotent)');
    if (Buffer.compare(fs.readFileSync(f.file), afterFirst[i]) !== 0) fail(f.name, 'second --fix run changed its bytes');
  });
  // Nothing but our dataset.json files may exist: no temp, lock or backup files.
  for (const dir of fs.readdirSync(root)) {
    const names = fs.readdirSync(path.join(root, dir));
    if (names.length !== 1 || names[0] !== 'dataset.json') fail(dir, `unexpected files left: ${names.join(', ')}`);
  }
  return failures;
}

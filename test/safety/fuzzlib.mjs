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

// ---------------------------------------------------------------------------------------------
// Hostile trees (issue 9): nnUNet_raw-like folders laid out on disk, run through the real CLI

/** Folder names an argument parser trips on: options, `--`, `-`. */
const DASH_NAMES = ['-', '--', '-x', '--fix', '--help', '-j', '-rf', '--format=sarif', '--max-depth', '-Dataset011_Dash'];
/** Other odd folder names: blanks, a line break, a tab, glob and shell characters, Unicode (none hidden: the search skips those). */
const ODD_NAMES = [
  'with space',
  ' lead',
  'trail ',
  'line\nbreak',
  'tab\there',
  '*[?]{a,b}!',
  `quote'"`,
  'back\\slash',
  'Dätensatz',
  'データセット',
  '🫀 heart',
  'e\u0301',
  '$HOME',
  '~',
];
/** Folders holding datasets one level down; never drawn as entry names, so a group never collides with an entry. */
const GROUP_NAMES = ['-group', '--nested', 'sub folder', 'grp\nline'];
/** Names of the root the CLI is given. */
const ROOT_NAMES = ['nnUNet_raw', '-raw', '--', 'raw data', 'r\naw'];
/** The sibling of the root that the CLI is never given: symlinks point into it. */
const OUTSIDE = 'elsewhere';
/** Fixable texts for the file behind the symlink that leaves the root (and the decoy next to it). */
const OUTSIDE_TEXTS = [
  '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}\n',
  '{\n  // JSONC\n  "channel_names": {"0": "CT"},\n  "labels": {"background": 0, "liver": 1,},\n  "numTraining": 1,\n  "file_ending": ".nii.gz"\n}\n',
  '{"modality": {"0": "MRI"}, "labels": {"0": "background", "1": "tumour"}, "numTraining": 2, "file_ending": ".nii.gz"}',
];

const entryName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DASH_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_NAMES) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('Liver', 'Heart', 'x', 'Ünï'))
      .map(([n, s]) => `Dataset${String(n).padStart(3, '0')}_${s}`),
  },
);
const linkStyle = { how: fc.constantFrom('folder', 'file'), absolute: fc.boolean() };

/**
 * A hostile tree, as data (laid out by layOutTree): a root (sometimes dash-named) holding
 * dataset folders with generated dataset.json texts (some read-only, or in a read-only
 * folder, some one level down in a group folder), symlinked dataset folders or files pointing
 * inside the root and one pointing outside it, symlink loops (a pair, a link to `..`, a
 * dataset.json linking to itself), a FIFO, a folder and a dangling symlink named dataset.json;
 * names with leading dashes, `--`, blanks, line breaks and Unicode. `naming` says what the CLI
 * is given after `--`: the root, the root and a dataset inside it, or dataset folders (dash-named
 * first) from inside the root.
 */
export function treeArbitrary(bases) {
  const dataset = fc.record({
    name: entryName,
    group: fc.option(fc.constantFrom(...GROUP_NAMES), { freq: 4 }),
    // a share of plainly fixable texts, so that most trees have files to write
    input: fc.oneof(
      { weight: 3, arbitrary: inputArbitrary(bases) },
      { weight: 1, arbitrary: fc.constantFrom(...OUTSIDE_TEXTS.map((t, i) => ({ name: `fixable text ${i}`, bytes: enc(t) }))) },
    ),
    readOnly: fc.constantFrom('no', 'no', 'no', 'no', 'file', 'folder'),
  });
  return fc
    .record({
      root: fc.constantFrom(...ROOT_NAMES),
      datasets: fc.array(dataset, { minLength: 2, maxLength: 8 }),
      linksInside: fc.array(fc.record({ name: entryName, target: fc.nat(), ...linkStyle }), { maxLength: 2 }),
      linkOutside: fc.option(fc.record({ name: entryName, text: fc.constantFrom(...OUTSIDE_TEXTS), ...linkStyle }), { freq: 6 }),
      loops: fc.subarray(['pair', 'cycle', 'self'], { minLength: 1 }),
      loopName: entryName,
      fifo: fc.option(entryName, { freq: 6 }),
      folderNamed: fc.option(entryName, { freq: 4 }),
      dangling: fc.option(entryName, { freq: 4 }),
      naming: fc.constantFrom('root', 'root', 'direct', 'overlap'),
      pick: fc.nat(),
      jobs: fc.constantFrom(1, 2),
      envRaw: fc.boolean(),
    })
    .map(uniqueEntries);
}

/** The drawn record as a list of entries with names unique in their folder. */
function uniqueEntries(d) {
  const used = new Set(GROUP_NAMES);
  const unique = (name, group = '') => {
    let n = name;
    for (let k = 2; used.has(`${group}/${n}`) || (!group && used.has(n)); k++) n = `${name} ${k}`;
    used.add(group ? `${group}/${n}` : n);
    return n;
  };
  const entries = d.datasets.map((x) => ({ kind: 'dataset', ...x, name: unique(x.name, x.group ?? '') }));
  const rel = (e) => (e.group ? `${e.group}/${e.name}` : e.name);
  const targets = entries.map(rel);
  for (const l of d.linksInside)
    entries.push({ kind: 'link-inside', name: unique(l.name), target: targets[l.target % targets.length], how: l.how, absolute: l.absolute });
  if (d.linkOutside) entries.push({ kind: 'link-outside', ...d.linkOutside, name: unique(d.linkOutside.name) });
  for (const how of d.loops) {
    const name = unique(d.loopName);
    entries.push(how === 'pair' ? { kind: 'loop-pair', name, other: unique(`${name} loop`) } : { kind: `loop-${how}`, name });
  }
  if (d.fifo !== null) entries.push({ kind: 'fifo', name: unique(d.fifo) });
  if (d.folderNamed !== null) entries.push({ kind: 'folder-named', name: unique(d.folderNamed) });
  if (d.dangling !== null) entries.push({ kind: 'dangling', name: unique(d.dangling) });
  return { root: d.root, entries, naming: d.naming, pick: d.pick, jobs: d.jobs, envRaw: d.envRaw };
}

/** One line per entry: enough to see what a failing tree held (the seed rebuilds it). */
export function describeTree(spec) {
  const q = JSON.stringify;
  const lines = spec.entries.map((e) => {
    const where = e.group ? `${q(e.group)}/${q(e.name)}` : q(e.name);
    if (e.kind === 'dataset') return `  dataset ${where}${e.readOnly === 'no' ? '' : ` (read-only ${e.readOnly})`}: ${e.input.name}`;
    if (e.kind === 'link-inside') return `  ${where} -> ${q(e.target)} (${e.how} link, ${e.absolute ? 'absolute' : 'relative'})`;
    if (e.kind === 'link-outside') return `  ${where} -> ${OUTSIDE}/ (${e.how} link, ${e.absolute ? 'absolute' : 'relative'})`;
    return `  ${e.kind} ${where}${e.other ? ` <-> ${q(e.other)}` : ''}`;
  });
  return [`root ${q(spec.root)}, naming ${spec.naming} (${spec.pick}), -j ${spec.jobs}${spec.envRaw ? `, nnUNet_raw=${OUTSIDE}` : ''}`, ...lines].join('\n');
}

/**
 * Lay out `spec` under `base` (an empty folder): `<base>/<root>/...` and the sibling
 * `<base>/elsewhere/` (symlink targets and a decoy, never named). Returns what to run: cwd, the
 * paths to give after `--`, the nnUNet_raw value, and `skipped` (elements that could not be
 * made here, with the reason: a missing mkfifo).
 */
export function layOutTree(spec, base) {
  const root = path.join(base, spec.root);
  const outside = path.join(base, OUTSIDE);
  const skipped = [];
  const readOnly = [];
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(path.join(outside, 'Decoy'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'Decoy', 'dataset.json'), OUTSIDE_TEXTS[0]);
  const folder = (name) => {
    const p = path.join(root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  for (const e of spec.entries) {
    const at = path.join(root, e.name);
    switch (e.kind) {
      case 'dataset': {
        const dir = folder(e.group ? path.join(e.group, e.name) : e.name);
        fs.writeFileSync(path.join(dir, 'dataset.json'), e.input.bytes);
        if (e.readOnly === 'file') readOnly.push([path.join(dir, 'dataset.json'), 0o444]);
        if (e.readOnly === 'folder') readOnly.push([dir, 0o555]);
        break;
      }
      case 'link-inside':
      case 'link-outside': {
        let target = path.join(root, e.target ?? '');
        if (e.kind === 'link-outside') {
          target = path.join(outside, e.name);
          fs.mkdirSync(target, { recursive: true });
          fs.writeFileSync(path.join(target, 'dataset.json'), e.text);
        }
        if (e.how === 'folder') fs.symlinkSync(e.absolute ? target : path.relative(root, target), at);
        else {
          const file = path.join(target, 'dataset.json');
          const dir = folder(e.name);
          fs.symlinkSync(e.absolute ? file : path.relative(dir, file), path.join(dir, 'dataset.json'));
        }
        break;
      }
      case 'loop-pair':
        fs.symlinkSync(e.other, at);
        fs.symlinkSync(e.name, path.join(root, e.other));
        break;
      case 'loop-cycle':
        fs.symlinkSync('..', path.join(folder(e.name), 'up'));
        break;
      case 'loop-self':
        fs.symlinkSync('dataset.json', path.join(folder(e.name), 'dataset.json'));
        break;
      case 'fifo': {
        const r = spawnSync('mkfifo', [path.join(folder(e.name), 'dataset.json')]);
        if (r.error || r.status !== 0) skipped.push(`FIFO ${JSON.stringify(e.name)}: mkfifo failed (${r.error?.message ?? r.stderr})`);
        break;
      }
      case 'folder-named':
        folder(path.join(e.name, 'dataset.json'));
        break;
      case 'dangling':
        fs.symlinkSync(path.join('..', 'no such folder', 'dataset.json'), path.join(folder(e.name), 'dataset.json'));
        break;
    }
  }
  // Permissions last: nothing is created inside a read-only folder after it is made read-only.
  for (const [p, mode] of readOnly) fs.chmodSync(p, mode);

  const datasets = spec.entries.filter((e) => e.kind === 'dataset').map((e) => (e.group ? `${e.group}/${e.name}` : e.name));
  let cwd = base;
  let args = [spec.root];
  if (spec.naming === 'overlap') args = [spec.root, `${spec.root}/${datasets[spec.pick % datasets.length]}`];
  if (spec.naming === 'direct') {
    // From inside the root: a dash-named dataset folder, sometimes a link to a dataset (a folder
    // link names its target; a folder holding a file link does not), sometimes any dataset.
    const dash = datasets.filter((n) => n.startsWith('-'));
    const links = spec.entries.filter((e) => e.kind === 'link-inside').map((e) => e.name);
    const chosen = [];
    if (dash.length) chosen.push(dash[spec.pick % dash.length]);
    if (links.length && spec.pick % 2) chosen.push(links[(spec.pick >>> 1) % links.length]);
    if (!chosen.length || spec.pick % 3 === 0) chosen.push(datasets[(spec.pick >>> 2) % datasets.length]);
    cwd = root;
    // `-` alone is standard input, even after `--` (documented): a folder named `-` is `./-`.
    args = [...new Set(chosen)].map((p) => (p === '-' ? './-' : p));
  }
  return { base, root, outside, cwd, args, env: { nnUNet_raw: spec.envRaw ? outside : '' }, jobs: spec.jobs, skipped };
}

/**
 * Remove a tree made by layOutTree: its read-only folders made writable first (as an
 * unprivileged user they could not be emptied otherwise), symlinks never followed (the tree has
 * loops, and links out of it).
 */
export function removeTree(dir) {
  const walk = (p) => {
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    if (!st.isDirectory()) return;
    fs.chmodSync(p, 0o755);
    for (const n of fs.readdirSync(p)) walk(path.join(p, n));
  };
  walk(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every entry below `dir` (symlinks not followed): type, mode, inode, mtime, bytes of regular files, link targets. */
function snapshotTree(dir) {
  const out = new Map();
  const walk = (rel) => {
    const abs = rel ? path.join(dir, rel) : dir;
    const st = fs.lstatSync(abs, { bigint: true });
    const type = st.isFile() ? 'file' : st.isDirectory() ? 'folder' : st.isSymbolicLink() ? 'symlink' : st.isFIFO() ? 'fifo' : 'other';
    const e = { type, mode: Number(st.mode & 0o7777n), ino: st.ino, mtimeNs: st.mtimeNs };
    if (type === 'file') e.bytes = fs.readFileSync(abs);
    if (type === 'symlink') e.target = fs.readlinkSync(abs);
    out.set(rel, e);
    if (type === 'folder') for (const n of fs.readdirSync(abs).sort()) walk(rel ? path.join(rel, n) : n);
  };
  walk('');
  return out;
}

/**
 * Entries of `before` that differ in `after` (or appeared, or vanished). Regular files in
 * `changed` may differ in bytes, inode and mtime (rewritten by rename), nothing else; a
 * folder's mtime is not compared (files are renamed and locks made and removed in it).
 */
function treeChanges(before, after, changed = new Set()) {
  const out = [];
  const q = (rel) => `${JSON.stringify(rel)}${rel.startsWith(OUTSIDE + path.sep) ? ' (outside the named root)' : ''}`;
  for (const rel of after.keys()) if (!before.has(rel)) out.push(`${q(rel)} appeared (${after.get(rel).type})`);
  for (const [rel, b] of before) {
    const a = after.get(rel);
    if (!a) out.push(`${q(rel)} vanished`);
    else if (a.type !== b.type || a.mode !== b.mode)
      out.push(`${q(rel)} was a ${b.type} (mode ${b.mode.toString(8)}), is a ${a.type} (mode ${a.mode.toString(8)})`);
    else if (a.target !== b.target) out.push(`${q(rel)}: symlink retargeted ${JSON.stringify(b.target)} -> ${JSON.stringify(a.target)}`);
    else if (!changed.has(rel) && a.type !== 'folder') {
      if (a.bytes && !a.bytes.equals(b.bytes)) out.push(`${q(rel)}: bytes changed`);
      else if (a.ino !== b.ino || a.mtimeNs !== b.mtimeNs) out.push(`${q(rel)}: same bytes but rewritten (inode or mtime changed)`);
    }
  }
  return out;
}

/** Display form of a path, as the CLI prints it: relative to cwd when inside it. */
function shown(abs, cwd) {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

const realOrSelf = (p) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * What the search must reach from the named paths, worked out independently of the CLI: every
 * `dataset.json` below them (symlinked folders followed, each folder listed once, hidden ones
 * and folders named dataset.json not searched) by real path with its type, and the paths that
 * cannot be resolved (dangling or looping dataset.json, looping folder links).
 */
function reachable(named, cwd) {
  const found = new Map();
  const unresolved = new Set();
  const listed = new Set();
  const visit = (abs, isNamed) => {
    let st;
    try {
      st = fs.statSync(abs);
    } catch {
      unresolved.add(shown(abs, cwd));
      return;
    }
    const name = path.basename(abs);
    if (name === 'dataset.json' || (isNamed && !st.isDirectory())) {
      found.set(fs.realpathSync(abs), st.isFile() ? 'file' : st.isFIFO() ? 'fifo' : 'folder');
      return;
    }
    if (!st.isDirectory() || (!isNamed && name.startsWith('.'))) return;
    const real = fs.realpathSync(abs);
    if (listed.has(real)) return;
    listed.add(real);
    for (const n of fs.readdirSync(abs).sort()) {
      const child = path.join(abs, n);
      if (n === 'dataset.json' || fs.lstatSync(child).isDirectory() || fs.lstatSync(child).isSymbolicLink()) visit(child, false);
    }
  };
  for (const p of named) visit(path.resolve(cwd, p), true);
  // A dangling link that is not named dataset.json is no dataset: only looping folder links are reported.
  for (const u of [...unresolved]) {
    if (path.basename(u) === 'dataset.json') continue;
    try {
      fs.statSync(path.resolve(cwd, u));
    } catch (e) {
      if (e.code !== 'ELOOP') unresolved.delete(u);
    }
  }
  return { found, unresolved };
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?|^\(node:\d+\)/m;

/**
 * Run `--fix --format json -- <paths>` on a tree laid out by layOutTree, twice, and check:
 * exit code 0 or 1 matching the report, no stack trace or Node warning, no hang (`timeoutMs`,
 * a hang detector only); one report entry per real dataset.json reached (symlinks
 * deduplicated; FIFOs and folders named dataset.json as errors; dangling and looping links in
 * `errors`); written exactly the files inside the named paths that the pure engine changes
 * and that are writable (file and folder), each equal to `fixBytes(original).output`;
 * everything else on disk (outside the root too, FIFOs, symlinks, modes) unchanged down to
 * inode and mtime, nothing created; the second run writes nothing. `extraArgs` go before
 * `--`. Returns failure strings and counts (to check that the trees exercise each case).
 */
export function checkTree(api, cliPath, layout, { extraArgs = [], timeoutMs = 60_000 } = {}) {
  const failures = [];
  const stats = { files: 0, written: 0, refusedOutside: 0, refusedReadOnly: 0, fileErrors: 0, pathErrors: 0, outOfScope: 0, runs: 0 };
  const { base, cwd } = layout;
  const argv = ['--fix', '--format', 'json', ...(layout.jobs > 1 ? ['-j', String(layout.jobs)] : []), ...extraArgs, '--', ...layout.args];
  const named = layout.args.map((p) => fs.realpathSync(path.resolve(cwd, p)));
  const inScope = (real) => named.some((n) => real === n || real.startsWith(n + path.sep));
  const rel = (abs) => path.relative(base, abs);

  const run = (label) => {
    const r = spawnSync(process.execPath, [cliPath, ...argv], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, NNUNET_DOCTOR_TEST_EVENTS: undefined, ...layout.env },
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 256 * 1024 * 1024,
    });
    stats.runs++;
    if (r.error?.code === 'ETIMEDOUT') {
      failures.push(`${label}: hang: the CLI did not finish within ${timeoutMs / 1000} s (killed)`);
      return undefined;
    }
    if (r.error) throw r.error;
    if (r.status !== 0 && r.status !== 1) failures.push(`${label}: exit code ${r.status} (signal ${r.signal}); stderr: ${r.stderr.slice(0, 800)}`);
    if (STACK_TRACE.test(r.stderr) || STACK_TRACE.test(r.stdout))
      failures.push(`${label}: stack trace or Node warning in the output: ${r.stderr.slice(0, 800)}`);
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      failures.push(`${label}: stdout is not one JSON report: ${JSON.stringify(r.stdout.slice(0, 300))} ${r.stderr.slice(0, 300)}`);
      return undefined;
    }
    if (report.exitCode !== r.status) failures.push(`${label}: report says exit code ${report.exitCode}, the process exited ${r.status}`);
    if (report.interrupted) failures.push(`${label}: report says interrupted`);
    if (report.missing.length) failures.push(`${label}: named paths reported missing: ${JSON.stringify(report.missing)}`);
    return report;
  };

  const before = snapshotTree(base);
  const first = run('first --fix');
  if (!first) return { failures, stats };
  const afterFirst = snapshotTree(base);

  // The report: one entry per real file reached, each real file once.
  const expected = reachable(layout.args, cwd);
  const byReal = new Map();
  for (const f of first.files) {
    const real = realOrSelf(path.resolve(cwd, f.path));
    if (byReal.has(real)) failures.push(`${JSON.stringify(f.path)}: reported twice (also as ${JSON.stringify(byReal.get(real).path)})`);
    byReal.set(real, f);
  }
  for (const [real, type] of expected.found) {
    const f = byReal.get(real);
    if (!f) failures.push(`${JSON.stringify(rel(real))} (${type}): reached from the named paths but not in the report`);
    else if (type !== 'file' && !f.error) failures.push(`${JSON.stringify(f.path)}: a ${type} named dataset.json reported without an error`);
    else if (type !== 'file') stats.fileErrors++;
  }
  for (const real of byReal.keys())
    if (!expected.found.has(real)) failures.push(`${JSON.stringify(byReal.get(real).path)}: in the report but not reachable from the named paths`);
  const errorPaths = new Set(first.errors.map((e) => e.path));
  for (const u of expected.unresolved) if (!errorPaths.has(u)) failures.push(`${JSON.stringify(u)}: unresolvable (dangling or looping link) but no error line`);
  for (const p of errorPaths)
    if (!expected.unresolved.has(p)) failures.push(`${JSON.stringify(p)}: unexpected error line: ${first.errors.find((e) => e.path === p).message}`);
  stats.pathErrors += expected.unresolved.size;

  // What was written: exactly the fixable, writable files inside the named paths, with the pure engine's bytes.
  const written = new Set();
  for (const [real, type] of expected.found) {
    const f = byReal.get(real);
    if (type !== 'file' || !f) continue;
    stats.files++;
    const orig = before.get(rel(real));
    if (!orig) {
      failures.push(`${JSON.stringify(f.path)}: its real file ${real} is not under the test's folder`);
      continue;
    }
    const pure = api.fixBytes(orig.bytes, {});
    const fixable = pure.changed && !pure.error;
    const roFile = (orig.mode & 0o222) === 0;
    const roFolder = (before.get(rel(path.dirname(real))).mode & 0o222) === 0;
    const why = !inScope(real) ? 'outside the named paths' : roFile ? 'read-only' : roFolder ? 'in a read-only folder' : undefined;
    const name = JSON.stringify(f.path);
    if (f.written) {
      stats.written++;
      // only a rightful write may change the file: a wrong one also shows as a change on disk below
      if (!why) written.add(rel(real));
      if (why) failures.push(`${name}: written although ${why}`);
      else if (!fixable) failures.push(`${name}: written although the pure engine changes nothing`);
      else if (!afterFirst.get(rel(real))?.bytes?.equals(Buffer.from(pure.output, 'utf8')))
        failures.push(`${name}: written bytes differ from fixBytes(original).output`);
    } else if (fixable && !why) failures.push(`${name}: fixable, writable and inside the named paths, but not written (${f.error?.message ?? 'no error'})`);
    else if (fixable && !f.error) failures.push(`${name}: fixable but not written (${why}), and the report says nothing`);
    if (!inScope(real)) stats.outOfScope++;
    if (fixable && !inScope(real) && f.error) stats.refusedOutside++;
    if (fixable && inScope(real) && (roFile || roFolder) && f.error) stats.refusedReadOnly++;
  }
  const reportedWritten = first.files.filter((f) => f.written).length;
  if (first.summary.written !== reportedWritten) failures.push(`summary.written is ${first.summary.written}, ${reportedWritten} files are reported written`);
  // Everything else, anywhere under base (outside the root too), is untouched; nothing appeared.
  for (const c of treeChanges(before, afterFirst, written)) failures.push(`after the first --fix: ${c}`);

  // A second run writes nothing and changes nothing.
  const second = run('second --fix');
  if (second) {
    for (const f of second.files) if (f.written) failures.push(`${JSON.stringify(f.path)}: written again by the second --fix`);
    for (const c of treeChanges(afterFirst, snapshotTree(base))) failures.push(`after the second --fix: ${c}`);
  }
  return { failures, stats };
}

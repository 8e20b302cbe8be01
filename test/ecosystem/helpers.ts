/**
 * Helpers of the ecosystem tests: a validator for the real SARIF 2.1.0 JSON schema (the
 * schema file shipped by @microsoft/jest-sarif, compiled by ajv 8 through ajv-draft-04,
 * as it is a draft-04 schema), and a SARIF replacement applier.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { ROOT } from '../helpers/cli.js';

const require = createRequire(path.join(ROOT, 'package.json'));

/** Path of the SARIF 2.1.0 schema file (2.1.0-rtm.5, the text OASIS approved as 2.1.0). */
const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
let validator: Validate | undefined;

/** Validate a SARIF log against the schema; returns the ajv errors ([] when valid). */
export function sarifSchemaErrors(log: unknown): unknown[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object;
    // The schema's `language` pattern is not valid with the `u` flag ajv 8 uses by default.
    // a CommonJS module: its module.exports is the class, and so is its `.default`
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    // ajv 8 ships no formats: check the ones SARIF uses here, without another dependency.
    ajv.addFormat('uri', (s: string) => URL.canParse(s) && !/\s/.test(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    validator = ajv.compile(schema) as Validate;
  }
  return validator(log) ? [] : [...(validator.errors ?? [])];
}

interface Replacement {
  deletedRegion: { charOffset?: number; charLength?: number; byteOffset?: number; byteLength?: number };
  insertedContent?: { text?: string };
}

/**
 * Apply SARIF replacements (all against the same original file) to file bytes, the way a
 * consumer would: byte regions on the bytes, char regions on the text after the BOM.
 */
export function applyReplacements(bytes: Buffer, replacements: Replacement[]): Buffer {
  let data = bytes;
  const byteRegions = replacements.filter((r) => r.deletedRegion.byteOffset !== undefined);
  const charRegions = replacements.filter((r) => r.deletedRegion.charOffset !== undefined);
  // Char regions first (they count from after a BOM, which byte regions may remove).
  const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  let text = data.subarray(bom ? 3 : 0).toString('utf8');
  for (const r of [...charRegions].sort((a, b) => b.deletedRegion.charOffset! - a.deletedRegion.charOffset!)) {
    const { charOffset, charLength = 0 } = r.deletedRegion;
    text = text.slice(0, charOffset) + (r.insertedContent?.text ?? '') + text.slice(charOffset! + charLength);
  }
  data = Buffer.concat([bom ? data.subarray(0, 3) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  for (const r of [...byteRegions].sort((a, b) => b.deletedRegion.byteOffset! - a.deletedRegion.byteOffset!)) {
    const { byteOffset, byteLength = 0 } = r.deletedRegion;
    data = Buffer.concat([data.subarray(0, byteOffset), Buffer.from(r.insertedContent?.text ?? '', 'utf8'), data.subarray(byteOffset! + byteLength)]);
  }
  return data;
}

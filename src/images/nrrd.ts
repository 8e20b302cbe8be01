/**
 * NRRD header parsing (pure). Spec: https://teem.sourceforge.net/nrrd/format.html
 * Supports attached (`.nrrd`) and detached (`.nhdr` + `data file:`) payloads with
 * `raw` or `gzip` encoding.
 */
import { nrrdSampleType, type SampleType } from './datatypes.js';
import { CorruptImageError, UnsupportedFormatError } from './errors.js';
import type { ImageHeader } from './types.js';

/** Where and how an NRRD payload is stored. */
export interface NrrdLayout {
  header: ImageHeader;
  sample: SampleType;
  encoding: 'raw' | 'gzip';
  /** Detached data file as written in the header (relative to the header's folder), if any. */
  dataFile?: string;
  /** Lines to skip at the start of the data file (before decompression). */
  lineSkip: number;
  /** Bytes to skip (after decompression for gzip); -1: the data ends the file (raw only). */
  byteSkip: number;
}

/** Axis kinds that are not spatial/temporal domain axes (their size is a component count). */
const DOMAIN_KINDS = new Set(['domain', 'space', 'time', '???', 'none']);

/**
 * Finds the end of an attached NRRD header: the byte offset after the first empty
 * line, or undefined when the text so far has none.
 */
export function nrrdHeaderEnd(bytes: Uint8Array): number | undefined {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return undefined;
}

/**
 * Parses NRRD header text (everything up to the blank line, or a whole `.nhdr`).
 * @throws CorruptImageError for a missing or bad required field,
 *         UnsupportedFormatError for encodings/types not read here.
 */
export function parseNrrdHeader(text: string): NrrdLayout {
  const lines = text.split(/\r?\n/);
  if (!/^NRRD000[1-9]$/.test(lines[0]?.trim() ?? '')) {
    throw new CorruptImageError(`not an NRRD file: first line is ${JSON.stringify((lines[0] ?? '').slice(0, 20))}`);
  }
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '') break;
    if (line.startsWith('#')) continue;
    const m = /^([^:]+?):\s?(.*)$/.exec(line);
    if (!m || m[2]!.startsWith('=')) continue; // key:=value pairs are metadata
    fields.set(m[1]!.trim().toLowerCase(), m[2]!.trim());
  }
  const need = (key: string): string => {
    const v = fields.get(key);
    if (v === undefined) throw new CorruptImageError(`bad NRRD header: missing "${key}:" field`);
    return v;
  };

  const typeText = need('type');
  const sample = nrrdSampleType(typeText);
  if (!sample) throw new UnsupportedFormatError(`NRRD type "${typeText}" is not supported`);
  const dimension = Number(need('dimension'));
  const sizes = need('sizes').split(/\s+/).map(Number);
  if (!Number.isInteger(dimension) || dimension < 1 || sizes.length !== dimension) {
    throw new CorruptImageError(`bad NRRD header: dimension ${dimension} but sizes "${fields.get('sizes')}"`);
  }
  if (sizes.some((s) => !Number.isSafeInteger(s) || s < 0)) {
    throw new CorruptImageError(`bad NRRD header: sizes "${fields.get('sizes')}"`);
  }
  const encodingText = need('encoding').toLowerCase();
  let encoding: 'raw' | 'gzip';
  if (encodingText === 'raw') encoding = 'raw';
  else if (encodingText === 'gzip' || encodingText === 'gz') encoding = 'gzip';
  else throw new UnsupportedFormatError(`NRRD encoding "${encodingText}" is not supported (only raw and gzip)`);

  const endian = (fields.get('endian') ?? 'little').toLowerCase();
  if (endian !== 'little' && endian !== 'big') throw new CorruptImageError(`bad NRRD header: endian "${endian}"`);

  const kinds = fields
    .get('kinds')
    ?.split(/\s+/)
    .map((k) => k.toLowerCase());
  const isComponent = sizes.map((_, i) => kinds !== undefined && kinds[i] !== undefined && !DOMAIN_KINDS.has(kinds[i]));
  const spacingAll = nrrdSpacing(fields, dimension);
  const dims = sizes.filter((_, i) => !isComponent[i]);
  const spacing = spacingAll.filter((_, i) => !isComponent[i]);
  const components = sizes.filter((_, i) => isComponent[i]).reduce((a, b) => a * b, 1);
  const extra = dims.slice(3).reduce((a, b) => a * b, 1);

  const dataFile = fields.get('data file') ?? fields.get('datafile');
  if (dataFile !== undefined && (/^LIST\b/.test(dataFile) || /%/.test(dataFile))) {
    throw new UnsupportedFormatError(`NRRD multi-file data ("data file: ${dataFile}") is not supported`);
  }
  const lineSkip = Number(fields.get('line skip') ?? fields.get('lineskip') ?? 0);
  const byteSkip = Number(fields.get('byte skip') ?? fields.get('byteskip') ?? 0);
  if (!Number.isInteger(lineSkip) || lineSkip < 0) throw new CorruptImageError(`bad NRRD header: line skip ${lineSkip}`);
  if (!Number.isInteger(byteSkip) || byteSkip < -1) throw new CorruptImageError(`bad NRRD header: byte skip ${byteSkip}`);
  if (byteSkip === -1 && encoding !== 'raw') {
    throw new CorruptImageError('bad NRRD header: "byte skip: -1" is only allowed with raw encoding');
  }

  const header: ImageHeader = {
    format: 'nrrd',
    dims,
    spacing,
    datatype: sample,
    littleEndian: endian === 'little',
    channels: components * extra,
    is4D: dims.length >= 4 && dims[3]! > 1,
  };
  return { header, sample, encoding, dataFile, lineSkip, byteSkip };
}

/** Per-axis spacing from `spacings:` or the norms of `space directions:`; 1 when absent. */
function nrrdSpacing(fields: Map<string, string>, dimension: number): number[] {
  const spacings = fields.get('spacings');
  if (spacings !== undefined) {
    return spacings.split(/\s+/).map((s) => (s.toLowerCase() === 'nan' ? 1 : Number(s)));
  }
  const directions = fields.get('space directions');
  if (directions !== undefined) {
    const vectors = directions.match(/\([^)]*\)|none/gi) ?? [];
    if (vectors.length === dimension) {
      return vectors.map((v) => {
        if (v.toLowerCase() === 'none') return 1;
        const c = v.slice(1, -1).split(',').map(Number);
        return Math.sqrt(c.reduce((a, x) => a + x * x, 0));
      });
    }
  }
  return Array.from({ length: dimension }, () => 1);
}

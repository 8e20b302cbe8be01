/**
 * MetaImage header parsing (pure): `.mha` (data after the header) and `.mhd` (data in
 * `ElementDataFile`). Keys follow ITK's MetaIO; `CompressedData = True` payloads are
 * zlib (MetaIO also accepts gzip; the reader auto-detects).
 */
import { latin1 } from './bytes.js';
import { metaSampleType, type SampleType } from './datatypes.js';
import { CorruptImageError, UnsupportedFormatError } from './errors.js';
import type { ImageHeader } from './types.js';

/** Where and how a MetaImage payload is stored. */
export interface MetaLayout {
  header: ImageHeader;
  sample: SampleType;
  compressed: boolean;
  /** `LOCAL` (data follows the header) or a file name relative to the header's folder. */
  dataFile: string;
  /** `HeaderSize` bytes to skip in a separate data file; -1: the data ends the file. */
  headerSize: number;
}

/**
 * Finds the end of a MetaImage header: the byte offset after the `ElementDataFile`
 * line (which must be the last header line), or undefined if not seen yet.
 */
export function metaHeaderEnd(bytes: Uint8Array): number | undefined {
  const text = latin1(bytes);
  const m = /(^|\n)\s*ElementDataFile\s*[=:][^\n]*\n/i.exec(text);
  return m ? m.index + m[0].length : undefined;
}

const TRUE = /^(true|1|yes)$/i;

/**
 * Parses MetaImage header text (up to and including the `ElementDataFile` line).
 * @throws CorruptImageError for missing/bad fields, UnsupportedFormatError for
 *         element types or data file lists not read here.
 */
export function parseMetaHeader(text: string): MetaLayout {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9_]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (m) fields.set(m[1]!.toLowerCase(), m[2]!);
  }
  const need = (key: string): string => {
    const v = fields.get(key.toLowerCase());
    if (v === undefined) throw new CorruptImageError(`bad MetaImage header: missing "${key}"`);
    return v;
  };
  const objectType = fields.get('objecttype');
  if (objectType !== undefined && objectType.toLowerCase() !== 'image') {
    throw new UnsupportedFormatError(`MetaImage ObjectType "${objectType}" is not an image`);
  }
  const ndims = Number(need('NDims'));
  const dims = need('DimSize').split(/\s+/).map(Number);
  if (!Number.isInteger(ndims) || ndims < 1 || dims.length !== ndims || dims.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new CorruptImageError(`bad MetaImage header: NDims ${fields.get('ndims')}, DimSize "${fields.get('dimsize')}"`);
  }
  const typeText = need('ElementType');
  const sample = metaSampleType(typeText);
  if (!sample) throw new UnsupportedFormatError(`MetaImage ElementType "${typeText}" is not supported`);

  const spacingText = fields.get('elementspacing') ?? fields.get('elementsize');
  const spacing = spacingText ? spacingText.split(/\s+/).map(Number) : dims.map(() => 1);
  const channels = Number(fields.get('elementnumberofchannels') ?? 1);
  if (!Number.isInteger(channels) || channels < 1) {
    throw new CorruptImageError(`bad MetaImage header: ElementNumberOfChannels ${channels}`);
  }
  const msb = fields.get('binarydatabyteordermsb') ?? fields.get('elementbyteordermsb') ?? 'False';
  const dataFile = need('ElementDataFile');
  if (/^LIST\b/i.test(dataFile) || /%/.test(dataFile)) {
    throw new UnsupportedFormatError(`MetaImage multi-file data ("ElementDataFile = ${dataFile}") is not supported`);
  }
  const headerSize = Number(fields.get('headersize') ?? 0);
  if (!Number.isInteger(headerSize) || headerSize < -1) throw new CorruptImageError(`bad MetaImage header: HeaderSize ${headerSize}`);
  const extra = dims.slice(3).reduce((a, b) => a * b, 1);

  const header: ImageHeader = {
    format: 'mha',
    dims,
    spacing: spacing.slice(0, ndims),
    datatype: sample,
    littleEndian: !TRUE.test(msb),
    channels: channels * extra,
    is4D: ndims >= 4 && dims[3]! > 1,
  };
  return { header, sample, compressed: TRUE.test(fields.get('compresseddata') ?? 'False'), dataFile, headerSize };
}

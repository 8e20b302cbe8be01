/**
 * Header-only reads: the first few KB of a file, never the voxel data.
 */
import { SAMPLE_BYTES, type SampleType } from './datatypes.js';
import { CorruptImageError } from './errors.js';
import { metaHeaderEnd, parseMetaHeader } from './meta.js';
import { NIFTI_HEADER_BYTES, niftiHeaderSize, parseNiftiHeader } from './nifti.js';
import { nrrdHeaderEnd, parseNrrdHeader } from './nrrd.js';
import { PNG_HEADER_BYTES, parsePngHeader } from './png.js';
import { imageFamily, readContentPrefix, readRange, readTextHeader } from './source.js';
import type { ImageHeader } from './types.js';

/**
 * Where the samples of an NRRD or MetaImage file are: which file, from which byte,
 * how they are compressed, and what to skip after decompression.
 */
export interface PayloadLocation {
  header: ImageHeader;
  sample: SampleType;
  /**
   * Detached data file as the header names it (relative to the header's folder, or
   * absolute); undefined when the payload follows the header in the same file. Open it
   * only through `containedDataFile` (it must stay inside the dataset folder).
   */
  dataFile?: string;
  /** Byte offset of the (compressed) payload in the data file; -1: the raw samples end the file. */
  start: number;
  compression: 'none' | 'gzip' | 'zlib-or-gzip';
  /** Bytes to skip after decompression. */
  skip: number;
  /** Lines to skip at `start` before the payload (NRRD `line skip`). */
  lineSkip: number;
  /** Payload bytes: voxels x channels x sample size. */
  expectedBytes: number;
}

/** Payload bytes of a header: product of dims x channels x sample size. */
export function expectedPayloadBytes(header: ImageHeader, sample: SampleType): number {
  const voxels = header.dims.slice(0, 3).reduce((a, b) => a * b, 1);
  return voxels * header.channels * SAMPLE_BYTES[sample];
}

/** Locates the payload of an NRRD file (`.nrrd` attached or `.nhdr` detached). Reads the header only. */
export async function locateNrrd(path: string): Promise<PayloadLocation> {
  const { text, end, atEof } = await readTextHeader(path, nrrdHeaderEnd, 'NRRD');
  const layout = parseNrrdHeader(text);
  const detached = layout.dataFile !== undefined;
  if (!detached && atEof) throw new CorruptImageError('NRRD file has no data: the header has no blank line after it');
  const header = detached ? layout.header : { ...layout.header, voxOffset: end };
  return {
    header,
    sample: layout.sample,
    dataFile: layout.dataFile,
    start: layout.byteSkip === -1 ? -1 : detached ? 0 : end,
    compression: layout.encoding === 'gzip' ? 'gzip' : 'none',
    skip: Math.max(0, layout.byteSkip),
    lineSkip: layout.lineSkip,
    expectedBytes: expectedPayloadBytes(header, layout.sample),
  };
}

/** Locates the payload of a MetaImage file (`.mha` attached or `.mhd` + data file). Reads the header only. */
export async function locateMeta(path: string): Promise<PayloadLocation> {
  const { text, end } = await readTextHeader(path, metaHeaderEnd, 'MetaImage');
  const layout = parseMetaHeader(text);
  const local = layout.dataFile.toUpperCase() === 'LOCAL';
  const header = local ? { ...layout.header, voxOffset: end } : layout.header;
  let start = local ? end : layout.headerSize;
  if (!local && layout.headerSize === -1) start = layout.compressed ? 0 : -1;
  return {
    header,
    sample: layout.sample,
    dataFile: local ? undefined : layout.dataFile,
    start,
    compression: layout.compressed ? 'zlib-or-gzip' : 'none',
    skip: 0,
    lineSkip: 0,
    expectedBytes: expectedPayloadBytes(header, layout.sample),
  };
}

/**
 * Reads the header of an image file from its first bytes only (a few KB, partially
 * gunzipped for `.nii.gz`): NIfTI-1/2 (`.nii`, `.nii.gz`, both byte orders), NRRD
 * (`.nrrd`, `.nhdr`), MetaImage (`.mha`, `.mhd`) and PNG (IHDR).
 *
 * @param path - the image file
 * @returns the dimensions, spacing, data type and layout facts of the image
 * @throws UnsupportedFormatError for other file types (`.tif`, `.gipl`, ...)
 * @throws CorruptImageError when the header is missing, truncated or invalid
 * @throws a Node.js file-system error (ENOENT, EACCES, ...) when the file cannot be read
 */
export async function readImageHeader(path: string): Promise<ImageHeader> {
  switch (imageFamily(path)) {
    case 'nifti': {
      const { bytes } = await readContentPrefix(path, NIFTI_HEADER_BYTES);
      if (bytes.length < 4) throw new CorruptImageError(`truncated NIfTI header: ${bytes.length} bytes`);
      const need = niftiHeaderSize(bytes);
      if (bytes.length < need) throw new CorruptImageError(`truncated NIfTI header: ${bytes.length} of ${need} bytes`);
      return parseNiftiHeader(bytes);
    }
    case 'nrrd':
      return (await locateNrrd(path)).header;
    case 'mha':
      return (await locateMeta(path)).header;
    case 'png':
      return parsePngHeader(await readRange(path, 0, PNG_HEADER_BYTES));
  }
}

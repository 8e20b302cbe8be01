/**
 * NIfTI-1 and NIfTI-2 header parsing (pure functions over the first bytes of the
 * uncompressed file). Field offsets follow nifti1.h / nifti2.h.
 */
import type { Scaling } from './counter.js';
import { hex as toHex, latin1 } from './bytes.js';
import { niftiDataTypeName, sampleLayout } from './datatypes.js';
import { CorruptImageError } from './errors.js';
import type { ImageHeader } from './types.js';

/** Bytes needed to parse either header version (NIfTI-2 header + 4-byte extension flag). */
export const NIFTI_HEADER_BYTES = 544;
const NIFTI1_SIZE = 348;
const NIFTI2_SIZE = 540;

/** Which NIfTI version the first 4 bytes announce, and the byte order; undefined if none. */
function sniffNifti(first4: Uint8Array): { version: 1 | 2; littleEndian: boolean } | undefined {
  if (first4.length < 4) return undefined;
  const dv = new DataView(first4.buffer, first4.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = dv.getInt32(0, littleEndian);
    if (size === NIFTI1_SIZE) return { version: 1, littleEndian };
    if (size === NIFTI2_SIZE) return { version: 2, littleEndian };
  }
  return undefined;
}

/** Bytes of header needed for the version `first4` announces (348 or 540). */
export function niftiHeaderSize(first4: Uint8Array): number {
  const s = sniffNifti(first4);
  if (!s) throw notNifti(first4);
  return s.version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
}

function notNifti(first4: Uint8Array): CorruptImageError {
  const hex = toHex(first4.subarray(0, 4));
  return new CorruptImageError(
    `not a NIfTI file: sizeof_hdr must be 348 or 540, found bytes 0x${hex}` +
      (first4[0] === 0x1f && first4[1] === 0x8b ? ' (gzip data inside a gzip file?)' : ''),
  );
}

/**
 * Parses a NIfTI-1 or NIfTI-2 header from the start of the uncompressed file.
 * Needs 348 bytes (NIfTI-1) or 540 bytes (NIfTI-2).
 * @throws CorruptImageError for a bad size, magic or dimension field.
 */
export function parseNiftiHeader(bytes: Uint8Array): ImageHeader {
  const s = sniffNifti(bytes);
  if (!s) throw notNifti(bytes);
  const need = s.version === 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
  if (bytes.length < need) {
    throw new CorruptImageError(`truncated NIfTI-${s.version} header: ${bytes.length} of ${need} bytes`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, need);
  return s.version === 1 ? parseV1(dv, bytes, s.littleEndian) : parseV2(dv, bytes, s.littleEndian);
}

function magicAt(bytes: Uint8Array, offset: number, length: number): string {
  return latin1(bytes.subarray(offset, offset + length));
}

function parseV1(dv: DataView, bytes: Uint8Array, le: boolean): ImageHeader {
  const magic = magicAt(bytes, 344, 4);
  if (magic !== 'n+1\0' && magic !== 'ni1\0') {
    throw new CorruptImageError(`not a NIfTI-1 file: magic is ${JSON.stringify(magic)}, expected "n+1"`);
  }
  if (magic === 'ni1\0') {
    throw new CorruptImageError('NIfTI-1 header says the data is in a separate .img file (magic "ni1")');
  }
  const dim = Array.from({ length: 8 }, (_, i) => dv.getInt16(40 + 2 * i, le));
  const pixdim = Array.from({ length: 8 }, (_, i) => dv.getFloat32(76 + 4 * i, le));
  return buildHeader({
    format: 'nifti1',
    littleEndian: le,
    dim,
    pixdim,
    code: dv.getInt16(70, le),
    voxOffset: dv.getFloat32(108, le),
    minOffset: 352,
    sclSlope: dv.getFloat32(112, le),
    sclInter: dv.getFloat32(116, le),
  });
}

function parseV2(dv: DataView, bytes: Uint8Array, le: boolean): ImageHeader {
  const magic = magicAt(bytes, 4, 8);
  if (!magic.startsWith('n+2\0')) {
    throw new CorruptImageError(
      magic.startsWith('ni2\0')
        ? 'NIfTI-2 header says the data is in a separate .img file (magic "ni2")'
        : `not a NIfTI-2 file: magic is ${JSON.stringify(magic.slice(0, 4))}, expected "n+2"`,
    );
  }
  const dim = Array.from({ length: 8 }, (_, i) => Number(dv.getBigInt64(16 + 8 * i, le)));
  const pixdim = Array.from({ length: 8 }, (_, i) => dv.getFloat64(104 + 8 * i, le));
  return buildHeader({
    format: 'nifti2',
    littleEndian: le,
    dim,
    pixdim,
    code: dv.getInt16(12, le),
    voxOffset: Number(dv.getBigInt64(168, le)),
    minOffset: 544,
    sclSlope: dv.getFloat64(176, le),
    sclInter: dv.getFloat64(184, le),
  });
}

interface RawFields {
  format: 'nifti1' | 'nifti2';
  littleEndian: boolean;
  dim: number[];
  pixdim: number[];
  code: number;
  voxOffset: number;
  minOffset: number;
  sclSlope: number;
  sclInter: number;
}

function buildHeader(f: RawFields): ImageHeader {
  const ndim = f.dim[0]!;
  if (ndim < 1 || ndim > 7) throw new CorruptImageError(`bad NIfTI header: dim[0] = ${ndim}, must be 1..7`);
  const dims = f.dim.slice(1, ndim + 1);
  const bad = dims.findIndex((d) => d < 0 || !Number.isSafeInteger(d));
  if (bad >= 0) throw new CorruptImageError(`bad NIfTI header: dim[${bad + 1}] = ${dims[bad]}`);
  if (!Number.isInteger(f.voxOffset) || f.voxOffset < 0) {
    throw new CorruptImageError(`bad NIfTI header: vox_offset = ${f.voxOffset}`);
  }
  const datatype = niftiDataTypeName(f.code);
  const components = sampleLayout(datatype)?.components ?? 1;
  const extra = dims.slice(3).reduce((a, b) => a * b, 1);
  return {
    format: f.format,
    dims,
    spacing: f.pixdim.slice(1, ndim + 1),
    datatype,
    littleEndian: f.littleEndian,
    sclSlope: f.sclSlope,
    sclInter: f.sclInter,
    // A single-file NIfTI cannot have its data inside the header; nibabel and ITK
    // read from the end of the header instead (vox_offset 0 is a common writer bug).
    voxOffset: Math.max(f.voxOffset, f.minOffset),
    channels: components * extra,
    is4D: ndim >= 4 && (dims[3] ?? 1) > 1,
  };
}

/**
 * The scaling ITK (SimpleITK, nnU-Net's default reader) applies: none when the
 * slope is 0 or not finite, or when slope = 1 and inter = 0. Scaled values are
 * computed in double precision and stored as float32, except for float64 data.
 */
export function niftiScaling(header: ImageHeader): Scaling | undefined {
  const slope = header.sclSlope ?? 0;
  const inter = header.sclInter ?? 0;
  if (!Number.isFinite(slope) || slope === 0) return undefined;
  const interFinite = Number.isFinite(inter) ? inter : 0;
  if (slope === 1 && interFinite === 0) return undefined;
  return { slope, inter: interFinite, float32: header.datatype !== 'float64' };
}

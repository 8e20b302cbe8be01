/**
 * Tiny image writers for tests and examples: NIfTI-1/2 (`.nii`, `.nii.gz`), NRRD,
 * MetaImage (`.mha`, `.mhd` + `.raw`) and PNG. They write valid, minimal files:
 * no orientation (qform/sform codes 0), no extensions.
 *
 * ```ts
 * import { writeNifti } from '../helpers/nifti.js';
 * // a 4x4x2 uint8 mask with one voxel of label 1
 * writeNifti(join(dir, 'case_000.nii.gz'), { dims: [4, 4, 2], datatype: 'uint8', data: [1] });
 * // a 4D MSD-style image (2 channels)
 * writeNifti(join(dir, 'img.nii.gz'), { dims: [4, 4, 2, 2], datatype: 'float32', data: [] });
 * ```
 * `data` lists samples with x varying fastest; it is zero-padded (or cut) to the size
 * the dims imply, so `data: []` gives an all-zero image.
 */
import type { SampleType } from '../../src/images/types.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import zlib from 'node:zlib';
import { encode as encodePng } from 'fast-png';

/** Sample types the writers accept (`rgb24`/`rgba32`: 3/4 uint8 samples per voxel, NIfTI only). */
export type WriterDataType = SampleType | 'rgb24' | 'rgba32';

/** Samples: numbers, or bigints for 64-bit integers beyond 2^53. */
export type SampleData = ArrayLike<number> | ArrayLike<bigint>;

const NIFTI_CODE: Record<WriterDataType, number> = {
  uint8: 2,
  int16: 4,
  int32: 8,
  float32: 16,
  float64: 64,
  rgb24: 128,
  int8: 256,
  uint16: 512,
  uint32: 768,
  int64: 1024,
  uint64: 1280,
  rgba32: 2304,
};

/** Bytes per sample and samples per voxel. */
const LAYOUT: Record<WriterDataType, [bytes: number, components: number]> = {
  uint8: [1, 1],
  int8: [1, 1],
  int16: [2, 1],
  uint16: [2, 1],
  int32: [4, 1],
  uint32: [4, 1],
  int64: [8, 1],
  uint64: [8, 1],
  float32: [4, 1],
  float64: [8, 1],
  rgb24: [1, 3],
  rgba32: [1, 4],
};

const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The typed array holding each data type's samples natively. */
const TYPED: Record<WriterDataType, new (n: number) => ArrayBufferView> = {
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
  rgb24: Uint8Array,
  rgba32: Uint8Array,
};

/** Number of samples an image of these dims and type holds. */
export function sampleCount(dims: readonly number[], datatype: WriterDataType): number {
  return dims.reduce((a, b) => a * b, 1) * LAYOUT[datatype][1];
}

/**
 * Encodes samples as bytes of `datatype` in the given byte order. The output has
 * exactly `count` samples: missing samples are 0, extra ones are dropped.
 */
export function encodeSamples(data: SampleData, datatype: WriterDataType, littleEndian = true, count = data.length): Buffer {
  const [size] = LAYOUT[datatype];
  const buf = Buffer.alloc(count * size);
  const Typed = TYPED[datatype];
  if (data instanceof Typed && littleEndian === HOST_LE) {
    // Fast path: same type and byte order, copy the bytes.
    const bytes = new Uint8Array(data.buffer, data.byteOffset, Math.min(data.byteLength, buf.length));
    buf.set(bytes);
    return buf;
  }
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const n = Math.min(count, data.length);
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    const o = i * size;
    switch (datatype) {
      case 'uint8':
      case 'rgb24':
      case 'rgba32':
        dv.setUint8(o, Number(v));
        break;
      case 'int8':
        dv.setInt8(o, Number(v));
        break;
      case 'int16':
        dv.setInt16(o, Number(v), littleEndian);
        break;
      case 'uint16':
        dv.setUint16(o, Number(v), littleEndian);
        break;
      case 'int32':
        dv.setInt32(o, Number(v), littleEndian);
        break;
      case 'uint32':
        dv.setUint32(o, Number(v), littleEndian);
        break;
      case 'int64':
        dv.setBigInt64(o, BigInt(v), littleEndian);
        break;
      case 'uint64':
        dv.setBigUint64(o, BigInt(v), littleEndian);
        break;
      case 'float32':
        dv.setFloat32(o, Number(v), littleEndian);
        break;
      case 'float64':
        dv.setFloat64(o, Number(v), littleEndian);
        break;
    }
  }
  return buf;
}

/** Options of {@link writeNifti} / {@link niftiBytes}. */
export interface NiftiOptions {
  /** Axis sizes, x first: `[x, y, z]`, `[x, y, z, channels]`, `[x, y]`. */
  dims: number[];
  datatype: WriterDataType;
  /** Samples, x fastest; zero-padded to the full size. */
  data: SampleData;
  /** pixdim per axis (default 1). */
  spacing?: number[];
  /** Default true. */
  littleEndian?: boolean;
  /** Default: true when the path ends with `.gz`. */
  gzip?: boolean;
  /** Default 0 (no scaling) / 0. */
  sclSlope?: number;
  sclInter?: number;
  /** Write a NIfTI-2 header (540 bytes, vox_offset 544). */
  nifti2?: boolean;
  /** Stored vox_offset (default 352, NIfTI-2: 544); data still starts after the header + pad,
   *  or at this offset when it is larger. */
  voxOffset?: number;
}

/** The uncompressed bytes of a single-file NIfTI (`n+1` / `n+2`) image. */
export function niftiBytes(o: NiftiOptions): Buffer {
  const le = o.littleEndian ?? true;
  const v2 = o.nifti2 ?? false;
  const minOffset = v2 ? 544 : 352;
  const stored = o.voxOffset ?? minOffset;
  const dataOffset = Math.max(stored, minOffset);
  const head = Buffer.alloc(dataOffset);
  const dv = new DataView(head.buffer, head.byteOffset, head.length);
  const code = NIFTI_CODE[o.datatype];
  const [size, components] = LAYOUT[o.datatype];
  const dim = [o.dims.length, ...o.dims];
  if (o.dims.length < 1 || o.dims.length > 7) throw new RangeError(`NIfTI needs 1 to 7 dims, got ${o.dims.length}`);
  const maxDim = v2 ? Number.MAX_SAFE_INTEGER : 32767;
  if (o.dims.some((d) => !Number.isInteger(d) || d < 0 || d > maxDim)) {
    throw new RangeError(`NIfTI-${v2 ? 2 : 1} dims must be integers in 0..${maxDim}: [${o.dims.join(', ')}]`);
  }
  const pixdim = [1, ...o.dims.map((_, i) => o.spacing?.[i] ?? 1)];
  if (!v2) {
    dv.setInt32(0, 348, le);
    head.write('r', 38, 'latin1');
    dim.forEach((d, i) => dv.setInt16(40 + 2 * i, d, le));
    dv.setInt16(70, code, le);
    dv.setInt16(72, size * components * 8, le);
    pixdim.forEach((p, i) => dv.setFloat32(76 + 4 * i, p, le));
    dv.setFloat32(108, stored, le);
    dv.setFloat32(112, o.sclSlope ?? 0, le);
    dv.setFloat32(116, o.sclInter ?? 0, le);
    dv.setUint8(123, 10); // xyzt_units: mm, s
    head.write('n+1\0', 344, 'latin1');
  } else {
    dv.setInt32(0, 540, le);
    head.write('n+2\0\r\n\x1a\n', 4, 'latin1');
    dv.setInt16(12, code, le);
    dv.setInt16(14, size * components * 8, le);
    dim.forEach((d, i) => dv.setBigInt64(16 + 8 * i, BigInt(d), le));
    pixdim.forEach((p, i) => dv.setFloat64(104 + 8 * i, p, le));
    dv.setBigInt64(168, BigInt(stored), le);
    dv.setFloat64(176, o.sclSlope ?? 0, le);
    dv.setFloat64(184, o.sclInter ?? 0, le);
    dv.setInt32(500, 10, le);
  }
  const body = encodeSamples(o.data, o.datatype, le, sampleCount(o.dims, o.datatype));
  return Buffer.concat([head, body]);
}

/** Writes a NIfTI file (gzip-compressed for `.gz` paths unless `gzip` says otherwise); returns its bytes. */
export function writeNifti(path: string, o: NiftiOptions): Buffer {
  const raw = niftiBytes(o);
  const out = (o.gzip ?? path.endsWith('.gz')) ? zlib.gzipSync(raw, { level: 1 }) : raw;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, out);
  return out;
}

/** Options of {@link writeNrrd}. */
export interface NrrdOptions {
  dims: number[];
  datatype: Exclude<WriterDataType, 'rgb24' | 'rgba32'>;
  data: SampleData;
  spacing?: number[];
  littleEndian?: boolean;
  /** Default 'raw'. */
  encoding?: 'raw' | 'gzip';
  /** Write the data to `<name>.raw` (`.raw.gz`) next to a `.nhdr` header at `path`. */
  detached?: boolean;
  /** Extra header lines (e.g. `kinds: ...`, `byte skip: 4`), inserted before `encoding`. */
  extraFields?: string[];
}

const NRRD_TYPE: Record<NrrdOptions['datatype'], string> = {
  uint8: 'uint8',
  int8: 'int8',
  int16: 'short',
  uint16: 'ushort',
  int32: 'int',
  uint32: 'uint',
  int64: 'int64',
  uint64: 'uint64',
  float32: 'float',
  float64: 'double',
};

/** Writes an NRRD (attached, or `.nhdr` + data file with `detached`). */
export function writeNrrd(path: string, o: NrrdOptions): void {
  const le = o.littleEndian ?? true;
  const encoding = o.encoding ?? 'raw';
  const body = encodeSamples(o.data, o.datatype, le, sampleCount(o.dims, o.datatype));
  const payload = encoding === 'gzip' ? zlib.gzipSync(body, { level: 1 }) : body;
  const dataName = `${basename(path).replace(/\.(nrrd|nhdr)$/, '')}.raw${encoding === 'gzip' ? '.gz' : ''}`;
  const lines = [
    'NRRD0004',
    '# written by test/helpers/nifti.ts',
    `type: ${NRRD_TYPE[o.datatype]}`,
    `dimension: ${o.dims.length}`,
    `sizes: ${o.dims.join(' ')}`,
    `spacings: ${o.dims.map((_, i) => o.spacing?.[i] ?? 1).join(' ')}`,
    ...(o.extraFields ?? []),
    `encoding: ${encoding}`,
    ...(LAYOUT[o.datatype][0] > 1 ? [`endian: ${le ? 'little' : 'big'}`] : []),
    ...(o.detached ? [`data file: ${dataName}`] : []),
  ];
  const header = Buffer.from(lines.join('\n') + '\n\n', 'latin1');
  mkdirSync(dirname(path), { recursive: true });
  if (o.detached) {
    writeFileSync(path, header);
    writeFileSync(join(dirname(path), dataName), payload);
  } else {
    writeFileSync(path, Buffer.concat([header, payload]));
  }
}

/** Options of {@link writeMha}. */
export interface MhaOptions {
  dims: number[];
  datatype: Exclude<WriterDataType, 'rgb24' | 'rgba32'>;
  data: SampleData;
  spacing?: number[];
  littleEndian?: boolean;
  /** zlib-compress the data (`CompressedData = True`). */
  compressed?: boolean;
  /** `ElementNumberOfChannels` (samples per voxel, interleaved). Default 1. */
  channels?: number;
}

const MET_TYPE: Record<MhaOptions['datatype'], string> = {
  uint8: 'MET_UCHAR',
  int8: 'MET_CHAR',
  int16: 'MET_SHORT',
  uint16: 'MET_USHORT',
  int32: 'MET_INT',
  uint32: 'MET_UINT',
  int64: 'MET_LONG_LONG',
  uint64: 'MET_ULONG_LONG',
  float32: 'MET_FLOAT',
  float64: 'MET_DOUBLE',
};

/**
 * Writes a MetaImage: `.mha` with the data attached, or `.mhd` with the data in
 * `<name>.raw` (`<name>.zraw` when compressed) next to it.
 */
export function writeMha(path: string, o: MhaOptions): void {
  const le = o.littleEndian ?? true;
  const channels = o.channels ?? 1;
  const body = encodeSamples(o.data, o.datatype, le, sampleCount(o.dims, o.datatype) * channels);
  const payload = o.compressed ? zlib.deflateSync(body) : body;
  const detached = path.toLowerCase().endsWith('.mhd');
  const dataName = `${basename(path).replace(/\.mhd$/i, '')}.${o.compressed ? 'zraw' : 'raw'}`;
  const lines = [
    'ObjectType = Image',
    `NDims = ${o.dims.length}`,
    `BinaryData = True`,
    `BinaryDataByteOrderMSB = ${le ? 'False' : 'True'}`,
    `CompressedData = ${o.compressed ? 'True' : 'False'}`,
    ...(o.compressed ? [`CompressedDataSize = ${payload.length}`] : []),
    `ElementSpacing = ${o.dims.map((_, i) => o.spacing?.[i] ?? 1).join(' ')}`,
    `DimSize = ${o.dims.join(' ')}`,
    ...(channels > 1 ? [`ElementNumberOfChannels = ${channels}`] : []),
    `ElementType = ${MET_TYPE[o.datatype]}`,
    `ElementDataFile = ${detached ? dataName : 'LOCAL'}`,
  ];
  const header = Buffer.from(lines.join('\n') + '\n', 'latin1');
  mkdirSync(dirname(path), { recursive: true });
  if (detached) {
    writeFileSync(path, header);
    writeFileSync(join(dirname(path), dataName), payload);
  } else {
    writeFileSync(path, Buffer.concat([header, payload]));
  }
}

/** Options of {@link writePng}. */
export interface PngOptions {
  width: number;
  height: number;
  /** Samples (palette indices for palette images), row by row, channels interleaved; zero-padded. */
  data: ArrayLike<number>;
  /** Default 8. 1, 2 and 4 are for grey and palette images. */
  depth?: 1 | 2 | 4 | 8 | 16;
  /** 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. Default 1. */
  channels?: 1 | 2 | 3 | 4;
  /** Palette colours (`[r, g, b]` or `[r, g, b, a]`): writes an indexed-colour PNG. */
  palette?: number[][];
}

/** Writes a PNG with fast-png's encoder (low bit depths are packed here). */
export function writePng(path: string, o: PngOptions): void {
  const depth = o.depth ?? 8;
  const channels = o.palette ? 1 : (o.channels ?? 1);
  const n = o.width * o.height * channels;
  let data: Uint8Array | Uint16Array;
  if (depth < 8) {
    const rowBytes = Math.ceil((o.width * depth) / 8);
    data = new Uint8Array(rowBytes * o.height);
    for (let y = 0; y < o.height; y++) {
      for (let x = 0; x < o.width; x++) {
        const v = o.data[y * o.width + x] ?? 0;
        const bit = x * depth;
        data[y * rowBytes + (bit >> 3)]! |= v << (8 - depth - (bit & 7));
      }
    }
  } else {
    data = depth === 16 ? new Uint16Array(n) : new Uint8Array(n);
    for (let i = 0; i < Math.min(n, o.data.length); i++) data[i] = o.data[i]!;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng({ width: o.width, height: o.height, data, depth, channels, palette: o.palette }));
}

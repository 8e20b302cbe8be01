/**
 * Reference counts for the image tests: straight from the sample array, and from
 * nifti-reader-js reading the whole file (an independent NIfTI reader).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nifti from 'nifti-reader-js';
import type { ValueCount } from '../../src/images/index.js';

/** A fresh temp folder and a function that removes it. */
export function tempDir(prefix = 'nnunet-doctor-images-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Optional scaling as the scanner applies it (float32 results unless float64 data). */
export interface RefScaling {
  slope: number;
  inter: number;
  float32: boolean;
}

/**
 * Counts of numbers (NaN counted apart), sorted ascending, like LabelScan.values.
 * Deliberately unlike the scanner: sort a copy, then count runs of equal values.
 */
export function countValues(values: ArrayLike<number>, scaling?: RefScaling): { values: ValueCount[]; nanCount: number } {
  const a = new Float64Array(values.length);
  for (let i = 0; i < a.length; i++) {
    const raw = values[i]!;
    const v = scaling ? raw * scaling.slope + scaling.inter : raw;
    a[i] = scaling?.float32 ? Math.fround(v) : v;
  }
  a.sort(); // numeric; NaN last
  const out: ValueCount[] = [];
  let nanCount = 0;
  for (let i = 0; i < a.length;) {
    const v = a[i]!;
    if (Number.isNaN(v)) {
      nanCount = a.length - i;
      break;
    }
    let j = i + 1;
    while (j < a.length && a[j] === v) j++;
    out.push({ value: v === 0 ? 0 : v, count: j - i });
    i = j;
  }
  return { values: out, nanCount };
}

function toArrayBuffer(buf: Uint8Array): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** Reads one sample of a NIfTI datatype code from a DataView. */
function readSample(dv: DataView, offset: number, code: number, le: boolean): number {
  switch (code) {
    case 2:
    case 128:
    case 2304:
      return dv.getUint8(offset);
    case 256:
      return dv.getInt8(offset);
    case 4:
      return dv.getInt16(offset, le);
    case 512:
      return dv.getUint16(offset, le);
    case 8:
      return dv.getInt32(offset, le);
    case 768:
      return dv.getUint32(offset, le);
    case 1024:
      return Number(dv.getBigInt64(offset, le));
    case 1280:
      return Number(dv.getBigUint64(offset, le));
    case 16:
      return dv.getFloat32(offset, le);
    case 64:
      return dv.getFloat64(offset, le);
    default:
      throw new Error(`reference reader: datatype ${code} not handled`);
  }
}

const SAMPLE_SIZE: Record<number, number> = { 2: 1, 128: 1, 2304: 1, 256: 1, 4: 2, 512: 2, 8: 4, 768: 4, 1024: 8, 1280: 8, 16: 4, 64: 8 };

/**
 * Samples and scaling of a NIfTI file as nifti-reader-js reads it (whole file in
 * memory), for cross-checking the streaming scanner.
 */
export function niftiReaderSamples(file: Uint8Array): {
  samples: Float64Array;
  scaling?: RefScaling;
  header: nifti.NIFTI1 | nifti.NIFTI2;
} {
  let ab = toArrayBuffer(file);
  if (nifti.isCompressed(ab)) ab = nifti.decompress(ab) as ArrayBuffer;
  if (!nifti.isNIFTI(ab)) throw new Error('nifti-reader-js: not a NIfTI file');
  const header = nifti.readHeader(ab);
  const image = nifti.readImage(header, ab);
  const code = header.datatypeCode;
  const size = SAMPLE_SIZE[code]!;
  const n = Math.floor(image.byteLength / size);
  const samples = new Float64Array(n);
  const dv = new DataView(image);
  for (let i = 0; i < n; i++) samples[i] = readSample(dv, i * size, code, header.littleEndian);
  const slope = header.scl_slope;
  const inter = header.scl_inter;
  const scaled = Number.isFinite(slope) && slope !== 0 && !(slope === 1 && inter === 0);
  return { samples, header, scaling: scaled ? { slope, inter, float32: code !== 64 } : undefined };
}

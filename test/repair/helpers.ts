/**
 * Helpers of the repair tests: NIfTI files with the header fields a repair must keep
 * (descrip, aux_file, cal_min/max, qform/sform, srow, intent_name, an extension), a gzip
 * member header with a file name and time, and read-back through nifti-reader-js.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { niftiBytes, type NiftiOptions } from '../helpers/nifti.js';
import { niftiReaderSamples } from '../images/reference.js';
import { scanLabelFile } from '../../src/images/index.js';
import { planFileRepair, type DeclaredLabels } from '../../src/repair/index.js';

/** An extension block (esize 16, ecode 6 "comment", 8 bytes of text) after the header. */
const EXTENSION_TEXT = 'kept-ext';

/**
 * The uncompressed bytes of a NIfTI file with recognisable values in the fields no repair
 * may touch, and an extension. Data as in test/helpers/nifti.ts.
 */
export function richNiftiBytes(o: NiftiOptions): Buffer {
  const v2 = !!o.nifti2;
  const base = v2 ? 540 : 348;
  const voxOffset = v2 ? 560 : 368; // header + 4-byte extender + one 16-byte extension
  const bytes = niftiBytes({ ...o, voxOffset });
  const le = o.littleEndian ?? true;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (!v2) {
    dv.setFloat32(124, 7.5, le); // cal_max
    dv.setFloat32(128, -0.5, le); // cal_min
    bytes.write('descrip kept', 148, 'latin1');
    bytes.write('aux kept', 228, 'latin1');
    dv.setInt16(252, 1, le); // qform_code
    dv.setInt16(254, 2, le); // sform_code
    [0.25, 0.5, 0.75].forEach((q, i) => dv.setFloat32(256 + 4 * i, q, le)); // quatern_b/c/d
    for (let i = 0; i < 12; i++) dv.setFloat32(280 + 4 * i, 0.1 * (i + 1), le); // srow_x/y/z
    bytes.write('intent kept', 328, 'latin1');
  } else {
    dv.setFloat64(192, 7.5, le);
    dv.setFloat64(200, -0.5, le);
    bytes.write('descrip kept', 240, 'latin1');
    bytes.write('aux kept', 320, 'latin1');
    dv.setInt32(344, 1, le);
    dv.setInt32(348, 2, le);
    [0.25, 0.5, 0.75].forEach((q, i) => dv.setFloat64(352 + 8 * i, q, le));
    for (let i = 0; i < 12; i++) dv.setFloat64(400 + 8 * i, 0.1 * (i + 1), le);
    bytes.write('intent kept', 508, 'latin1');
  }
  bytes[base] = 1; // extension follows
  dv.setInt32(base + 4, 16, le);
  dv.setInt32(base + 8, 6, le);
  bytes.write(EXTENSION_TEXT, base + 12, 'latin1');
  return bytes;
}

/** A gzip member with FNAME and MTIME set (as Python's gzip module writes them). */
export function gzipWithName(raw: Uint8Array, name: string, mtime = 1_700_000_000): Buffer {
  const head = Buffer.alloc(10);
  head.set([0x1f, 0x8b, 8, 8]);
  head.writeUInt32LE(mtime, 4);
  head[8] = 0;
  head[9] = 3;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(raw), 0);
  trailer.writeUInt32LE(raw.length % 2 ** 32, 4);
  return Buffer.concat([head, Buffer.from(name + '\0', 'latin1'), zlib.deflateRawSync(raw, { level: 6 }), trailer]);
}

/** The uncompressed bytes of a file (gunzipped when gzip). */
export function contentOf(file: string): Buffer {
  const b = fs.readFileSync(file);
  return b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b;
}

/** Samples and header as nifti-reader-js reads the file. */
export function readBack(file: string) {
  return niftiReaderSamples(fs.readFileSync(file));
}

/** Scans a file and plans its automatic repair. */
export async function planFor(file: string, declared: DeclaredLabels) {
  const scan = await scanLabelFile(file);
  return planFileRepair({ path: file, display: `labelsTr/${path.basename(file)}`, scan }, declared);
}

/** labels = {background: 0, <names...>: 1..n} */
export function declared(...names: string[]): DeclaredLabels {
  return { values: [0, ...names.map((_, i) => i + 1)], classes: names.map((name, i) => ({ name, value: i + 1 })), regions: false };
}

/** The names of temp and lock files of ours left in a folder tree. */
export function leftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) =>
    /\.nnunet-doctor-\d+-[0-9a-f]{8}-[0-9a-f]{8}\.tmp$|\.nnunet-doctor\.lock$/.test(n),
  );
}

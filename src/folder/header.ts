/**
 * Just enough of an image header to count channels: NIfTI-1/NIfTI-2 `dim[]` (plain or
 * gzipped) and PNG's IHDR colour type. Reads only the first few KiB of a file and inflates
 * them partially; never a whole volume. The parsing functions are pure (bytes in).
 */
import { open } from 'node:fs/promises';
import { constants as zc, gunzipSync } from 'node:zlib';

export type ImageHeader =
  | {
      format: 'nifti1' | 'nifti2';
      /** dim[0..7]: dim[0] is the number of dimensions. */
      dims: number[];
      datatype: number;
      littleEndian: boolean;
    }
  | {
      format: 'png';
      width: number;
      height: number;
      bitDepth: number;
      /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
      colorType: number;
    };

/** How many bytes of a file are read for its header. */
export const HEADER_READ_BYTES = 4096;

/** Parse a NIfTI-1 or NIfTI-2 header from the start of the (decompressed) file. */
export function parseNiftiHeader(buf: Uint8Array): ImageHeader | undefined {
  if (buf.length < 348) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (const le of [true, false]) {
    const size = dv.getInt32(0, le);
    if (size === 348) {
      const dims = Array.from({ length: 8 }, (_, i) => dv.getInt16(40 + 2 * i, le));
      return { format: 'nifti1', dims, datatype: dv.getInt16(70, le), littleEndian: le };
    }
    if (size === 540 && buf.length >= 540) {
      const dims = Array.from({ length: 8 }, (_, i) => Number(dv.getBigInt64(16 + 8 * i, le)));
      return { format: 'nifti2', dims, datatype: dv.getInt16(12, le), littleEndian: le };
    }
  }
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Parse a PNG's IHDR chunk. */
export function parsePngHeader(buf: Uint8Array): ImageHeader | undefined {
  if (buf.length < 29 || PNG_SIGNATURE.some((b, i) => buf[i] !== b)) return undefined;
  if (String.fromCharCode(buf[12]!, buf[13]!, buf[14]!, buf[15]!) !== 'IHDR') return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { format: 'png', width: dv.getUint32(16), height: dv.getUint32(20), bitDepth: buf[24]!, colorType: buf[25]! };
}

/** Inflate the start of a gzip stream without requiring its end. */
export function gunzipPrefix(buf: Uint8Array): Buffer {
  return gunzipSync(buf, { finishFlush: zc.Z_SYNC_FLUSH });
}

/** Parse the first bytes of a file whose name ends in `.nii.gz`, `.nii`, `.png` (any case). */
export function parseHeaderBytes(name: string, head: Uint8Array): ImageHeader | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.png')) return parsePngHeader(head);
  if (lower.endsWith('.nii.gz') || lower.endsWith('.gz')) {
    if (head[0] !== 0x1f || head[1] !== 0x8b) return undefined;
    return parseNiftiHeader(gunzipPrefix(head));
  }
  if (lower.endsWith('.nii')) return parseNiftiHeader(head);
  return undefined;
}

/** Endings whose header this module can read. */
export function canReadHeader(name: string): boolean {
  return /\.(nii\.gz|nii|png)$/i.test(name);
}

/** Read the first `bytes` bytes of a file (one open, one read). */
export async function readHead(path: string, bytes = HEADER_READ_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Read an image header from disk; throws when the file cannot be read or parsed. */
export async function readImageHeader(path: string): Promise<ImageHeader> {
  const h = parseHeaderBytes(path, await readHead(path));
  if (!h) throw new Error('not a NIfTI-1/NIfTI-2 or PNG header');
  return h;
}

/**
 * The number of channels nnU-Net's reader makes of one file, or an explanation when the
 * reader refuses it. `ending` is the dataset's file_ending.
 *  - PNG (NaturalImage2DIO): gray 1, RGB 3, RGBA 4, palette 3 (imageio converts it to RGB),
 *    gray+alpha fails ("last dimension must have shape 3 or 4").
 *  - NIfTI with dim[0] >= 4 and dim[4] > 1: SimpleITKIO (`.nii.gz`) reads dim[4] channels
 *    ("4d, multiple modalities in one file"); NibabelIO (`.nii`) asserts
 *    "only 3d images are supported by NibabelIO".
 */
export function channelsPerFile(h: ImageHeader, ending: string): { channels: number; fourD?: number; error?: string } {
  if (h.format === 'png') {
    switch (h.colorType) {
      case 2:
      case 3:
        return { channels: 3 };
      case 6:
        return { channels: 4 };
      case 4:
        return { channels: 2, error: 'a gray+alpha PNG: NaturalImage2DIO asserts "If image has three dimensions then the last dimension must have shape 3 or 4 (RGB or RGBA)"' };
      default:
        return { channels: 1 };
    }
  }
  const n = h.dims[0] ?? 0;
  const t = h.dims[4] ?? 1;
  if (n >= 4 && t > 1) {
    if (ending.toLowerCase() === '.nii') return { channels: t, fourD: t, error: 'a 4D .nii file: NibabelIO asserts "only 3d images are supported by NibabelIO"' };
    return { channels: t, fourD: t };
  }
  return { channels: 1 };
}

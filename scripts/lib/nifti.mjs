/** Tiny NIfTI files for the examples (scripts/make-examples.mjs) and the rule pages (scripts/gen-docs.mjs). */
import zlib from 'node:zlib';

/**
 * A minimal NIfTI-1 `.nii.gz`: 348-byte header, 4 pad bytes, then the voxels, the first ones
 * set to `data` (uint8, int16 or float32). Gzip level 9: the same bytes on every run.
 */
export function niftiGz({ dims = [8, 8, 4], datatype = 'uint8', data = [] } = {}) {
  const codes = { uint8: [2, 8, 1], int16: [4, 16, 2], float32: [16, 32, 4] };
  const [code, bitpix, size] = codes[datatype];
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  h.writeInt16LE(dims.length, 40);
  dims.forEach((d, i) => h.writeInt16LE(d, 42 + 2 * i));
  for (let i = dims.length; i < 7; i++) h.writeInt16LE(1, 42 + 2 * i);
  h.writeInt16LE(code, 70);
  h.writeInt16LE(bitpix, 72);
  for (let i = 0; i < 8; i++) h.writeFloatLE(1, 76 + 4 * i);
  h.writeFloatLE(352, 108);
  h.write('n+1\0', 344, 'latin1');
  const body = Buffer.alloc(dims.reduce((a, b) => a * b, 1) * size);
  data.forEach((v, i) => (size === 1 ? body.writeUInt8(v, i) : size === 2 ? body.writeInt16LE(v, 2 * i) : body.writeFloatLE(v, 4 * i)));
  return zlib.gzipSync(Buffer.concat([h, body]), { level: 9 });
}

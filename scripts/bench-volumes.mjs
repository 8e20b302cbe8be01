/**
 * Synthetic NIfTI-1 uint8 label volumes for the benchmarks (scripts/bench.mjs, bench-repair.mjs and
 * scripts/bench-cli.mjs): a few ellipsoid labels on background, gzip level 6 as common
 * writers (nibabel, SimpleITK) save them.
 */
import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

/** A 352-byte NIfTI-1 header (348 + 4-byte extension flag) for a uint8 volume. */
export function niftiHeader(dims, spacing = [1, 1, 1]) {
  const b = Buffer.alloc(352);
  b.writeInt32LE(348, 0);
  b.writeInt16LE(dims.length, 40);
  dims.forEach((d, i) => b.writeInt16LE(d, 42 + 2 * i));
  b.writeInt16LE(2, 70); // uint8
  b.writeInt16LE(8, 72);
  b.writeFloatLE(1, 76);
  spacing.forEach((s, i) => b.writeFloatLE(s, 80 + 4 * i));
  b.writeFloatLE(352, 108);
  b.write('n+1\0', 344, 'latin1');
  return b;
}

/**
 * Fills one z-slice with ellipsoid labels: label k inside ellipsoid k (later ones win).
 * Rows are filled with `fill` over spans, so generation is cheap.
 */
export function fillSlice(slice, nx, ny, z, blobs) {
  slice.fill(0);
  for (const b of blobs) {
    const dz = (z - b.cz) / b.rz;
    if (dz * dz >= 1) continue;
    const rz = Math.sqrt(1 - dz * dz);
    for (let y = 0; y < ny; y++) {
      const dy = (y - b.cy) / (b.ry * rz);
      if (dy * dy >= 1) continue;
      const half = b.rx * rz * Math.sqrt(1 - dy * dy);
      const x0 = Math.max(0, Math.ceil(b.cx - half));
      const x1 = Math.min(nx, Math.floor(b.cx + half) + 1);
      if (x1 > x0) slice.fill(b.label, y * nx + x0, y * nx + x1);
    }
  }
}

export function blobsFor(nx, ny, nz, seed) {
  const r = (k) => (((Math.sin(seed * 12.9898 + k * 78.233) * 43758.5453) % 1) + 1) % 1;
  return [1, 2, 3, 4].map((label, k) => ({
    label,
    cx: nx * (0.3 + 0.4 * r(k)),
    cy: ny * (0.3 + 0.4 * r(k + 10)),
    cz: nz * (0.3 + 0.4 * r(k + 20)),
    rx: nx * (0.08 + 0.15 * r(k + 30)),
    ry: ny * (0.08 + 0.15 * r(k + 40)),
    rz: nz * (0.08 + 0.15 * r(k + 50)),
  }));
}

/** Writes a small volume in memory (level 6, like common writers). */
export function writeSmall(path, nx, ny, nz, seed) {
  const body = Buffer.alloc(nx * ny * nz);
  const blobs = blobsFor(nx, ny, nz, seed);
  const slice = new Uint8Array(nx * ny);
  for (let z = 0; z < nz; z++) {
    fillSlice(slice, nx, ny, z, blobs);
    body.set(slice, z * nx * ny);
  }
  writeFileSync(path, zlib.gzipSync(Buffer.concat([niftiHeader([nx, ny, nz]), body]), { level: 6 }));
  return 352 + body.length;
}

/**
 * Streaming label scans: file -> (gunzip) -> header -> skip to the data -> count
 * samples chunk by chunk. Memory stays constant (about 1 MiB chunks plus the
 * tables) whatever the volume size.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { addAbortSignal, pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createCounter, type CountResult, type SampleCounter } from './counter.js';
import { sampleLayout, type SampleType } from './datatypes.js';
import { abortError, CorruptImageError, UnsupportedFormatError } from './errors.js';
import { expectedPayloadBytes, locateMeta, locateNrrd, resolveStart, type PayloadLocation } from './header.js';
import { NIFTI_HEADER_BYTES, niftiHeaderSize, niftiScaling, parseNiftiHeader } from './nifti.js';
import { fileKind, fileSize, isGzip, readRange } from './source.js';
import type { ImageHeader, LabelScan } from './types.js';

/** Options of {@link scanLabelFile}. */
export interface ScanOptions {
  /** Aborting stops reading and rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/** Size of file reads and of gunzip output chunks. */
const CHUNK = 1 << 20;

/**
 * Reads a segmentation file and counts how often each value occurs, streaming:
 * the volume is never held in memory. NIfTI scl_slope/scl_inter are applied the
 * way ITK (SimpleITK, nnU-Net's default reader) applies them.
 *
 * Supported: `.nii.gz`/`.nii` (NIfTI-1/2, both byte orders, data types uint8, int8,
 * int16, uint16, int32, uint32, int64, uint64, float32, float64, rgb24, rgba32),
 * `.nrrd`/`.nhdr` (raw or gzip), `.mha`/`.mhd` (raw or compressed) and `.png`.
 *
 * @param path - the segmentation file
 * @param opts - `signal` to cancel the scan
 * @returns the header, the sorted value counts and flags for non-integer/NaN values
 * @throws UnsupportedFormatError for other file types, encodings or data types
 * @throws CorruptImageError for invalid headers, corrupt compressed data or a
 *         payload shorter than the header promises
 * @throws an `AbortError` when `opts.signal` is aborted
 * @throws a Node.js file-system error (ENOENT, EACCES, EISDIR, ...)
 */
export async function scanLabelFile(path: string, opts: ScanOptions = {}): Promise<LabelScan> {
  const { signal } = opts;
  if (signal?.aborted) throw abortError(signal);
  switch (fileKind(path)) {
    case 'nifti':
      return scanNifti(path, signal);
    case 'nrrd':
      return scanLocated(await locateNrrd(path), signal);
    case 'mha':
      return scanLocated(await locateMeta(path), signal);
    case 'png':
      return scanPng(path, signal);
  }
}

/** Assembles the public result. */
function toScan(header: ImageHeader, counts: CountResult, bytesRead: number, warnings: string[]): LabelScan {
  return {
    header,
    values: counts.values,
    nonInteger: counts.nonInteger,
    nan: counts.nan,
    nanCount: counts.nanCount,
    voxels: counts.samples,
    bytesRead,
    multiChannel: header.channels > 1,
    tooManyValues: counts.tooManyValues,
    warnings,
  };
}

/** The sample type to count for a header's data type, or UnsupportedFormatError. */
function countableSample(header: ImageHeader): SampleType {
  const layout = sampleLayout(header.datatype);
  if (!layout) throw new UnsupportedFormatError(`data type ${header.datatype} cannot be scanned for labels`);
  return layout.sample;
}

// ---------------------------------------------------------------------------
// Byte streams

/**
 * Yields the bytes of `path` from `start`, decompressed as asked, in chunks of up to
 * 1 MiB. Stopping the iteration early closes the file.
 */
async function* readChunks(
  path: string,
  start: number,
  compression: PayloadLocation['compression'],
  signal: AbortSignal | undefined,
): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { start, highWaterMark: CHUNK });
  let out: Readable = file;
  if (compression !== 'none') {
    const z = compression === 'gzip' ? zlib.createGunzip({ chunkSize: CHUNK }) : zlib.createUnzip({ chunkSize: CHUNK });
    // Errors reach the consumer through the iteration of `z`; the callback only
    // keeps an unhandled rejection from being reported twice.
    out = pipeline(file, z, () => {});
  }
  if (signal) addAbortSignal(signal, out);
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } finally {
    out.destroy();
    file.destroy();
  }
}

/** Reads from an iterator until `min` bytes are collected (or it ends). */
async function readAtLeast(it: AsyncIterator<Buffer>, min: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  while (have < min) {
    const r = await it.next();
    if (r.done) break;
    parts.push(r.value);
    have += r.value.length;
  }
  return Buffer.concat(parts);
}

/** What to do with a decompressed payload stream. */
interface CountPlan {
  /** Bytes to skip before the samples. */
  skip: number;
  /** Sample bytes to count. */
  expected: number;
  counter: SampleCounter;
  /** Stop reading once `expected` bytes are counted (raw data; gzip is read to its end to verify it). */
  stopWhenDone: boolean;
  /** Describes the skipped region for "ends before the data" messages. */
  skipWhat: string;
}

/**
 * Feeds a payload stream through a {@link CountPlan}. Returns the sample bytes
 * counted. Throws CorruptImageError for a short payload or corrupt compressed data.
 */
async function runPlan(
  first: Buffer | undefined,
  rest: AsyncIterator<Buffer>,
  plan: CountPlan,
  signal: AbortSignal | undefined,
): Promise<number> {
  let toSkip = plan.skip;
  let remaining = plan.expected;
  let seen = 0;
  const feed = (chunk: Buffer): void => {
    seen += chunk.length;
    let c = chunk;
    if (toSkip > 0) {
      const n = Math.min(toSkip, c.length);
      toSkip -= n;
      c = c.subarray(n);
    }
    if (remaining > 0 && c.length > 0) {
      const take = Math.min(remaining, c.length);
      plan.counter.push(take === c.length ? c : c.subarray(0, take));
      remaining -= take;
    }
  };
  try {
    if (first) feed(first);
    while (!(plan.stopWhenDone && remaining === 0)) {
      if (signal?.aborted) throw abortError(signal);
      const r = await rest.next();
      if (r.done) break;
      feed(r.value);
    }
  } catch (err) {
    throw describeStreamError(err, { got: plan.expected - remaining, expected: plan.expected });
  } finally {
    await rest.return?.();
  }
  if (toSkip > 0) {
    throw new CorruptImageError(`truncated: the file ends at byte ${seen}, before the voxel data (${plan.skipWhat})`);
  }
  if (remaining > 0) {
    throw new CorruptImageError(
      `truncated: expected ${plan.expected} voxel bytes, got ${plan.expected - remaining} (file cut short?)`,
    );
  }
  return plan.expected;
}

/**
 * Maps zlib errors to CorruptImageError; passes abort and file-system errors through.
 * `progress` says how far the payload got, or 'header' while the header is read.
 */
function describeStreamError(err: unknown, progress: { got: number; expected: number } | 'header'): unknown {
  const e = err as NodeJS.ErrnoException;
  if (!isZlibError(e)) return err;
  const truncated = e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message);
  if (progress === 'header') {
    return new CorruptImageError(
      truncated ? 'truncated: compressed data ends inside the header (file cut short?)' : `corrupt compressed data in the header: ${e.message}`,
    );
  }
  const { got, expected } = progress;
  return new CorruptImageError(
    truncated
      ? `truncated: compressed data ends after ${got} of ${expected} voxel bytes (file cut short?)`
      : `corrupt compressed data after ${got} of ${expected} voxel bytes: ${e.message}`,
  );
}

function isZlibError(e: NodeJS.ErrnoException | undefined): e is NodeJS.ErrnoException {
  return typeof e?.code === 'string' && e.code.startsWith('Z_');
}

// ---------------------------------------------------------------------------
// Formats

async function scanNifti(path: string, signal: AbortSignal | undefined): Promise<LabelScan> {
  const magic = await readRange(path, 0, 2);
  const gzip = isGzip(magic);
  const warnings: string[] = [];
  const named = path.toLowerCase().endsWith('.gz');
  if (gzip && !named) warnings.push('file is gzip-compressed but not named .gz; nibabel and ITK will fail to read it');
  if (!gzip && named) warnings.push('file is named .gz but is not gzip-compressed');

  const it = readChunks(path, 0, gzip ? 'gzip' : 'none', signal);
  let head: Buffer;
  try {
    head = await readAtLeast(it, NIFTI_HEADER_BYTES);
  } catch (err) {
    await it.return(undefined);
    throw describeStreamError(err, 'header');
  }
  let header: ImageHeader;
  let sample: SampleType;
  try {
    if (head.length < 4) throw new CorruptImageError(`truncated NIfTI header: ${head.length} bytes`);
    const need = niftiHeaderSize(head);
    if (head.length < need) throw new CorruptImageError(`truncated NIfTI header: ${head.length} of ${need} bytes`);
    header = parseNiftiHeader(head);
    sample = countableSample(header);
  } catch (err) {
    await it.return(undefined);
    throw err;
  }
  const scaling = niftiScaling(header);
  if (scaling) {
    warnings.push(`values scaled by scl_slope ${header.sclSlope} and scl_inter ${header.sclInter}, as ITK reads them`);
  }
  const counter = createCounter(sample, header.littleEndian, scaling);
  const expected = expectedPayloadBytes(header, sample);
  const bytesRead = await runPlan(
    head,
    it,
    { skip: header.voxOffset!, expected, counter, stopWhenDone: !gzip, skipWhat: `vox_offset ${header.voxOffset}` },
    signal,
  );
  return toScan(header, counter.result(), bytesRead, warnings);
}

async function scanLocated(loc: PayloadLocation, signal: AbortSignal | undefined): Promise<LabelScan> {
  const sample = countableSample({ ...loc.header, datatype: loc.sample });
  let start = await resolveStart(loc);
  if (loc.lineSkip > 0) start = await skipLines(loc.dataPath, start, loc.lineSkip);
  const counter = createCounter(sample, loc.header.littleEndian);
  const compressed = loc.compression !== 'none';
  const it = readChunks(loc.dataPath, start, loc.compression, signal);
  const bytesRead = await runPlan(
    undefined,
    it,
    { skip: loc.skip, expected: loc.expectedBytes, counter, stopWhenDone: !compressed, skipWhat: `byte skip ${loc.skip}` },
    signal,
  );
  return toScan(loc.header, counter.result(), bytesRead, []);
}

/** Offset after `lines` newlines from `start` (NRRD `line skip`). */
async function skipLines(path: string, start: number, lines: number): Promise<number> {
  let offset = start;
  let left = lines;
  for (;;) {
    const buf = await readRange(path, offset, 1 << 16);
    if (buf.length === 0) throw new CorruptImageError(`truncated: the data file ends within "line skip: ${lines}"`);
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] === 0x0a && --left === 0) return offset + i + 1;
    }
    offset += buf.length;
  }
}

/** Largest PNG decoded in memory. */
const MAX_PNG_BYTES = 256 * 1024 * 1024;

async function scanPng(path: string, signal: AbortSignal | undefined): Promise<LabelScan> {
  if ((await fileSize(path)) > MAX_PNG_BYTES) {
    throw new UnsupportedFormatError(`PNG files larger than ${MAX_PNG_BYTES} bytes are not scanned`);
  }
  const file = await readFile(path, { signal });
  const { countPng } = await import('./png-count.js'); // fast-png, loaded on first use
  const { header, counts, bytes, warnings } = countPng(file);
  if (signal?.aborted) throw abortError(signal);
  return toScan(header, counts, bytes, warnings);
}

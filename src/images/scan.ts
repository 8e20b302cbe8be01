/**
 * Streaming label scans: file -> (gunzip) -> header -> skip to the data -> count
 * samples chunk by chunk. Memory stays constant (about 1 MiB chunks plus the
 * tables) whatever the volume size.
 *
 * Every read is bounded: only regular files are opened ({@link openRegularFile}), a
 * detached data file must stay inside the dataset folder ({@link containedDataFile}),
 * a header that promises more voxel bytes than its file can hold is an error before
 * anything is read, raw payloads are read up to what the header promises, and data
 * after a compressed payload is read only while it stays small.
 */
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createCounter, type CountResult, type SampleCounter } from './counter.js';
import { sampleLayout, type SampleType } from './datatypes.js';
import { abortError, CorruptImageError, UnsupportedFormatError } from './errors.js';
import { expectedPayloadBytes, locateMeta, locateNrrd, type PayloadLocation } from './header.js';
import { NIFTI_HEADER_BYTES, niftiHeaderSize, niftiScaling, parseNiftiHeader } from './nifti.js';
import { containedDataFile, openRegularFile, type RegularFile } from './open.js';
import { parseIhdr, PNG_HEADER_BYTES, parsePngHeader } from './png.js';
import { countPng } from './png-count.js';
import { pngDataBytes } from './png-rows.js';
import { imageFamily, isGzip, readFrom } from './source.js';
import type { ImageHeader, LabelScan } from './types.js';

/** Options of {@link scanLabelFile}. */
export interface ScanOptions {
  /** Aborting stops reading and rejects with an `AbortError`. */
  signal?: AbortSignal;
  /**
   * The folder a detached data file (NRRD `data file:`, MetaImage `ElementDataFile`) must
   * stay inside: the dataset folder. Default: the folder of the scanned file.
   */
  root?: string;
}

/** Size of file reads and of gunzip output chunks. */
const CHUNK = 1 << 20;

/**
 * Deflate (gzip, zlib) expands at most 1032:1 (a 258-byte match per 2 bits), so a
 * compressed file of `n` bytes holds at most about 1032 n bytes; the slack covers tiny files.
 */
const MAX_INFLATE_RATIO = 1032;
const INFLATE_SLACK = 1 << 16;

/**
 * After a compressed payload, the rest of the stream is read to verify it (a cut-off gzip
 * trailer is reported), but only this much: a small file cannot make us inflate forever.
 */
const MAX_TRAILING_BYTES = 16 * CHUNK;

/**
 * Reads a segmentation file and counts how often each value occurs, streaming:
 * the volume is never held in memory. NIfTI scl_slope/scl_inter are applied the
 * way ITK (SimpleITK, nnU-Net's default reader) applies them.
 *
 * Supported: `.nii.gz`/`.nii` (NIfTI-1/2, both byte orders, data types uint8, int8,
 * int16, uint16, int32, uint32, int64, uint64, float32, float64, rgb24, rgba32),
 * `.nrrd`/`.nhdr` (raw or gzip), `.mha`/`.mhd` (raw or compressed) and `.png` (every
 * colour type and bit depth, interlaced or not, decoded row by row).
 *
 * @param file - the segmentation file
 * @param opts - `signal` to cancel the scan; `root`, the folder data files must stay in
 * @returns the header, the sorted value counts and flags for non-integer/NaN values
 * @throws UnsupportedFormatError for other file types, encodings or data types
 * @throws OutsideDatasetError for a data file outside `root`
 * @throws CorruptImageError for invalid headers, corrupt compressed data or a
 *         payload shorter than the header promises (or than its file can hold)
 * @throws NotRegularFileError for a FIFO, device or directory (never opened)
 * @throws an `AbortError` when `opts.signal` is aborted
 * @throws a Node.js file-system error (ENOENT, EACCES, ...)
 */
export async function scanLabelFile(file: string, opts: ScanOptions = {}): Promise<LabelScan> {
  const { signal } = opts;
  if (signal?.aborted) throw abortError(signal);
  switch (imageFamily(file)) {
    case 'nifti':
      return withFile(file, (f) => scanNifti(f, file, signal));
    case 'nrrd':
      return scanLocated(file, await locateNrrd(file), opts.root ?? path.dirname(file), signal);
    case 'mha':
      return scanLocated(file, await locateMeta(file), opts.root ?? path.dirname(file), signal);
    case 'png':
      return withFile(file, (f) => scanPng(f, signal));
  }
}

/** Opens a regular file, runs `use`, and closes the file whatever happens. */
async function withFile<T>(file: string, use: (f: RegularFile) => Promise<T>): Promise<T> {
  const f = await openRegularFile(file);
  try {
    return await use(f);
  } finally {
    await f.handle.close();
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

/**
 * Refuses a header whose payload cannot be in its file: `offset + expected` bytes must fit
 * in the `available` bytes after `start` (raw), or in what they can inflate to (compressed).
 * A header with absurd sizes is then a clear error, not a long read.
 */
function checkFits(offset: number, expected: number, available: number, compressed: boolean, what = 'voxel bytes'): void {
  if (!compressed) {
    if (offset + expected > available) {
      throw new CorruptImageError(`truncated: expected ${expected} voxel bytes, got ${Math.max(0, available - offset)} (file cut short?)`);
    }
    return;
  }
  const cap = available * MAX_INFLATE_RATIO + INFLATE_SLACK;
  if (offset + expected > cap) {
    throw new CorruptImageError(
      `the header promises ${expected} ${what}, more than ${available} compressed bytes can hold (at most ${cap}): wrong sizes in the header, or the file is cut short`,
    );
  }
}

// ---------------------------------------------------------------------------
// Byte streams

/**
 * Yields the bytes of an open file from `start` to `end` (exclusive; default: its end),
 * decompressed as asked, in chunks of up to 1 MiB. The file stays open (the caller
 * closes it); stopping the iteration ends the read. No abort listener per file: the
 * consumers check the signal between chunks (each at most 1 MiB, never a blocking
 * read), so an abort takes effect within one chunk.
 */
async function* readChunks(file: RegularFile, start: number, end: number | undefined, compression: PayloadLocation['compression']): AsyncGenerator<Buffer> {
  const last = (end ?? file.size) - 1;
  if (last < start) return;
  const stream = file.handle.createReadStream({ start, end: last, highWaterMark: CHUNK, autoClose: false });
  // A FileHandle stream that does not close its handle emits a destroy error again after
  // the iteration has ended; the iteration (below) already gets every error.
  stream.on('error', () => {});
  let out: Readable = stream;
  if (compression !== 'none') {
    const z = compression === 'gzip' ? zlib.createGunzip({ chunkSize: CHUNK }) : zlib.createUnzip({ chunkSize: CHUNK });
    // Errors reach the consumer through the iteration of `z`; the callback only
    // keeps an unhandled rejection from being reported twice.
    out = pipeline(stream, z, () => {});
  }
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } finally {
    out.destroy();
    stream.destroy();
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
  /**
   * Stop reading once `expected` bytes are counted (raw data). Compressed data is read on
   * to its end to verify it, but at most MAX_TRAILING_BYTES past the samples.
   */
  stopWhenDone: boolean;
  /** Describes the skipped region for "ends before the data" messages. */
  skipWhat: string;
}

/** What {@link runPlan} read. */
interface PlanResult {
  /** Sample bytes counted. */
  bytes: number;
  /** Compressed data went on for more than MAX_TRAILING_BYTES after the samples: not read to its end. */
  trailingNotRead: boolean;
}

/**
 * Feeds a payload stream through a {@link CountPlan}. Throws CorruptImageError for a
 * short payload or corrupt compressed data.
 */
async function runPlan(first: Buffer | undefined, rest: AsyncIterator<Buffer>, plan: CountPlan, signal: AbortSignal | undefined): Promise<PlanResult> {
  let toSkip = plan.skip;
  let remaining = plan.expected;
  let seen = 0;
  let trailing = 0;
  const feed = (chunk: Buffer): void => {
    seen += chunk.length;
    if (toSkip === 0 && remaining === 0) {
      trailing += chunk.length;
      return;
    }
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
      trailing = c.length - take;
    }
  };
  const finished = (): boolean => toSkip === 0 && remaining === 0 && (plan.stopWhenDone || trailing > MAX_TRAILING_BYTES);
  try {
    if (first) feed(first);
    while (!finished()) {
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
    throw new CorruptImageError(`truncated: expected ${plan.expected} voxel bytes, got ${plan.expected - remaining} (file cut short?)`);
  }
  return { bytes: plan.expected, trailingNotRead: !plan.stopWhenDone && trailing > MAX_TRAILING_BYTES };
}

/** The note for compressed data that goes on long after the voxel data. */
function trailingWarning(r: PlanResult): string[] {
  return r.trailingNotRead ? [`the compressed data goes on for more than ${MAX_TRAILING_BYTES} bytes after the voxel data; the rest was not read`] : [];
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

async function scanNifti(file: RegularFile, name: string, signal: AbortSignal | undefined): Promise<LabelScan> {
  const gzip = isGzip(await readFrom(file, 0, 2));
  const warnings: string[] = [];
  const named = name.toLowerCase().endsWith('.gz');
  if (gzip && !named) warnings.push('file is gzip-compressed but not named .gz; nibabel and ITK will fail to read it');
  if (!gzip && named) warnings.push('file is named .gz but is not gzip-compressed');

  const it = readChunks(file, 0, undefined, gzip ? 'gzip' : 'none');
  try {
    let head: Buffer;
    try {
      head = await readAtLeast(it, NIFTI_HEADER_BYTES);
    } catch (err) {
      throw describeStreamError(err, 'header');
    }
    if (head.length < 4) throw new CorruptImageError(`truncated NIfTI header: ${head.length} bytes`);
    const need = niftiHeaderSize(head);
    if (head.length < need) throw new CorruptImageError(`truncated NIfTI header: ${head.length} of ${need} bytes`);
    const header = parseNiftiHeader(head);
    const sample = countableSample(header);
    const expected = expectedPayloadBytes(header, sample);
    checkFits(header.voxOffset!, expected, file.size, gzip);
    const scaling = niftiScaling(header);
    if (scaling) {
      warnings.push(`values scaled by scl_slope ${header.sclSlope} and scl_inter ${header.sclInter}, as ITK reads them`);
    }
    const counter = createCounter(sample, header.littleEndian, scaling);
    const r = await runPlan(head, it, { skip: header.voxOffset!, expected, counter, stopWhenDone: !gzip, skipWhat: `vox_offset ${header.voxOffset}` }, signal);
    return toScan(header, counter.result(), r.bytes, [...warnings, ...trailingWarning(r)]);
  } finally {
    await it.return(undefined);
  }
}

/** NRRD and MetaImage: the payload in the header file or in a data file inside `root`. */
async function scanLocated(headerPath: string, loc: PayloadLocation, root: string, signal: AbortSignal | undefined): Promise<LabelScan> {
  const sample = countableSample({ ...loc.header, datatype: loc.sample });
  const dataPath = loc.dataFile === undefined ? headerPath : await containedDataFile(headerPath, loc.dataFile, root);
  return withFile(dataPath, async (file) => {
    const compressed = loc.compression !== 'none';
    let start = loc.start;
    if (start === -1) {
      // the raw samples end the file
      checkFits(0, loc.expectedBytes, file.size, false);
      start = file.size - loc.expectedBytes;
    }
    if (loc.lineSkip > 0) start = await skipLines(file, start, loc.lineSkip);
    checkFits(loc.skip, loc.expectedBytes, file.size - start, compressed);
    const counter = createCounter(sample, loc.header.littleEndian);
    // raw data: never read past what the header promises
    const end = compressed ? undefined : start + loc.skip + loc.expectedBytes;
    const it = readChunks(file, start, end, loc.compression);
    const r = await runPlan(
      undefined,
      it,
      { skip: loc.skip, expected: loc.expectedBytes, counter, stopWhenDone: !compressed, skipWhat: `byte skip ${loc.skip}` },
      signal,
    );
    return toScan(loc.header, counter.result(), r.bytes, trailingWarning(r));
  });
}

/** Offset after `lines` newlines from `start` (NRRD `line skip`). */
async function skipLines(file: RegularFile, start: number, lines: number): Promise<number> {
  let offset = start;
  let left = lines;
  for (;;) {
    const buf = await readFrom(file, offset, 1 << 16);
    if (buf.length === 0) throw new CorruptImageError(`truncated: the data file ends within "line skip: ${lines}"`);
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] === 0x0a && --left === 0) return offset + i + 1;
    }
    offset += buf.length;
  }
}

/** PNG: decoded row by row (about two rows in memory, whatever the image size). */
async function scanPng(file: RegularFile, signal: AbortSignal | undefined): Promise<LabelScan> {
  const head = await readFrom(file, 0, PNG_HEADER_BYTES);
  parsePngHeader(head);
  const info = parseIhdr(head.subarray(16, 29));
  checkFits(0, pngDataBytes(info), file.size, true, `bytes of image data (${info.width}x${info.height} pixels)`);
  const { header, counts, bytes, warnings } = await countPng(readChunks(file, 0, undefined, 'none'), { signal });
  return toScan(header, counts, bytes, warnings);
}

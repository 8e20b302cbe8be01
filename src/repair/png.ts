/**
 * PNG segmentations (8- and 16-bit greyscale, not interlaced): the streaming rewrite and
 * the independent re-read. Built on src/images/png-rows.ts (chunk parser with CRC
 * checks, row un-filter, IHDR parser, the row decoder used for verification).
 *
 * Every chunk other than IDAT is copied byte for byte (IHDR too, unless the bit depth
 * must change: remap to a value above 255). Only the image data is rewritten: rows are
 * un-filtered, mapped, written with filter type 0 (None: a label map is runs of equal
 * bytes, which deflate already packs well) and deflated at {@link PNG_ZLIB_LEVEL}, in
 * IDAT chunks of up to 64 KiB.
 *
 * Two passes over the source: the first copies the chunks around the image data (small),
 * the second streams the image data; both hash the file, so a change between them is
 * caught.
 */
import { createHash } from 'node:crypto';
import type { promises as fsp } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { createCounter, type SampleCounter } from '../images/counter.js';
import { CorruptImageError, UnsupportedFormatError } from '../images/errors.js';
import { parseIhdr, PNG_SIGNATURE, type PngInfo } from '../images/png.js';
import { decodePngRows, PngChunkParser, PngUnfilter } from '../images/png-rows.js';
import type { ValueCount } from '../images/types.js';
import type { RepairHooks } from './commit.js';
import { expectedCounts } from './nifti.js';
import { hashTap, readFrom, syncTemp, tempWriter } from './streams.js';
import { createSampleRewriter, type SampleRewriter } from './samples.js';
import { planStorage, sampleFunction, type HeaderChange, type Storage } from './storage.js';
import type { ValueChange } from './model.js';

/** Pillow's default PNG compression level (libpng's too): repaired masks stay the size users know. */
const PNG_ZLIB_LEVEL = 6;
const IDAT_MAX = 1 << 16;
const MAX_CHUNK = 16 << 20;

/** The chunks of a PNG around its image data, as stored. */
interface PngLayout {
  info: PngInfo;
  /** Raw chunks (length, type, data, CRC) before the first IDAT, IHDR first. */
  pre: Uint8Array[];
  /** Raw chunks after the last IDAT, IEND last, then any bytes that follow IEND. */
  post: Uint8Array[];
  sha256: string;
}

/**
 * Splits a PNG byte stream into raw chunks (pure): every chunk but IDAT is handed out
 * whole and CRC-checked; IDAT chunks are only noted (their data is skipped here).
 */
class PngChunkSplitter {
  private sig = 0;
  private head = new Uint8Array(8);
  private have = 0;
  private chunk: Uint8Array | undefined;
  private at = 0;
  private skip = 0;
  ended = false;

  constructor(private readonly on: (type: string, raw: Uint8Array | undefined) => void) {}

  /** Feeds the next bytes; returns how many were used (fewer only after IEND). */
  push(bytes: Uint8Array): number {
    let i = 0;
    while (i < bytes.length && !this.ended) {
      if (this.sig < 8) {
        if (bytes[i] !== PNG_SIGNATURE[this.sig]) throw new CorruptImageError('not a PNG file: bad signature');
        this.sig++;
        i++;
      } else if (this.skip > 0) {
        const n = Math.min(this.skip, bytes.length - i);
        this.skip -= n;
        i += n;
        if (this.skip === 0) this.on('IDAT', undefined);
      } else if (this.chunk) {
        const n = Math.min(this.chunk.length - this.at, bytes.length - i);
        this.chunk.set(bytes.subarray(i, i + n), this.at);
        this.at += n;
        i += n;
        if (this.at === this.chunk.length) this.finish();
      } else {
        const n = Math.min(8 - this.have, bytes.length - i);
        this.head.set(bytes.subarray(i, i + n), this.have);
        this.have += n;
        i += n;
        if (this.have === 8) this.start();
      }
    }
    return i;
  }

  private start(): void {
    this.have = 0;
    const length = new DataView(this.head.buffer).getUint32(0);
    const type = Buffer.from(this.head.subarray(4, 8)).toString('latin1');
    if (type === 'IDAT') {
      this.skip = length + 4; // data + CRC (the image-data pass checks it)
      if (this.skip === 0) this.on('IDAT', undefined);
      return;
    }
    if (length > MAX_CHUNK) throw new UnsupportedFormatError(`PNG chunk ${type} of ${length} bytes is too large to copy`);
    this.chunk = new Uint8Array(12 + length);
    this.chunk.set(this.head, 0);
    this.at = 8;
  }

  private finish(): void {
    const raw = this.chunk!;
    this.chunk = undefined;
    const stored = new DataView(raw.buffer, raw.length - 4).getUint32(0);
    if (stored !== zlib.crc32(raw.subarray(4, raw.length - 4)) >>> 0) throw new CorruptImageError('bad PNG: CRC error (file damaged)');
    const type = Buffer.from(raw.subarray(4, 8)).toString('latin1');
    this.on(type, raw);
    if (type === 'IEND') this.ended = true;
  }
}

/** Reads the chunks around the image data (first pass). */
async function readPngLayout(fh: fsp.FileHandle): Promise<PngLayout> {
  const pre: Uint8Array[] = [];
  const post: Uint8Array[] = [];
  // what the splitter's callback found (fields of an object: the compiler does not follow a callback's assignments)
  const found: { info?: PngInfo; idat: boolean } = { idat: false };
  const hash = createHash('sha256');
  const splitter = new PngChunkSplitter((type, raw) => {
    if (type === 'IDAT') {
      found.idat = true;
      return;
    }
    if (type === 'IHDR' && !found.info) found.info = parseIhdr(raw!.subarray(8, raw!.length - 4));
    (found.idat ? post : pre).push(raw!);
  });
  let trailer = 0;
  for await (const chunk of readFrom(fh)) {
    const bytes = chunk;
    hash.update(bytes);
    const used = splitter.ended ? 0 : splitter.push(bytes);
    if (used < bytes.length) {
      // bytes after IEND: kept as they are
      trailer += bytes.length - used;
      if (trailer > MAX_CHUNK) throw new UnsupportedFormatError(`${trailer} bytes after the PNG's IEND chunk: not copied`);
      post.push(Buffer.from(bytes.subarray(used)));
    }
  }
  if (!splitter.ended) throw new CorruptImageError('truncated PNG: no IEND chunk (file cut short?)');
  if (!found.info || !found.idat) throw new CorruptImageError('bad PNG: no IHDR or no image data');
  return { info: found.info, pre, post, sha256: hash.digest('hex') };
}

/** The storage of a PNG: 8- or 16-bit grey samples; other layouts are not rewritten. */
function pngStorage(info: PngInfo): Storage {
  if (info.colorType !== 0 || (info.bitDepth !== 8 && info.bitDepth !== 16)) {
    throw new UnsupportedFormatError(`PNG colour type ${info.colorType} with bit depth ${info.bitDepth} is not supported for repair (8/16-bit greyscale only)`);
  }
  if (info.interlaced) throw new UnsupportedFormatError('interlaced (Adam7) PNG is not supported for repair');
  return { sample: info.bitDepth === 16 ? 'uint16' : 'uint8' };
}

/** A raw chunk from type and data (CRC computed). */
function makeChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/** IHDR with another bit depth. */
function ihdrWithDepth(raw: Uint8Array, depth: number): Buffer {
  const data = Buffer.from(raw.subarray(8, raw.length - 4));
  data[8] = depth;
  return makeChunk('IHDR', data);
}

/** The IDAT data of a PNG byte stream, CRC-checked (src/images' chunk parser). */
function idatExtract(): Transform {
  let parser: PngChunkParser;
  return new Transform({
    construct(cb) {
      parser = new PngChunkParser({ onChunk: () => undefined, onImageData: (piece) => this.push(Buffer.from(piece)) });
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        if (!parser.ended) parser.push(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Inflated image data -> rows -> counted, mapped, filter byte 0 -> out. */
class RowMap extends Transform {
  private readonly unfilter: PngUnfilter;
  constructor(
    info: PngInfo,
    private readonly counter: SampleCounter,
    private readonly rewriter: SampleRewriter,
  ) {
    super();
    this.unfilter = new PngUnfilter(info, (row) => {
      this.counter.push(row.data);
      const mapped = this.rewriter.push(row.data.slice());
      const out = Buffer.alloc(1 + mapped.length);
      out.set(mapped, 1);
      this.push(out);
    });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      if (!this.unfilter.done) this.unfilter.push(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
  override _flush(cb: TransformCallback): void {
    cb(this.unfilter.done ? null : new CorruptImageError(`truncated PNG: the image data ends at ${this.unfilter.position()}`));
  }
}

/** Deflated data -> signature, the chunks before, IDAT chunks of up to 64 KiB, the chunks after. */
function idatFrame(pre: readonly Uint8Array[], post: readonly Uint8Array[]): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  let started = false;
  const start = (t: Transform) => {
    if (started) return;
    started = true;
    t.push(Buffer.from(PNG_SIGNATURE));
    for (const c of pre) t.push(Buffer.from(c));
  };
  const emit = (t: Transform, all: boolean) => {
    while (size >= IDAT_MAX || (all && size > 0)) {
      const data = Buffer.concat(pending);
      const take = Math.min(IDAT_MAX, data.length);
      t.push(makeChunk('IDAT', data.subarray(0, take)));
      pending = take < data.length ? [data.subarray(take)] : [];
      size = data.length - take;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      start(this);
      pending.push(chunk);
      size += chunk.length;
      emit(this, false);
      cb();
    },
    flush(cb: TransformCallback) {
      start(this);
      emit(this, true);
      for (const c of post) this.push(Buffer.from(c));
      cb();
    },
  });
}

/** What {@link rewritePngFile} returns. */
export interface PngFileRewrite {
  sourceSha256: string;
  before: ValueCount[];
  expectedAfter: ValueCount[];
  changes: HeaderChange[];
  /** The chunks around the image data the new file must have. */
  pre: Uint8Array[];
  post: Uint8Array[];
}

/** Streams `source` into `temp`, mapping the values of the image data; the temp file is fsynced. */
export async function rewritePngFile(
  source: fsp.FileHandle,
  temp: { fh: fsp.FileHandle; path: string },
  mapping: readonly ValueChange[],
  present: readonly number[],
  opts: { hooks?: RepairHooks; signal?: AbortSignal } = {},
): Promise<PngFileRewrite> {
  const layout = await readPngLayout(source);
  const from = pngStorage(layout.info);
  const plan = planStorage(from, present, mapping);
  if (!plan.ok) throw new UnsupportedFormatError(`cannot store the new values: ${plan.reason}`);
  if (plan.storage.sample !== 'uint8' && plan.storage.sample !== 'uint16') throw new UnsupportedFormatError('a PNG holds values up to 65535 only');
  const depth = plan.storage.sample === 'uint16' ? 16 : 8;
  const changes: HeaderChange[] = depth !== layout.info.bitDepth ? [{ field: 'bit_depth', from: layout.info.bitDepth, to: depth }] : [];
  const pre = layout.pre.map((c, i) => (i === 0 && changes.length ? ihdrWithDepth(c, depth) : c));
  const counter = createCounter(from.sample, false);
  const rewriter = createSampleRewriter(from.sample, plan.storage.sample, false, sampleFunction(from, plan.storage, mapping));
  const hash = createHash('sha256');
  await opts.hooks?.beforeWrite?.(temp.path);
  await pipeline(
    [
      readFrom(source),
      hashTap(hash),
      idatExtract(),
      zlib.createInflate(),
      new RowMap(layout.info, counter, rewriter),
      zlib.createDeflate({ level: PNG_ZLIB_LEVEL }),
      idatFrame(pre, layout.post),
      tempWriter(temp.fh, temp.path, opts.hooks),
    ],
    { signal: opts.signal },
  );
  await syncTemp(temp.fh);
  const sourceSha256 = hash.digest('hex');
  if (sourceSha256 !== layout.sha256) throw new CorruptImageError('the file changed while it was read; run again');
  const before = counter.result().values;
  return { sourceSha256, before, expectedAfter: expectedCounts(before, mapping, from, plan.storage), changes, pre, post: layout.post };
}

/** Re-reads a written PNG: its chunks around the image data, and its values (src/images' row decoder). */
export async function checkPngFile(fh: fsp.FileHandle): Promise<{ pre: Uint8Array[]; post: Uint8Array[]; counts: ValueCount[]; sha256: string }> {
  const layout = await readPngLayout(fh);
  const sample = pngStorage(layout.info).sample;
  const counter = createCounter(sample, false);
  await decodePngRows(readFrom(fh), { onRow: (row) => counter.push(row.data) });
  return { pre: layout.pre, post: layout.post, counts: counter.result().values, sha256: layout.sha256 };
}

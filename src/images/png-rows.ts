/**
 * Streaming PNG decoding, one row at a time: the file's bytes go through a chunk parser
 * (CRC-checked), the IDAT stream through node:zlib's streaming inflate, and the inflated
 * bytes through an un-filter that keeps only the previous row. Memory stays at about two
 * rows plus zlib's window and output buffer, whatever the image size.
 *
 * Rows come out as stored: packed samples (1/2/4-bit), 8-bit samples, or big-endian
 * 16-bit samples; palette images give palette indices. Adam7 interlaced images give the
 * rows of each of their seven passes in file order (`pass` 1..7), each row with its own
 * width; a consumer that needs pixel positions places them with {@link adam7Pass}.
 *
 * ```ts
 * const info = await decodePngRows(fileChunks, {
 *   onHeader: (info) => { ... },              // once, before the first row
 *   onRow: (row, info) => count(row.data),    // row.data is reused: copy it to keep it
 * });
 * ```
 * The pieces are exported for other uses (re-encoding a label map row by row):
 * {@link PngChunkParser} (chunks and CRCs, pure), {@link PngUnfilter} (inflated bytes ->
 * rows, pure), {@link pngPasses} (the row layout an image's data must have).
 */
import zlib from 'node:zlib';
import { latin1 } from './bytes.js';
import { abortError, CorruptImageError, UnsupportedFormatError } from './errors.js';
import { parseIhdr, PNG_SIGNATURE, type PngInfo } from './png.js';

export type { PngInfo } from './png.js';

/** One un-filtered row. */
export interface PngRow {
  /** 0 for a non-interlaced image, else the Adam7 pass 1..7. */
  pass: number;
  /** Row index within the pass (within the image when not interlaced). */
  y: number;
  /** Pixels in this row. */
  width: number;
  /**
   * The row's bytes as stored, without the filter-type byte: `ceil(width * bitsPerPixel / 8)`
   * bytes. The buffer is reused for a later row: use or copy it inside the callback.
   */
  data: Uint8Array;
}

/** One pass of the row layout: its size in pixels and bytes per row. */
export interface PngPass {
  /** 0 (not interlaced) or 1..7. */
  pass: number;
  width: number;
  height: number;
  /** Bytes per row without the filter byte. */
  rowBytes: number;
}

/** Adam7 pass geometry: first column/row and column/row step of passes 1..7. */
const ADAM7: ReadonlyArray<readonly [x0: number, y0: number, dx: number, dy: number]> = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** Where the pixels of Adam7 pass `pass` (1..7) sit: pixel (i, j) of the pass is (x0 + i*dx, y0 + j*dy). */
export function adam7Pass(pass: number): { x0: number; y0: number; dx: number; dy: number } {
  const p = ADAM7[pass - 1];
  if (!p) throw new RangeError(`Adam7 pass ${pass} does not exist`);
  return { x0: p[0], y0: p[1], dx: p[2], dy: p[3] };
}

/**
 * The passes an image's data consists of, in file order: one pass for a plain image,
 * up to seven for Adam7 (passes without pixels are left out: they have no data).
 */
export function pngPasses(info: Pick<PngInfo, 'width' | 'height' | 'interlaced' | 'bitsPerPixel'>): PngPass[] {
  const rowBytes = (w: number): number => Math.ceil((w * info.bitsPerPixel) / 8);
  if (!info.interlaced) return [{ pass: 0, width: info.width, height: info.height, rowBytes: rowBytes(info.width) }];
  const out: PngPass[] = [];
  ADAM7.forEach(([x0, y0, dx, dy], i) => {
    const width = Math.max(0, Math.ceil((info.width - x0) / dx));
    const height = Math.max(0, Math.ceil((info.height - y0) / dy));
    if (width > 0 && height > 0) out.push({ pass: i + 1, width, height, rowBytes: rowBytes(width) });
  });
  return out;
}

/** Inflated bytes the image data must have: every row of every pass plus its filter byte. */
export function pngDataBytes(info: Pick<PngInfo, 'width' | 'height' | 'interlaced' | 'bitsPerPixel'>): number {
  return pngPasses(info).reduce((sum, p) => sum + p.height * (1 + p.rowBytes), 0);
}

/** Callbacks of {@link PngChunkParser}. */
export interface PngChunkHandlers {
  /** A complete small chunk (everything but IDAT), CRC checked. */
  onChunk(type: string, data: Uint8Array): void;
  /** A piece of IDAT data, in order (the CRC of its chunk is checked at the chunk's end). */
  onImageData(piece: Uint8Array): void;
}

/** Largest non-IDAT chunk whose data is kept (PLTE is 768 bytes; text chunks are skipped). */
const MAX_KEPT_CHUNK = 1 << 16;
/** Chunks whose data the decoder needs; the data of other ancillary chunks is only CRC-checked. */
const KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'IEND']);

/**
 * Splits a PNG byte stream into chunks, in any split of the input, checking the signature,
 * every chunk's CRC and the IHDR-first rule. IDAT data is passed on piece by piece (never
 * held); other chunks the decoder needs are held whole (they are small). Pure.
 */
export class PngChunkParser {
  private state: 'signature' | 'head' | 'data' | 'crc' | 'end' = 'signature';
  private readonly small = new Uint8Array(8);
  private have = 0;
  private type = '';
  private left = 0;
  private crc = 0;
  private kept: Uint8Array | undefined;
  private keptAt = 0;
  private chunks = 0;

  constructor(private readonly handlers: PngChunkHandlers) {}

  /** True once the IEND chunk has been read. */
  get ended(): boolean {
    return this.state === 'end';
  }

  /** True while a chunk (or the signature) is incomplete: input that stops here was cut short. */
  get midChunk(): boolean {
    return this.state === 'signature' || this.state === 'data' || this.state === 'crc' || this.have > 0;
  }

  /** What is being read, for messages: "the PNG signature", "a chunk header", "a IDAT chunk". */
  get reading(): string {
    return this.state === 'signature' ? 'the PNG signature' : this.state === 'head' ? 'a chunk header' : `a ${this.type} chunk`;
  }

  /** Feed the next bytes of the file. Bytes after IEND are ignored. */
  push(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length && this.state !== 'end') {
      if (this.state === 'data') {
        const n = Math.min(this.left, bytes.length - i);
        const piece = bytes.subarray(i, i + n);
        this.crc = zlib.crc32(piece, this.crc);
        if (this.type === 'IDAT') this.handlers.onImageData(piece);
        else if (this.kept) {
          this.kept.set(piece, this.keptAt);
          this.keptAt += n;
        }
        this.left -= n;
        i += n;
        if (this.left === 0) this.state = 'crc';
        continue;
      }
      const need = this.state === 'signature' ? 8 : this.state === 'head' ? 8 : 4;
      const n = Math.min(need - this.have, bytes.length - i);
      this.small.set(bytes.subarray(i, i + n), this.have);
      this.have += n;
      i += n;
      if (this.have < need) break;
      this.have = 0;
      if (this.state === 'signature') this.signature();
      else if (this.state === 'head') this.head();
      else this.endOfChunk();
    }
  }

  private signature(): void {
    if (!PNG_SIGNATURE.every((b, k) => this.small[k] === b)) throw new CorruptImageError('not a PNG file: bad signature');
    this.state = 'head';
  }

  private head(): void {
    const dv = new DataView(this.small.buffer, 0, 8);
    const length = dv.getUint32(0);
    const typeBytes = this.small.subarray(4, 8);
    this.type = latin1(typeBytes);
    if (!/^[A-Za-z]{4}$/.test(this.type)) throw new CorruptImageError(`bad PNG: chunk type ${JSON.stringify(this.type)} at chunk ${this.chunks + 1}`);
    if (length > 0x7fffffff) throw new CorruptImageError(`bad PNG: chunk ${this.type} of ${length} bytes`);
    if (this.chunks === 0 && this.type !== 'IHDR') throw new CorruptImageError('bad PNG: the first chunk is not IHDR');
    const critical = this.type.charCodeAt(0) < 0x61;
    if (critical && !KEPT.has(this.type) && this.type !== 'IDAT') {
      throw new UnsupportedFormatError(`PNG critical chunk ${this.type} is not supported`);
    }
    this.chunks++;
    this.crc = zlib.crc32(typeBytes);
    this.left = length;
    this.kept = undefined;
    this.keptAt = 0;
    if (KEPT.has(this.type)) {
      if (length > MAX_KEPT_CHUNK) throw new CorruptImageError(`bad PNG: ${this.type} chunk of ${length} bytes`);
      this.kept = new Uint8Array(length);
    }
    this.state = length === 0 ? 'crc' : 'data';
  }

  private endOfChunk(): void {
    const stored = new DataView(this.small.buffer, 0, 4).getUint32(0);
    if (stored !== this.crc >>> 0) throw new CorruptImageError(`bad PNG: CRC error in chunk ${this.type} (file damaged)`);
    if (this.kept) this.handlers.onChunk(this.type, this.kept);
    this.kept = undefined;
    this.state = this.type === 'IEND' ? 'end' : 'head';
  }
}

/**
 * Turns inflated image data into rows: reads each row's filter byte, reverses the filter
 * against the previous row of the same pass, and hands the row out. A row that lies whole
 * inside one pushed piece is un-filtered where it lies (no copy: the piece is modified);
 * a row split between pieces is put together in a buffer of its own. Besides the pieces,
 * it holds three rows: two for split rows (the one being put together and the previous
 * row) and one of zeros (the "previous row" of a pass's first row). Pure.
 */
export class PngUnfilter {
  private readonly passes: PngPass[];
  private passIndex = 0;
  private y = 0;
  /** Own buffers for rows split between pieces; `own[next]` receives the next one. */
  private readonly own: [Uint8Array, Uint8Array];
  private next = 0;
  private filled = 0;
  /** The previous row of this pass, filter byte first (`zeros` at a pass start). */
  private prev: Uint8Array;
  private readonly zeros: Uint8Array;
  private readonly bpp: number;

  /**
   * @param info - the image layout
   * @param onRow - called with each row, in file order
   */
  constructor(
    info: PngInfo,
    private readonly onRow: (row: PngRow) => void,
  ) {
    this.passes = pngPasses(info);
    const widest = 1 + Math.max(...this.passes.map((p) => p.rowBytes));
    this.own = [new Uint8Array(widest), new Uint8Array(widest)];
    this.zeros = new Uint8Array(widest);
    this.prev = this.zeros;
    this.bpp = Math.max(1, info.bitsPerPixel >> 3);
  }

  /** True once every row of every pass has been handed out. */
  get done(): boolean {
    return this.passIndex >= this.passes.length;
  }

  /** Bytes of the decoder's own row buffers (for memory checks: three rows). */
  get bufferBytes(): number {
    return this.own[0].byteLength + this.own[1].byteLength + this.zeros.byteLength;
  }

  /**
   * Feed inflated bytes (any split). The rows inside `bytes` are un-filtered in place, so
   * pass bytes the caller does not need afterwards (zlib's output chunks). Returns how many
   * bytes were used: fewer than given only when the image is complete (the rest is data
   * after the last row).
   * @throws CorruptImageError for an unknown filter type.
   */
  push(bytes: Uint8Array): number {
    let i = 0;
    while (i < bytes.length && !this.done) {
      const need = 1 + this.passes[this.passIndex]!.rowBytes;
      let row: Uint8Array;
      if (this.filled === 0 && bytes.length - i >= need) {
        row = bytes.subarray(i, i + need);
        i += need;
      } else {
        const buf = this.own[this.next]!;
        const n = Math.min(need - this.filled, bytes.length - i);
        buf.set(bytes.subarray(i, i + n), this.filled);
        this.filled += n;
        i += n;
        if (this.filled < need) break;
        row = buf.subarray(0, need);
        this.filled = 0;
        this.next ^= 1; // this row stays as `prev`; the next split row goes to the other buffer
      }
      this.finishRow(row);
    }
    // `prev` may be a view of `bytes`, which the caller may reuse: keep a copy
    if (this.prev.buffer === bytes.buffer && this.prev !== this.zeros) {
      const keep = this.own[this.next ^ 1]!.subarray(0, this.prev.length);
      keep.set(this.prev);
      this.prev = keep;
    }
    return i;
  }

  /** Where the data stopped, for "truncated" messages. */
  position(): string {
    if (this.done) return 'complete';
    const p = this.passes[this.passIndex]!;
    return `${p.pass ? `pass ${p.pass}, ` : ''}row ${this.y} of ${p.height}`;
  }

  /** Reverses the row's filter (in place), hands the row out and moves on. */
  private finishRow(row: Uint8Array): void {
    const p = this.passes[this.passIndex]!;
    const prev = this.prev;
    const end = row.length;
    const bpp = this.bpp;
    const filter = row[0]!;
    switch (filter) {
      case 0:
        break;
      case 1:
        for (let k = 1 + bpp; k < end; k++) row[k] = row[k]! + row[k - bpp]!;
        break;
      case 2:
        for (let k = 1; k < end; k++) row[k] = row[k]! + prev[k]!;
        break;
      case 3:
        for (let k = 1; k < 1 + bpp && k < end; k++) row[k] = row[k]! + (prev[k]! >> 1);
        for (let k = 1 + bpp; k < end; k++) row[k] = row[k]! + ((row[k - bpp]! + prev[k]!) >> 1);
        break;
      case 4:
        for (let k = 1; k < 1 + bpp && k < end; k++) row[k] = row[k]! + prev[k]!;
        for (let k = 1 + bpp; k < end; k++) {
          const a = row[k - bpp]!;
          const b = prev[k]!;
          const c = prev[k - bpp]!;
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - c - c);
          row[k] = row[k]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
        }
        break;
      default:
        throw new CorruptImageError(`bad PNG: unknown filter type ${filter} in ${this.position()}`);
    }
    this.onRow({ pass: p.pass, y: this.y, width: p.width, data: row.subarray(1) });
    this.prev = row;
    if (++this.y === p.height) {
      this.y = 0;
      this.passIndex++;
      this.prev = this.zeros;
    }
  }
}

/** Resolves when `stream` drains or closes, leaving no listener behind (this runs once per file chunk). */
function drainedOrClosed(stream: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Callbacks of {@link decodePngRows}. */
export interface PngRowHandlers {
  /** Once, after the chunks before the image data (IHDR, PLTE, tRNS), before the first row. */
  onHeader?(info: PngInfo): void;
  /** Each row, in file order (see {@link PngRow}). */
  onRow(row: PngRow, info: PngInfo): void;
}

/** Options of {@link decodePngRows}. */
export interface DecodePngOptions {
  signal?: AbortSignal;
  /** zlib output chunk size (default 256 KiB: fewer round trips to the zlib thread). */
  chunkSize?: number;
}

/**
 * Decodes a PNG row by row from a stream of its bytes (e.g. a file read stream).
 * Checks chunk CRCs; stops reading once IEND is seen. Data after the last row is
 * ignored (not inflated: a small file cannot make us inflate more than the image).
 *
 * @param source - the file's bytes, in order, any split
 * @param handlers - `onHeader` and `onRow`
 * @returns the image info (with palette and transparency)
 * @throws CorruptImageError for a bad signature, CRC, chunk order, zlib data, filter
 *         type, a palette image without PLTE, or data that ends before the last row
 * @throws UnsupportedFormatError for unknown critical chunks
 * @throws an `AbortError` when `opts.signal` is aborted
 */
export async function decodePngRows(source: AsyncIterable<Uint8Array>, handlers: PngRowHandlers, opts: DecodePngOptions = {}): Promise<PngInfo> {
  const { signal } = opts;
  let info: PngInfo | undefined;
  let unfilter: PngUnfilter | undefined;
  let inflater: zlib.Inflate | undefined;
  // `failure` and `pendingWrite` are set by callbacks (the inflater's, the parser's), which the
  // compiler does not follow: read through these calls, it takes them for what they were declared.
  let failure: Error | undefined;
  let inflateEnded: Promise<void> | undefined;
  /** The inflater's input buffer is full: wait for 'drain' before reading more of the file. */
  let pendingWrite = false;
  const rethrow = (): void => {
    if (failure !== undefined) throw failure;
  };
  const writePending = (): boolean => pendingWrite;

  const startImage = (): PngUnfilter => {
    if (!info) throw new CorruptImageError('bad PNG: no IHDR chunk');
    if (info.colorType === 3 && !info.palette) throw new CorruptImageError('bad PNG: palette image without a PLTE chunk');
    handlers.onHeader?.(info);
    const current = info;
    const u = new PngUnfilter(current, (row) => handlers.onRow(row, current));
    inflater = zlib.createInflate({ chunkSize: opts.chunkSize ?? 1 << 18 });
    const finished = (): boolean => failure !== undefined || u.done;
    inflater.on('data', (out: Buffer) => {
      if (finished()) return;
      try {
        // a small file can hold a huge image: check the signal per inflated piece, not per file chunk
        if (signal?.aborted) throw abortError(signal);
        u.push(out);
      } catch (err) {
        failure = err as Error; // the unfilter's, the abort's or onRow's
      }
      // Everything after the last row is ignored: stop inflating it.
      if (finished()) inflater?.destroy();
    });
    inflateEnded = new Promise<void>((resolve) => {
      inflater!.on('error', (err: NodeJS.ErrnoException) => {
        if (!u.done && failure === undefined) {
          failure =
            err.code === 'Z_BUF_ERROR'
              ? new CorruptImageError(`truncated PNG: the image data ends at ${u.position()} (file cut short?)`)
              : new CorruptImageError(`bad PNG: corrupt image data (${err.message}) at ${u.position()}`);
        }
        resolve();
      });
      inflater!.on('close', () => resolve());
    });
    return u;
  };

  const parser = new PngChunkParser({
    onChunk(type, data) {
      if (type === 'IHDR') info = parseIhdr(data);
      else if (type === 'PLTE' && info) {
        if (data.length % 3 !== 0 || data.length === 0 || data.length > 768) throw new CorruptImageError(`bad PNG: PLTE chunk of ${data.length} bytes`);
        if (!unfilter) info.palette = data;
      } else if (type === 'tRNS' && info?.colorType === 3 && !unfilter) info.transparency = data;
    },
    onImageData(piece) {
      unfilter ??= startImage();
      if (unfilter.done || failure !== undefined || inflater?.destroyed) return;
      pendingWrite = inflater!.write(piece) ? pendingWrite : true;
    },
  });

  try {
    for await (const chunk of source) {
      if (signal?.aborted) throw abortError(signal);
      parser.push(chunk);
      rethrow();
      if (writePending() && inflater && !inflater.destroyed) {
        // Back-pressure: let zlib catch up before reading more of the file.
        await drainedOrClosed(inflater);
      }
      pendingWrite = false;
      rethrow();
      if (parser.ended) break;
    }
    if (signal?.aborted) throw abortError(signal);
    if (parser.midChunk) throw new CorruptImageError(`truncated PNG: the file ends inside ${parser.reading} (file cut short?)`);
    if (!unfilter) throw new CorruptImageError(info ? 'bad PNG: no image data (IDAT chunk)' : 'truncated PNG: no complete IHDR chunk');
    if (inflater && !inflater.destroyed) inflater.end();
    await inflateEnded;
    rethrow();
    if (!unfilter.done) {
      throw new CorruptImageError(`truncated PNG: the image data ends at ${unfilter.position()}${parser.ended ? '' : ' (file cut short?)'}`);
    }
    return info!;
  } finally {
    inflater?.destroy();
  }
}

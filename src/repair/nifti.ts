/**
 * NIfTI-1/NIfTI-2 segmentations (both byte orders): the header patch (pure) and the two
 * stream stages of a repair, on the uncompressed file bytes:
 *
 * - {@link NiftiRewrite}: header + extensions (everything up to vox_offset) pass through
 *   with only the fields the storage change needs (datatype, bitpix, scl_slope,
 *   scl_inter); voxel samples are mapped; bytes after the voxel data pass through.
 *   It counts the original values on the way (to check against the scan the plan was
 *   made from, and to compute what the new file must hold).
 * - {@link NiftiCheck}: reads a written file independently (its own header parse and
 *   scaling) and counts its values, its header bytes and what follows the voxel data.
 */
import { createHash } from 'node:crypto';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { createCounter, type SampleCounter } from '../images/counter.js';
import { sampleLayout, SAMPLE_BYTES, type SampleType } from '../images/datatypes.js';
import { CorruptImageError, UnsupportedFormatError } from '../images/errors.js';
import { expectedPayloadBytes } from '../images/header.js';
import { niftiHeaderSize, niftiScaling, parseNiftiHeader } from '../images/nifti.js';
import type { ImageHeader, ValueCount } from '../images/types.js';
import { asRead, type ValueChange } from './model.js';
import { createSampleRewriter, type SampleRewriter } from './samples.js';
import { niftiCode, planStorage, sampleFunction, type HeaderChange, type Storage } from './storage.js';

/** Field offsets that a repair may change (nifti1.h / nifti2.h). */
const FIELDS = {
  1: { datatype: 70, bitpix: 72, slope: 112, inter: 116, float: 4 },
  2: { datatype: 12, bitpix: 14, slope: 176, inter: 184, float: 8 },
} as const;

/** The stored sample type of a NIfTI header, or why a repair cannot handle it. */
function niftiStorage(header: ImageHeader): Storage {
  const layout = sampleLayout(header.datatype);
  if (!layout || layout.components !== 1)
    throw new UnsupportedFormatError(`NIfTI data type ${header.datatype} is not supported for repair (a segmentation is one integer or float value per voxel)`);
  if (header.channels !== 1)
    throw new UnsupportedFormatError(`a NIfTI with ${header.channels} values per voxel (4D or vector image) is not supported for repair`);
  const s = niftiScaling(header);
  return { sample: layout.sample, scaling: s ? { slope: s.slope, inter: s.inter } : undefined };
}

/**
 * The header bytes (header + extensions, up to vox_offset) with the fields of a storage
 * change written in the file's byte order. Every other byte is copied unchanged.
 */
function patchNiftiHeader(head: Uint8Array, header: ImageHeader, to: Storage, resetScaling: boolean): Uint8Array {
  const out = head.slice();
  const dv = new DataView(out.buffer, out.byteOffset, out.length);
  const f = FIELDS[header.format === 'nifti2' ? 2 : 1];
  const le = header.littleEndian;
  const from = sampleLayout(header.datatype)?.sample;
  if (from !== to.sample) {
    dv.setInt16(f.datatype, niftiCode(to.sample), le);
    dv.setInt16(f.bitpix, SAMPLE_BYTES[to.sample] * 8, le);
  }
  if (resetScaling) {
    const set = (o: number, v: number) => (f.float === 4 ? dv.setFloat32(o, v, le) : dv.setFloat64(o, v, le));
    set(f.slope, 1);
    set(f.inter, 0);
  }
  return out;
}

/** What a rewrite found and produced. */
export interface NiftiRewriteResult {
  header: ImageHeader;
  /** Header bytes as written (up to vox_offset). */
  newHead: Uint8Array;
  from: Storage;
  to: Storage;
  changes: HeaderChange[];
  /** The values of the original, counted as the scanner counts them. */
  before: ValueCount[];
  /** What the new file must hold, counted the same way. */
  expectedAfter: ValueCount[];
  /** sha256 and length of the bytes after the voxel data (usually none). */
  trailerSha256: string;
  trailerBytes: number;
}

/** Buffers the header, then rewrites samples; see the module comment. */
export class NiftiRewrite extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private remaining = -1; // voxel bytes still to come; -1 while in the header
  private rewriter?: SampleRewriter;
  private counter?: SampleCounter;
  private readonly trailerHash = createHash('sha256');
  private trailerBytes = 0;
  private partial?: Omit<NiftiRewriteResult, 'before' | 'expectedAfter' | 'trailerSha256' | 'trailerBytes'>;

  /**
   * @param mapping - the value changes (values as nnU-Net reads them)
   * @param present - the values the file holds per the scan the plan came from (the
   *   storage is chosen for these; a value without a stored form stops the rewrite)
   */
  constructor(
    private readonly mapping: readonly ValueChange[],
    private readonly present: readonly number[],
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      if (this.remaining < 0) {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        const all = this.tryHeader();
        if (!all) return cb();
        chunk = all;
      }
      this.payload(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    if (this.remaining < 0) return cb(new CorruptImageError(`truncated: the file ends inside the NIfTI header (${this.headBytes} bytes)`));
    if (this.remaining > 0) return cb(new CorruptImageError(`truncated: ${this.remaining} voxel bytes missing (file cut short?)`));
    if (this.rewriter!.pending) return cb(new CorruptImageError('internal: a partial sample was left over'));
    cb();
  }

  /** The result, once the stream has ended. */
  result(): NiftiRewriteResult {
    if (!this.partial || !this.counter) throw new Error('NiftiRewrite: no result before the stream ends');
    const before = this.counter.result().values;
    return {
      ...this.partial,
      before,
      expectedAfter: expectedCounts(before, this.mapping, this.partial.from, this.partial.to),
      trailerSha256: this.trailerHash.digest('hex'),
      trailerBytes: this.trailerBytes,
    };
  }

  /** Once the whole header is in: set up, push the patched header, return the bytes after it. */
  private tryHeader(): Buffer | undefined {
    if (this.headBytes < 4) return undefined;
    let all = Buffer.concat(this.head);
    const size = niftiHeaderSize(all);
    if (all.length < size) return undefined;
    const header = parseNiftiHeader(all);
    const voxOffset = header.voxOffset!;
    if (all.length < voxOffset) return undefined;
    const from = niftiStorage(header);
    const plan = planStorage(from, this.present, this.mapping);
    if (!plan.ok) throw new UnsupportedFormatError(`cannot store the new values: ${plan.reason}`);
    const newHead = patchNiftiHeader(all.subarray(0, voxOffset), header, plan.storage, plan.resetScaling);
    this.partial = { header, newHead, from, to: plan.storage, changes: plan.changes };
    this.rewriter = createSampleRewriter(from.sample, plan.storage.sample, header.littleEndian, sampleFunction(from, plan.storage, this.mapping));
    this.counter = createCounter(from.sample, header.littleEndian, niftiScaling(header));
    this.remaining = expectedPayloadBytes(header, from.sample);
    this.head = [];
    this.push(Buffer.from(newHead.buffer, newHead.byteOffset, newHead.length));
    all = all.subarray(voxOffset);
    return all;
  }

  private payload(chunk: Buffer): void {
    if (this.remaining > 0 && chunk.length > 0) {
      const take = Math.min(this.remaining, chunk.length);
      const part = chunk.subarray(0, take);
      this.counter!.push(part); // before the rewrite, which works in place
      const out = this.rewriter!.push(part);
      if (out.length) this.push(Buffer.from(out.buffer, out.byteOffset, out.length));
      this.remaining -= take;
      chunk = chunk.subarray(take);
    }
    if (chunk.length > 0) {
      this.trailerHash.update(chunk);
      this.trailerBytes += chunk.length;
      this.push(chunk);
    }
  }
}

/**
 * The counts the new file must show, from the original's counts (scanner semantics):
 * a mapped value becomes its target; a kept value keeps its count under its old value
 * when the storage is the same, else under the value nnU-Net read.
 */
export function expectedCounts(before: readonly ValueCount[], mapping: readonly ValueChange[], from: Storage, to: Storage): ValueCount[] {
  const table = new Map(mapping.map((c) => [asRead(c.from), c.to] as const));
  const same = from.sample === to.sample && from.scaling?.slope === to.scaling?.slope && from.scaling?.inter === to.scaling?.inter;
  const merged = new Map<number, number>();
  for (const { value, count } of before) {
    const t = table.get(asRead(value));
    const v = t !== undefined ? t : same ? value : asRead(value);
    merged.set(v, (merged.get(v) ?? 0) + count);
  }
  return [...merged].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

/** What {@link NiftiCheck} read from a written file. */
export interface NiftiCheckResult {
  header: ImageHeader;
  head: Uint8Array;
  counts: ValueCount[];
  nanCount: number;
  trailerSha256: string;
  trailerBytes: number;
}

/** Reads a (written) NIfTI stream on its own terms: header parse, scaling, counts. */
export class NiftiCheck extends Writable {
  private head: Buffer[] = [];
  private headBytes = 0;
  private remaining = -1;
  private header?: ImageHeader;
  private headCopy?: Uint8Array;
  private counter?: SampleCounter;
  private readonly trailerHash = createHash('sha256');
  private trailerBytes = 0;

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    try {
      if (this.remaining < 0) {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        if (this.headBytes < 4) return cb();
        const all = Buffer.concat(this.head);
        const size = niftiHeaderSize(all);
        if (all.length < size) return cb();
        const header = parseNiftiHeader(all);
        if (all.length < header.voxOffset!) return cb();
        const sample: SampleType = niftiStorage(header).sample;
        this.header = header;
        this.headCopy = all.subarray(0, header.voxOffset);
        this.counter = createCounter(sample, header.littleEndian, niftiScaling(header));
        this.remaining = expectedPayloadBytes(header, sample);
        this.head = [];
        chunk = all.subarray(header.voxOffset);
      }
      const take = Math.min(this.remaining, chunk.length);
      if (take > 0) this.counter!.push(chunk.subarray(0, take));
      this.remaining -= take;
      if (chunk.length > take) {
        this.trailerHash.update(chunk.subarray(take));
        this.trailerBytes += chunk.length - take;
      }
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _final(cb: (e?: Error | null) => void): void {
    cb(this.remaining === 0 ? null : new CorruptImageError('the written file is shorter than its header says'));
  }

  /** The result, once the stream has finished. */
  result(): NiftiCheckResult {
    const r = this.counter!.result();
    return {
      header: this.header!,
      head: this.headCopy!,
      counts: r.values,
      nanCount: r.nanCount,
      trailerSha256: this.trailerHash.digest('hex'),
      trailerBytes: this.trailerBytes,
    };
  }
}

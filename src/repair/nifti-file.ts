/**
 * NIfTI files on disk: the streaming rewrite of a source into a temp file
 * (read -> sha256 -> gunzip -> map -> gzip -> temp) and the independent re-read of the
 * temp file. Never holds the volume in memory: about 1 MiB per stage in flight.
 */
import { createHash } from 'node:crypto';
import type { promises as fsp } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { isGzip } from '../images/source.js';
import type { ValueChange } from './model.js';
import { gzipMemberHeader, gzipStages, REPAIR_GZIP_LEVEL } from './gzip.js';
import { NiftiCheck, NiftiRewrite, type NiftiCheckResult, type NiftiRewriteResult } from './nifti.js';
import type { RepairHooks } from './commit.js';
import { hashTap, readFrom, syncTemp, tempWriter } from './streams.js';

const CHUNK = 1 << 20;

/** What {@link rewriteNiftiFile} returns. */
export interface NiftiFileRewrite extends NiftiRewriteResult {
  gzip: boolean;
  sourceSha256: string;
}

/**
 * Streams `source` into `temp` (both open handles, read from / written at offset 0),
 * mapping the values; the temp file is fsynced. A `.nii.gz` keeps its gzip member
 * header; its data is recompressed at {@link REPAIR_GZIP_LEVEL}.
 */
export async function rewriteNiftiFile(
  source: fsp.FileHandle,
  temp: { fh: fsp.FileHandle; path: string },
  mapping: readonly ValueChange[],
  present: readonly number[],
  opts: { hooks?: RepairHooks; signal?: AbortSignal; level?: number } = {},
): Promise<NiftiFileRewrite> {
  const first = Buffer.alloc(65536);
  const { bytesRead } = await source.read(first, 0, first.length, 0);
  const gzip = isGzip(first.subarray(0, bytesRead));
  const hash = createHash('sha256');
  const rewrite = new NiftiRewrite(mapping, present);
  await opts.hooks?.beforeWrite?.(temp.path);
  await pipeline(
    [
      readFrom(source),
      hashTap(hash),
      ...(gzip ? [zlib.createGunzip({ chunkSize: CHUNK })] : []),
      rewrite,
      ...(gzip ? gzipStages(gzipMemberHeader(first.subarray(0, bytesRead)), opts.level ?? REPAIR_GZIP_LEVEL) : []),
      tempWriter(temp.fh, temp.path, opts.hooks),
    ],
    { signal: opts.signal },
  );
  await syncTemp(temp.fh);
  return { ...rewrite.result(), gzip, sourceSha256: hash.digest('hex') };
}

/** Re-reads a written NIfTI file on its own terms; returns what it holds and its sha256. */
export async function checkNiftiFile(fh: fsp.FileHandle, gzip: boolean, signal?: AbortSignal): Promise<NiftiCheckResult & { sha256: string }> {
  const hash = createHash('sha256');
  const check = new NiftiCheck();
  await pipeline([readFrom(fh), hashTap(hash), ...(gzip ? [zlib.createGunzip({ chunkSize: CHUNK })] : []), check], { signal });
  return { ...check.result(), sha256: hash.digest('hex') };
}

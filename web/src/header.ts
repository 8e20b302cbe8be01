/**
 * Image headers of picked files, read with `Blob.slice` (never the whole volume) and
 * parsed by the project's own pure parsers in src/images/. The browser twin of
 * `readImageHeader` (src/images/header.ts), whose file reads go through node:fs.
 * Only the endings the folder checks read headers of reach here (`canReadHeader` in
 * src/folder/channels.ts: .nii.gz, .nii, .nrrd, .mha, .png).
 */
import { latin1 } from '../../src/images/bytes.js';
import { CorruptImageError, UnsupportedFormatError } from '../../src/images/errors.js';
import { metaHeaderEnd, parseMetaHeader } from '../../src/images/meta.js';
import { NIFTI_HEADER_BYTES, niftiHeaderSize, parseNiftiHeader } from '../../src/images/nifti.js';
import { nrrdHeaderEnd, parseNrrdHeader } from '../../src/images/nrrd.js';
import { PNG_HEADER_BYTES, parsePngHeader } from '../../src/images/png.js';
import type { ImageHeader } from '../../src/images/types.js';

/** First read of a file (as src/images/source.ts): one small slice is usually the whole header. */
const FIRST_READ = 4096;
/** Largest text header (NRRD / MetaImage), as src/images/source.ts. */
const MAX_TEXT_HEADER = 1 << 20;
/** Largest gzip prefix fed to the decompressor, as src/images/source.ts. */
const MAX_GZIP_PREFIX = 1 << 24;

async function readSlice(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/**
 * The first `need` bytes of a gzip file's content. The prefix is streamed through the
 * browser's DecompressionStream and the stream is cancelled as soon as `need` bytes came
 * out, so only the first compressed chunks are read from disk (streams pull on demand).
 */
async function gunzipPrefix(blob: Blob, need: number): Promise<Uint8Array> {
  const reader = blob.slice(0, MAX_GZIP_PREFIX).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  try {
    while (got < need) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
    }
  } catch (e) {
    // A file cut short: what came out before the error is parsed (and reported as truncated).
    if (!got) throw new CorruptImageError(`corrupt gzip data: ${(e as Error).message}`);
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(got);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function niftiHeader(blob: Blob): Promise<ImageHeader> {
  const head = await readSlice(blob, 0, FIRST_READ);
  const bytes = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b ? await gunzipPrefix(blob, NIFTI_HEADER_BYTES) : head;
  if (bytes.length < 4) throw new CorruptImageError(`truncated NIfTI header: ${bytes.length} bytes`);
  const need = niftiHeaderSize(bytes);
  if (bytes.length < need) throw new CorruptImageError(`truncated NIfTI header: ${bytes.length} of ${need} bytes`);
  return parseNiftiHeader(bytes);
}

/** A text header up to the end `findEnd` finds, read in growing slices (as readTextHeader). */
async function textHeader(blob: Blob, findEnd: (b: Uint8Array) => number | undefined, what: string): Promise<{ text: string; end: number; atEof: boolean }> {
  for (let size = FIRST_READ; ; size *= 16) {
    const raw = await readSlice(blob, 0, size);
    const end = findEnd(raw);
    if (end !== undefined) return { text: latin1(raw.subarray(0, end)), end, atEof: false };
    if (raw.length < size) return { text: latin1(raw), end: raw.length, atEof: true };
    if (size >= MAX_TEXT_HEADER) throw new CorruptImageError(`${what} header not terminated within ${MAX_TEXT_HEADER} bytes`);
  }
}

async function nrrdHeader(blob: Blob): Promise<ImageHeader> {
  const { text, end, atEof } = await textHeader(blob, nrrdHeaderEnd, 'NRRD');
  const layout = parseNrrdHeader(text);
  const detached = layout.dataFile !== undefined;
  if (!detached && atEof) throw new CorruptImageError('NRRD file has no data: the header has no blank line after it');
  return detached ? layout.header : { ...layout.header, voxOffset: end };
}

async function metaHeader(blob: Blob): Promise<ImageHeader> {
  const { text, end } = await textHeader(blob, metaHeaderEnd, 'MetaImage');
  const layout = parseMetaHeader(text);
  return layout.dataFile.toUpperCase() === 'LOCAL' ? { ...layout.header, voxOffset: end } : layout.header;
}

/**
 * The header of an image file from its first bytes only: NIfTI-1/2 (`.nii`, `.nii.gz`),
 * NRRD (`.nrrd`), MetaImage (`.mha`) and PNG.
 * @throws UnsupportedFormatError for other endings, CorruptImageError for a bad header.
 */
export async function readBlobHeader(name: string, blob: Blob): Promise<ImageHeader> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.nii.gz') || lower.endsWith('.nii')) return niftiHeader(blob);
  if (lower.endsWith('.nrrd')) return nrrdHeader(blob);
  if (lower.endsWith('.mha')) return metaHeader(blob);
  if (lower.endsWith('.png')) return parsePngHeader(await readSlice(blob, 0, PNG_HEADER_BYTES));
  throw new UnsupportedFormatError(`cannot read the header of ${JSON.stringify(name)} in the browser (supported: .nii.gz, .nii, .nrrd, .mha, .png)`);
}

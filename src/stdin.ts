/**
 * `nnunet-doctor -`: one dataset.json read from standard input, as prettier and ruff do.
 * `--stdin-filename PATH` names it in messages, and the folder of that path (when it
 * exists) is checked as the file's dataset folder. Nothing is ever written to disk: with
 * `--fix` the caller prints the fixed text (`output`) on stdout. The result has the shape
 * of a file found on disk, so every report format works unchanged.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { displayPath } from './discover.js';
import { formatMB } from './read.js';
import { checkSource, runStateFor, type FileResult, type ScanOptions } from './run.js';

/** The name stdin goes by in messages when no `--stdin-filename` is given. */
export const STDIN_NAME = '-';

export type StdinRead = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/**
 * Read a stream to its end, or stop as soon as it holds more than `maxSize` bytes (so
 * `< /dev/zero` or an endless pipe cannot grow memory without bound).
 */
export async function readBounded(stream: NodeJS.ReadableStream, maxSize: number): Promise<StdinRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buf.length;
      if (total > maxSize) {
        (stream as NodeJS.ReadableStream & { destroy?(): void }).destroy?.();
        return {
          ok: false,
          reason: `standard input is over the ${formatMB(maxSize)} limit for a dataset.json; not read (raise the limit with --max-size if it really is one)`,
        };
      }
      chunks.push(buf);
    }
  } catch (e) {
    return { ok: false, reason: `cannot read standard input: ${(e as Error).message}` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** Is `dir` an existing folder (following symlinks)? */
async function isFolder(dir: string): Promise<boolean> {
  return fsp.stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Check (and with `fix`, repair in memory) the bytes read from stdin, through the same
 * pipeline step as a file on disk (src/run.ts checkSource). `--stdin-filename` names it, and
 * its folder is checked when it exists; nothing is written to disk (not the preprocessed
 * copy either): with `fix`, `output` is the text to print, and `written` says it was emitted.
 */
export async function checkStdin(bytes: Uint8Array, options: ScanOptions & { stdinFilename?: string } = {}): Promise<FileResult> {
  const cwd = options.cwd ?? process.cwd();
  const named = options.stdinFilename;
  const absPath = named === undefined ? STDIN_NAME : path.resolve(cwd, named);
  const shown = named === undefined ? STDIN_NAME : displayPath(absPath, cwd);
  const dir = named === undefined ? undefined : path.dirname(absPath);
  const datasetDir = dir !== undefined && (await isFolder(dir)) ? dir : undefined;
  const { result, r } = await checkSource(
    { path: shown, absPath, realPath: named === undefined ? path.join(cwd, STDIN_NAME) : absPath, bytes, datasetDir, copyStep: false },
    { ...options, keepOutput: true },
    runStateFor(options),
  );
  if (options.fix && r.changed && !r.error) {
    result.written = true;
    result.diagnostics = result.diagnostics.map((d) => ({ ...d, fix: { ...d.fix, applied: d.fix.available } }));
  }
  return result;
}

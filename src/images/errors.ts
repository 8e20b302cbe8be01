/**
 * Errors thrown by the image readers. Callers map them to report kinds:
 * {@link UnsupportedFormatError} and {@link OutsideDatasetError} -> not checked (our
 * readers cannot or will not read it; nnU-Net may), {@link CorruptImageError} -> a broken
 * file. {@link NotRegularFileError} and anything else (ENOENT, EACCES, ...) are I/O problems.
 */

/** The file type, encoding or data type is one this library does not read. */
export class UnsupportedFormatError extends Error {
  override readonly name = 'UnsupportedFormatError';
}

/** The file is damaged: bad header, truncated payload, corrupt compressed data. */
export class CorruptImageError extends Error {
  override readonly name = 'CorruptImageError';
}

/** The path is a FIFO, device, socket or directory: never opened (a FIFO would block). */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
}

/** A header names a data file outside the dataset folder: not read. */
export class OutsideDatasetError extends Error {
  override readonly name = 'OutsideDatasetError';
}

/** The `Error` an aborted {@link AbortSignal} produces (`name === 'AbortError'`). */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (isAbortError(reason)) return reason as Error;
  const err = new Error('The operation was aborted', { cause: reason });
  err.name = 'AbortError';
  return err;
}

/** True for the error an aborted signal or stream rejects with. */
export function isAbortError(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException | null | undefined;
  return typeof e === 'object' && e !== null && (e.name === 'AbortError' || e.code === 'ABORT_ERR');
}

/** How a failed scan is reported: not checked (unsupported), broken file, or unreadable. */
type ScanErrorKind = 'unsupported' | 'corrupt' | 'io';

/** A failed scan as plain data (safe to send between threads). */
export interface ScanError {
  kind: ScanErrorKind;
  message: string;
}

/** Classifies an error thrown by a scan into a {@link ScanError} with a one-line message. */
export function classifyError(err: unknown): ScanError {
  // By name as well as class, in case two copies of this module are loaded (src/ and dist/).
  const name = (err as Error | null)?.name;
  if (err instanceof UnsupportedFormatError || name === 'UnsupportedFormatError' || name === 'OutsideDatasetError') {
    return { kind: 'unsupported', message: (err as Error).message };
  }
  if (err instanceof CorruptImageError || name === 'CorruptImageError') return { kind: 'corrupt', message: (err as Error).message };
  // Duck-typed, not `instanceof Error`: errors may come from another realm (vm, worker).
  if (typeof err === 'object' && err !== null && typeof (err as Error).message === 'string') {
    const { code, message } = err as NodeJS.ErrnoException;
    return { kind: 'io', message: oneLine(code && !message.startsWith(code) ? `${code}: ${message}` : message) };
  }
  return { kind: 'io', message: oneLine(String(err)) };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

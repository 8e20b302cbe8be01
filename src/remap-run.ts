/**
 * Running `nnunet-doctor remap` (loaded only when the command is used: the repair code is
 * not part of a plain check's start-up). The yargs definition is in src/remap-command.ts.
 */
import pc from 'picocolors';
import { colorEnabled } from './color.js';
import type { RemapArgs } from './remap-command.js';
import { parseMaps, remap } from './remap.js';
import { MAX_JOBS, UsageError, wholeNumber } from './usage.js';
import { formatRemapJson, formatRemapText, remapExitCode } from './remap-report.js';
import { testEvent } from './test-events.js';

export { UsageError };

/** Writes to stdout and resolves once flushed (a pipe must get the whole report). */
function out(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** Runs `remap` for parsed arguments; returns the exit code. */
export async function runRemap(a: RemapArgs, afterDashes: string[]): Promise<number> {
  const paths = [...(a.paths ?? []), ...afterDashes];
  if (!paths.length)
    throw new UsageError('remap needs the dataset folder(s) or label files to change, e.g. nnunet-doctor remap --map 4:3 nnUNet_raw/Dataset001_BraTS');
  if (paths.includes('')) throw new UsageError('an empty path was given (an unset shell variable?)');
  if (a.map === undefined) throw new UsageError('remap needs --map FROM:TO (e.g. --map 4:3)');
  const map = parseMaps(Array.isArray(a.map) ? a.map : [a.map]);
  const format = a.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const jobs = a.jobs === undefined ? undefined : wholeNumber(a.jobs, '--jobs', 1, MAX_JOBS, 'the files processed at once');
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  testEvent('remap-start');
  try {
    const result = await remap({ paths, map, fix: !!a.fix, backup: !!a.backup, allowMerge: !!a.allowMerge, jobs, signal: abort.signal });
    // isTTY is undefined, not false, when stdout is not a terminal (the typings say boolean)
    const useColor = colorEnabled(a.color, process.env, (process.stdout as { isTTY?: boolean }).isTTY === true) && format === 'text';
    await out(format === 'json' ? formatRemapJson(result) : formatRemapText(result, { verbose: !!a.verbose, colors: pc.createColors(useColor) }));
    if (result.interrupted) process.stderr.write('nnunet-doctor: interrupted; nothing more was written\n');
    return result.interrupted ? 130 : remapExitCode(result);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

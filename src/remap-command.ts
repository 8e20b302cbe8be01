/**
 * The `remap` command line: argv -> remap() -> report -> exit code. Registered in
 * src/cli.ts with one line; everything it decides lives in src/remap.ts.
 */
import pc from 'picocolors';
import type { Argv, CommandModule } from 'yargs';
import { colorEnabled } from './color.js';
import { parseMaps, remap, RemapUsageError } from './remap.js';
import { formatRemapJson, formatRemapText, remapExitCode } from './remap-report.js';
import { testEvent } from './test-events.js';

/** Writes to stdout and resolves once flushed (a pipe must get the whole report). */
function out(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

const flag = { type: 'boolean', nargs: 0 } as const;

/** Parsed options of `remap`. */
interface RemapArgs {
  paths?: string[];
  map?: string | string[];
  fix?: boolean;
  backup?: boolean;
  allowMerge?: boolean;
  format?: string;
  jobs?: string;
  verbose?: boolean;
  color?: boolean;
}

/** Runs `remap` for parsed arguments; returns the exit code. */
async function runRemap(a: RemapArgs, afterDashes: string[]): Promise<number> {
  const paths = [...(a.paths ?? []).map(String), ...afterDashes];
  if (!paths.length) throw new RemapUsageError('remap needs the dataset folder(s) or label files to change, e.g. nnunet-doctor remap --map 4:3 nnUNet_raw/Dataset001_BraTS');
  if (paths.includes('')) throw new RemapUsageError('an empty path was given (an unset shell variable?)');
  if (a.map === undefined) throw new RemapUsageError('remap needs --map FROM:TO (e.g. --map 4:3)');
  const map = parseMaps(Array.isArray(a.map) ? a.map.map(String) : [String(a.map)]);
  const format = a.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new RemapUsageError(`--format must be text or json, not "${format}"`);
  let jobs: number | undefined;
  if (a.jobs !== undefined) {
    jobs = Number(a.jobs);
    if (!/^\d+$/.test(String(a.jobs)) || jobs < 1 || jobs > 1024) throw new RemapUsageError(`--jobs takes a whole number from 1 to 1024, not "${a.jobs}"`);
  }
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  testEvent('remap-start');
  try {
    const result = await remap({ paths, map, fix: !!a.fix, backup: !!a.backup, allowMerge: !!a.allowMerge, jobs, signal: abort.signal });
    const useColor = colorEnabled(a.color, process.env, !!process.stdout.isTTY) && format === 'text';
    await out(format === 'json' ? formatRemapJson(result) : formatRemapText(result, { verbose: !!a.verbose, colors: pc.createColors(useColor) }));
    if (result.interrupted) process.stderr.write('nnunet-doctor: interrupted; nothing more was written\n');
    return result.interrupted ? 130 : remapExitCode(result);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/**
 * The yargs definition of `remap`. `afterDashes`: the words after `--` (paths, verbatim);
 * `setExit` receives the exit code.
 */
export function remapCommand(afterDashes: string[], setExit: (code: number) => void): CommandModule<object, RemapArgs> {
  return {
    command: 'remap [paths..]',
    describe: 'change label values in the segmentation files of a dataset (e.g. --map 4:3 for BraTS); dry run unless --fix',
    builder: (y: Argv<object>) =>
      y
        .positional('paths', { type: 'string', array: true, describe: 'dataset folders (their labelsTr) or label files' })
        .option('map', { type: 'string', requiresArg: true, describe: 'FROM:TO, repeated or comma-separated (--map 4:3; a negative FROM: --map=-1:1)' })
        .option('fix', { ...flag, describe: 'write the changed files (atomically, verified first); default: dry run' })
        .option('backup', { ...flag, describe: 'keep <file>.bak (then .bak.1, ...) next to each changed file' })
        .option('allow-merge', { ...flag, describe: 'allow a mapping that merges two declared classes (the merged one leaves labels)' })
        .option('format', { type: 'string', requiresArg: true, describe: 'text or json [default: text]' })
        .option('jobs', { alias: 'j', type: 'string', requiresArg: true, describe: 'files processed at once (default: all cores)' })
        .option('verbose', { ...flag, alias: 'v', describe: 'list unchanged files and every value of the dataset total' })
        .option('color', { ...flag, describe: 'force colours on or off' })
        .example('$0 remap --map 4:3 nnUNet_raw/Dataset001_BraTS', 'show what BraTS label 4 -> 3 would change (dry run)')
        .example('$0 remap --map 4:3 --fix nnUNet_raw/Dataset001_BraTS', 'write it (dataset.json too, when labels must follow)')
        .example('$0 remap --map 255:1 Dataset002/labelsTr/case_007.png', 'chosen files only (labels must not change then)') as unknown as Argv<RemapArgs>,
    handler: async (a) => {
      try {
        setExit(await runRemap(a, afterDashes));
      } catch (e) {
        if (!(e instanceof RemapUsageError)) throw e;
        process.stderr.write(`nnunet-doctor: ${e.message}\nRun \`nnunet-doctor remap --help\` for usage.\n`);
        setExit(2);
      }
    },
  };
}

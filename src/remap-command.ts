/**
 * The `remap` command line: argv -> remap() -> report -> exit code. Registered in
 * src/cli.ts with one line; everything it decides lives in src/remap.ts.
 */
import type { Argv, CommandModule } from 'yargs';

const flag = { type: 'boolean', nargs: 0 } as const;

/** Parsed options of `remap`. */
export interface RemapArgs {
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
        .example('$0 remap --map 255:1 Dataset002/labelsTr/case_007.png', 'chosen files only (labels must not change then)'),
    handler: async (a) => {
      const { runRemap, UsageError } = await import('./remap-run.js');
      try {
        setExit(await runRemap(a, afterDashes));
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`nnunet-doctor: ${e.message}\nRun \`nnunet-doctor remap --help\` for usage.\n`);
        setExit(2);
      }
    },
  };
}

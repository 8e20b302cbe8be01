#!/usr/bin/env node
/**
 * The command line: argv -> options -> scan() -> report -> exit code. Nothing else:
 * every decision lives in the library.
 */
import pc from 'picocolors';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import {
  colorEnabled,
  ConfigError,
  exitCode,
  explainRule,
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  loadConfig,
  ruleByCode,
  rules,
  rulesTable,
  scan,
  summarize,
  version,
  type Config,
  type ScanOptions,
} from './index.js';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const DEFAULT_MAX_DEPTH = 4;

class UsageError extends Error {}

/** Write to stdout and resolve once flushed (pipes are asynchronous: never cut output short). */
function out(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!text) return resolve();
    process.stdout.write(text, () => resolve());
  });
}

function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

/** `--select NNU1,NNU2 --select NNU301` -> ['NNU1', 'NNU2', 'NNU301'], validated. */
function codeList(values: unknown, flag: string): string[] | undefined {
  if (values === undefined) return undefined;
  const list = (Array.isArray(values) ? values : [values]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  for (const p of list) {
    const up = p.toUpperCase();
    if (up !== 'ALL' && !rules.some((r) => r.meta.code.startsWith(up))) throw new UsageError(`${flag}: "${p}" matches no rule code (see \`nnunet-doctor rules\`)`);
  }
  return list;
}

/** The config file to use: none with --no-config, the named one with --config PATH, else the nearest. */
async function configFor(argv: Record<string, unknown>): Promise<Config> {
  if (argv.config === false) return {};
  const file = typeof argv.config === 'string' ? argv.config : undefined;
  if (file === '') throw new UsageError('--config needs a file name (or use --no-config)');
  try {
    return (await loadConfig({ file }))?.config ?? {};
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`config: ${e.message}`);
    throw e;
  }
}

async function runCheck(argv: Record<string, unknown>): Promise<number> {
  const config = await configFor(argv);
  const envRoot = process.env.nnUNet_raw;
  const paths = (argv.paths as string[] | undefined)?.length ? (argv.paths as string[]).map(String) : [envRoot && envRoot.trim() ? envRoot : '.'];
  const format = String(argv.format ?? 'text') as (typeof FORMATS)[number];
  const diffOnly = !!argv.diff;
  const fix = !!argv.fix && !diffOnly;
  // command-line flags win over the config file
  const unsafeFixes = (argv.unsafeFixes as boolean | undefined) ?? config.unsafeFixes ?? false;
  const useColor = colorEnabled(argv.color as boolean | undefined, process.env, !!process.stdout.isTTY) && format === 'text' && !diffOnly;
  const colors = pc.createColors(useColor);

  const options: ScanOptions = {
    paths,
    fix,
    unsafeFixes,
    select: codeList(argv.select, '--select') ?? config.select,
    ignore: codeList(argv.ignore, '--ignore') ?? config.ignore,
    maxDepth: (argv.maxDepth as number | undefined) ?? config.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxSize: Math.round(Number(argv.maxSize) * 1024 * 1024),
    backup: !!argv.backup,
    followOutside: !!argv.followOutside,
    folderChecks: argv.folderChecks !== false,
    labels: (argv.labels as boolean | undefined) ?? config.labels ?? false,
    jobs: argv.jobs as number | undefined,
    diffs: diffOnly || format === 'text',
  };
  // --labels: progress on stderr (terminal only, never with json), Ctrl-C stops cleanly
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  options.signal = abort.signal;
  const started = Date.now();
  if (process.stderr.isTTY && format === 'text' && !diffOnly) {
    options.onLabelProgress = (done, total, bytes) => {
      const mbs = bytes / 1048576 / Math.max(0.001, (Date.now() - started) / 1000);
      process.stderr.write(`\r\x1b[Kreading segmentations: ${done}/${total} files, ${mbs.toFixed(0)} MB/s${done === total ? '\n' : ''}`);
    };
  }
  const result = await scan(options);
  process.removeListener('SIGINT', onSigint);
  if (result.interrupted) {
    err('nnunet-doctor: interrupted; nothing more was written');
    return 130;
  }
  const summary = summarize(result, unsafeFixes);
  const code = exitCode(result, summary, !!argv.exitZero);

  if (diffOnly) {
    await out(result.files.map((f) => f.diff).join(''));
    for (const m of result.missing) err(`nnunet-doctor: ${m}: no such file or folder`);
    for (const f of result.files) if (f.error) err(`nnunet-doctor: ${f.path}: ${f.error.message}`);
  } else if (format === 'json') {
    await out(formatJson(result, summary));
  } else if (format === 'sarif') {
    await out(formatSarif(result, summary, { exitCode: code }));
  } else if (format === 'github') {
    await out(formatGithub(result, { quiet: !!argv.quiet }));
  } else {
    await out(formatText(result, summary, { colors, colorEnabled: useColor, unsafeFixes, quiet: !!argv.quiet, showDiff: !argv.quiet, verbose: !!argv.verbose }));
  }
  return code;
}

export async function main(argv: string[]): Promise<number> {
  let exit = 0;
  const parser = yargs(argv)
    .scriptName('nnunet-doctor')
    .usage('$0 [paths..] [options]\n\nFind and repair broken nnU-Net dataset.json files. Dry run by default: nothing is written without --fix.')
    .command(
      ['check [paths..]', '$0 [paths..]'],
      'check dataset.json files (a file, a dataset folder, or a root such as nnUNet_raw; default: $nnUNet_raw, else the current folder)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'files or folders' })
          .option('fix', { type: 'boolean', describe: 'write the safe fixes (atomically, verified first)' })
          .option('unsafe-fixes', { type: 'boolean', describe: 'also apply (with --fix) or show the unsafe fixes' })
          .option('diff', { type: 'boolean', describe: 'print only the unified diffs of what --fix would write (for `| git apply`)' })
          .option('format', { choices: FORMATS, default: 'text' as const, describe: 'output format: text for people, json, sarif (code scanning), github (pull-request annotations)' })
          .option('select', { type: 'string', requiresArg: true, describe: 'rule codes or prefixes to run, comma-separated or repeated (NNU1, NNU102, ALL)' })
          .option('ignore', { type: 'string', requiresArg: true, describe: 'rule codes or prefixes to skip, comma-separated or repeated' })
          .option('exit-zero', { type: 'boolean', describe: 'exit 0 even when problems remain' })
          .option('max-depth', { type: 'number', describe: `how many folder levels below each path to search [default: ${DEFAULT_MAX_DEPTH}]` })
          .option('max-size', { type: 'number', default: 16, describe: 'refuse dataset.json files larger than this many MB' })
          .option('backup', { type: 'boolean', describe: 'keep dataset.json.bak (then .bak.1, ...) next to each changed file' })
          .option('follow-outside', { type: 'boolean', describe: 'allow --fix to write a symlinked dataset.json whose target is outside the given paths' })
          .option('folder-checks', { type: 'boolean', default: true, describe: 'check the dataset folder next to dataset.json (imagesTr/labelsTr); --no-folder-checks for JSON only' })
          .option('labels', { type: 'boolean', describe: 'read every segmentation in labelsTr and check its values against labels (slow: reads all files)' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads for --labels (default: all cores)' })
          .option('verbose', { alias: 'v', type: 'boolean', describe: 'more detail (e.g. the label value table of --labels)' })
          .option('color', { type: 'boolean', describe: 'force colours on or off (default: on for a terminal, off with NO_COLOR)' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'show errors and the summary only (no warnings, no diffs)' })
          .option('config', { type: 'string', describe: 'read settings from this file instead of the nearest .nnunet-doctor.json; --no-config: use none' }),
      async (a) => {
        exit = await runCheck(a as unknown as Record<string, unknown>);
      },
    )
    .command(
      'explain <code>',
      'show the documentation of a rule',
      (y) => y.positional('code', { type: 'string', demandOption: true }),
      async (a) => {
        const r = ruleByCode(String(a.code));
        if (!r) throw new UsageError(`unknown rule code "${a.code}" (see \`nnunet-doctor rules\`)`);
        await out(explainRule(r));
      },
    )
    .command('rules', 'list every rule: code, name, severity, fix kind', {}, async () => {
      await out(rulesTable());
    })
    .example('$0 nnUNet_raw', 'check every dataset.json below nnUNet_raw (dry run, shows diffs)')
    .example('$0 Dataset004_Hippocampus/dataset.json --fix', 'fix one file in place')
    .example('$0 --fix --unsafe-fixes nnUNet_raw', 'also apply the unsafe fixes')
    .example('$0 --diff nnUNet_raw | git apply', 'review, then apply as a patch')
    .example('$0 --format json nnUNet_raw > report.json', 'machine-readable report')
    .example('$0 --format github nnUNet_raw', 'annotate a pull request from GitHub Actions')
    .example('$0 --format sarif nnUNet_raw > nnunet-doctor.sarif', 'for GitHub code scanning (upload-sarif)')
    .example('$0 explain NNU102', 'what a rule checks and how it fixes')
    .example('$0 completion >> ~/.bashrc', 'tab completion for bash (zsh: >> ~/.zshrc)')
    .completion('completion', 'print a bash/zsh completion script (add it to ~/.bashrc or ~/.zshrc)')
    .epilog('Settings may also come from a .nnunet-doctor.json in this folder or one above (select, ignore, unsafe-fixes, labels, max-depth); flags win.\nExit codes: 0 nothing left to fix, 1 problems remain, 2 usage, config or internal error.')
    .strict()
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, e) => {
      throw e ?? new UsageError(msg);
    });
  // yargs prints the script for `completion` but, without exitProcess, would then run the
  // default command on the word "completion": answer it here (`check completion` checks a
  // folder of that name).
  if (argv[0] === 'completion' && argv.length === 1) {
    parser.showCompletionScript();
    return 0;
  }
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError || (e as Error)?.name === 'YError') {
      err(`nnunet-doctor: ${(e as Error).message}\nRun \`nnunet-doctor --help\` for usage.`);
      return 2;
    }
    err(`nnunet-doctor: internal error: ${(e as Error)?.message ?? String(e)}`);
    return 2;
  }
  return exit;
}

// `nnunet-doctor ... | head`: a reader that closed the pipe early is not an error (the
// run finishes and exits with its own code).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    err(`nnunet-doctor: internal error: ${(e as Error)?.message ?? String(e)}`);
    process.exitCode = 2;
  },
);

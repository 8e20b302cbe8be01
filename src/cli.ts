#!/usr/bin/env node
/**
 * The command line: argv -> options -> scan() -> report -> exit code. Nothing else:
 * every decision lives in the library.
 */
import pc from 'picocolors';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ruleByCode, rules } from '../transforms/index.js';
import { explainRule, rulesTable } from './explain.js';
import { formatJson } from './report/json.js';
import { formatText } from './report/text.js';
import { scan, type ScanOptions } from './run.js';
import { exitCode, summarize } from './summary.js';
import { VERSION } from './version.js';
import { colorEnabled } from './color.js';

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

async function runCheck(argv: Record<string, unknown>): Promise<number> {
  const envRoot = process.env.nnUNet_raw;
  const paths = (argv.paths as string[] | undefined)?.length ? (argv.paths as string[]).map(String) : [envRoot && envRoot.trim() ? envRoot : '.'];
  const format = String(argv.format ?? 'text');
  const diffOnly = !!argv.diff;
  const fix = !!argv.fix && !diffOnly;
  const unsafeFixes = !!argv.unsafeFixes;
  const useColor = colorEnabled(argv.color as boolean | undefined, process.env, !!process.stdout.isTTY) && format === 'text' && !diffOnly;
  const colors = pc.createColors(useColor);

  const options: ScanOptions = {
    paths,
    fix,
    unsafeFixes,
    select: codeList(argv.select, '--select'),
    ignore: codeList(argv.ignore, '--ignore'),
    maxDepth: argv.maxDepth as number,
    maxSize: Math.round(Number(argv.maxSize) * 1024 * 1024),
    backup: !!argv.backup,
    followOutside: !!argv.followOutside,
    folderChecks: argv.folderChecks !== false,
    labels: !!argv.labels,
    jobs: argv.jobs as number | undefined,
  };
  const result = await scan(options);
  const summary = summarize(result, unsafeFixes);
  const code = exitCode(result, summary, !!argv.exitZero);

  if (diffOnly) {
    await out(result.files.map((f) => f.diff).join(''));
    for (const m of result.missing) err(`nnunet-doctor: ${m}: no such file or folder`);
    for (const f of result.files) if (f.error) err(`nnunet-doctor: ${f.path}: ${f.error.message}`);
  } else if (format === 'json') {
    await out(formatJson(result, summary));
  } else {
    await out(formatText(result, summary, { colors, colorEnabled: useColor, unsafeFixes, quiet: !!argv.quiet, verbose: !!argv.verbose }));
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
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
          .option('select', { type: 'string', array: true, describe: 'rule codes or prefixes to run (NNU1, NNU102, ALL)' })
          .option('ignore', { type: 'string', array: true, describe: 'rule codes or prefixes to skip' })
          .option('exit-zero', { type: 'boolean', describe: 'exit 0 even when problems remain' })
          .option('max-depth', { type: 'number', default: 4, describe: 'how many folder levels below each path to search' })
          .option('max-size', { type: 'number', default: 16, describe: 'refuse dataset.json files larger than this many MB' })
          .option('backup', { type: 'boolean', describe: 'keep dataset.json.bak (then .bak.1, ...) next to each changed file' })
          .option('follow-outside', { type: 'boolean', describe: 'allow --fix to write a symlinked dataset.json whose target is outside the given paths' })
          .option('folder-checks', { type: 'boolean', default: true, describe: 'check the dataset folder next to dataset.json (imagesTr/labelsTr); --no-folder-checks for JSON only' })
          .option('labels', { type: 'boolean', describe: 'read every segmentation in labelsTr and check its values against labels (slow: reads all files)' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads for --labels (default: all cores)' })
          .option('verbose', { alias: 'v', type: 'boolean', describe: 'more detail (e.g. the label value table of --labels)' })
          .option('color', { type: 'boolean', describe: 'force colours on or off (default: on for a terminal, off with NO_COLOR)' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'show errors only (and the summary)' }),
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
    .example('$0 explain NNU102', 'what a rule checks and how it fixes')
    .epilog('Exit codes: 0 nothing left to fix, 1 problems remain, 2 usage or internal error.')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, e) => {
      throw e ?? new UsageError(msg);
    });
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

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    err(`nnunet-doctor: internal error: ${(e as Error)?.message ?? String(e)}`);
    process.exitCode = 2;
  },
);

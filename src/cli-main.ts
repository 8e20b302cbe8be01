/**
 * The command line: argv -> options -> scanEach() -> streamed report -> exit code. Nothing
 * else: every decision lives in the library. Loaded by src/cli.ts (which answers --version
 * without loading anything).
 *
 * Paths, the way ruff and prettier take them: everything after the first `--` is a path,
 * verbatim (even `-x`, `1e3` or `rules`); before it, words that are not options or
 * commands. `-` is standard input (src/stdin.ts). A named path is never replaced by the
 * default ($nnUNet_raw, else the current folder): only what was named is touched.
 * Values are checked here, before anything is read: a bad one is one line and exit 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import pc from 'picocolors';
import yargs from 'yargs';
import { colorEnabled } from './color.js';
import { completions } from './completion.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { explainRule, rulesTable } from './explain.js';
import { serveFileBatches } from './file-batches.js';
import { remapCommand } from './remap-command.js';
import { githubReporter } from './report/github.js';
import { jsonReporter } from './report/json.js';
import type { Reporter } from './report/reporter.js';
import { sarifReporter } from './report/sarif.js';
import { textReporter } from './report/text.js';
import { scanEach, type FileResult, type ScanOptions } from './run.js';
import { DEFAULT_MAX_DEPTH } from './search-scope.js';
import { describeFsError } from './read.js';
import { checkStdin, readBounded, STDIN_NAME } from './stdin.js';
import { addRunFacts, addToSummary, emptySummary, exitCode, type ExitOptions } from './summary.js';
import { testEvent } from './test-events.js';
import { MAX_JOBS, UsageError, wholeNumber } from './usage.js';
import { VERSION as version } from './version.js';
import { ruleByCode, rules } from '../transforms/index.js';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_MAX_SIZE_MB = 16;
/** A dataset.json is decoded into one JavaScript string, and V8 caps strings near 512 MiB. */
const MAX_SIZE_LIMIT_MB = 500;
/** Words that name a command when they come first (a folder of that name: `check NAME` or `-- NAME`). */
const COMMAND_WORDS = ['check', 'explain', 'rules', 'remap', 'completion'];

/** The fish completion script: the words from `nnunet-doctor --get-yargs-completions`, and file names. */
const FISH_COMPLETION = `# nnunet-doctor completions for fish: nnunet-doctor completion fish > ~/.config/fish/completions/nnunet-doctor.fish
complete -c nnunet-doctor -a '(nnunet-doctor --get-yargs-completions (commandline -opc)[2..-1] (commandline -ct))'
`;

/**
 * yargs drops a lone `-` from the command line: it is handed over as this stand-in and
 * turned back into `-` after parsing. A NUL cannot occur in a real argument.
 */
const DASH = '\0-';

/** yargs middleware (every command): each `DASH` among the parsed values back to `-`. */
function undash(argv: Record<string, unknown>): void {
  const back = (v: unknown): unknown => (v === DASH ? '-' : Array.isArray(v) ? v.map(back) : v);
  for (const [k, v] of Object.entries(argv)) argv[k] = back(v);
}

/** Write to stdout and resolve once flushed (pipes are asynchronous: never cut output short). */
function out(text: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (!text.length) return resolve();
    process.stdout.write(text, () => resolve());
  });
}

function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

/** `--select NNU1,NNU2 --select NNU301` -> ['NNU1', 'NNU2', 'NNU301'], validated. */
function codeList(values: unknown, flag: string): string[] | undefined {
  if (values === undefined) return undefined;
  const list = (Array.isArray(values) ? values : [values])
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length) throw new UsageError(`${flag} needs rule codes or prefixes such as NNU1 or NNU102 (see \`nnunet-doctor rules\`)`);
  for (const p of list) {
    const up = p.toUpperCase();
    if (up !== 'ALL' && !rules.some((r) => r.meta.code.startsWith(up)))
      throw new UsageError(`${flag}: "${p}" matches no rule code (see \`nnunet-doctor rules\`)`);
  }
  return list;
}

/**
 * The value of a flag that takes one value. Given twice with different values it is a
 * usage error: which one did the user (or the script that built the command) mean?
 */
function single(argv: Record<string, unknown>, key: string, flag: string): string | undefined {
  const v = argv[key];
  if (v === undefined) return undefined;
  const list = (Array.isArray(v) ? v : [v]).map(String);
  if (new Set(list).size > 1) throw new UsageError(`${flag} was given more than once (${list.map((s) => JSON.stringify(s)).join(', ')}); give it once`);
  return list[0];
}

/** `--max-size MB` -> bytes: a plain decimal number of megabytes, > 0 and <= the string limit. */
function megabytes(text: string): number {
  const n = Number(text);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text) || !(n > 0) || n > MAX_SIZE_LIMIT_MB) {
    throw new UsageError(`--max-size takes the largest dataset.json to read in MB: a number greater than 0 and at most ${MAX_SIZE_LIMIT_MB}, not "${text}"`);
  }
  return Math.round(n * 1024 * 1024);
}

/**
 * What to check: the named paths, else $nnUNet_raw, else the current folder. An empty
 * name (an unset shell variable: `nnunet-doctor --fix "$RAW"`) is an error, never the
 * current folder. An empty $nnUNet_raw counts as unset (`nnUNet_raw= nnunet-doctor`); one
 * of only blanks is an error (nnU-Net would look in a folder named by the blanks).
 */
function pathsFor(named: string[], env: NodeJS.ProcessEnv): string[] {
  if (named.includes('')) throw new UsageError('an empty path was given (an unset shell variable?); name a file or folder, or "." for the current folder');
  if (named.length) return named;
  const envRoot = env.nnUNet_raw;
  if (envRoot === undefined || envRoot === '') return ['.'];
  if (!envRoot.trim()) throw new UsageError(`$nnUNet_raw is blank (${JSON.stringify(envRoot)}); set it to your nnUNet_raw folder, unset it, or name a path`);
  return [envRoot];
}

/** The config file to use: none with --no-config, the named one with --config PATH, else the nearest. */
async function configFor(argv: Record<string, unknown>): Promise<Config> {
  if (argv.config === false) return {};
  const file = single(argv, 'config', '--config');
  if (file === '') throw new UsageError('--config needs a file name (or use --no-config)');
  try {
    return (await loadConfig({ file }))?.config ?? {};
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`config: ${e.message}`);
    throw e;
  }
}

interface Output {
  format: Format;
  quiet: boolean;
  verbose: boolean;
  concise: boolean;
  statistics: boolean;
  unsafeFixes: boolean;
  color: boolean | undefined;
  /** Where the report goes (stderr when stdout carries the fixed text of `-`; a file with -o). */
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  showDiff: boolean;
  fix: boolean;
  /** `--fix -`: the fixed text goes to standard output. */
  fixedToStdout?: boolean;
}

/** The reporter of the chosen format. */
function reporterFor(o: Output): Reporter {
  if (o.format === 'json') return jsonReporter({ fix: o.fix, unsafeFixes: o.unsafeFixes });
  if (o.format === 'sarif') return sarifReporter({ fix: o.fix });
  if (o.format === 'github') return githubReporter({ quiet: o.quiet, fix: o.fix });
  const useColor = colorEnabled(o.color, process.env, !!o.stream.isTTY);
  return textReporter(
    {
      colors: pc.createColors(useColor),
      colorEnabled: useColor,
      unsafeFixes: o.unsafeFixes,
      quiet: o.quiet,
      showDiff: o.showDiff && !o.quiet,
      verbose: o.verbose,
      concise: o.concise,
      statistics: o.statistics,
      fixedToStdout: o.fixedToStdout,
      width: o.stream.isTTY && o.stream.columns ? Math.max(40, o.stream.columns) : 200,
      wrap: o.stream.isTTY && o.stream.columns ? Math.max(40, o.stream.columns) : undefined,
    },
    o.fix,
  );
}

/** Write to a stream and resolve once flushed (a pipe must get everything, even if we exit next). */
function writeTo(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (!text.length) return resolve();
    stream.write(text, () => resolve());
  });
}

/**
 * Run a check and stream its report: each file's part as soon as the file is done, the
 * summary at the end. Ctrl-C stops the run between files; the report then covers what was
 * done (what was written included), says the run was interrupted, and the exit code is 130.
 */
async function streamRun(options: ScanOptions, o: Output, exit: ExitOptions, diffOnly: boolean): Promise<number> {
  const summary = emptySummary();
  const reporter = diffOnly ? undefined : reporterFor(o);
  if (reporter) await writeTo(o.stream, reporter.start());
  const facts = await scanEach(options, async (f: FileResult) => {
    addToSummary(summary, f);
    if (reporter) await writeTo(o.stream, reporter.file(f));
    else {
      await writeTo(process.stdout, f.diff);
      if (f.error) err(`nnunet-doctor: ${f.path}: ${f.error.message}`);
      if (f.preprocessedCopy?.error) err(`nnunet-doctor: ${f.preprocessedCopy.path}: ${f.preprocessedCopy.error}`);
    }
  });
  addRunFacts(summary, facts);
  const code = facts.interrupted ? 130 : exitCode(summary, { ...exit, fix: options.fix });
  if (reporter) await writeTo(o.stream, reporter.end(facts, summary, code));
  else {
    for (const m of facts.missing) err(`nnunet-doctor: ${m}: no such file or folder`);
    for (const e of facts.errors) err(`nnunet-doctor: ${e.path}: ${e.message}`);
  }
  if (facts.interrupted)
    err(
      `nnunet-doctor: interrupted (Ctrl-C): ${summary.files} file${summary.files === 1 ? '' : 's'} checked, ${summary.written} written; nothing more was written`,
    );
  return code;
}

async function runCheck(argv: Record<string, unknown>, afterDashes: string[]): Promise<number> {
  // every value is checked before anything is read or searched
  const named = [...((argv.paths as unknown[] | undefined) ?? []).map(String), ...afterDashes];
  const stdinFilename = single(argv, 'stdinFilename', '--stdin-filename');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a path (the path the text on standard input stands for)');
  const useStdin = named.includes(STDIN_NAME) || (stdinFilename !== undefined && !named.length);
  if (useStdin && named.some((p) => p !== STDIN_NAME))
    throw new UsageError('- (standard input) cannot be mixed with other paths: check them in separate runs (a file named "-": ./-)');
  if (stdinFilename !== undefined && !useStdin)
    throw new UsageError('--stdin-filename names the text read from standard input: use it with - (and no other path)');
  const paths = useStdin ? [] : pathsFor(named, process.env);
  const format = (single(argv, 'format', '--format') ?? 'text') as Format; // yargs checked the choices
  const maxDepthText = single(argv, 'maxDepth', '--max-depth');
  const maxSizeText = single(argv, 'maxSize', '--max-size');
  const jobsText = single(argv, 'jobs', '--jobs');
  const maxDepth =
    maxDepthText === undefined
      ? undefined
      : wholeNumber(maxDepthText, '--max-depth', 0, Number.MAX_SAFE_INTEGER, 'the folder levels to search below each path');
  const maxSize = megabytes(maxSizeText ?? String(DEFAULT_MAX_SIZE_MB));
  const jobs = jobsText === undefined ? undefined : wholeNumber(jobsText, '--jobs', 1, MAX_JOBS, 'the worker threads of --labels');
  const maxWarningsText = single(argv, 'maxWarnings', '--max-warnings');
  const maxWarnings =
    maxWarningsText === undefined
      ? undefined
      : wholeNumber(maxWarningsText, '--max-warnings', 0, Number.MAX_SAFE_INTEGER, 'the number of warnings allowed before exit 1');
  const select = codeList(argv.select, '--select');
  const ignore = codeList(argv.ignore, '--ignore');
  const config = await configFor(argv);

  const diffOnly = !!argv.diff;
  const fix = !!argv.fix && !diffOnly;
  // command-line flags win over the config file
  const unsafeFixes = (argv.unsafeFixes as boolean | undefined) ?? config.unsafeFixes ?? false;
  const options: ScanOptions = {
    paths,
    fix,
    unsafeFixes,
    select: select ?? config.select,
    ignore: ignore ?? config.ignore,
    maxDepth: maxDepth ?? config.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxSize,
    backup: !!argv.backup,
    followOutside: !!argv.followOutside,
    folderChecks: argv.folderChecks !== false,
    labels: (argv.labels as boolean | undefined) ?? config.labels ?? false,
    jobs,
    diffs: diffOnly || format === 'text',
  };
  const exit: ExitOptions = { exitZero: !!argv.exitZero, maxWarnings, quiet: !!argv.quiet };
  const outputFile = single(argv, 'outputFile', '--output-file');
  if (outputFile === '') throw new UsageError('--output-file needs a file name');
  const stream = outputFile === undefined ? process.stdout : await openReportFile(outputFile);
  const output: Output = {
    format,
    quiet: !!argv.quiet,
    verbose: !!argv.verbose,
    concise: !!argv.concise,
    statistics: !!argv.statistics,
    unsafeFixes,
    color: outputFile === undefined ? (argv.color as boolean | undefined) : ((argv.color as boolean | undefined) ?? false),
    stream,
    showDiff: true,
    fix,
  };
  // Ctrl-C: the first stops the run between files (the report covers what was done), a second one ends at once
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  testEvent('sigint-ready');
  options.signal = abort.signal;
  const started = Date.now();
  if (process.stderr.isTTY && format === 'text' && !diffOnly) {
    options.onLabelProgress = (done, total, bytes) => {
      const mbs = bytes / 1048576 / Math.max(0.001, (Date.now() - started) / 1000);
      process.stderr.write(`\r\x1b[Kreading segmentations: ${done}/${total} files, ${mbs.toFixed(0)} MB/s${done === total ? '\n' : ''}`);
    };
  }
  let code: number;
  try {
    code = useStdin ? await runStdin(options, output, stdinFilename, diffOnly, exit) : await streamRun(options, output, exit, diffOnly);
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (stream !== process.stdout) await closeReportFile(stream as fs.WriteStream);
  }
  // -o on a full disk: the report is lost, and the exit code must not pretend otherwise (eslint: 2)
  const failure = stream === process.stdout ? null : (stream as fs.WriteStream).errored;
  if (failure) {
    err(`nnunet-doctor: --output-file ${JSON.stringify(outputFile)}: the report could not be written: ${describeFsError(failure).reason}`);
    return 2;
  }
  return code;
}

/**
 * Why `-o FILE` must not be opened, or undefined. Opening it truncates it before the run reads
 * anything: a report written over a dataset.json (even in a dry run) would destroy the file the
 * run is about to check. A FIFO that no process reads would block the open forever; a block
 * device is a disk.
 */
function reportFileRefusal(file: string): string | undefined {
  let st: fs.Stats | undefined;
  let real = path.resolve(file);
  try {
    st = fs.statSync(file, { throwIfNoEntry: false });
    if (st) real = fs.realpathSync(file);
  } catch (e) {
    return `cannot be used (${describeFsError(e).reason})`;
  }
  if ([file, real].some((f) => path.basename(f).toLowerCase() === 'dataset.json'))
    return `${real === path.resolve(file) ? 'is' : `leads to ${JSON.stringify(real)},`} a dataset.json: the report would replace it; name another file`;
  if (!st) return undefined;
  if (st.isDirectory()) return 'is a folder';
  if (st.isBlockDevice()) return 'is a block device (a disk): the report would be written over it';
  if (st.isFIFO()) {
    try {
      fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENXIO' ? 'is a FIFO that no process reads: the report would wait forever' : `cannot be opened (${describeFsError(e).reason})`;
    }
  }
  return undefined;
}

/** The file of `-o/--output-file`, created or truncated (the user named it). */
async function openReportFile(file: string): Promise<fs.WriteStream> {
  const refusal = reportFileRefusal(file);
  if (refusal) throw new UsageError(`--output-file ${JSON.stringify(file)} ${refusal}`);
  const stream = fs.createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) => reject(new UsageError(`--output-file ${JSON.stringify(file)}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
  });
  // a write that fails later (ENOSPC, EIO) is reported from `stream.errored` once the run is over
  stream.on('error', () => undefined);
  return stream;
}

/** End the report file: resolves when it is flushed and closed, or has failed. */
function closeReportFile(stream: fs.WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  // a failed write destroys the stream at once but emits 'error', then 'close', on a later tick
  return new Promise<void>((resolve) => {
    stream.once('close', () => resolve());
    if (!stream.destroyed) stream.end();
  });
}

/**
 * `nnunet-doctor -`: check the dataset.json on standard input. With --fix the text (fixed,
 * or as it came when nothing could be fixed) is the only thing on stdout and the report
 * goes to stderr; nothing is written to disk.
 */
async function runStdin(options: ScanOptions, output: Output, stdinFilename: string | undefined, diffOnly: boolean, exit: ExitOptions): Promise<number> {
  if (process.stdin.isTTY) err('nnunet-doctor: reading a dataset.json from standard input (end it with Ctrl-D)');
  const read = await readBounded(process.stdin, options.maxSize!);
  if (!read.ok) throw new UsageError(read.reason);
  const file = await checkStdin(read.bytes, { ...options, stdinFilename });
  const summary = addToSummary(emptySummary(), file);
  const code = exitCode(summary, { ...exit, fix: options.fix });
  const run = { missing: [], errors: [], fix: !!options.fix };
  if (diffOnly) {
    await writeTo(process.stdout, file.diff);
    if (file.error) err(`nnunet-doctor: ${file.path}: ${file.error.message}`);
    return code;
  }
  // with --fix, stdout carries only the text (fixed, or as it came); the report goes to stderr
  const o = options.fix ? { ...output, stream: process.stderr, showDiff: false, fixedToStdout: true } : output;
  const reporter = reporterFor(o);
  if (options.fix) await writeTo(process.stdout, file.written ? Buffer.from(file.output!, 'utf8') : read.bytes);
  await writeTo(o.stream, reporter.start() + reporter.file(file) + reporter.end(run, summary, code));
  return code;
}

/** A command word that is also a file or folder here: say how to check it instead. */
function noteShadowed(word: string): void {
  if (fs.existsSync(word)) err(`nnunet-doctor: note: "${word}" is a command; to check the path of that name: nnunet-doctor check ${word}`);
}

/** Commands other than check take no paths: `rules -- x` is a mistake, not a request. */
function noPaths(command: string, afterDashes: string[]): void {
  if (afterDashes.length)
    throw new UsageError(
      `${command} takes no paths (got ${afterDashes.map((p) => JSON.stringify(p)).join(' ')}); to check them: nnunet-doctor check -- PATH...`,
    );
}

/**
 * A pipeline worker thread started from this bundle (dist/bin/file-worker.js): it runs the
 * code the main thread runs, compiled with the same code cache (a worker that loaded a bundle
 * of its own would compile it anew, a third of a second on a small machine).
 */
export function fileWorker(): void {
  if (!parentPort) throw new Error('fileWorker: not in a worker thread');
  serveFileBatches(parentPort, (workerData as { options: ScanOptions }).options);
}

export async function main(argv: string[]): Promise<number> {
  // Standard output on a full disk (`> report.txt`, /dev/full) or a broken device: one line
  // and exit 2 once the run is over, never a stack trace. A reader that closed the pipe early
  // (`| head`) is not an error.
  // (a file on standard output is a SyncWriteStream, which does not keep its error in
  // `errored`: the listener keeps it; a socket may not have emitted it yet: `errored` has it)
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (e: NodeJS.ErrnoException) => {
    failure ??= e;
  };
  process.stdout.on('error', onError);
  try {
    const code = await command(argv);
    failure ??= process.stdout.errored ?? undefined;
    if (!failure || failure.code === 'EPIPE') return code;
    err(`nnunet-doctor: the report could not be written to standard output: ${describeFsError(failure).reason}`);
    return 2;
  } finally {
    process.stdout.removeListener('error', onError);
  }
}

async function command(argv: string[]): Promise<number> {
  let exit = 0;
  // Everything after the first `--` is a path, handed over verbatim: yargs would read
  // `1e3` as 1000 and `0x10` as 16, and never put them in `paths`.
  // (not for the shell completion script's own request, whose words are a partial command line)
  const completing = argv[0] === '--get-yargs-completions';
  const dashes = completing ? -1 : argv.indexOf('--');
  const head = completing ? argv : (dashes < 0 ? argv : argv.slice(0, dashes)).map((w) => (w === '-' ? DASH : w));
  const afterDashes = dashes < 0 ? [] : argv.slice(dashes + 1);
  // yargs treats `--fix false` as fix=false and drops the word: nargs 0 keeps it a path
  const flag = { type: 'boolean', nargs: 0 } as const;
  const parser = yargs(head)
    .middleware(undash)
    .scriptName('nnunet-doctor')
    .usage('$0 [paths..] [options]\n\nFind and repair broken nnU-Net dataset.json files. Dry run by default: nothing is written without --fix.')
    .command(
      ['check [paths..]', '$0 [paths..]'],
      'check dataset.json files (a file, a dataset folder, or a root such as nnUNet_raw; default: $nnUNet_raw, else the current folder; - reads standard input)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'files or folders; - for standard input; after -- every word is a path' })
          .option('fix', { ...flag, describe: 'write the safe fixes (atomically, verified first); with -: print the fixed text' })
          .option('unsafe-fixes', { ...flag, describe: 'also apply (with --fix) or show the unsafe fixes' })
          .option('diff', { ...flag, describe: 'print only the unified diffs of what --fix would write (apply: | git apply --unsafe-paths)' })
          .option('format', {
            type: 'string',
            choices: FORMATS,
            requiresArg: true,
            describe: 'output format: text for people, json, sarif (code scanning), github (pull-request annotations) [default: text]',
          })
          .option('select', { type: 'string', requiresArg: true, describe: 'rule codes or prefixes to run, comma-separated or repeated (NNU1, NNU102, ALL)' })
          .option('ignore', { type: 'string', requiresArg: true, describe: 'rule codes or prefixes to skip, comma-separated or repeated' })
          .option('exit-zero', { ...flag, describe: 'exit 0 even when problems remain (usage errors still exit 2)' })
          .option('max-warnings', {
            type: 'string',
            requiresArg: true,
            describe: 'exit 1 when more than this many warnings remain (as eslint; default: warnings alone exit 0)',
          })
          .option('max-depth', {
            type: 'string',
            requiresArg: true,
            describe: `how many folder levels below each path to search (0: the path only) [default: ${DEFAULT_MAX_DEPTH}]`,
          })
          .option('max-size', {
            type: 'string',
            requiresArg: true,
            describe: `refuse dataset.json files larger than this many MB (at most ${MAX_SIZE_LIMIT_MB}) [default: ${DEFAULT_MAX_SIZE_MB}]`,
          })
          .option('backup', { ...flag, describe: 'keep dataset.json.bak (then .bak.1, ...) next to each changed file' })
          .option('follow-outside', { ...flag, describe: 'allow --fix to write a symlinked dataset.json whose target is outside the given paths' })
          .option('folder-checks', {
            ...flag,
            default: true,
            describe: 'check the dataset folder next to dataset.json (imagesTr/labelsTr); --no-folder-checks for JSON only',
          })
          .option('labels', { ...flag, describe: 'read every segmentation in labelsTr and check its values against labels (slow: reads all files)' })
          .option('jobs', {
            alias: 'j',
            type: 'string',
            requiresArg: true,
            describe: 'threads for --labels (default: all cores) and for big batches of dataset.json files (default: all cores but one)',
          })
          .option('verbose', { ...flag, alias: 'v', describe: 'more detail (e.g. the label value table of --labels)' })
          .option('color', { ...flag, describe: 'force colours on or off (default: on for a terminal, off with NO_COLOR)' })
          .option('quiet', { ...flag, alias: 'q', describe: 'show errors and the summary only (no warnings, no diffs)' })
          .option('concise', { ...flag, describe: 'one line per problem: no nnU-Net/help lines below it' })
          .option('statistics', { ...flag, describe: 'end with a table of problems by rule (as ruff --statistics)' })
          .option('output-file', {
            alias: 'o',
            type: 'string',
            requiresArg: true,
            describe: 'write the report to this file instead of standard output (no colour)',
          })
          .option('config', { type: 'string', describe: 'read settings from this file instead of the nearest .nnunet-doctor.json; --no-config: use none' })
          .option('stdin-filename', {
            type: 'string',
            requiresArg: true,
            describe: 'with -: the path the text stands for (messages; its folder is checked when it exists)',
          }),
      async (a) => {
        exit = await runCheck(a, afterDashes);
      },
    )
    .command(
      'explain <code>',
      'show the documentation of a rule',
      (y) => y.positional('code', { type: 'string', demandOption: true }),
      async (a) => {
        noPaths('explain', afterDashes);
        const r = ruleByCode(a.code);
        if (!r) throw new UsageError(`unknown rule code "${a.code}" (see \`nnunet-doctor rules\`)`);
        await out(explainRule(r));
      },
    )
    .command(remapCommand(afterDashes, (code) => (exit = code)))
    .command('rules', 'list every rule: code, name, severity, fix kind', {}, async () => {
      noPaths('rules', afterDashes);
      noteShadowed('rules');
      await out(rulesTable());
    })
    .example('$0 nnUNet_raw', 'check every dataset.json below nnUNet_raw (dry run, shows diffs)')
    .example('$0 Dataset004_Hippocampus/dataset.json --fix', 'fix one file in place')
    .example('$0 --fix --unsafe-fixes nnUNet_raw', 'also apply the unsafe fixes')
    .example('$0 --diff "$nnUNet_raw" | git apply --unsafe-paths', 'review, then apply as a patch (from any folder)')
    .example('$0 --fix - < dataset.json > fixed.json', 'fix text from standard input (report on stderr)')
    .example('$0 --format json nnUNet_raw > report.json', 'machine-readable report')
    .example('$0 --format github nnUNet_raw', 'annotate a pull request from GitHub Actions')
    .example('$0 --format sarif nnUNet_raw > nnunet-doctor.sarif', 'for GitHub code scanning (upload-sarif)')
    .example('$0 --fix -- -odd-name/dataset.json', 'after --, every word is a path')
    .example('$0 explain NNU102', 'what a rule checks and how it fixes')
    .example(
      '$0 completion >> ~/.bashrc',
      'tab completion for bash (zsh: completion zsh >> ~/.zshrc; fish: completion fish > ~/.config/fish/completions/nnunet-doctor.fish)',
    )
    .command('completion [shell]', 'print a completion script for bash, zsh or fish (default: the shell $SHELL names)')
    .epilog(
      'Settings may also come from a .nnunet-doctor.json in this folder or one above (select, ignore, unsafe-fixes, labels, max-depth); flags win.\n' +
        `A folder named like a command (${COMMAND_WORDS.join(', ')}): nnunet-doctor check NAME, or nnunet-doctor -- NAME.\n` +
        'Exit codes: 0 no error left (warnings alone exit 0 unless over --max-warnings); 1 an error remains, or a file could not be read or written; 2 usage error (a bad flag or value, a named path that does not exist or holds no dataset.json), config or internal error, or the report could not be written.',
    )
    .strict()
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    // e is undefined when yargs itself refused the arguments (the typings say Error)
    .fail((msg: string, e: Error | undefined) => {
      throw e ?? new UsageError(msg);
    });
  // The shell script's question: answered here (src/completion.ts), not by yargs, which offers
  // the default command's options only after `check` and no rule codes.
  if (completing) {
    const words = argv.slice(2);
    await out(
      completions(
        words.slice(0, -1),
        words[words.length - 1] ?? '',
        rules.map((r) => r.meta.code),
        FORMATS,
      )
        .map((w) => `${w}\n`)
        .join(''),
    );
    return 0;
  }
  // yargs prints the script for `completion` but, without exitProcess, would then run the
  // default command on the word "completion": answer it here (`check completion` checks a
  // folder of that name). The shell: the word after it, else the one $SHELL names.
  if (head[0] === 'completion') {
    const shell = head[1];
    if (head.length > 2 || afterDashes.length || (shell !== undefined && !['bash', 'zsh', 'fish'].includes(shell))) {
      err(
        'nnunet-doctor: completion takes one optional argument: bash, zsh or fish (to check a folder named completion: nnunet-doctor check completion)\nRun `nnunet-doctor --help` for usage.',
      );
      return 2;
    }
    noteShadowed('completion');
    if ((shell ?? (process.env.SHELL?.includes('fish') ? 'fish' : undefined)) === 'fish') {
      // yargs' fish template turns file names off (complete -f): paths are what this tool takes
      await out(FISH_COMPLETION);
      return 0;
    }
    if (shell) process.env.SHELL = `/bin/${shell}`; // yargs picks its bash or zsh template from $SHELL
    yargs([]).scriptName('nnunet-doctor').completion('completion').showCompletionScript();
    return 0;
  }
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && e.name === 'YError')) {
      const dashPath = /^Unknown argument/.test(e.message) && head.some((w) => /^-[^-]./.test(w));
      const hint = dashPath ? ' (a path that starts with -: write ./-name, or put it after --)' : '';
      // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."): one line
      const message = e.message.replace(/\s*\n\s*/g, ' ');
      err(`nnunet-doctor: ${message}${hint}\nRun \`nnunet-doctor --help\` for usage.`);
      return 2;
    }
    err(`nnunet-doctor: internal error: ${String((e as { message?: unknown } | null | undefined)?.message ?? e)}`);
    return 2;
  }
  return exit;
}

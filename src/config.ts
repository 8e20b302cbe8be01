/**
 * The optional project config file `.nnunet-doctor.json`, found by walking up from the
 * working folder (the first one found wins; there is no merging of several files).
 *
 * ```json
 * {
 *   "select": ["NNU0", "NNU1", "NNU104"],
 *   "ignore": ["NNU109"],
 *   "unsafe-fixes": false,
 *   "labels": false,
 *   "max-depth": 4
 * }
 * ```
 *
 * Keys are spelled exactly like the command-line flags (kebab-case: `unsafe-fixes`,
 * `max-depth`); camelCase spellings are rejected with a hint. Command-line flags win
 * over the file (`--select` replaces the file's `select`, `--no-unsafe-fixes` turns off
 * its `unsafe-fixes`); `--no-config` skips the file, `--config PATH` names one.
 * Anything malformed (not JSON, not an object, an unknown key, a wrong type, a rule code
 * or prefix that matches no rule) is a {@link ConfigError}: the CLI prints it and exits 2.
 */
import { constants as C } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { rules as registry } from '../transforms/index.js';
import { formatMB } from './read.js';
import type { Rule } from './types.js';

const CONFIG_FILE_NAME = '.nnunet-doctor.json';

/** The settings a config file may hold, in the library's (camelCase) option names. */
export interface Config {
  select?: string[];
  ignore?: string[];
  unsafeFixes?: boolean;
  labels?: boolean;
  maxDepth?: number;
}

export interface LoadedConfig {
  /** Absolute path of the file read. */
  path: string;
  config: Config;
}

/** A config file that cannot be used; the message names the file and the problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type KeyKind = 'codes' | 'boolean' | 'depth';
const KEYS: Record<string, { kind: KeyKind; option: keyof Config }> = {
  select: { kind: 'codes', option: 'select' },
  ignore: { kind: 'codes', option: 'ignore' },
  'unsafe-fixes': { kind: 'boolean', option: 'unsafeFixes' },
  labels: { kind: 'boolean', option: 'labels' },
  'max-depth': { kind: 'depth', option: 'maxDepth' },
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');

/**
 * Check rule codes or prefixes (`NNU1`, `NNU102`, `ALL`) against the registry; returns
 * the first entry that matches no rule, or undefined when all do.
 */
function unknownCode(list: readonly string[], rules: readonly Rule[] = registry): string | undefined {
  return list.find((p) => {
    const up = p.trim().toUpperCase();
    return !up || (up !== 'ALL' && !rules.some((r) => r.meta.code.startsWith(up)));
  });
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/**
 * Parse and validate the text of a config file. Pure. `file` is only used in messages.
 * Throws {@link ConfigError}.
 */
export function parseConfig(text: string, file = CONFIG_FILE_NAME, rules: readonly Rule[] = registry): Config {
  const errors: ParseError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value: unknown = parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    const e = errors[0]!;
    throw new ConfigError(`${file}:${lineColumn(body, e.offset)}: not valid JSON (${printParseErrorCode(e.error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      `${file}: must be a JSON object such as {"select": ["NNU1"]}, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    );
  }
  const config: Config = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const spec = KEYS[key];
    if (!spec) {
      const hint = KEYS[kebab(key)] ? ` (did you mean "${kebab(key)}"? keys are spelled like the command-line flags)` : '';
      throw new ConfigError(`${file}: unknown key "${key}"${hint}; known keys: ${Object.keys(KEYS).join(', ')}`);
    }
    if (spec.kind === 'boolean') {
      if (typeof v !== 'boolean') throw new ConfigError(`${file}: "${key}" must be true or false, found ${JSON.stringify(v)}`);
      (config as Record<string, unknown>)[spec.option] = v;
    } else if (spec.kind === 'depth') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        throw new ConfigError(`${file}: "${key}" must be a whole number >= 0, found ${JSON.stringify(v)}`);
      config.maxDepth = v;
    } else {
      const list = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
        throw new ConfigError(`${file}: "${key}" must be a list of rule codes or prefixes such as ["NNU1", "NNU203"], found ${JSON.stringify(v)}`);
      }
      const bad = unknownCode(list, rules);
      if (bad !== undefined) throw new ConfigError(`${file}: "${key}": "${bad}" matches no rule code (see \`nnunet-doctor rules\`)`);
      (config as Record<string, unknown>)[spec.option] = list.map((s) => s.trim());
    }
  }
  return config;
}

/** The largest config file read: settings are a few lines, anything bigger is a mistake. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Does an entry of this name exist (`lstat`: a dangling symlink, a folder or a FIFO count,
 * so that a broken config is reported instead of silently passed over for one further up)?
 */
async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/** The nearest `.nnunet-doctor.json` in `cwd` or a folder above it, or undefined. */
export async function findConfigFile(cwd: string = process.cwd()): Promise<string | undefined> {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (await exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The text of a config file, read with the checks that keep a bad path from hanging or
 * flooding the process: a regular file only (not a folder, FIFO, socket or device such as
 * /dev/zero, also behind a symlink), opened without blocking, at most
 * {@link MAX_CONFIG_BYTES}. Throws {@link ConfigError} with a one-line reason.
 */
async function readConfigText(file: string): Promise<string> {
  const fail = (why: string): never => {
    throw new ConfigError(`${file}: cannot read the config file: ${why}`);
  };
  let fh;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fh = await open(file, C.O_RDONLY | C.O_NONBLOCK);
    const st = await fh.stat();
    if (st.isDirectory()) fail('is a folder, not a file');
    if (!st.isFile()) fail(`is ${st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device or special file'}, not a regular file`);
    if (st.size > MAX_CONFIG_BYTES) fail(`is ${formatMB(st.size, 1)}, over the ${formatMB(MAX_CONFIG_BYTES)} limit for a config file`);
    // read at most one byte past the limit: a file growing meanwhile cannot make us read on
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, total, buf.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_CONFIG_BYTES) fail(`grew past the ${formatMB(MAX_CONFIG_BYTES)} limit for a config file while being read`);
    }
    return buf.subarray(0, total).toString('utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a folder, not a file', EACCES: 'permission denied', ELOOP: 'symbolic link loop' };
    return fail(code ? `${why[code] ?? 'error'} (${code})` : String((e as { message?: unknown }).message));
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

export interface LoadConfigOptions {
  /** Where to start looking (default: process.cwd()). */
  cwd?: string;
  /** Read this file instead of looking for one (relative to `cwd`); it must exist. */
  file?: string;
}

/**
 * Find and read the config: `file` when given, else the nearest `.nnunet-doctor.json`
 * at or above `cwd`. Resolves to undefined when there is none; throws
 * {@link ConfigError} when it cannot be read or is malformed.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file !== undefined ? path.resolve(cwd, options.file) : await findConfigFile(cwd);
  if (file === undefined) return undefined;
  return { path: file, config: parseConfig(await readConfigText(file), file) };
}

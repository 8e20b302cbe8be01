/**
 * Shell completion (`nnunet-doctor completion [bash|zsh|fish]`): what to offer for the word
 * being typed, from the words before it. Pure; the shell script (yargs' templates) asks
 * `nnunet-doctor --get-yargs-completions WORDS...` and src/cli-main.ts answers with this.
 *
 * - the first word: the commands, and every option of `check` (the default command), so
 *   `nnunet-doctor --fi<TAB>` works without typing `check`;
 * - after `explain`, `--select`, `--ignore` (also in a comma list: `--select NNU1,NNU20<TAB>`):
 *   rule codes and their prefixes;
 * - after `--format`: the formats; after an option that takes a value: nothing (a path or a number);
 * - otherwise nothing, and the shell completes file names.
 */

/** Options of `check` (and the default command), as `check --help` lists them. */
export const CHECK_OPTIONS = [
  '--fix',
  '--unsafe-fixes',
  '--diff',
  '--format',
  '--select',
  '--ignore',
  '--exit-zero',
  '--max-warnings',
  '--max-depth',
  '--max-size',
  '--backup',
  '--follow-outside',
  '--folder-checks',
  '--no-folder-checks',
  '--labels',
  '--jobs',
  '--verbose',
  '--color',
  '--no-color',
  '--quiet',
  '--concise',
  '--statistics',
  '--output-file',
  '--config',
  '--no-config',
  '--stdin-filename',
  '--help',
  '--version',
];

/** Options of `remap`. */
export const REMAP_OPTIONS = ['--map', '--fix', '--backup', '--allow-merge', '--format', '--jobs', '--verbose', '--color', '--no-color', '--help'];

/** Options whose value is not a file name (nothing to offer but what a value list gives). */
const TAKES_VALUE = new Set([
  '--format',
  '--select',
  '--ignore',
  '--max-warnings',
  '--max-depth',
  '--max-size',
  '--jobs',
  '-j',
  '--map',
  '--output-file',
  '-o',
  '--config',
  '--stdin-filename',
]);

const COMMANDS = ['check', 'explain', 'remap', 'rules', 'completion'];

/**
 * The completions for `current`, typed after `before` (the words after the program name).
 * `codes` are the rule codes; `formats` the output formats of `check`.
 */
export function completions(before: readonly string[], current: string, codes: readonly string[], formats: readonly string[]): string[] {
  const prev = before[before.length - 1];
  const command = before.find((w) => COMMANDS.includes(w));
  const starting = (xs: Iterable<string>) => [...xs].filter((x) => x.toUpperCase().startsWith(current.toUpperCase()));
  if (prev === 'explain') return starting(codes);
  if (prev === '--select' || prev === '--ignore') {
    // a comma list: complete its last item
    const head = current.slice(0, current.lastIndexOf(',') + 1);
    const last = current.slice(head.length).toUpperCase();
    const prefixes = new Set(['ALL', ...codes.flatMap((c) => [c.slice(0, 4), c])]);
    return [...prefixes]
      .filter((p) => p.startsWith(last))
      .sort()
      .map((p) => head + p);
  }
  if (prev === '--format') return starting(command === 'remap' ? ['text', 'json'] : formats);
  if (prev === 'completion') return starting(['bash', 'zsh', 'fish']);
  if (prev !== undefined && TAKES_VALUE.has(prev)) return [];
  if (current.startsWith('-')) return starting(command === 'remap' ? REMAP_OPTIONS : command === 'explain' || command === 'rules' ? ['--help'] : CHECK_OPTIONS);
  if (!before.length) return starting(COMMANDS);
  return [];
}

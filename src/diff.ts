/**
 * Unified diffs in git style (`--- a/<path>` / `+++ b/<path>`). The path is the file
 * `--fix` writes (its real path, symlinks resolved) relative to the current folder, with
 * `../` when it lies outside: then `nnunet-doctor --diff PATH | git apply --unsafe-paths`
 * gives exactly the bytes `--fix` writes, from any folder, inside a git repository or
 * not, whatever PATH is (absolute, relative, `../`). Plain `git apply` and `patch -p1`
 * also work while every file lies below the current folder. Names with control
 * characters, quotes, backslashes or non-ASCII letters are C-quoted as git quotes them
 * (`"a/Dataset002_\303\204pfel/dataset.json"`), which git apply and GNU patch read. Pure.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * A git-style unified diff of one file, or '' when the texts are equal. `file` is the
 * header path: relative to where the patch is applied (see the module comment); an
 * absolute path loses its leading slash, as git would have it. POSIX separators: a
 * backslash is part of a name.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const p = file.replace(/^\/+/, '');
  const patch = createTwoFilesPatch(`a/${p}`, `b/${p}`, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
  // As git does: an unquoted name with a space gets a trailing tab, so that GNU patch
  // reads it whole (a quoted name is delimited by its quotes).
  return patch.startsWith('--- a/') && p.includes(' ') ? patch.replace(/^(--- [^\n]*)\n(\+\+\+ [^\n]*)\n/, '$1\t\n$2\t\n') : patch;
}

export interface Palette {
  red(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
  magenta(s: string): string;
}

/**
 * Colour a diff for a terminal: red removals, green additions, cyan hunk headers. A CR at
 * the end of a line is shown as ␍ so CRLF changes stay visible. Only for TTY output.
 */
export function colorizeDiff(diff: string, c: Palette): string {
  return diff
    .split('\n')
    .map((line) => {
      const shown = line.endsWith('\r') ? line.slice(0, -1) + c.dim('␍') : line;
      if (line.startsWith('+++') || line.startsWith('---')) return c.bold(shown);
      if (line.startsWith('@@')) return c.cyan(shown);
      if (line.startsWith('+')) return c.green(shown);
      if (line.startsWith('-')) return c.red(shown);
      if (line.startsWith('\\')) return c.dim(shown);
      return shown;
    })
    .join('\n');
}

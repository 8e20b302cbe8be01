/**
 * Unified diffs in git style (`--- a/<path>` / `+++ b/<path>`), applicable with
 * `git apply` or `patch -p1` to give exactly the bytes `--fix` writes. Pure.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** A git-style unified diff of one file, or '' when the texts are equal. */
export function unifiedDiff(displayPath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  // git style a/ b/ prefixes; an absolute path (outside the current folder) loses its leading slash
  const p = displayPath.split('\\').join('/').replace(/^\/+/, '');
  const patch = createTwoFilesPatch(`a/${p}`, `b/${p}`, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
  // As git does: a name with a space gets a trailing tab, so that GNU patch reads it whole.
  return /\s/.test(p) ? patch.replace(/^(--- [^\n]*)\n(\+\+\+ [^\n]*)\n/, '$1\t\n$2\t\n') : patch;
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

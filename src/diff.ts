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
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch } from 'diff';

/**
 * A git-style unified diff of one file, or '' when the texts are equal. `file` is the
 * header path: relative to where the patch is applied (see the module comment); an
 * absolute path loses its leading slash, as git would have it. POSIX separators: a
 * backslash is part of a name.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const p = file.replace(/^\/+/, '');
  const patch = formatPatch(trimmedPatch(`a/${p}`, `b/${p}`, before, after, context), FILE_HEADERS_ONLY);
  // As git does: an unquoted name with a space gets a trailing tab, so that GNU patch
  // reads it whole (a quoted name is delimited by its quotes).
  return patch.startsWith('--- a/') && p.includes(' ') ? patch.replace(/^(--- [^\n]*)\n(\+\+\+ [^\n]*)\n/, '$1\t\n$2\t\n') : patch;
}

/**
 * jsdiff's structuredPatch of two texts, computed on the part that differs: the lines both
 * texts share at the start and at the end (beyond `context` lines) are cut off first and the
 * hunks' line numbers shifted back. The same hunks as the whole diff, without tokenising and
 * walking a 60 MB file whose one change is in its first lines.
 */
function trimmedPatch(oldName: string, newName: string, before: string, after: string, context: number): StructuredPatch {
  const n = Math.min(before.length, after.length);
  let p = 0;
  while (p < n && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // the shared start, back to the start of its line, then `context` lines more
  // (lastIndexOf clamps a negative start to 0 and would find a break at 0: never search below 0)
  const lineStartAtOrBefore = (i: number) => (i < 0 ? 0 : before.lastIndexOf('\n', i) + 1);
  let head = lineStartAtOrBefore(p - 1);
  for (let k = 0; k < context && head > 0; k++) head = lineStartAtOrBefore(head - 2);
  let q = 0;
  while (q < n - head && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  // the shared end, forward to the start of a line (after a line break), then `context` lines more
  let tail = before.length; // where the cut-off end starts, in `before`
  const at = before.indexOf('\n', before.length - q - 1);
  if (at >= 0 && at + 1 <= before.length) {
    tail = at + 1;
    for (let k = 0; k < context && tail < before.length; k++) {
      const nl = before.indexOf('\n', tail);
      tail = nl < 0 ? before.length : nl + 1;
    }
  }
  const cutEnd = before.length - tail;
  if (tail < head || after.length - cutEnd < head) return structuredPatch(oldName, newName, before, after, undefined, undefined, { context });
  const shift = countLines(before, head);
  const patch = structuredPatch(oldName, newName, before.slice(head, tail), after.slice(head, after.length - cutEnd), undefined, undefined, { context });
  for (const h of patch.hunks) {
    h.oldStart += shift;
    h.newStart += shift;
  }
  return patch;
}

/** Line breaks in `text` before `end`. */
function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface Palette {
  red: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
  yellow: (s: string) => string;
  magenta: (s: string) => string;
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

/** Small helpers for messages: counts with nouns, long lists shortened. Pure. */

/**
 * `1 file`, `2 files`, `1 fix` / `2 fixes` (give the plural when it is not `one + s`);
 * `count` is the number as written (default as it is; `1,234` in the remap report).
 */
export function plural(n: number, one: string, many = `${one}s`, count = String(n)): string {
  return `${count} ${n === 1 ? one : many}`;
}

/** A long value shortened for a one-line message: the first and last characters with `...` between. */
export function shorten(s: string, max = 40): string {
  if (s.length <= max) return s;
  const half = Math.floor((max - 3) / 2);
  return `${s.slice(0, half)}...${s.slice(s.length - half)}`;
}

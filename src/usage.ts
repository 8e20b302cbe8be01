/**
 * Command-line usage errors, shared by the commands: one line on stderr and exit code 2
 * (the command's own "Run ... --help" hint follows it).
 */
export class UsageError extends Error {}

/** The most threads `--jobs` takes, in every command. */
export const MAX_JOBS = 1024;

/** A whole number written in plain digits ("3"; not "3.0", "0x3", "1e1", "-1", "") within [min, max]. */
export function wholeNumber(text: string, flag: string, min: number, max: number, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`${flag} takes ${what}: a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any size' : max}, not "${text}"`);
  }
  return n;
}

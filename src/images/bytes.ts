/**
 * Byte-to-text helpers for the header parsers, without Node's Buffer: the parsers
 * (nifti.ts, png.ts, meta.ts) also run in the browser page (web/). Pure.
 */

/** The bytes as ISO-8859-1 text, one character per byte (what Buffer's 'latin1' gives). */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a 1 MiB header would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x2000) s += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return s;
}

/** The bytes as lowercase hexadecimal (what Buffer's 'hex' gives). */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

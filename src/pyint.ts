/**
 * Python's `int()` as nnU-Net applies it to label values and to v1/MSD label keys, exactly:
 * arbitrary precision, the string forms `int(str)` accepts, and its error messages. Results
 * are canonical decimal strings (`"-12"`, `"100000000000000000000"`), so a fix can write the
 * very integer Python would read without passing through a float. Pure.
 *
 * Checked against CPython 3.11 (`int(" 1")`, `int("+1")`, `int("1_0")`, `int("１")` are
 * accepted; `int("1.0")`, `int("1e0")`, `int("0x1")`, `int("1__0")` raise ValueError; strings
 * of more than 4300 digits raise ValueError since 3.11).
 */

export type PyIntResult =
  | { ok: true; /** Canonical decimal: no leading zeros, `-` only when negative. */ value: string }
  | { ok: false; /** Python's exception and message, e.g. `ValueError: invalid literal ...`. */ error: string };

/**
 * Unicode decimal digits (category Nd) in Python 3.11's Unicode 14.0 database, as runs:
 * [first code point, number of 0-9 sets]. Every run is whole sets of ten, so a digit's value
 * is its distance from the run's start, modulo 10. (Node's own tables are newer.)
 */
const ND_RUNS = [
  0x30, 1, 0x660, 1, 0x6f0, 1, 0x7c0, 1, 0x966, 1, 0x9e6, 1, 0xa66, 1, 0xae6, 1, 0xb66, 1, 0xbe6, 1, 0xc66, 1, 0xce6, 1, 0xd66, 1, 0xde6, 1, 0xe50, 1, 0xed0, 1,
  0xf20, 1, 0x1040, 1, 0x1090, 1, 0x17e0, 1, 0x1810, 1, 0x1946, 1, 0x19d0, 1, 0x1a80, 1, 0x1a90, 1, 0x1b50, 1, 0x1bb0, 1, 0x1c40, 1, 0x1c50, 1, 0xa620, 1,
  0xa8d0, 1, 0xa900, 1, 0xa9d0, 1, 0xa9f0, 1, 0xaa50, 1, 0xabf0, 1, 0xff10, 1, 0x104a0, 1, 0x10d30, 1, 0x11066, 1, 0x110f0, 1, 0x11136, 1, 0x111d0, 1, 0x112f0,
  1, 0x11450, 1, 0x114d0, 1, 0x11650, 1, 0x116c0, 1, 0x11730, 1, 0x118e0, 1, 0x11950, 1, 0x11c50, 1, 0x11d50, 1, 0x11da0, 1, 0x16a60, 1, 0x16ac0, 1, 0x16b50, 1,
  0x1d7ce, 5, 0x1e140, 1, 0x1e2f0, 1, 0x1e950, 1, 0x1fbf0, 1,
];

/** The value 0-9 of a Unicode decimal digit, or -1. */
function pyDigit(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  for (let i = 2; i < ND_RUNS.length; i += 2) {
    const start = ND_RUNS[i]!;
    if (cp < start) return -1;
    if (cp < start + 10 * ND_RUNS[i + 1]!) return (cp - start) % 10;
  }
  return -1;
}

/**
 * Whitespace `int()` strips: ASCII space, \t \n \v \f \r, and the non-ASCII characters
 * Python's str.isspace() accepts (\x1c-\x1f are isspace() but int() rejects them: it only
 * maps non-ASCII whitespace to a space before parsing).
 */
function pyIntSpace(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Python 3.11's default `sys.get_int_max_str_digits()`. */
const PY_INT_MAX_STR_DIGITS = 4300;

/** Python's repr() of a str, for messages (`'1.0'`, `"it's"`). */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (isNonPrintable(cp))
      out +=
        cp <= 0xff
          ? '\\x' + cp.toString(16).padStart(2, '0')
          : cp <= 0xffff
            ? '\\u' + cp.toString(16).padStart(4, '0')
            : '\\U' + cp.toString(16).padStart(8, '0');
    else out += ch;
  }
  return out + quote;
}

/** Characters Python's repr() escapes: not printable (Unicode categories C* and Z*, except the space). */
function isNonPrintable(cp: number): boolean {
  return cp !== 0x20 && /[\p{C}\p{Z}]/u.test(String.fromCodePoint(cp));
}

const PLAIN_INT = /^-?[0-9]+$/;
/** A string with no digit at all (an ASCII one or any other: Unicode digits are all above U+0660) is never an int. */
const MAYBE_INT = /[0-9]|[\u0660-\uffff]/;

const invalid = (s: string): PyIntResult => ({ ok: false, error: `ValueError: invalid literal for int() with base 10: ${pyRepr(s)}` });

/** `int(s)` for a Python str. */
export function pyIntFromString(s: string): PyIntResult {
  // the usual case, a plain ASCII integer: no per-character work
  if (PLAIN_INT.test(s)) {
    const neg = s.charCodeAt(0) === 45;
    const digits = neg ? s.slice(1) : s;
    if (digits.length <= PY_INT_MAX_STR_DIGITS) {
      const t = digits.replace(/^0+(?=\d)/, '');
      return { ok: true, value: neg && t !== '0' ? `-${t}` : t };
    }
  }
  if (!MAYBE_INT.test(s)) return invalid(s);
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  let i = 0;
  let end = cps.length;
  while (i < end && pyIntSpace(cps[i]!)) i++;
  while (end > i && pyIntSpace(cps[end - 1]!)) end--;
  let negative = false;
  if (i < end && (cps[i] === 0x2b || cps[i] === 0x2d)) {
    negative = cps[i] === 0x2d;
    i++;
  }
  let digits = '';
  let lastWasDigit = false;
  for (let k = i; k < end; k++) {
    const cp = cps[k]!;
    if (cp === 0x5f) {
      // an underscore only between two digits
      if (!lastWasDigit || k + 1 >= end || pyDigit(cps[k + 1]!) < 0) return invalid(s);
      lastWasDigit = false;
      continue;
    }
    const d = pyDigit(cp);
    if (d < 0) return invalid(s);
    digits += String.fromCharCode(0x30 + d);
    lastWasDigit = true;
  }
  if (!digits) return invalid(s);
  if (digits.length > PY_INT_MAX_STR_DIGITS) {
    return {
      ok: false,
      error: `ValueError: Exceeds the limit (${PY_INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    };
  }
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return { ok: true, value: negative && trimmed !== '0' ? `-${trimmed}` : trimmed };
}

/**
 * `int(x)` where x is what Python's json.load makes of a JSON number token: an int for
 * `-?\d+` (exact, any size), else a float (the nearest double, as in JavaScript), which
 * int() truncates toward zero, exactly.
 */
export function pyIntFromNumberToken(raw: string): PyIntResult {
  if (raw === 'NaN') return { ok: false, error: 'ValueError: cannot convert float NaN to integer' };
  if (raw === 'Infinity' || raw === '-Infinity') return { ok: false, error: 'OverflowError: cannot convert float infinity to integer' };
  if (/^-?\d+$/.test(raw)) {
    const neg = raw.startsWith('-');
    const t = (neg ? raw.slice(1) : raw).replace(/^0+(?=\d)/, '');
    return { ok: true, value: neg && t !== '0' ? `-${t}` : t };
  }
  const d = Number(raw);
  if (Number.isNaN(d)) return { ok: false, error: 'ValueError: cannot convert float NaN to integer' };
  if (!Number.isFinite(d)) return { ok: false, error: 'OverflowError: cannot convert float infinity to integer' };
  return { ok: true, value: BigInt(Math.trunc(d)).toString() };
}

/** Python's type name of a JSON value, for TypeError messages. */
function pyTypeName(jsonType: string): string {
  return ({ null: 'NoneType', array: 'list', object: 'dict', string: 'str', boolean: 'bool', number: 'float' } as Record<string, string>)[jsonType] ?? jsonType;
}

/** `int(x)` of a non-numeric, non-string JSON value (null, list, dict). */
export function pyIntTypeError(jsonType: string): PyIntResult {
  return { ok: false, error: `TypeError: int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(jsonType)}'` };
}

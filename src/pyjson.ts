/**
 * A strict parser with the rules of Python's `json.load` (CPython 3.11, strict=True),
 * used to verify every text before it is written. It accepts what Python accepts
 * (NaN, Infinity, -Infinity, duplicate keys, lone surrogate escapes) and rejects what
 * Python rejects (BOM, comments, trailing commas, control characters in strings,
 * single quotes, extra data). It returns an order-preserving value tree whose
 * scalars carry their source token, so `1.0` and `1` stay different.
 */

export type PyValue = { type: 'object'; pairs: [string, PyValue][] } | { type: 'array'; items: PyValue[] } | { type: 'scalar'; raw: string };

export class PyJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const MAX_DEPTH = 900;

/** Parse like Python's json.loads; throws PyJsonError with Python's wording. */
export function parsePython(text: string): PyValue {
  if (text.charCodeAt(0) === 0xfeff) throw new PyJsonError('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const fail = (msg: string): never => {
    throw new PyJsonError(msg, i);
  };

  const parseString = (): string => {
    // text[i] === '"'
    i++;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail('Unterminated string starting at');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('Invalid control character at');
      if (c === 92) {
        out += text.slice(start, i);
        const e = text[i + 1];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail('Invalid \\escape');
        }
        i += 2;
        start = i;
        continue;
      }
      i++;
    }
  };

  const parseValue = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail('maximum recursion depth exceeded');
    const c = text[i];
    if (c === '{') {
      i++;
      const pairs: [string, PyValue][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { type: 'object', pairs };
      }
      for (;;) {
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = parseString();
        ws();
        if (text[i] !== ':') fail("Expecting ':' delimiter");
        i++;
        ws();
        pairs.push([key, parseValue(depth + 1)]);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { type: 'object', pairs };
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === '[') {
      i++;
      const items: PyValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { type: 'array', items };
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { type: 'array', items };
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (c === '"') return { type: 'scalar', raw: JSON.stringify(parseString()) };
    for (const lit of ['true', 'false', 'null', 'NaN', 'Infinity', '-Infinity']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return { type: 'scalar', raw: lit };
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return { type: 'scalar', raw: m[0] };
    }
    return fail('Expecting value');
  };

  ws();
  const value = parseValue(0);
  ws();
  if (i !== text.length) fail('Extra data');
  return value;
}

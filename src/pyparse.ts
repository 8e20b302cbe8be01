/**
 * One pass over a text with the rules of Python's `json.loads` (CPython 3.11, strict=True,
 * the C scanner nnU-Net's `load_json` uses): the fast path of parseDocument and the
 * verifier's loadability check. Pure, and written for speed (charCodeAt loops, no regular
 * expression per token, no string built for a string without escapes).
 *
 * It accepts exactly what Python accepts (NaN, Infinity, -Infinity, duplicate keys, lone
 * surrogate escapes) and rejects what Python rejects, with Python's message and position
 * (`Expecting ',' delimiter` at the same character), so NNU001 can quote Python.
 *
 * It builds jsonc-parser compatible nodes (type, value, offset, length, colonOffset, parent,
 * children) for the top level and every small container; a large nested container (the
 * `training` list of an MSD file: thousands of entries no rule needs) is only validated and
 * gets its children on first access, parsed from its own slice.
 */
import type { Node as JsonNode, NodeType } from 'jsonc-parser';

/** A Python JSONDecodeError: the message without position, and the offset (UTF-16 units of the text). */
export class PyJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface NonFiniteToken {
  offset: number;
  length: number;
  raw: 'NaN' | 'Infinity' | '-Infinity';
}

export interface StrictParse {
  root: JsonNode;
  nonFinite: NonFiniteToken[];
  /** Deepest nesting of containers. */
  maxDepth: number;
  /** Some object repeats a key (every container holding one is built, not lazy). */
  hasDuplicateKeys: boolean;
  /** The containers left lazy, already validated: a re-parse after edits elsewhere skips them (see `reuse`). */
  validated: ValidatedSpan[];
}

/**
 * A container the parser validated without building it: its text loads under Python's rules
 * wherever it stands (a container's validity depends on its own text only, and on how deep it
 * nests, which is kept relative).
 */
export interface ValidatedSpan {
  type: 'object' | 'array';
  offset: number;
  length: number;
  /** Containers nested below it, at most (0: none). */
  innerDepth: number;
  /** NaN/Infinity tokens inside, offsets relative to `offset`. */
  nonFinite: NonFiniteToken[];
}

/** Containers whose text is longer than this, below the top level, are built lazily. */
export const LAZY_CONTAINER_CHARS = 4096;

/** Deeper nesting is refused before recursing (Python's json.load raises RecursionError near 1000). */
export const MAX_NESTING = 500;

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  UpperI = 73,
  UpperN = 78,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerT = 116,
  LowerU = 117,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** jsonc-parser's Node, writable while it is being built. */
type MutableNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/** Is `node` a container the fast path built lazily (its text validated, its children built on first access)? */
export function isLazyContainer(node: JsonNode): boolean {
  return node instanceof LazyContainer;
}

/** A container whose children are parsed from its own text on first access. */
class LazyContainer implements JsonNode {
  parent: JsonNode | undefined;
  private kids: JsonNode[] | undefined;
  constructor(
    readonly type: NodeType,
    readonly offset: number,
    readonly length: number,
    private readonly text: string,
  ) {}
  get children(): JsonNode[] {
    if (!this.kids) {
      const p = new Parser(this.text, Infinity);
      p.pos = this.offset;
      const built = p.value(1, true) as JsonNode;
      this.kids = built.children ?? [];
      for (const c of this.kids) (c as MutableNode).parent = this;
    }
    return this.kids;
  }
  set children(v: JsonNode[]) {
    this.kids = v;
  }
}

class Parser {
  pos = 0;
  maxDepth = 0;
  dup = false;
  readonly nonFinite: NonFiniteToken[] = [];
  readonly validated: ValidatedSpan[] = [];
  constructor(
    readonly text: string,
    /** Containers longer than this (below depth 0) are lazy (Infinity while a container with a repeated key is built). */
    public lazyAbove: number,
    /** Containers known to be valid, by offset in `text` (they are not scanned again). */
    readonly known?: ReadonlyMap<number, ValidatedSpan>,
  ) {}

  fail(message: string, at: number): never {
    throw new PyJsonError(message, at);
  }

  ws(): void {
    const t = this.text;
    let i = this.pos;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === C.Space || c === C.LF || c === C.CR || c === C.Tab) i++;
      else break;
    }
    this.pos = i;
  }

  /**
   * Parse the value at `pos` (after whitespace). With `build`, return its node; without,
   * validate only and return undefined. Depth counts containers.
   */
  value(depth: number, build: boolean): JsonNode | undefined {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    switch (c) {
      case C.Quote: {
        const v = this.string();
        return build ? { type: 'string', value: v, offset: start, length: this.pos - start } : undefined;
      }
      case C.OpenBrace:
        return this.object(depth + 1, build);
      case C.OpenBracket:
        return this.array(depth + 1, build);
      case C.LowerN:
        if (t.startsWith('null', start)) {
          this.pos = start + 4;
          return build ? { type: 'null', value: null, offset: start, length: 4 } : undefined;
        }
        break;
      case C.LowerT:
        if (t.startsWith('true', start)) {
          this.pos = start + 4;
          return build ? { type: 'boolean', value: true, offset: start, length: 4 } : undefined;
        }
        break;
      case C.LowerF:
        if (t.startsWith('false', start)) {
          this.pos = start + 5;
          return build ? { type: 'boolean', value: false, offset: start, length: 5 } : undefined;
        }
        break;
      case C.UpperN:
        if (t.startsWith('NaN', start)) return this.nonFiniteToken(start, 'NaN', build);
        break;
      case C.UpperI:
        if (t.startsWith('Infinity', start)) return this.nonFiniteToken(start, 'Infinity', build);
        break;
      case C.Minus:
        if (t.startsWith('-Infinity', start)) return this.nonFiniteToken(start, '-Infinity', build);
        break;
    }
    return this.number(start, build);
  }

  nonFiniteToken(start: number, raw: NonFiniteToken['raw'], build: boolean): JsonNode | undefined {
    this.pos = start + raw.length;
    this.nonFinite.push({ offset: start, length: raw.length, raw });
    return build ? { type: 'number', value: raw === 'NaN' ? NaN : raw === 'Infinity' ? Infinity : -Infinity, offset: start, length: raw.length } : undefined;
  }

  /** CPython's _match_number_unicode: `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, backtracking a bare `.` or `e`. */
  number(start: number, build: boolean): JsonNode | undefined {
    const t = this.text;
    let i = start;
    if (t.charCodeAt(i) === C.Minus) i++;
    const c = t.charCodeAt(i);
    if (c >= 49 && c <= C.Nine) {
      i++;
      while (isDigit(t.charCodeAt(i))) i++;
    } else if (c === C.Zero) {
      i++;
    } else {
      this.fail('Expecting value', start);
    }
    if (t.charCodeAt(i) === C.Dot && isDigit(t.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const e = t.charCodeAt(i);
    if (e === C.LowerE || e === C.UpperE) {
      let j = i + 1;
      const s = t.charCodeAt(j);
      if (s === C.Plus || s === C.Minus) j++;
      if (isDigit(t.charCodeAt(j))) {
        j++;
        while (isDigit(t.charCodeAt(j))) j++;
        i = j;
      }
    }
    this.pos = i;
    return build ? { type: 'number', value: Number(t.slice(start, i)), offset: start, length: i - start } : undefined;
  }

  /** CPython's scanstring_unicode, strict. `pos` at the opening quote; returns the decoded string. */
  string(): string {
    const t = this.text;
    const begin = this.pos;
    let i = begin + 1;
    let chunkStart = i;
    let out: string | undefined;
    for (;;) {
      let c = 0;
      // the fast scan: to the next quote, backslash or control character
      for (; i < t.length; i++) {
        c = t.charCodeAt(i);
        if (c === C.Quote || c === C.Backslash) break;
        if (c <= 0x1f) this.fail('Invalid control character at', i);
      }
      if (i >= t.length) this.fail('Unterminated string starting at', begin);
      if (c === C.Quote) {
        this.pos = i + 1;
        return out === undefined ? t.slice(chunkStart, i) : out + t.slice(chunkStart, i);
      }
      // backslash
      out = (out ?? '') + t.slice(chunkStart, i);
      const bs = i;
      i++;
      if (i >= t.length) this.fail('Unterminated string starting at', begin);
      const e = t.charCodeAt(i);
      if (e !== C.LowerU) {
        const m = ESCAPES[e];
        if (m === undefined) this.fail('Invalid \\escape', bs);
        out += m;
        i++;
      } else {
        // \uXXXX, and a following \uXXXX low surrogate joins a high one (Python does the same)
        i++;
        if (i + 4 > t.length) this.fail('Invalid \\uXXXX escape', i - 1);
        const u = hex4(t, i);
        if (u < 0) this.fail('Invalid \\uXXXX escape', i - 1);
        i += 4;
        if (u >= 0xd800 && u <= 0xdbff && t.charCodeAt(i) === C.Backslash && t.charCodeAt(i + 1) === C.LowerU) {
          const lo = i + 6 <= t.length ? hex4(t, i + 2) : -1;
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            out += String.fromCharCode(u, lo);
            i += 6;
            chunkStart = i;
            continue;
          }
        }
        out += String.fromCharCode(u);
      }
      chunkStart = i;
    }
  }

  object(depth: number, build: boolean): JsonNode | undefined {
    const t = this.text;
    const start = this.pos;
    if (depth > this.maxDepth) this.maxDepth = depth;
    if (depth > MAX_NESTING) this.fail('maximum recursion depth exceeded', start);
    if (build && depth > 1 && this.lazyAbove !== Infinity && (this.known?.has(start) || this.isBig(start))) return this.lazy('object', start, depth);
    this.pos = start + 1;
    this.ws();
    const node: MutableNode | undefined = build ? { type: 'object', offset: start, length: 0, children: [] } : undefined;
    let keys: string[] | undefined;
    let keySet: Set<string> | undefined;
    if (t.charCodeAt(this.pos) !== C.CloseBrace) {
      for (;;) {
        const keyStart = this.pos;
        if (t.charCodeAt(keyStart) !== C.Quote) this.fail('Expecting property name enclosed in double quotes', keyStart);
        const key = this.string();
        const keyEnd = this.pos;
        if (!this.dup) {
          // duplicate keys: a list for the usual few keys, a set for big objects (the `dataset` key)
          if (keys === undefined) keys = [key];
          else if (keySet !== undefined) {
            if (keySet.has(key)) this.dup = true;
            else keySet.add(key);
          } else if (keys.includes(key)) this.dup = true;
          else if (keys.push(key) > 16) keySet = new Set(keys);
        }
        this.ws();
        const colon = this.pos;
        if (t.charCodeAt(colon) !== C.Colon) this.fail("Expecting ':' delimiter", colon);
        this.pos++;
        this.ws();
        const v = this.value(depth, build);
        if (node) {
          const prop: MutableNode = { type: 'property', offset: keyStart, length: this.pos - keyStart, colonOffset: colon, parent: node, children: [] };
          const k: JsonNode = { type: 'string', value: key, offset: keyStart, length: keyEnd - keyStart, parent: prop };
          (v as MutableNode).parent = prop;
          prop.children!.push(k, v!);
          node.children!.push(prop);
        }
        this.ws();
        const c = t.charCodeAt(this.pos);
        if (c === C.CloseBrace) break;
        if (c !== C.Comma) this.fail("Expecting ',' delimiter", this.pos);
        this.pos++;
        this.ws();
      }
    }
    this.pos++;
    if (node) node.length = this.pos - start;
    return node;
  }

  array(depth: number, build: boolean): JsonNode | undefined {
    const t = this.text;
    const start = this.pos;
    if (depth > this.maxDepth) this.maxDepth = depth;
    if (depth > MAX_NESTING) this.fail('maximum recursion depth exceeded', start);
    if (build && depth > 1 && this.lazyAbove !== Infinity && (this.known?.has(start) || this.isBig(start))) return this.lazy('array', start, depth);
    this.pos = start + 1;
    this.ws();
    const node: MutableNode | undefined = build ? { type: 'array', offset: start, length: 0, children: [] } : undefined;
    if (t.charCodeAt(this.pos) !== C.CloseBracket) {
      for (;;) {
        const v = this.value(depth, build);
        if (node) {
          (v as MutableNode).parent = node;
          node.children!.push(v!);
        }
        this.ws();
        const c = t.charCodeAt(this.pos);
        if (c === C.CloseBracket) break;
        if (c !== C.Comma) this.fail("Expecting ',' delimiter", this.pos);
        this.pos++;
        this.ws();
      }
    }
    this.pos++;
    if (node) node.length = this.pos - start;
    return node;
  }

  /**
   * Is the container at `start` longer than `lazyAbove`? A quick string-aware bracket scan up
   * to the limit (no validation: `lazy` validates).
   */
  isBig(start: number): boolean {
    const t = this.text;
    const limit = Math.min(t.length, start + this.lazyAbove + 1);
    let depth = 0;
    for (let i = start; i < limit; i++) {
      const c = t.charCodeAt(i);
      if (c === C.Quote) {
        for (i++; i < limit; i++) {
          const d = t.charCodeAt(i);
          if (d === C.Backslash) i++;
          else if (d === C.Quote) break;
        }
      } else if (c === C.OpenBrace || c === C.OpenBracket) depth++;
      else if (c === C.CloseBrace || c === C.CloseBracket) {
        if (--depth === 0) return false;
      }
    }
    return limit - start > this.lazyAbove;
  }

  /** Whether a repeated key was seen since the last call (the flag starts again from false). */
  takeDuplicateFlag(): boolean {
    const d = this.dup;
    this.dup = false;
    return d;
  }

  /**
   * Validate the big container at `start` without building it (unless it is known valid), and
   * hand out a lazy node. A container that repeats a key somewhere inside is built instead:
   * NNU004 needs the nodes of the object that repeats it (and a lazy container is then known
   * to hold no repeated key).
   */
  lazy(type: 'object' | 'array', start: number, depth: number): JsonNode {
    const known = this.known?.get(start);
    let span: ValidatedSpan;
    if (known && known.type === type && depth + known.innerDepth <= MAX_NESTING) {
      span = { ...known, offset: start };
      this.pos = start + known.length;
      this.maxDepth = Math.max(this.maxDepth, depth + known.innerDepth);
      for (const t of known.nonFinite) this.nonFinite.push({ ...t, offset: start + t.offset });
    } else {
      this.pos = start;
      const outer = this.maxDepth;
      const before = this.nonFinite.length;
      const dupBefore = this.takeDuplicateFlag();
      this.maxDepth = depth;
      if (type === 'object') this.object(depth, false);
      else this.array(depth, false);
      const dupInside = this.takeDuplicateFlag();
      this.dup = dupBefore || dupInside;
      if (dupInside) {
        // build it after all, every node below it (its nesting and NaN tokens are counted again)
        this.pos = start;
        this.maxDepth = outer;
        this.nonFinite.length = before;
        const lazyAbove = this.lazyAbove;
        this.lazyAbove = Infinity;
        try {
          return (type === 'object' ? this.object(depth, true) : this.array(depth, true))!;
        } finally {
          this.lazyAbove = lazyAbove;
        }
      }
      span = {
        type,
        offset: start,
        length: this.pos - start,
        innerDepth: this.maxDepth - depth,
        nonFinite: this.nonFinite.slice(before).map((t) => ({ ...t, offset: t.offset - start })),
      };
      this.maxDepth = Math.max(outer, this.maxDepth);
    }
    this.validated.push(span);
    return new LazyContainer(type, start, span.length, this.text);
  }
}

const ESCAPES: (string | undefined)[] = [];
ESCAPES[C.Quote] = '"';
ESCAPES[C.Backslash] = '\\';
ESCAPES[47] = '/';
ESCAPES[98] = '\b';
ESCAPES[C.LowerF] = '\f';
ESCAPES[C.LowerN] = '\n';
ESCAPES[114] = '\r';
ESCAPES[C.LowerT] = '\t';

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function hex4(t: string, i: number): number {
  const a = hexDigit(t.charCodeAt(i));
  const b = hexDigit(t.charCodeAt(i + 1));
  const c = hexDigit(t.charCodeAt(i + 2));
  const d = hexDigit(t.charCodeAt(i + 3));
  return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
}

/**
 * Parse `text` as Python's `json.loads` would. Returns the tree (lazy below the top level for
 * big containers unless `eager`); throws PyJsonError with Python's message and offset.
 * `reuse`: containers of an earlier parse known to be valid, at their offsets in `text` (see
 * shiftValidated): they are not scanned again.
 */
export function parseStrict(text: string, options: { eager?: boolean; build?: boolean; reuse?: readonly ValidatedSpan[] } = {}): StrictParse {
  if (text.charCodeAt(0) === 0xfeff) throw new PyJsonError('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  const build = options.build !== false;
  const known = options.reuse?.length ? new Map(options.reuse.map((v) => [v.offset, v])) : undefined;
  const p = new Parser(text, options.eager ? Infinity : LAZY_CONTAINER_CHARS, known);
  p.ws();
  if (p.pos >= text.length) p.fail('Expecting value', p.pos);
  const root = p.value(0, build);
  p.ws();
  if (p.pos !== text.length) p.fail('Extra data', p.pos);
  return { root: root as JsonNode, nonFinite: p.nonFinite, maxDepth: p.maxDepth, hasDuplicateKeys: p.dup, validated: p.validated };
}

/**
 * The validated containers of a text that still stand, unchanged, after `edits` (sorted, not
 * overlapping, as applyEdits applies them), at their offsets in the new text. A container an
 * edit touches inside is dropped (it is validated again).
 */
export function shiftValidated(spans: readonly ValidatedSpan[], edits: readonly { offset: number; length: number; content: string }[]): ValidatedSpan[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const out: ValidatedSpan[] = [];
  for (const v of spans) {
    const end = v.offset + v.length;
    let delta = 0;
    let touched = false;
    for (const e of sorted) {
      if (e.offset + e.length <= v.offset) {
        // entirely before the container (an insertion at its first character is before it)
        delta += e.content.length - e.length;
      } else if (e.offset >= end) {
        break;
      } else {
        touched = true;
        break;
      }
    }
    if (!touched) out.push({ ...v, offset: v.offset + delta });
  }
  return out;
}

/** Does `text` load under Python's json.loads? (Validation only: nothing is built.) */
export function pythonLoadError(text: string): PyJsonError | undefined {
  try {
    parseStrict(text, { build: false });
    return undefined;
  } catch (e) {
    if (e instanceof PyJsonError) return e;
    throw e;
  }
}

/**
 * Python's full message for an error, `Expecting value: line 1 column 1 (char 0)`, as
 * `json.load(open(path))` reports it: the file is read in text mode, so `\r\n` and `\r` count
 * as one line break, and positions count code points.
 */
export function pythonErrorMessage(text: string, e: { message: string; offset: number }): string {
  const { line, column, char } = pythonPosition(text, e.offset);
  return `${e.message}: line ${line} column ${column} (char ${char})`;
}

/** Python's (line, column, char) of a UTF-16 offset in `text`, after universal-newline translation. */
function pythonPosition(text: string, offset: number): { line: number; column: number; char: number } {
  let char = 0;
  let line = 1;
  let lineStartChar = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++; // one code point
    }
    if (c === C.CR && text.charCodeAt(i + 1) === C.LF) i++; // \r\n reads as one \n
    char++;
    if (c === C.LF || c === C.CR) {
      line++;
      lineStartChar = char;
    }
  }
  return { line, column: char - lineStartChar + 1, char };
}

/**
 * bytes -> Document: decoded text, BOM, EOL, indentation, final newline, the
 * jsonc-parser tree, comments (`//`, `/* *\/` and Python-style `#`), trailing commas,
 * duplicate keys and non-finite number tokens. Pure; never JSON.parse + stringify.
 *
 * Offsets everywhere are offsets into `Document.text`, which is the decoded file
 * content *including* a leading U+FEFF when the file has a UTF-8 BOM. The parser
 * sees a masked copy of the same length (BOM and `#` comments replaced by spaces,
 * NaN/Infinity by a zero of the same length), so tree offsets and text offsets are the same.
 */
import { createScanner, getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isLazyContainer, MAX_NESTING, parseStrict, PyJsonError, shiftValidated, type StrictParse, type ValidatedSpan } from './pyparse.js';

export interface Comment {
  offset: number;
  length: number;
  kind: 'line' | 'block' | 'hash';
}

interface ParseProblem {
  offset: number;
  length: number;
  /** jsonc-parser's error name, e.g. CommaExpected. */
  code: string;
}

interface DuplicateKey {
  /** The object node holding the duplicates. */
  object: JsonNode;
  key: string;
  /** Property nodes in source order; Python keeps the last. */
  properties: JsonNode[];
}

interface NonFinite {
  offset: number;
  length: number;
  raw: 'NaN' | 'Infinity' | '-Infinity';
}

export interface Document {
  /** Decoded text, BOM character included when present. */
  text: string;
  bom: boolean;
  /** The document's first line break, `\n` when it has none. */
  eol: '\n' | '\r\n';
  /** One level of indentation: spaces or a tab (computed on first use). */
  readonly indent: string;
  finalNewline: boolean;
  /** The tree (undefined when there is no value at all). */
  root: JsonNode | undefined;
  /** Errors that make the file unreadable even as JSONC. */
  parseErrors: ParseProblem[];
  comments: Comment[];
  /** Offsets of commas directly before `}` or `]`. */
  trailingCommas: number[];
  duplicateKeys: DuplicateKey[];
  nonFinite: NonFinite[];
  /** Line starts, found as far as positions are asked for (a 60 MB file is not indexed for a diagnostic on line 5). */
  readonly lines: LineIndex;
  /**
   * Python's json.load error once the comments, trailing commas and BOM are gone (what
   * NNU002/NNU003 repair): the message without position and its offset in `text`. Undefined
   * when Python loads the text (after those repairs).
   */
  pyError?: { message: string; offset: number };
  /** Python's json.load reads the text exactly as it is (no comment, trailing comma, BOM or error). */
  strict: boolean;
  /** Large containers the fast path validated without building them (a re-parse after edits elsewhere skips them). @internal */
  validated?: readonly ValidatedSpan[];
}

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string; offset: number };

/** Decode file bytes as UTF-8, rejecting UTF-16 and invalid byte sequences with an offset. */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const which = bytes[0] === 0xff ? 'UTF-16 LE' : 'UTF-16 BE';
    return { ok: false, reason: `file is ${which} (starts with a UTF-16 byte-order mark); Python's json.load reads UTF-8`, offset: 0 };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16ish = looksLikeUtf16(bytes);
    return {
      ok: false,
      reason: utf16ish
        ? "file looks like UTF-16 without a byte-order mark (NUL bytes); Python's json.load reads UTF-8"
        : 'file contains NUL bytes: binary content, not a JSON text',
      offset: nul,
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const b = bytes[offset];
    return {
      ok: false,
      reason: `invalid UTF-8 byte 0x${(b ?? 0).toString(16).padStart(2, '0')} (Latin-1/cp1252 text?); Python's json.load reads UTF-8`,
      offset,
    };
  }
}

/** UTF-16 without a BOM: NULs at nearly every even (BE) or odd (LE) position of the start. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 256) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const half = n / 2;
  return (even > 0.7 * half && odd < 0.1 * half) || (odd > 0.7 * half && even < 0.1 * half);
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= bytes.length) return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return bytes.length;
}

/** jsonc-parser's SyntaxKind values (a const enum, which isolatedModules cannot read). */
const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  NumericLiteral: 11,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;
type SyntaxKind = number;

export interface ParseOptions {
  /**
   * `jsonc` forces the full JSONC path (jsonc-parser) even for a text Python loads as it is:
   * the tests run both paths on every corpus file and require the same diagnostics and output.
   */
  path?: 'auto' | 'jsonc';
  /**
   * The text is `from.text` with `edits` applied (the engine's next pass): the large containers
   * `from` validated that no edit touches are not scanned again.
   */
  after?: { from: Document; edits: readonly { offset: number; length: number; content: string }[] };
}

/**
 * Parse a decoded text into a Document. Never throws. The text is read once: a file Python
 * loads as it is (nearly every dataset.json) takes the fast path (src/pyparse.ts: Python's own
 * rules, nodes built only where needed); anything else (comments, trailing commas, a BOM,
 * errors) the full JSONC path (jsonc-parser), which records what NNU001-NNU003 report.
 */
export function parseDocument(text: string, options: ParseOptions = {}): Document {
  if (options.path === 'jsonc') return parseJsonc(text);
  let fast: StrictParse | undefined;
  try {
    const reuse = options.after?.from.validated ? shiftValidated(options.after.from.validated, options.after.edits) : undefined;
    // a container repeating a key is built whole (NNU004 says which property Python keeps)
    fast = parseStrict(text, { reuse });
  } catch (e) {
    if (!(e instanceof PyJsonError)) throw e;
  }
  if (fast) {
    const root = fast.root;
    return makeDocument(text, {
      bom: false,
      root,
      parseErrors: [],
      comments: [],
      trailingCommas: [],
      duplicateKeys: fast.hasDuplicateKeys ? findDuplicateKeys(root) : [],
      nonFinite: fast.nonFinite,
      strict: true,
      validated: fast.validated,
    });
  }
  return parseJsonc(text);
}

/**
 * A node's value as plain JavaScript, as jsonc-parser's getNodeValue gives it: numbers are
 * doubles, so not for a value that must be exact (a label value, a count). A large container
 * the fast path left unbuilt (the v1 `training` list) is read by V8's JSON.parse from its own
 * text, without building its nodes: the text is strict JSON there (Python loaded it, and it
 * holds no NaN or Infinity; a repeated key makes the fast path build every node instead).
 */
export function plainValue(doc: Document, node: JsonNode): unknown {
  const end = node.offset + node.length;
  if (isLazyContainer(node) && !doc.nonFinite.some((n) => n.offset >= node.offset && n.offset < end)) return JSON.parse(doc.text.slice(node.offset, end));
  return getNodeValue(node);
}

/** The Document fields that are computed on first use. */
function makeDocument(text: string, fields: Omit<Document, 'text' | 'eol' | 'indent' | 'finalNewline' | 'lines'>): Document {
  let lines: LineIndex | undefined;
  let indent: string | undefined;
  return {
    text,
    eol: detectEol(text),
    finalNewline: text.endsWith('\n'),
    ...fields,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    get indent() {
      return (indent ??= detectIndent(text, fields.root));
    },
  };
}

/**
 * The text with what NNU002/NNU003 remove (comments, trailing commas, a BOM) blanked out,
 * line breaks kept: Python's errors on it are at the same line, column and offset as in the
 * file.
 */
function blankRepairable(text: string, comments: Comment[], trailingCommas: number[], bom: boolean): string {
  const spans: [number, number][] = comments.map((c) => [c.offset, c.length]);
  for (const off of trailingCommas) spans.push([off, 1]);
  if (bom) spans.push([0, 1]);
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [off, len] of spans) {
    if (off < from) continue;
    out += text.slice(from, off) + text.slice(off, off + len).replace(/[^\r\n]/g, ' ');
    from = off + len;
  }
  return out + text.slice(from);
}

/** The full JSONC path of parseDocument. */
function parseJsonc(text: string): Document {
  const bom = text.charCodeAt(0) === 0xfeff;
  // Masks over the text (same length): [offset, replacement]. Built as slices at the end
  // (a per-character array costs seconds and hundreds of MB on a 10 MB file).
  const masks: [number, string][] = [];
  if (bom) masks.push([0, ' ']);

  const comments: Comment[] = [];
  const trailingCommas: number[] = [];
  const nonFinite: NonFinite[] = [];

  // One scan over the text: comments, trailing commas, `#` comments, NaN/Infinity.
  const scanner = createScanner(text, false);
  if (bom) scanner.setPosition(1);
  let lastSignificant: SyntaxKind | undefined;
  let lastSignificantOffset = -1;
  let depth = 0;
  let maxDepth = 0;
  for (;;) {
    // a number: jsonc-parser's SyntaxKind is a const enum, compared with the values above
    const kind: SyntaxKind = scanner.scan();
    if (kind === SyntaxKind.EOF) break;
    const off = scanner.getTokenOffset();
    const len = scanner.getTokenLength();
    switch (kind) {
      case SyntaxKind.LineCommentTrivia:
        comments.push({ offset: off, length: len, kind: 'line' });
        continue;
      case SyntaxKind.BlockCommentTrivia:
        comments.push({ offset: off, length: len, kind: 'block' });
        continue;
      case SyntaxKind.LineBreakTrivia:
      case SyntaxKind.Trivia:
        continue;
      case SyntaxKind.Unknown: {
        const value = scanner.getTokenValue();
        if (text[off] === '#') {
          // Python-style comment: to the end of the line (strings cannot span lines).
          let end = off;
          while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
          comments.push({ offset: off, length: end - off, kind: 'hash' });
          masks.push([off, ' '.repeat(end - off)]);
          scanner.setPosition(end);
          continue;
        }
        // A token glued to the one before (`1NaN`, `2.5eInfinity`) is not a NaN/Infinity value:
        // Python rejects it, so it must stay an unknown token (a syntax error), not be masked.
        const glued = off > 0 && /[\w.+-]/.test(text[off - 1]!);
        if (!glued && (value === 'NaN' || value === 'Infinity')) {
          nonFinite.push({ offset: off, length: len, raw: value });
          // A number of the same length (`0.0`, `0.000000`), so the node spans the whole token:
          // an edit after it (a property inserted last) must not land inside `NaN`.
          masks.push([off, '0.'.padEnd(len, '0')]);
          lastSignificant = SyntaxKind.NumericLiteral;
          lastSignificantOffset = off;
          continue;
        }
        // `-Infinity` only when `Infinity` ends there (not `-Infinitye5`, `-InfinityX`).
        if (!glued && value === '-' && text.startsWith('Infinity', off + 1) && !/[^\s{}[\],:"/]/.test(text[off + 9] ?? ' ')) {
          nonFinite.push({ offset: off, length: 9, raw: '-Infinity' });
          masks.push([off, '-0.'.padEnd(9, '0')]);
          scanner.setPosition(off + 9);
          lastSignificant = SyntaxKind.NumericLiteral;
          lastSignificantOffset = off;
          continue;
        }
        break;
      }
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        depth++;
        if (depth > maxDepth) maxDepth = depth;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth--;
        if (lastSignificant === SyntaxKind.CommaToken) trailingCommas.push(lastSignificantOffset);
        break;
      default:
        break;
    }
    lastSignificant = kind;
    lastSignificantOffset = off;
  }

  let masked = '';
  let from = 0;
  for (const [off, rep] of masks) {
    masked += text.slice(from, off) + rep;
    from = off + rep.length;
  }
  masked += text.slice(from);
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  let parseErrors: ParseProblem[];
  if (maxDepth > MAX_NESTING) {
    // Python's json.load raises RecursionError long before this; the recursive parser would too.
    parseErrors = [{ offset: 0, length: 0, code: 'NestingTooDeep' }];
  } else {
    root = parseTree(masked, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
    parseErrors = errors.map((e) => ({ offset: e.offset, length: e.length, code: printParseErrorCode(e.error) }));
  }

  // What Python says once the repairable parts are gone. An error there that jsonc-parser
  // accepted (a no-break space or form feed between tokens) still stops nnU-Net: it is a parse
  // error too (NNU001), and nothing is written.
  let pyError: Document['pyError'];
  if (parseErrors[0]?.code !== 'NestingTooDeep') {
    try {
      parseStrict(blankRepairable(text, comments, trailingCommas, bom), { build: false });
    } catch (e) {
      if (!(e instanceof PyJsonError)) throw e;
      pyError = { message: e.message, offset: e.offset };
      if (!parseErrors.length) parseErrors = [{ offset: e.offset, length: 1, code: 'PythonRejects' }];
    }
  }
  return makeDocument(text, {
    bom,
    root,
    parseErrors,
    comments,
    trailingCommas,
    duplicateKeys: root ? findDuplicateKeys(root) : [],
    nonFinite,
    pyError,
    strict: false,
  });
}

function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * One indentation level: the whitespace before the first property of the top-level
 * object when it starts a line (npm's rule), else the smallest indentation in the file,
 * else four spaces (what nnU-Net's save_json writes).
 */
function detectIndent(text: string, root: JsonNode | undefined): string {
  const first = root?.type === 'object' ? root.children?.[0] : undefined;
  if (first) {
    const ls = text.lastIndexOf('\n', first.offset - 1) + 1;
    const lead = text.slice(ls, first.offset);
    if (ls > 0 && /^[ \t]+$/.test(lead)) return lead[0] === '\t' ? '\t' : lead;
  }
  let best: string | undefined;
  for (const m of text.matchAll(/\n([ \t]+)\S/g)) {
    const w = m[1]!;
    if (w[0] === '\t') return '\t';
    if (!best || w.length < best.length) best = w;
  }
  return best ?? '    ';
}

/** Start offsets of the lines of a text, found on demand up to the offsets asked for. */
class LineIndex {
  private readonly starts = [0];
  /** Every line break before this offset is in `starts`. */
  private scanned = 0;
  constructor(private readonly text: string) {}

  /** 1-based line and column of an offset (column in UTF-16 units). */
  position(offset: number): { line: number; column: number } {
    const t = this.text;
    while (this.scanned <= offset && this.scanned < t.length) {
      const nl = t.indexOf('\n', this.scanned);
      if (nl < 0 || nl >= offset) {
        this.scanned = nl < 0 ? t.length : nl;
        break;
      }
      this.starts.push(nl + 1);
      this.scanned = nl + 1;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** 1-based line and column of an offset. */
export function positionAt(doc: Pick<Document, 'lines'>, offset: number): { line: number; column: number } {
  return doc.lines.position(offset);
}

function findDuplicateKeys(root: JsonNode): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    // a container the fast path left lazy holds no repeated key (see pyparse.ts)
    if (isLazyContainer(node)) continue;
    if (node.type === 'object' && node.children && node.children.length > 1) {
      const byKey = new Map<string, JsonNode[]>();
      for (const p of node.children) {
        const k: unknown = p.children?.[0]?.value;
        if (typeof k !== 'string') continue;
        const list = byKey.get(k);
        if (list) list.push(p);
        else byKey.set(k, [p]);
      }
      for (const [key, properties] of byKey) if (properties.length > 1) out.push({ object: node, key, properties });
    }
    if (node.children) for (const c of node.children) stack.push(c);
  }
  return out.sort((a, b) => a.properties[0]!.offset - b.properties[0]!.offset);
}

/**
 * The few text edits every fix is made of: replace a token, rename a key, insert a
 * property first or last, remove a property, remove a comment or a trailing comma.
 * Each returns TextEdit[] against the document's text and touches only the bytes it
 * must: whitespace, line structure and everything else stay. Pure functions.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Comment, Document } from './document.js';
import type { TextEdit } from './types.js';

/** A JSON string literal; non-ASCII stays literal (as in the files users write). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** Replace a whole node (a value token, or a whole object) by `content`. */
export function replaceNode(node: JsonNode, content: string): TextEdit {
  return { offset: node.offset, length: node.length, content };
}

/** The key node of a property node. */
function keyOf(prop: JsonNode): JsonNode {
  return prop.children![0]!;
}

/** The value node of a property node. */
export function valueOf(prop: JsonNode): JsonNode | undefined {
  return prop.children?.[1];
}

/** Rename a property's key in place: only the key token changes. */
export function renameKey(prop: JsonNode, newKey: string): TextEdit {
  return replaceNode(keyOf(prop), jsonString(newKey));
}

/** Start offset of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Whitespace before `offset` on its line, or undefined when other text precedes it. */
function leadingWhitespace(text: string, offset: number): string | undefined {
  const ls = lineStart(text, offset);
  const lead = text.slice(ls, offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

/** The text between a property's key and its value, e.g. `: ` (from the object's first property). */
export function colonStyle(doc: Document, obj: JsonNode): string {
  const p = obj.children?.[0];
  const k = p?.children?.[0];
  const v = p?.children?.[1];
  if (k && v) {
    const between = doc.text.slice(k.offset + k.length, v.offset);
    if (/^[ \t]*:[ \t]*$/.test(between)) return between;
  }
  return ': ';
}

/**
 * The separator between two properties of `obj` for an inserted one: a comma, then
 * either a line break and the indentation of the siblings, or the inline spacing used
 * between the existing properties.
 */
function separatorStyle(doc: Document, obj: JsonNode): string {
  const kids = obj.children ?? [];
  const first = kids[0];
  if (!first) return ', ';
  const lead = leadingWhitespace(doc.text, first.offset);
  if (lead !== undefined && lineStart(doc.text, first.offset) > obj.offset) return ',' + doc.eol + lead;
  const second = kids[1];
  if (second) {
    const between = doc.text.slice(first.offset + first.length, second.offset);
    if (/^[ \t]*,[ \t]*$/.test(between)) return between.trimStart();
  }
  return ', ';
}

/** Insert `"key": raw` as the first property of `obj`, formatted like its siblings. */
export function insertFirstProperty(doc: Document, obj: JsonNode, key: string, raw: string): TextEdit {
  const first = obj.children?.[0];
  const prop = jsonString(key) + colonStyle(doc, obj) + raw;
  if (!first) return { offset: obj.offset + 1, length: 0, content: prop };
  return { offset: first.offset, length: 0, content: prop + separatorStyle(doc, obj) };
}

/** Insert `"key": raw` as the last property of `obj`, formatted like its siblings. */
export function insertLastProperty(doc: Document, obj: JsonNode, key: string, raw: string): TextEdit {
  const kids = obj.children ?? [];
  const last = kids[kids.length - 1];
  const prop = jsonString(key) + colonStyle(doc, obj) + raw;
  if (!last) return { offset: obj.offset + 1, length: 0, content: prop };
  const lead = leadingWhitespace(doc.text, last.offset);
  const sep = lead !== undefined && lineStart(doc.text, last.offset) > obj.offset ? ',' + doc.eol + lead : separatorStyle(doc, obj);
  return { offset: last.offset + last.length, length: 0, content: sep + prop };
}

/**
 * Remove a property with its comma. A middle or first property takes the text up to the
 * next property (so the next one inherits its indentation); the last one takes the text
 * from the end of the previous property; an only property empties the object.
 */
export function removeProperty(obj: JsonNode, prop: JsonNode): TextEdit {
  const kids = obj.children ?? [];
  const i = kids.indexOf(prop);
  if (kids.length === 1) return { offset: obj.offset + 1, length: obj.length - 2, content: '' };
  if (i < kids.length - 1) {
    const next = kids[i + 1]!;
    return { offset: prop.offset, length: next.offset - prop.offset, content: '' };
  }
  const prev = kids[i - 1]!;
  const from = prev.offset + prev.length;
  return { offset: from, length: prop.offset + prop.length - from, content: '' };
}

/**
 * Remove a comment. A comment alone on its line(s) takes the whole line(s) with the line
 * break; a comment after code takes the blanks before it too.
 */
export function removeComment(doc: Document, c: Comment): TextEdit {
  const t = doc.text;
  const ls = lineStart(t, c.offset);
  const before = t.slice(ls, c.offset);
  let end = c.offset + c.length;
  let lineEnd = end;
  while (lineEnd < t.length && (t[lineEnd] === ' ' || t[lineEnd] === '\t')) lineEnd++;
  const alone = /^[ \t\uFEFF]*$/.test(before) && (lineEnd === t.length || t[lineEnd] === '\n' || t[lineEnd] === '\r');
  if (alone) {
    let from = ls;
    if (t[from] === '\uFEFF') from++;
    if (lineEnd < t.length) {
      end = t[lineEnd] === '\r' && t[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    } else {
      // last line without a line break: remove the break before it instead
      end = lineEnd;
      if (from > 0) from = t[from - 2] === '\r' ? from - 2 : from - 1;
    }
    return { offset: from, length: end - from, content: '' };
  }
  let from = c.offset;
  while (from > ls && (t[from - 1] === ' ' || t[from - 1] === '\t')) from--;
  // keep one blank when code follows on the same line (`1 /* c */ ,` stays `1 ,`)
  if (c.kind === 'block' && lineEnd < t.length && t[lineEnd] !== '\n' && t[lineEnd] !== '\r') {
    return { offset: c.offset, length: lineEnd - c.offset, content: '' };
  }
  return { offset: from, length: end - from, content: '' };
}

/** Apply non-overlapping edits to a text. Throws on overlap (a bug in a rule). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.offset < pos) throw new Error(`overlapping edits at offset ${e.offset}`);
    out += text.slice(pos, e.offset) + e.content;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}

/**
 * Write new property texts into the existing property slots of `obj`, slot by slot:
 * commas, line breaks and indentation between the slots stay exactly as they are.
 * Used to invert or reorder entries without touching the object's layout.
 */
export function rewriteSlots(obj: JsonNode, texts: string[]): TextEdit[] {
  const kids = obj.children ?? [];
  if (texts.length !== kids.length) throw new Error('rewriteSlots: one text per property is required');
  return kids.map((p, i) => ({ offset: p.offset, length: p.length, content: texts[i]! }));
}

/** The raw text between a property's key and value (`: `), as written. */
export function colonOf(doc: Document, prop: JsonNode): string {
  const k = prop.children?.[0];
  const v = prop.children?.[1];
  return k && v ? doc.text.slice(k.offset + k.length, v.offset) : ': ';
}

/** The raw source text of a node. */
export function rawOf(doc: Document, node: JsonNode): string {
  return doc.text.slice(node.offset, node.offset + node.length);
}

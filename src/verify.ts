/**
 * Verify a fixed text before anything is written: it must load under Python's
 * json.load rules, and every value and every key order outside the fix scopes must
 * be unchanged. Pure.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { parseDocument, type Document } from './document.js';
import type { PyValue } from './pyjson.js';
import { pythonLoadError } from './pyparse.js';
import type { JsonPath } from './types.js';

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** The value tree of a parsed (possibly JSONC) document, in the same form as parsePython's. */
export function toPyValue(doc: Document, node: JsonNode): PyValue {
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        pairs: (node.children ?? []).map((p) => [
          String(p.children?.[0]?.value),
          p.children?.[1] ? toPyValue(doc, p.children[1]) : { type: 'scalar', raw: 'null' },
        ]),
      };
    case 'array':
      return { type: 'array', items: (node.children ?? []).map((c) => toPyValue(doc, c)) };
    case 'string':
      return { type: 'scalar', raw: JSON.stringify(node.value) };
    case 'number': {
      const nf = doc.nonFinite.find((n) => n.offset === node.offset);
      return { type: 'scalar', raw: nf ? nf.raw : doc.text.slice(node.offset, node.offset + node.length) };
    }
    default:
      return { type: 'scalar', raw: doc.text.slice(node.offset, node.offset + node.length) };
  }
}

/**
 * Check a fixed document against the original, before anything is written: it must load under
 * Python's json.load rules (unless comments or a BOM stay on purpose because NNU002/NNU003 were
 * not selected: then it must parse as JSONC), and every value and key order outside the fix
 * scopes must be unchanged. Both documents are already parsed (the engine parses every text
 * once); subtrees whose source text is byte-identical are equal without being walked.
 */
export function verifyFixed(original: Document, fixed: Document, scope: JsonPath[]): VerifyResult {
  // Comments, trailing commas or a BOM may stay only when the original had them (the user
  // turned NNU002/NNU003 off); a fix never adds one.
  const jsonc = (d: Document) => d.bom || d.comments.length > 0 || d.trailingCommas.length > 0;
  const leftOnPurpose =
    jsonc(fixed) &&
    (!fixed.bom || original.bom) &&
    fixed.comments.length <= original.comments.length &&
    fixed.trailingCommas.length <= original.trailingCommas.length;
  if (!leftOnPurpose && !fixed.strict) {
    // parsed by the full JSONC path: ask Python's rules directly
    const e = pythonLoadError(fixed.text);
    if (e) return { ok: false, reason: `the fixed text would not load in Python's json.load: ${e.message} (offset ${e.offset})` };
  }
  if (fixed.parseErrors.length || !fixed.root) return { ok: false, reason: `the fixed text does not parse (${fixed.parseErrors[0]?.code ?? 'empty'})` };
  if (!original.root) return { ok: false, reason: 'the original has no JSON value' };
  const diff = compareNodes(original, original.root, fixed, fixed.root, scope);
  return diff ? { ok: false, reason: `a value outside the fixed spots would change: ${diff}` } : { ok: true };
}

/**
 * Compare two parsed documents' values, skipping the subtrees at `scope` paths (in an object,
 * the keys a scope path names at that level are left out of the key-order comparison), without
 * building value trees: a subtree off the scope paths whose source text is identical in both is
 * equal (same tokens, same values); only where the text differs are the values compared.
 * Returns a description of the first difference, or undefined.
 */
function compareNodes(a: Document, an: JsonNode, b: Document, bn: JsonNode, scope: JsonPath[]): string | undefined {
  // the scope paths as a tree: a node on the way to a scope path, or (skip) a scope path itself
  interface ScopeNode {
    skip: boolean;
    kids: Map<string | number, ScopeNode>;
  }
  const root: ScopeNode = { skip: false, kids: new Map() };
  for (const p of scope) {
    let n = root;
    for (const k of p) {
      let next = n.kids.get(k);
      if (!next) n.kids.set(k, (next = { skip: false, kids: new Map() }));
      n = next;
    }
    n.skip = true;
  }
  // slice and ===: V8 compares two flat strings with memcmp (startsWith walks them char by char)
  const same = (x: JsonNode, y: JsonNode) =>
    x.length === y.length && a.text.slice(x.offset, x.offset + x.length) === b.text.slice(y.offset, y.offset + y.length);
  const walk = (x: JsonNode, y: JsonNode, sn: ScopeNode | undefined, path: () => JsonPath): string | undefined => {
    if (sn?.skip) return undefined;
    // off the scope paths, the same source text is the same value; where it differs (a
    // comment removed inside, say), the values are compared below
    if (!sn && same(x, y)) return undefined;
    if (x.type !== y.type) return `${where(path())} changed type`;
    if (x.type === 'object') {
      const k = (p: JsonNode) => String(p.children?.[0]?.value);
      const keep = (n: JsonNode) => (n.children ?? []).filter((p) => !sn?.kids.get(k(p))?.skip);
      const xs = keep(x);
      const ys = keep(y);
      if (xs.length !== ys.length || xs.some((p, i) => k(p) !== k(ys[i]!))) return `${where(path())} keys or key order changed`;
      for (let i = 0; i < xs.length; i++) {
        const key = k(xs[i]!);
        const vx = xs[i]!.children?.[1];
        const vy = ys[i]!.children?.[1];
        if (!vx || !vy) return `${where([...path(), key])} changed`;
        const d = walk(vx, vy, sn?.kids.get(key), () => [...path(), key]);
        if (d) return d;
      }
      return undefined;
    }
    if (x.type === 'array') {
      const xs = x.children ?? [];
      const ys = y.children ?? [];
      if (xs.length !== ys.length) return `${where(path())} changed length`;
      for (let i = 0; i < xs.length; i++) {
        const d = walk(xs[i]!, ys[i]!, sn?.kids.get(i), () => [...path(), i]);
        if (d) return d;
      }
      return undefined;
    }
    const px = toPyValue(a, x);
    const py = toPyValue(b, y);
    return px.type === 'scalar' && py.type === 'scalar' && px.raw === py.raw ? undefined : `${where(path())} changed from ${describe(px)} to ${describe(py)}`;
  };
  return walk(an, bn, root, () => []);
}

const describe = (v: PyValue) => (v.type === 'scalar' ? v.raw : v.type);

const where = (path: JsonPath) => (path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') : '(top level)');

/**
 * Check a fixed text against the original document (parses the text; the engine uses
 * verifyFixed with the Document it already has).
 */
export function verifyFixedText(original: Document, fixed: string, scope: JsonPath[]): VerifyResult {
  return verifyFixed(original, parseDocument(fixed), scope);
}

/**
 * Verify a fixed text before anything is written: it must load under Python's
 * json.load rules, and every value and every key order outside the fix scopes must
 * be unchanged. Pure.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { parseDocument, type Document } from './document.js';
import { parsePython, PyJsonError, type PyValue } from './pyjson.js';
import type { JsonPath } from './types.js';

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** The value tree of a parsed (possibly JSONC) document, in the same form as parsePython's. */
export function toPyValue(doc: Document, node: JsonNode): PyValue {
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        pairs: (node.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? toPyValue(doc, p.children[1]) : { type: 'scalar', raw: 'null' }]),
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

const pathKey = (p: JsonPath) => JSON.stringify(p);

/**
 * Compare two value trees, skipping the subtrees at `scope` paths. In an object, the
 * keys named by a scope path at that level are left out of the key-order comparison.
 * Returns a description of the first difference, or undefined.
 */
export function compareOutsideScope(a: PyValue, b: PyValue, scope: JsonPath[]): string | undefined {
  const skip = new Set(scope.map(pathKey));
  // Scope paths are short: deeper paths need no lookup (and no JSON.stringify per node).
  const maxScopeDepth = scope.reduce((m, p) => Math.max(m, p.length), -1);
  const skipped = (path: JsonPath) => path.length <= maxScopeDepth && skip.has(pathKey(path));
  const walk = (x: PyValue, y: PyValue, path: JsonPath): string | undefined => {
    if (skipped(path)) return undefined;
    const where = () => (path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') : '(top level)');
    if (x.type !== y.type) return `${where()} changed type`;
    if (x.type === 'scalar' && y.type === 'scalar') return x.raw === y.raw ? undefined : `${where()} changed from ${x.raw} to ${y.raw}`;
    if (x.type === 'array' && y.type === 'array') {
      if (x.items.length !== y.items.length) return `${where()} changed length`;
      for (let i = 0; i < x.items.length; i++) {
        const d = walk(x.items[i]!, y.items[i]!, [...path, i]);
        if (d) return d;
      }
      return undefined;
    }
    if (x.type === 'object' && y.type === 'object') {
      const keep = (pairs: [string, PyValue][]) => (path.length + 1 > maxScopeDepth ? pairs : pairs.filter(([k]) => !skip.has(pathKey([...path, k]))));
      const xs = keep(x.pairs);
      const ys = keep(y.pairs);
      const xk = xs.map(([k]) => k).join('\u0000');
      const yk = ys.map(([k]) => k).join('\u0000');
      if (xk !== yk) return `${where()} keys or key order changed`;
      for (let i = 0; i < xs.length; i++) {
        const d = walk(xs[i]![1], ys[i]![1], [...path, xs[i]![0]]);
        if (d) return d;
      }
      return undefined;
    }
    return `${where()} changed`;
  };
  return walk(a, b, []);
}

/**
 * Check a fixed text against the original document. With `strict` (the default) the text
 * must load under Python's json.load rules; without it (the user turned NNU002/NNU003
 * off, so comments or a BOM stay on purpose) it must parse as JSONC without errors.
 */
export function verifyFixedText(original: Document, fixed: string, scope: JsonPath[], strict = true): VerifyResult {
  let after: PyValue;
  if (strict) {
    try {
      after = parsePython(fixed);
    } catch (e) {
      const err = e as PyJsonError;
      return { ok: false, reason: `the fixed text would not load in Python's json.load: ${err.message} (offset ${err.offset})` };
    }
  } else {
    const doc = parseDocument(fixed);
    if (doc.parseErrors.length || !doc.root) return { ok: false, reason: `the fixed text does not parse (${doc.parseErrors[0]?.code ?? 'empty'})` };
    after = toPyValue(doc, doc.root);
  }
  if (!original.root) return { ok: false, reason: 'the original has no JSON value' };
  const before = toPyValue(original, original.root);
  const diff = compareOutsideScope(before, after, scope);
  return diff ? { ok: false, reason: `a value outside the fixed spots would change: ${diff}` } : { ok: true };
}

/**
 * Facts about the `labels` object that several rules share: its entries in either
 * orientation, and what Python's int() makes of each value token. Pure.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Document } from './document.js';
import { labelsInverted } from './kind.js';
import { pyIntFromNumberToken, pyIntFromString, pyIntTypeError, type PyIntResult } from './pyint.js';

/** What nnU-Net's `int(v)` does with a value token. */
export type IntReading =
  | {
      ok: true;
      /** The integer Python reads, exactly (any size). */
      value: bigint;
      /** The same as a canonical decimal string, for messages and for fixes to write. */
      int: string;
      /** Already a plain integer token (Python's json.load gives an int, not a float/str/bool). */
      exact: boolean;
    }
  | { ok: false; /** Python's exception, e.g. `ValueError: invalid literal for int() with base 10: '1.0'`. */ reason: string };

/**
 * Python's int() of a JSON value node, the way LabelManager reads label values: exact at any
 * size (src/pyint.ts), with Python's own error message when it fails.
 */
export function readInt(doc: Document, node: JsonNode | undefined): IntReading {
  if (!node) return { ok: false, reason: 'missing value' };
  let r: PyIntResult;
  const nf = doc.nonFinite.find((n) => n.offset === node.offset);
  if (nf) r = pyIntFromNumberToken(nf.raw);
  else if (node.type === 'number') r = pyIntFromNumberToken(doc.text.slice(node.offset, node.offset + node.length));
  else if (node.type === 'string') r = pyIntFromString(String(node.value));
  else if (node.type === 'boolean') r = { ok: true, value: node.value ? '1' : '0' };
  else r = pyIntTypeError(node.type);
  if (!r.ok) return { ok: false, reason: r.error };
  const exact = node.type === 'number' && !nf && /^-?\d+$/.test(doc.text.slice(node.offset, node.offset + node.length));
  return { ok: true, value: BigInt(r.value), int: r.value, exact };
}

export interface LabelEntry {
  /** The property node. */
  prop: JsonNode;
  /** The class name (the key in v2, the value in v1/MSD orientation). */
  name: string;
  /** The node holding the name. */
  nameNode: JsonNode;
  /** The node holding the value (the value in v2, the key in v1). */
  valueNode: JsonNode;
  /** Integer values (exact, as Python's int() reads them): one for a label, several for a region; undefined when unreadable. */
  values: bigint[] | undefined;
  /** True for a list value (region or `[3]`). */
  isList: boolean;
}

export interface LabelView {
  node: JsonNode;
  /** v1/MSD orientation that nnU-Net's converters can invert: every key an int() string, every value a string. */
  inverted: boolean;
  /**
   * Looks like the v1/MSD orientation (every value a string, some key an integer) but some key
   * is not a string Python's int() reads (`"1.0"`, `"1e0"`, `"0x1"`, `"liver"`): nnU-Net's
   * converters would fail on it, and no rule may offer a fix for such an object but NNU102's
   * explanation. The first such key.
   */
  unreadableKey?: JsonNode;
  entries: LabelEntry[];
}

/** The labels object seen as name -> value entries, whichever way it is written. */
export function labelView(doc: Document, labels: JsonNode | undefined): LabelView | undefined {
  if (labels?.type !== 'object') return undefined;
  const inverted = labelsInverted(labels);
  const entries: LabelEntry[] = [];
  for (const prop of labels.children ?? []) {
    const k = prop.children?.[0];
    const v = prop.children?.[1];
    if (!k || !v) continue;
    if (inverted) {
      const key = String(k.value);
      const r = pyIntFromString(key);
      entries.push({ prop, name: String(v.value), nameNode: v, valueNode: k, values: r.ok ? [BigInt(r.value)] : undefined, isList: false });
      continue;
    }
    let values: bigint[] | undefined;
    if (v.type === 'array') {
      const r = (v.children ?? []).map((c) => readInt(doc, c));
      values = r.every((x) => x.ok) ? r.map((x) => (x as { value: bigint }).value) : undefined;
    } else {
      const r = readInt(doc, v);
      values = r.ok ? [r.value] : undefined;
    }
    entries.push({ prop, name: String(k.value), nameNode: k, valueNode: v, values, isList: v.type === 'array' });
  }
  const unreadableKey = inverted ? undefined : v1UnreadableKey(labels);
  // Such an object is NNU102's to explain; no other rule reads entries from it (a fix of theirs
  // would keep the inverted entries).
  return { node: labels, inverted, entries: unreadableKey ? [] : entries, unreadableKey };
}

/** Region mode as in LabelManager: some value is a list with more than one entry. */
export function isRegionMode(view: LabelView): boolean {
  return view.entries.some((e) => e.isList && (e.valueNode.children?.length ?? 0) > 1);
}

/** Spellings of "background" that mean label 0 (compared after trim + lower case). */
const BACKGROUND_SPELLINGS = new Set(['background', 'bg', 'bkg', 'backgroud', 'backround', 'bakground', 'back ground', 'back_ground', 'hintergrund']);

export function isBackgroundSpelling(name: string): boolean {
  return BACKGROUND_SPELLINGS.has(name.trim().toLowerCase());
}

/** The first key Python's int() rejects, when `labels` otherwise looks v1/MSD (see LabelView.unreadableKey). */
function v1UnreadableKey(labels: JsonNode): JsonNode | undefined {
  const props = labels.children ?? [];
  const values = props.map((p) => p.children?.[1]);
  // v1-like: every value a string, and some value a name (not a number written as a string,
  // as in `"liver": "1"`, which is the v2 orientation with values int() still reads)
  if (!props.length || !values.every((v) => v?.type === 'string')) return undefined;
  if (values.every((v) => pyIntFromString(String(v!.value)).ok)) return undefined;
  const keys = props.map((p) => p.children?.[0]).filter((k): k is JsonNode => !!k);
  return keys.find((k) => !pyIntFromString(String(k.value)).ok);
}

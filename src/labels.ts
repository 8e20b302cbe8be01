/**
 * Facts about the `labels` object that several rules share: its entries in either
 * orientation, and what Python's int() makes of each value token. Pure.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Document } from './document.js';
import { INT_STRING, labelsInverted } from './kind.js';

/** What nnU-Net's `int(v)` does with a value token. */
export type IntReading =
  | { ok: true; value: number; exact: boolean } // exact: already a plain integer token
  | { ok: false; reason: string };

/**
 * Python int() of a JSON value node, the way LabelManager reads label values. Values beyond
 * 2^53 (`1e40`, `12345678901234567890`) are refused: JavaScript cannot hold them exactly, so
 * no fix may be computed from them (it would write `1e+40` or a different integer).
 */
export function readInt(doc: Document, node: JsonNode | undefined): IntReading {
  const r = readIntUnchecked(doc, node);
  if (r.ok && !Number.isSafeInteger(r.value)) return { ok: false, reason: `${node ? doc.text.slice(node.offset, node.offset + node.length) : r.value} is too large to be a label value` };
  return r;
}

function readIntUnchecked(doc: Document, node: JsonNode | undefined): IntReading {
  if (!node) return { ok: false, reason: 'missing value' };
  const raw = doc.text.slice(node.offset, node.offset + node.length);
  if (doc.nonFinite.some((n) => n.offset === node.offset)) return { ok: false, reason: `${doc.nonFinite.find((n) => n.offset === node.offset)!.raw} is not an integer` };
  switch (node.type) {
    case 'number': {
      if (/^-?\d+$/.test(raw)) return { ok: true, value: Number(raw), exact: true };
      const v = Number(raw);
      if (Number.isFinite(v)) return { ok: true, value: Math.trunc(v), exact: false };
      return { ok: false, reason: `${raw} is not finite` };
    }
    case 'string': {
      const s = String(node.value);
      if (/^\s*[-+]?\d+\s*$/.test(s)) return { ok: true, value: parseInt(s, 10), exact: false };
      return { ok: false, reason: `int(${JSON.stringify(s)}) raises ValueError` };
    }
    case 'boolean':
      return { ok: true, value: node.value ? 1 : 0, exact: false };
    default:
      return { ok: false, reason: `a ${node.type} is not an integer` };
  }
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
  /** Integer values: one for a label, several for a region; undefined when unreadable. */
  values: number[] | undefined;
  /** True for a list value (region or `[3]`). */
  isList: boolean;
}

export interface LabelView {
  node: JsonNode;
  inverted: boolean;
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
      entries.push({ prop, name: String(v.value), nameNode: v, valueNode: k, values: INT_STRING.test(key) ? [parseInt(key, 10)] : undefined, isList: false });
      continue;
    }
    let values: number[] | undefined;
    if (v.type === 'array') {
      const r = (v.children ?? []).map((c) => readInt(doc, c));
      values = r.every((x) => x.ok) ? r.map((x) => (x as { value: number }).value) : undefined;
    } else {
      const r = readInt(doc, v);
      values = r.ok ? [r.value] : undefined;
    }
    entries.push({ prop, name: String(k.value), nameNode: k, valueNode: v, values, isList: v.type === 'array' });
  }
  return { node: labels, inverted, entries };
}

/** Region mode as in LabelManager: some value is a list with more than one entry. */
export function isRegionMode(view: LabelView): boolean {
  return view.entries.some((e) => e.isList && (e.valueNode.children?.length ?? 0) > 1);
}

/** Spellings of "background" that mean label 0 (compared after trim + lower case). */
export const BACKGROUND_SPELLINGS = new Set(['background', 'bg', 'bkg', 'backgroud', 'backround', 'bakground', 'back ground', 'back_ground', 'hintergrund']);

export function isBackgroundSpelling(name: string): boolean {
  return BACKGROUND_SPELLINGS.has(name.trim().toLowerCase());
}

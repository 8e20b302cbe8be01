/**
 * What a parsed dataset.json is: an nnU-Net v2 description, a v1/MSD one to convert,
 * or another framework's file that merely shares the name. Pure.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Document } from './document.js';
import type { FileKind } from './types.js';
import { pyIntFromString } from './pyint.js';

/** The property node Python keeps for `key` (the last one when keys repeat). */
export function lastProperty(obj: JsonNode | undefined, key: string): JsonNode | undefined {
  if (obj?.type !== 'object') return undefined;
  const kids = obj.children ?? [];
  for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.children?.[0]?.value === key) return kids[i];
  return undefined;
}

/** Keys only nnU-Net / MSD descriptions have. */
const NNUNET_MARKERS = ['channel_names', 'modality', 'file_ending', 'numTraining'] as const;

/** Keys of nnDetection's dataset.json that nnU-Net never writes. */
const NNDETECTION_MARKERS = ['target_class', 'dim', 'modalities', 'test_labels'] as const;

export const INT_STRING = /^-?\d+$/;

/**
 * True when `labels` is the v1/MSD orientation: every key a string Python's int() reads (as
 * nnU-Net's converters do, `int(k)`: `"1"`, `" 1"`, `"+1"`, `"1_0"`, `"１"`), every value a string.
 */
export function labelsInverted(labels: JsonNode | undefined): boolean {
  if (labels?.type !== 'object' || !labels.children?.length) return false;
  return labels.children.every((p) => p.children?.[1]?.type === 'string' && pyIntFromString(String(p.children[0]?.value)).ok);
}

export interface Classification {
  kind: FileKind;
  /** Why the file is not an nnU-Net description (for NNU000). */
  reason?: string;
}

/** Classify a document that parsed (no syntax errors). */
export function classify(doc: Document): Classification {
  const root = doc.root;
  if (root?.type !== 'object') return { kind: 'invalid' };
  const has = (k: string) => lastProperty(root, k) !== undefined;
  const labels = lastProperty(root, 'labels')?.children?.[1];
  const nnunetMarkers = NNUNET_MARKERS.filter(has);
  const nndet = NNDETECTION_MARKERS.filter(has);

  if (!labels) {
    if (nnunetMarkers.length) return { kind: has('channel_names') || !has('modality') ? 'nnunet-v2' : 'v1-msd' };
    const coco = ['images', 'annotations', 'categories'].every(has);
    return {
      kind: 'not-nnunet',
      reason: coco
        ? 'a COCO annotation file (images/annotations/categories), no `labels`'
        : 'no `labels` and none of channel_names/modality/file_ending/numTraining',
    };
  }
  if (nndet.length && !has('channel_names')) {
    return { kind: 'not-nnunet', reason: `an nnDetection dataset description (has ${nndet.map((k) => `\`${k}\``).join(', ')})` };
  }
  if (labels.type !== 'object' && !nnunetMarkers.length) {
    return { kind: 'not-nnunet', reason: '`labels` is not an object and no nnU-Net keys are present' };
  }
  if ((labelsInverted(labels) && !has('channel_names')) || (has('modality') && !has('channel_names'))) return { kind: 'v1-msd' };
  return { kind: 'nnunet-v2' };
}

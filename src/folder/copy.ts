/**
 * Compare a raw dataset.json with nnU-Net's preprocessed copy on the keys nnU-Net reads
 * after planning (`nnUNet_preprocessed/DatasetXXX_Name/dataset.json`, written by
 * `shutil.copy` in the experiment planner and read by preprocessing and training). Pure.
 */
import { parseDocument, type Document } from '../document.js';
import { lastProperty } from '../kind.js';
import { toPyValue } from '../verify.js';

/** Keys of dataset.json that planning, preprocessing, training or inference read. */
export const NNUNET_KEYS = [
  'channel_names',
  'modality',
  'labels',
  'regions_class_order',
  'numTraining',
  'file_ending',
  'overwrite_image_reader_writer',
  'dataset',
] as const;

/** The Python value of a top-level key as a comparable string (undefined when absent). */
function valueOf(doc: Document, key: string): string | undefined {
  const node = lastProperty(doc.root, key)?.children?.[1];
  return node ? JSON.stringify(toPyValue(doc, node)) : undefined;
}

/**
 * The nnU-Net keys whose values (as Python's json.load reads them, key order included)
 * differ between two documents. Both must have parsed to objects.
 */
export function staleKeys(raw: Document, copy: Document): string[] {
  return NNUNET_KEYS.filter((k) => valueOf(raw, k) !== valueOf(copy, k));
}

/** Parse a copy's text once per text (the rule runs on every fix pass). */
const parsed = new Map<string, Document>();
export function parseCopy(text: string): Document {
  let d = parsed.get(text);
  if (!d) {
    if (parsed.size > 64) parsed.clear();
    d = parseDocument(text);
    parsed.set(text, d);
  }
  return d;
}

/** True when a document is readable as an object (no syntax errors). */
export function readable(doc: Document): boolean {
  return !doc.parseErrors.length && doc.root?.type === 'object';
}

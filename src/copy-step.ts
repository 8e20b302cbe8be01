/**
 * The preprocessed-copy step of the pipeline (NNU307), pure: after the raw dataset.json's
 * fixes are known, compare nnU-Net's copy of it with what the raw file will hold, and plan the
 * copy's repair.
 *
 * Why: `nnUNetv2_plan_and_preprocess` copies `nnUNet_raw/DatasetXXX/dataset.json` to
 * `nnUNet_preprocessed/DatasetXXX/dataset.json` (a byte copy, `shutil.copy`), and
 * preprocessing and training read the copy. Repairing only the raw file leaves nnU-Net
 * training on the broken one. The rules of stage `copy` (NNU307) turn these facts into
 * findings; the pipeline writes the planned text under the same rules as the raw file.
 */
import { parseDocument, type Document } from './document.js';
import type { FixTextOptions, FixTextResult } from './engine.js';
import { fixDocument } from './engine.js';
import { lastProperty } from './kind.js';
import { toPyValue } from './verify.js';

/** Keys of dataset.json that planning, preprocessing, training or inference read. */
const NNUNET_KEYS = [
  'channel_names',
  'modality',
  'labels',
  'regions_class_order',
  'numTraining',
  'file_ending',
  'overwrite_image_reader_writer',
  'dataset',
] as const;

export interface CopyFacts {
  /** The copy's path as messages and diffs show it. */
  path: string;
  /** The copy's text as it was read (the write step checks it is still that). */
  original?: string;
  /** Why it could not be read or parsed (then there is no plan). */
  error?: string;
  /** nnU-Net keys in which the copy differs from the raw file as it was read. */
  staleBefore: string[];
  /** nnU-Net keys in which it differs from the raw file as this run leaves it (after the fixes). */
  staleAfter: string[];
  /**
   * - `in-sync`: the copy already agrees with what the raw file will hold; nothing to do.
   * - `write`: `newText` is the copy with the same repairs; it then agrees on every nnU-Net key.
   * - `manual`: it differs in a way the repairs cannot reproduce (the raw file was edited by
   *   hand after planning): re-run nnUNetv2_plan_and_preprocess.
   */
  action: 'in-sync' | 'write' | 'manual' | 'unreadable';
  newText?: string;
  /** For `write`: 'unsafe' when an unsafe fix is part of the copy's repair. */
  applicability?: 'safe' | 'unsafe';
  /** The command that re-creates the copy, e.g. `nnUNetv2_plan_and_preprocess -d 4`. */
  replan: string;
  /** Why `--fix` will not write the copy although it could be repaired (it lies outside the paths the user named). */
  refused?: string;
}

/** The Python value of a top-level key as a comparable string (undefined when absent). */
function valueOf(doc: Document, key: string): string | undefined {
  const node = lastProperty(doc.root, key)?.children?.[1];
  return node ? JSON.stringify(toPyValue(doc, node)) : undefined;
}

/** True when a document is readable as an object (no syntax errors). */
function readable(doc: Document): boolean {
  return !doc.parseErrors.length && doc.root?.type === 'object';
}

/** The nnU-Net keys whose values (as Python reads them, key order included) differ. */
function staleKeys(a: Document, b: Document): string[] {
  return NNUNET_KEYS.filter((k) => valueOf(a, k) !== valueOf(b, k));
}

/**
 * Plan the copy's repair.
 *
 * @param raw the engine's result for the raw dataset.json: `input` as read, `output` (and
 *   `document`) what the raw file will hold after this run.
 * @param copy the copy's decoded text and display path, or why it could not be read.
 * @param options the options the raw file was fixed with, so the copy gets the same repairs.
 */
export function planCopy(raw: FixTextResult, copy: { path: string; text?: string; error?: string }, replan: string, options: FixTextOptions): CopyFacts {
  const base = { path: copy.path, original: copy.text, replan, staleBefore: [] as string[], staleAfter: [] as string[] };
  if (copy.text === undefined) return { ...base, action: 'unreadable', error: copy.error ?? 'unknown error' };
  const copyDoc = parseDocument(copy.text);
  if (!readable(copyDoc)) return { ...base, action: 'unreadable', error: 'it is not valid JSON' };
  const target = raw.document;
  if (!readable(target)) return { ...base, action: 'in-sync' }; // the raw file's own problems come first
  const before = parseDocument(raw.input);
  const staleBefore = readable(before) ? staleKeys(before, copyDoc) : [];
  const staleAfter = staleKeys(target, copyDoc);
  if (!staleAfter.length) return { ...base, staleBefore, action: 'in-sync' };

  // The usual case: the copy is the byte copy planning made of the very text we fix.
  let candidate: { text: string; doc: Document; unsafe: boolean } | undefined;
  if (copy.text === raw.input && raw.changed) {
    candidate = { text: raw.output, doc: target, unsafe: raw.applied.some((a) => a.applicability === 'unsafe') };
  } else {
    // Otherwise repair the copy on its own, with the same rules, flags and folder facts;
    // accept the result only when it lands on the raw file's values.
    const r = fixDocument(copyDoc, options);
    if (!r.error && r.changed) candidate = { text: r.output, doc: r.document, unsafe: r.applied.some((a) => a.applicability === 'unsafe') };
  }
  if (candidate && readable(candidate.doc) && !staleKeys(target, candidate.doc).length) {
    return { ...base, staleBefore, staleAfter, action: 'write', newText: candidate.text, applicability: candidate.unsafe ? 'unsafe' : 'safe' };
  }
  return { ...base, staleBefore, staleAfter, action: 'manual' };
}

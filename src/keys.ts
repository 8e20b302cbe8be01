/**
 * Facts about the non-label keys of dataset.json that several NNU2xx rules share:
 * nnU-Net's readers and the file endings they accept, and duplicate-key checks that
 * decide whether a key may be removed or renamed. Pure.
 */
import { pyRepr } from './pyint.js';
import type { Node as JsonNode } from 'jsonc-parser';
import type { Document } from './document.js';

/**
 * nnU-Net's automatic reader choice, in the order of `LIST_OF_IO_CLASSES`
 * (`nnunetv2/imageio/reader_writer_registry.py`), with each class's `supported_file_endings`.
 */
const AUTO_READERS: readonly (readonly [string, readonly string[]])[] = [
  ['NaturalImage2DIO', ['.png', '.bmp', '.tif']],
  ['SimpleITKIO', ['.nii.gz', '.nrrd', '.mha', '.gipl']],
  ['Tiff3DIO', ['.tif', '.tiff']],
  ['NibabelIO', ['.nii', '.nii.gz']],
  ['NibabelIOWithReorient', ['.nii', '.nii.gz']],
];

/** Class names `overwrite_image_reader_writer` may name (found under `nnunetv2.imageio`). */
export const READER_CLASSES: readonly string[] = [
  'SimpleITKIO',
  'SimpleITKIOWithReorient',
  'NibabelIO',
  'NibabelIOWithReorient',
  'NaturalImage2DIO',
  'Tiff3DIO',
];

/** Every file ending some nnU-Net reader accepts, longest first. */
export const KNOWN_FILE_ENDINGS: readonly string[] = [...new Set(AUTO_READERS.flatMap(([, e]) => e))].sort((a, b) => b.length - a.length);

/** The reader nnU-Net's auto-detection tries first for `fileEnding` (it compares `file_ending.lower()`). */
export function autoReaderFor(fileEnding: string): string | undefined {
  const fe = fileEnding.toLowerCase();
  return AUTO_READERS.find(([, endings]) => endings.includes(fe))?.[0];
}

/** The longest known ending `path` ends with (case-sensitive, as `str.endswith`). */
export function knownEndingOf(path: string): string | undefined {
  return KNOWN_FILE_ENDINGS.find((e) => path.endsWith(e));
}

/**
 * True when `obj` holds `key` more than once. Python keeps the last one, so removing or
 * renaming that one would bring an earlier value back to life: such fixes are refused
 * (NNU004 reports the duplicate).
 */
export function isDuplicateKey(doc: Document, obj: JsonNode | undefined, key: string): boolean {
  return !!obj && doc.duplicateKeys.some((d) => d.object === obj && d.key === key);
}

/** The keys `obj` holds more than once. */
export function duplicateKeysOf(doc: Document, obj: JsonNode | undefined): string[] {
  return obj ? doc.duplicateKeys.filter((d) => d.object === obj).map((d) => d.key) : [];
}

/** The keys verify_dataset_integrity requires, in nnU-Net's order. */
const REQUIRED_KEYS = ['labels', 'channel_names', 'numTraining', 'file_ending'] as const;

/** The required keys `root` lacks (top level), as nnU-Net lists them after "Missing:". */
export function missingRequiredKeys(root: JsonNode): string[] {
  return REQUIRED_KEYS.filter((k) => root.type === 'object' && !(root.children ?? []).some((p) => p.children?.[0]?.value === k));
}

/** `['a', 'b']` the way Python prints a list of strings (nnU-Net's "Missing: ..." lists). */
export function pyList(items: readonly string[]): string {
  return `[${items.map(pyRepr).join(', ')}]`;
}

/**
 * The rule registry: every rule module in code order. `rules`, `explain`, the README
 * table and SARIF rule metadata are all generated from here.
 */
import type { Rule } from '../src/types.js';
import NNU000 from './NNU000-not-nnunet.js';
import NNU001 from './NNU001-invalid-json.js';
import NNU002 from './NNU002-jsonc-syntax.js';
import NNU003 from './NNU003-byte-order-mark.js';
import NNU004 from './NNU004-duplicate-key.js';
import NNU005 from './NNU005-non-finite-number.js';
import NNU006 from './NNU006-not-an-object.js';
import NNU007 from './NNU007-encoding.js';
import NNU101 from './NNU101-background-missing.js';
import NNU102 from './NNU102-labels-inverted.js';
import NNU103 from './NNU103-background-not-zero.js';
import NNU104 from './NNU104-background-not-first.js';
import NNU105 from './NNU105-label-value-not-int.js';
import NNU106 from './NNU106-labels-not-consecutive.js';
import NNU107 from './NNU107-ignore-label.js';
import NNU108 from './NNU108-regions.js';
import NNU109 from './NNU109-duplicate-label-value.js';
import NNU110 from './NNU110-labels-empty.js';
import NNU201 from './NNU201-missing-key.js';
import NNU202 from './NNU202-legacy-modality.js';
import NNU203 from './NNU203-channel-names-inverted.js';
import NNU204 from './NNU204-num-training-not-int.js';
import NNU205 from './NNU205-file-ending-format.js';
import NNU206 from './NNU206-reader-writer.js';
import NNU207 from './NNU207-legacy-v1-keys.js';
import NNU301 from './NNU301-num-training-mismatch.js';
import NNU302 from './NNU302-file-ending-mismatch.js';
import NNU303 from './NNU303-case-naming.js';
import NNU304 from './NNU304-missing-label-file.js';
import NNU305 from './NNU305-channel-count.js';
import NNU306 from './NNU306-dataset-folder-name.js';
import NNU307 from './NNU307-stale-preprocessed-copy.js';
import NNU401 from './NNU401-undeclared-label-value.js';
import NNU402 from './NNU402-non-integer-segmentation.js';
import NNU403 from './NNU403-declared-label-unused.js';
import NNU404 from './NNU404-geometry-mismatch.js';

export const rules: readonly Rule[] = [
  NNU000,
  NNU001,
  NNU002,
  NNU003,
  NNU004,
  NNU005,
  NNU006,
  NNU007,
  NNU101,
  NNU102,
  NNU103,
  NNU104,
  NNU105,
  NNU106,
  NNU107,
  NNU108,
  NNU109,
  NNU110,
  NNU201,
  NNU202,
  NNU203,
  NNU204,
  NNU205,
  NNU206,
  NNU207,
  NNU301,
  NNU302,
  NNU303,
  NNU304,
  NNU305,
  NNU306,
  NNU307,
  NNU401,
  NNU402,
  NNU403,
  NNU404,
].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

/** Look a rule up by its code (case-insensitive). */
export function ruleByCode(code: string): Rule | undefined {
  return rules.find((r) => r.meta.code === code.toUpperCase());
}

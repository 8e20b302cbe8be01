/**
 * NNU307's repair of the preprocessed copy, for the CLI to orchestrate. Pure (no I/O):
 * given the engine's result for the raw dataset.json and the copy's text, say whether the
 * copy is in sync, can be brought in sync by the same repairs, or needs a re-plan.
 *
 * Why: `nnUNetv2_plan_and_preprocess` copies `nnUNet_raw/DatasetXXX/dataset.json` to
 * `nnUNet_preprocessed/DatasetXXX/dataset.json` (a byte copy, `shutil.copy`), and
 * preprocessing and training read the copy. Repairing only the raw file leaves nnU-Net
 * training on the broken one.
 */
import { fixText, type FixTextOptions, type FixTextResult } from '../engine.js';
import { parseDocument } from '../document.js';
import { readable, staleKeys } from './copy.js';

export interface PreprocessedCopyPlan {
  /**
   * - `in-sync`: the copy already has the values the raw file will have after this run
   *   (nnU-Net keys compared as Python reads them); nothing to do.
   * - `write`: `newText` is the copy with the same repairs; writing it makes the copy agree
   *   with the (fixed) raw file on every nnU-Net key. Write it when the raw file is written
   *   (`--fix`; `applicability` says whether `--unsafe-fixes` was needed, which is already
   *   reflected in `raw`).
   * - `manual`: the copy differs in a way the repairs cannot reproduce (the raw file was
   *   edited by hand after planning, or the copy is unreadable): re-run
   *   `nnUNetv2_plan_and_preprocess -d ID`.
   */
  action: 'in-sync' | 'write' | 'manual';
  /** nnU-Net keys in which the copy differs from the raw file's output text, before the plan. */
  staleKeys: string[];
  /** For `write`: the new text of the copy (the copy's own formatting is kept). */
  newText?: string;
  /** For `write`: 'unsafe' when an unsafe fix was needed for the copy too. */
  applicability?: 'safe' | 'unsafe';
  /** One line for the report. */
  message: string;
}

/**
 * Plan the copy's repair.
 *
 * @param raw     the engine's result for the raw dataset.json (`fixText`/`fixBytes`); its
 *                `output` is what the raw file will hold after this run (equal to `input`
 *                when nothing was fixed).
 * @param copyText the copy's decoded text (`FolderFacts.preprocessed.text`).
 * @param options the same options the raw file was fixed with (select/ignore, unsafeFixes,
 *                folder facts), so the copy gets exactly the same repairs.
 */
export function planPreprocessedCopyFix(raw: Pick<FixTextResult, 'input' | 'output' | 'applied'>, copyText: string, options: FixTextOptions = {}): PreprocessedCopyPlan {
  const target = parseDocument(raw.output);
  const copy = parseDocument(copyText);
  if (!readable(target)) {
    return { action: 'manual', staleKeys: [], message: 'the raw dataset.json is not readable; fix it first, then re-run nnUNetv2_plan_and_preprocess' };
  }
  const stale = readable(copy) ? staleKeys(target, copy) : ['(unreadable)'];
  if (!stale.length) return { action: 'in-sync', staleKeys: [], message: 'the preprocessed copy agrees with dataset.json' };

  // The common case: the copy is the byte copy planning made of the very text we just fixed.
  let candidate: { text: string; unsafe: boolean } | undefined;
  if (copyText === raw.input && raw.output !== raw.input) {
    candidate = { text: raw.output, unsafe: raw.applied.some((a) => a.applicability === 'unsafe') };
  } else {
    // Otherwise repair the copy on its own with the same rules and flags; accept the result
    // only when it lands on the same values as the raw file.
    const r = fixText(copyText, options);
    if (!r.error && r.changed) candidate = { text: r.output, unsafe: r.applied.some((a) => a.applicability === 'unsafe') };
  }
  if (candidate) {
    const after = parseDocument(candidate.text);
    if (readable(after) && !staleKeys(target, after).length) {
      return {
        action: 'write',
        staleKeys: stale,
        newText: candidate.text,
        applicability: candidate.unsafe ? 'unsafe' : 'safe',
        message: `the preprocessed copy gets the same repairs (${stale.join(', ')})`,
      };
    }
  }
  return {
    action: 'manual',
    staleKeys: stale,
    message: `the preprocessed copy differs in ${stale.join(', ')} in a way the repairs cannot reproduce: re-run nnUNetv2_plan_and_preprocess`,
  };
}

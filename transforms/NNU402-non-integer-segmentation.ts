import type { Rule } from '../src/types.js';
import type { ContentFacts } from '../src/content-facts.js';
import { shorten } from '../src/words.js';

/** NNU402: float labels with fractions, NaN, or scaling that makes values non-integer. */
const rule: Rule = {
  meta: {
    code: 'NNU402',
    name: 'non-integer-segmentation',
    severity: 'error',
    fix: ['none'],
    stage: 'content',
    summary: 'a segmentation has non-integer values, NaN, or scl_slope/scl_inter that make them so',
    docs: `Segmentations must hold integer class values. A float volume with fractions (resampled
with linear interpolation instead of nearest neighbour), NaN voxels ("Segmentation contains NaN
values. grrrr.... :-(" in the fingerprint extractor) or a NIfTI \`scl_slope\`/\`scl_inter\` that
scales the stored integers to non-integers all break training.

**No fix:** re-save the segmentation as an integer type (uint8) with nearest-neighbour
resampling and \`scl_slope\` 1 (or 0), \`scl_inter\` 0.`,
  },
  check(ctx) {
    const facts = ctx.content as ContentFacts | undefined;
    if (!facts) return [];
    return facts.files
      .filter((f) => f.scan && (f.scan.nonInteger || f.scan.nan))
      .map((f) => {
        const s = f.scan!;
        const slope = s.header.sclSlope && s.header.sclSlope !== 1 ? ` (scl_slope ${s.header.sclSlope}, scl_inter ${s.header.sclInter ?? 0})` : '';
        const what = [s.nan ? `${s.nanCount} NaN voxel${s.nanCount === 1 ? '' : 's'}` : '', s.nonInteger ? `non-integer values${slope}` : ''].filter(Boolean).join(' and ');
        return {
          offset: 0,
          length: 0,
          key: `f@${f.name}`,
          message: `labelsTr/${shorten(f.name)} (${s.header.datatype}) has ${what}`,
          nnunet: s.nan
            ? 'stops with "Segmentation contains NaN pixel values. You need to fix that." (--verify_dataset_integrity)'
            : 'finds class values that are not integers ("Error: Unexpected labels found in file ...", --verify_dataset_integrity)',
          help: 're-save it as uint8 with nearest-neighbour resampling',
        };
      });
  },
};
export default rule;

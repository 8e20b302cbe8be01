import type { Rule } from '../src/types.js';
import { asRead } from '../src/repair/model.js';
import { shorten } from '../src/words.js';

/** NNU402: float labels with fractions, NaN, or scaling that makes values non-integer. */
const rule: Rule = {
  meta: {
    code: 'NNU402',
    name: 'non-integer-segmentation',
    severity: 'error',
    fix: ['unsafe', 'none'],
    stage: 'content',
    summary: 'a segmentation has non-integer values, NaN, or scl_slope/scl_inter that make them so',
    docs: `Segmentations must hold integer class values. A float volume with fractions (resampled
with linear interpolation instead of nearest neighbour), NaN voxels ("Segmentation contains NaN
values. grrrr.... :-(" in the fingerprint extractor) or a NIfTI \`scl_slope\`/\`scl_inter\` that
scales the stored integers to non-integers all break training.

Values are judged as nnU-Net reads them: scaled, then cast to float32 (\`1.0 in [0, 1]\` is
True: exactly integral floats are fine; a float32 0.99999994 is not).

**Fix (unsafe), in the segmentation** (\`--fix --unsafe-fixes --labels\`): float values within a
few float32 steps of an integer (0.99999994, 2.0000002: what a scale factor or a float32 round
trip leaves) are rounded; the file keeps its data type. Written as NNU401's repairs are:
streamed, verified, atomic, header bytes kept.

**No fix:** fractions (0.5, 10.92: a label map resampled with linear interpolation, or a
probability map): rounding would move class borders by guesswork; resample again from the
original labels with nearest-neighbour interpolation (order 0). Values like -1024 (image data
in labelsTr) and NaN: save the real segmentation as an integer type (uint8).`,
  },
  check(ctx) {
    const facts = ctx.content;
    if (!facts) return [];
    // nnU-Net reads the scaled values cast to float32: a float64 0.9999999999 reads as 1
    const nonInteger = (f: (typeof facts.files)[number]) =>
      !!f.scan?.nonInteger && (f.scan.tooManyValues || f.scan.values.some((v) => !Number.isInteger(asRead(v.value))));
    return facts.files
      .filter((f) => f.scan && (nonInteger(f) || f.scan.nan))
      .map((f) => {
        const s = f.scan!;
        const plan = facts.repairs?.find(
          (p) => p.code === 'NNU402' && p.path.slice(Math.max(p.path.lastIndexOf('/'), p.path.lastIndexOf('\\')) + 1) === f.name,
        );
        const slope = s.header.sclSlope && s.header.sclSlope !== 1 ? ` (scl_slope ${s.header.sclSlope}, scl_inter ${s.header.sclInter ?? 0})` : '';
        const what = [s.nan ? `${s.nanCount} NaN voxel${s.nanCount === 1 ? '' : 's'}` : '', nonInteger(f) ? `non-integer values${slope}` : '']
          .filter(Boolean)
          .join(' and ');
        return {
          offset: 0,
          length: 0,
          key: `f@${f.name}`,
          message: `labelsTr/${shorten(f.name)} (${s.header.datatype}) has ${what}`,
          nnunet: s.nan
            ? 'stops with "Segmentation contains NaN pixel values. You need to fix that." (--verify_dataset_integrity)'
            : 'finds class values that are not integers ("Error: Unexpected labels found in file ...", --verify_dataset_integrity)',
          help:
            plan?.applicability === 'unsafe'
              ? 'its values are integers up to float rounding noise (what a scale factor or a float32 round trip leaves); the repair rounds them, keeping the data type'
              : plan?.applicability === 'none'
                ? plan.description
                : 're-save it as uint8 with nearest-neighbour resampling',
          ...(plan?.applicability === 'unsafe'
            ? {
                fix: {
                  applicability: 'unsafe' as const,
                  title: `round ${listChanges(plan.mapping)} in labelsTr/${shorten(f.name)}`,
                  edits: [],
                  scope: [],
                  files: [plan.path],
                },
              }
            : {}),
        };
      });
  },
};
/** `0.99999994 -> 1, 2.0000002 -> 2` (at most three, then how many more). */
function listChanges(mapping: readonly { from: number; to: number }[]): string {
  const shown = mapping.slice(0, 3).map((c) => `${c.from} -> ${c.to}`);
  return mapping.length > 3 ? `${shown.join(', ')} and ${mapping.length - 3} more values` : shown.join(', ');
}

export default rule;

import type { Rule } from '../src/types.js';
import { shorten } from '../src/words.js';

const SHOW = 5;

/** Spatial sizes and spacings, as nnU-Net compares them (np.allclose for spacing). */
function allclose(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-8 + 1e-5 * Math.abs(b[i]!));
}

/** NNU404: image and segmentation shapes or spacings differ. */
const rule: Rule = {
  meta: {
    code: 'NNU404',
    name: 'geometry-mismatch',
    severity: 'error',
    fix: ['none'],
    stage: 'content',
    summary: 'image and segmentation of a case differ in shape or spacing (from headers only)',
    docs: `nnU-Net requires the segmentation to have the shape and spacing of its image:
"Error: Shape mismatch between segmentation and corresponding images." /
"Error: Spacing mismatch between segmentation and corresponding images." (with
\`--verify_dataset_integrity\`), or "Shape mismatch between image and segmentation. Please fix
your dataset" in preprocessing (MIC-DKFZ/nnUNet #1913, #2333, #1267). Only the headers are read
(the first channel \`_0000\` of each case against its label file); an image whose header cannot
be read (a FIFO, a device, unreadable, corrupt) is reported too, one line each.

**No fix:** resample the segmentation onto the image grid (nearest neighbour), or fix the
header that is wrong.`,
  },
  check(ctx) {
    const facts = ctx.content;
    if (!facts) return [];
    // an image that cannot be read leaves its case unchecked (and nnU-Net fails on it): one finding each
    const unread = (facts.unreadableImages ?? []).map((u) => ({
      offset: 0,
      length: 0,
      key: `image@${u.imageFile}`,
      message: `imagesTr/${shorten(u.imageFile)} could not be read, so ${shorten(u.case)} was not checked against its segmentation: ${u.message}`,
    }));
    const bad = facts.geometry
      .map((g) => {
        const n = Math.min(3, g.image.dims.length, g.label.dims.length);
        const shape = g.image.dims.slice(0, n).join('x') !== g.label.dims.slice(0, n).join('x');
        const spacing = !allclose(g.image.spacing.slice(0, n), g.label.spacing.slice(0, n));
        return { g, n, shape, spacing };
      })
      .filter((x) => x.shape || x.spacing);
    if (!bad.length) return unread;
    const describe = ({ g, n, shape }: (typeof bad)[number]) =>
      shape
        ? `${shorten(g.case)}: image ${g.image.dims.slice(0, n).join('x')} vs segmentation ${g.label.dims.slice(0, n).join('x')}`
        : `${shorten(g.case)}: spacing ${g.image.spacing
            .slice(0, n)
            .map((v) => +v.toFixed(4))
            .join('x')} vs ${g.label.spacing
            .slice(0, n)
            .map((v) => +v.toFixed(4))
            .join('x')}`;
    const shown = bad.slice(0, SHOW).map(describe).join('; ');
    const kind = bad.some((b) => b.shape) ? 'Shape' : 'Spacing';
    return [
      ...unread,
      {
        offset: 0,
        length: 0,
        key: 'geometry',
        message: `${bad.length} case${bad.length === 1 ? '' : 's'} whose segmentation does not match the image (${describe(bad[0]!)}${bad.length > 1 ? ', ...' : ''})`,
        nnunet: `stops with "Error: ${kind} mismatch between segmentation and corresponding images." (--verify_dataset_integrity)`,
        help: `${shown}${bad.length > SHOW ? `; and ${bad.length - SHOW} more` : ''}; resample the segmentation onto the image grid`,
      },
    ];
  },
};
export default rule;

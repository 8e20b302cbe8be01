/**
 * How many channels nnU-Net's image reader makes of one file, from its header
 * (`readImageHeader` in src/images reads only the first few KiB). Pure.
 */
import type { ImageHeader } from '../images/index.js';

/** Endings whose header is read for the channel checks (the others are assumed 1 channel per file). */
export function canReadHeader(name: string): boolean {
  return /\.(nii\.gz|nii|nrrd|mha|png)$/i.test(name);
}

export interface FileChannels {
  /** Channels per file as nnU-Net's reader returns them. */
  channels: number;
  /** dim[4] of a 4D image (NIfTI `dim[0] >= 4 && dim[4] > 1`, or a 4th NRRD/MetaImage axis). */
  fourD?: number;
  /** Why nnU-Net's reader refuses the file. */
  error?: string;
}

/**
 * - PNG (NaturalImage2DIO): grey 1, RGB 3, RGBA 4, palette 3 (imageio returns RGB);
 *   grey+alpha fails ("the last dimension must have shape 3 or 4 (RGB or RGBA)").
 * - 4D NIfTI/NRRD/MHA: SimpleITKIO (`.nii.gz`, `.nrrd`, `.mha`) reads the 4th axis as channels
 *   ("4d, multiple modalities in one file"); NibabelIO, the only reader for `.nii`, asserts
 *   "only 3d images are supported by NibabelIO".
 */
export function channelsPerFile(h: ImageHeader, ending: string): FileChannels {
  if (h.format === 'png') {
    if (h.channels === 2) {
      return {
        channels: 2,
        error: 'a grey+alpha PNG: NaturalImage2DIO asserts "If image has three dimensions then the last dimension must have shape 3 or 4 (RGB or RGBA)"',
      };
    }
    return { channels: h.channels };
  }
  if (h.is4D) {
    const t = h.dims[3] ?? 1;
    if (ending.toLowerCase() === '.nii')
      return {
        channels: h.channels,
        fourD: t,
        error: 'a 4D .nii file: NibabelIO, the only reader for .nii, asserts "only 3d images are supported by NibabelIO"',
      };
    return { channels: h.channels, fourD: t };
  }
  return { channels: Math.max(1, h.channels) };
}

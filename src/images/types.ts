/** Public data types of the image readers. Plain data, safe to send between threads. */

/** On-disk formats that are read. `mha` covers both `.mha` (attached) and `.mhd` + raw. */
type ImageFormat = 'nifti1' | 'nifti2' | 'nrrd' | 'mha' | 'png';

/**
 * Stored data type names. Numeric types are one sample per voxel component; `rgb24`
 * (`rgba32`, `rgb48`, `rgba64`) are colour types with 3 (4) samples of 8 (16) bits.
 * The others are listed so headers can be read; scanning them throws
 * {@link UnsupportedFormatError}.
 */
/** The numeric type of one stored sample. */
export type SampleType = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float32' | 'float64';

export type DataTypeName =
  SampleType | 'rgb24' | 'rgba32' | 'rgb48' | 'rgba64' | 'binary' | 'complex64' | 'complex128' | 'complex256' | 'float128' | `unknown(${number})`;

/** What the header of an image says, read from its first few KB only. */
export interface ImageHeader {
  format: ImageFormat;
  /**
   * Axis sizes as stored, fastest-varying first: `[x, y]` (PNG: width, height),
   * `[x, y, z]`, `[x, y, z, t]`. Trailing size-1 axes are kept as the header has them.
   * Component axes of NRRD (e.g. an RGB `kinds` axis) and MetaImage
   * `ElementNumberOfChannels` are not in `dims`; they are in `channels`.
   */
  dims: number[];
  /** One spacing per entry of `dims` (NIfTI pixdim, NRRD spacings/space directions,
   *  MetaImage ElementSpacing; 1 where the file gives none; PNG: `[1, 1]`). */
  spacing: number[];
  /** Stored data type (see {@link DataTypeName}). PNG: `uint8`/`uint16` for grey (and
   *  grey+alpha), `rgb24`/`rgba32`/`rgb48`/`rgba64` for colour and palette images. */
  datatype: DataTypeName;
  /** Byte order of multi-byte samples (PNG is always big-endian). */
  littleEndian: boolean;
  /** NIfTI scl_slope / scl_inter as stored (also when they mean "no scaling"). */
  sclSlope?: number;
  sclInter?: number;
  /** Byte offset of the voxel data in the (uncompressed) file, when it is in the same file. */
  voxOffset?: number;
  /**
   * Samples per spatial voxel: colour components times the sizes of axes beyond the
   * third (NIfTI `dim[4..]`, e.g. 4 for a 4-modality MSD image). 1 for a grey label map.
   */
  channels: number;
  /** NIfTI: `dim[0] >= 4 && dim[4] > 1`; NRRD/MetaImage: a 4th axis larger than 1. */
  is4D: boolean;
}

/** One distinct value found in a label file and how many samples have it. */
export interface ValueCount {
  value: number;
  count: number;
}

/** Result of {@link scanLabelFile}. */
export interface LabelScan {
  header: ImageHeader;
  /**
   * Distinct values after NIfTI scl_slope/scl_inter scaling, ascending, NaN excluded
   * (see `nanCount`). With `tooManyValues` only the first values met are listed.
   */
  values: ValueCount[];
  /** Some value is not an integer (fractions, +-Infinity), after scaling. */
  nonInteger: boolean;
  /** Some value is NaN. */
  nan: boolean;
  /** How many samples are NaN. */
  nanCount: number;
  /**
   * Samples counted: voxels times `header.channels`. For an RGB PNG every colour
   * sample counts, as `np.unique` would see them.
   */
  voxels: number;
  /** Uncompressed payload bytes read (voxel data only, header excluded). */
  bytesRead: number;
  /** More than one sample per voxel (`header.channels > 1`): RGB(A) PNG, 4D or vector image. */
  multiChannel: boolean;
  /**
   * More than {@link MAX_DISTINCT_VALUES} distinct values: not a label map (an
   * intensity image?). `values` is then incomplete; `nonInteger`/`nan` stay exact.
   */
  tooManyValues: boolean;
  /** Human-readable notes about how the file was read (one line each). */
  warnings: string[];
}

/** Distinct values tracked per file before `tooManyValues` is set. */
export const MAX_DISTINCT_VALUES = 65536;

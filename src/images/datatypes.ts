/**
 * Data type tables: NIfTI datatype codes, NRRD `type:` names and MetaImage
 * `ElementType` names, mapped to one sample layout used by the counter.
 */
import type { DataTypeName, SampleType } from './types.js';

export type { SampleType };

/** How a stored data type is laid out: sample type and samples per voxel. */
export interface SampleLayout {
  sample: SampleType;
  /** Samples per voxel for colour types (rgb24: 3), 1 otherwise. */
  components: number;
}

/** Bytes per sample. */
export const SAMPLE_BYTES: Readonly<Record<SampleType, number>> = {
  uint8: 1,
  int8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float32: 4,
  float64: 8,
};

/** NIfTI-1/2 `datatype` codes (nifti1.h). */
const NIFTI_CODES: Readonly<Record<number, DataTypeName>> = {
  1: 'binary',
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  32: 'complex64',
  64: 'float64',
  128: 'rgb24',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'rgba32',
};

/** The NIfTI datatype name for a code (`unknown(N)` for codes outside nifti1.h). */
export function niftiDataTypeName(code: number): DataTypeName {
  return NIFTI_CODES[code] ?? `unknown(${code})`;
}

/** Sample layout of a stored data type, or undefined when it cannot be counted. */
export function sampleLayout(name: DataTypeName): SampleLayout | undefined {
  switch (name) {
    case 'rgb24':
      return { sample: 'uint8', components: 3 };
    case 'rgba32':
      return { sample: 'uint8', components: 4 };
    case 'rgb48':
      return { sample: 'uint16', components: 3 };
    case 'rgba64':
      return { sample: 'uint16', components: 4 };
    case 'uint8':
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
    case 'int64':
    case 'uint64':
    case 'float32':
    case 'float64':
      return { sample: name, components: 1 };
    default:
      return undefined;
  }
}

/** NRRD `type:` field values (NRRD0005 spec, all spellings) -> sample type. */
const NRRD_TYPES: Readonly<Record<string, SampleType>> = {
  'signed char': 'int8',
  int8: 'int8',
  int8_t: 'int8',
  uchar: 'uint8',
  'unsigned char': 'uint8',
  uint8: 'uint8',
  uint8_t: 'uint8',
  short: 'int16',
  'short int': 'int16',
  'signed short': 'int16',
  'signed short int': 'int16',
  int16: 'int16',
  int16_t: 'int16',
  ushort: 'uint16',
  'unsigned short': 'uint16',
  'unsigned short int': 'uint16',
  uint16: 'uint16',
  uint16_t: 'uint16',
  int: 'int32',
  'signed int': 'int32',
  int32: 'int32',
  int32_t: 'int32',
  uint: 'uint32',
  'unsigned int': 'uint32',
  uint32: 'uint32',
  uint32_t: 'uint32',
  longlong: 'int64',
  'long long': 'int64',
  'long long int': 'int64',
  'signed long long': 'int64',
  'signed long long int': 'int64',
  int64: 'int64',
  int64_t: 'int64',
  ulonglong: 'uint64',
  'unsigned long long': 'uint64',
  'unsigned long long int': 'uint64',
  uint64: 'uint64',
  uint64_t: 'uint64',
  float: 'float32',
  double: 'float64',
};

/** Sample type of an NRRD `type:` value, or undefined (e.g. `block`). */
export function nrrdSampleType(type: string): SampleType | undefined {
  return NRRD_TYPES[type.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/** MetaImage `ElementType` values (MetaIO metaTypes.h; MET_LONG is 4 bytes there). */
const MET_TYPES: Readonly<Record<string, SampleType>> = {
  MET_CHAR: 'int8',
  MET_UCHAR: 'uint8',
  MET_SHORT: 'int16',
  MET_USHORT: 'uint16',
  MET_INT: 'int32',
  MET_UINT: 'uint32',
  MET_LONG: 'int32',
  MET_ULONG: 'uint32',
  MET_LONG_LONG: 'int64',
  MET_ULONG_LONG: 'uint64',
  MET_FLOAT: 'float32',
  MET_DOUBLE: 'float64',
};

/** Sample type of a MetaImage `ElementType`, or undefined (e.g. MET_STRING). */
export function metaSampleType(type: string): SampleType | undefined {
  return MET_TYPES[type.trim().toUpperCase()];
}

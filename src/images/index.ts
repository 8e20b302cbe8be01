/**
 * Reading segmentation and image files for the NNU4xx checks: header-only reads
 * ({@link readImageHeader}), streaming label-value counts ({@link scanLabelFile}),
 * many files at once ({@link scanFiles}), and a row-by-row PNG decoder
 * ({@link decodePngRows}).
 */
export { readImageHeader } from './header.js';
export { scanLabelFile, type ScanOptions } from './scan.js';
export { scanFiles, workersAvailable, type FileScanResult, type ScanFilesOptions, type WorkerPolicy } from './pool.js';
export {
  abortError,
  CorruptImageError,
  NotRegularFileError,
  OutsideDatasetError,
  UnsupportedFormatError,
  classifyError,
  isAbortError,
  type ScanError,
  type ScanErrorKind,
} from './errors.js';
export { SUPPORTED_ENDINGS } from './source.js';
export {
  adam7Pass,
  decodePngRows,
  PngChunkParser,
  pngDataBytes,
  pngPasses,
  PngUnfilter,
  type DecodePngOptions,
  type PngInfo,
  type PngPass,
  type PngRow,
  type PngRowHandlers,
} from './png-rows.js';
export { MAX_DISTINCT_VALUES, type DataTypeName, type ImageFormat, type ImageHeader, type LabelScan, type ValueCount } from './types.js';

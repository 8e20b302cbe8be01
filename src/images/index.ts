/**
 * Reading segmentation and image files for the NNU4xx checks: header-only reads
 * ({@link readImageHeader}), streaming label-value counts ({@link scanLabelFile}) and
 * many files at once ({@link scanFiles}). The row-by-row PNG decoder is src/images/png-rows.ts.
 */
export { readImageHeader } from './header.js';
export { scanLabelFile } from './scan.js';
export { scanFiles, workersAvailable, type FileScanResult } from './pool.js';
export { abortError, CorruptImageError, NotRegularFileError, OutsideDatasetError, UnsupportedFormatError, classifyError, isAbortError } from './errors.js';
export { SUPPORTED_ENDINGS } from './source.js';
export type { ImageHeader, LabelScan, ValueCount } from './types.js';

/**
 * nnunet-doctor's library API. The CLI uses only this.
 *
 * @example
 * ```ts
 * import { fixText, scan, rules } from 'nnunet-doctor';
 * const { output, diagnostics } = fixText('{"labels": {"0": "background", "1": "liver"}}');
 * ```
 */
export { fixText, fixBytes, selectRules, type FixTextOptions, type FixTextResult, type AppliedFix } from './engine.js';
export { scan, processFile, type ScanOptions, type ScanResult, type FileResult } from './run.js';
export { summarize, exitCode, type Summary } from './summary.js';
export { unifiedDiff } from './diff.js';
export { parseDocument, type Document } from './document.js';
export { parsePython, PyJsonError } from './pyjson.js';
export { explainRule, rulesTable } from './explain.js';
export { rules, ruleByCode } from '../transforms/index.js';
export type { Diagnostic, Rule, RuleMeta, Finding, Fix, TextEdit, Severity, Applicability, FileKind, JsonPath } from './types.js';

import { readDatasetFile } from './read.js';
import { fixBytes as fixBytesImpl, type FixTextOptions as Opts, type FixTextResult as Res } from './engine.js';

/**
 * Check one dataset.json file on disk (no folder checks, no write): read it with the
 * safety checks and return what fixText would return, or throw with a one-line reason.
 */
export async function checkFile(path: string, options: Opts = {}): Promise<Res> {
  const r = await readDatasetFile(path);
  if (!r.ok) throw new Error(`${path}: cannot read: ${r.reason}`);
  return fixBytesImpl(r.bytes, options);
}

/**
 * nnunet-doctor's library API. What a program that uses nnunet-doctor imports (the command line, src/cli-main.ts, is built on the same modules).
 *
 * @example
 * ```ts
 * import { checkFile, fixText, scan, rules } from 'nnunet-doctor';
 *
 * // Pure: text in, fixed text + diagnostics + edits out. No I/O.
 * const { output, diagnostics, edits } = fixText('{"labels": {"0": "background", "1": "liver"}, ...}');
 *
 * // One file on disk (read only, never written).
 * const r = await checkFile('nnUNet_raw/Dataset001_Liver/dataset.json');
 *
 * // What the CLI does: discover, check, optionally fix (writes only with fix: true).
 * const result = await scan({ paths: ['nnUNet_raw'], fix: false });
 *
 * // The rule registry: code, name, severity, fix kinds, summary, docs.
 * for (const r of rules) console.log(r.meta.code, r.meta.summary);
 * ```
 *
 * @packageDocumentation
 */
import { diffLines } from 'diff';
import { fixBytes as engineFixBytes, fixText as engineFixText, type FixTextOptions, type FixTextResult as EngineResult } from './engine.js';
import { readDatasetFile } from './read.js';
import type { Rule, TextEdit } from './types.js';
import { rules as registry } from '../transforms/index.js';

// What a program that uses nnunet-doctor needs: check and fix (scan, scanEach, checkFile,
// fixText, fixBytes), the rules, the counts and exit code of a run, the documented report
// formats, and their types. The command line's own helpers are not part of it.
export { type FixTextOptions, type SelectOptions, type AppliedFix } from './engine.js';
export { scan, scanEach, type ScanOptions, type ScanResult, type FileResult, type FileError, type CopyOutcome } from './run.js';
export { summarize, exitCode, type Summary, type ExitOptions } from './summary.js';
export { explainRule } from './explain.js';
export { ruleByCode } from '../transforms/index.js';
export { formatJson } from './report/json.js';
export { formatSarif, type SarifOptions } from './report/sarif.js';
export type { JsonReport, JsonFile, JsonDiagnostic, JsonFix, JsonSummary } from './report/json-types.js';
export { VERSION as version } from './version.js';
export type { Diagnostic, Rule, RuleMeta, RuleFixKind, RuleStage, Finding, Fix, TextEdit, Severity, Applicability, FileKind, JsonPath } from './types.js';

/**
 * Every rule nnunet-doctor knows, in code order (NNU000, NNU001, ...): `meta.code`,
 * `meta.name`, `meta.severity`, `meta.fix` (the fix kinds it can offer), `meta.summary`,
 * `meta.docs` (Markdown, as `nnunet-doctor explain CODE` shows it) and `meta.optIn`.
 * Generated tables (README, `nnunet-doctor rules`, SARIF rule metadata) come from here.
 */
export const rules: readonly Rule[] = registry;

/** What {@link fixText}, {@link fixBytes} and {@link checkFile} return. */
export interface FixTextResult extends EngineResult {
  /**
   * The whole change from `input` to `output` as text edits against `input`: sorted by
   * offset, non-overlapping, offsets in UTF-16 code units of `input` (a leading U+FEFF
   * byte-order mark counts as one). Applying them to `input` from the last to the first
   * gives `output`. Empty when nothing changed. (`applied` lists the fixes one by one,
   * each against the text of its own pass.)
   */
  edits: TextEdit[];
}

/**
 * The minimal text edits that turn `before` into `after`: a line diff, then each changed
 * hunk trimmed to its differing characters.
 */
export function textEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: TextEdit | undefined;
  const flush = () => {
    if (!pending) return;
    const removed = before.slice(pending.offset, pending.offset + pending.length);
    const added = pending.content;
    let head = 0;
    while (head < removed.length && head < added.length && removed[head] === added[head]) head++;
    let tail = 0;
    while (tail < removed.length - head && tail < added.length - head && removed[removed.length - 1 - tail] === added[added.length - 1 - tail]) tail++;
    edits.push({ offset: pending.offset + head, length: removed.length - head - tail, content: added.slice(head, added.length - tail) });
    pending = undefined;
  };
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    pending ??= { offset, length: 0, content: '' };
    if (part.removed) {
      pending.length += part.value.length;
      offset += part.value.length;
    } else pending.content += part.value;
  }
  flush();
  return edits;
}

const withEdits = (r: EngineResult): FixTextResult => ({ ...r, edits: textEdits(r.input, r.output) });

/**
 * Diagnose a dataset.json text and compute its repaired version. Pure: no I/O, the input
 * is not modified.
 *
 * @param text - The decoded file text (a leading U+FEFF byte-order mark is kept and
 *   reported as NNU003).
 * @param options - `select`/`ignore` rule codes or prefixes, `unsafeFixes` to apply the
 *   unsafe fixes too; folder facts for the NNU3xx rules (see {@link scan} for the I/O).
 * @returns `output` (the fixed text: safe fixes, plus unsafe ones with `unsafeFixes`,
 *   verified to load in Python's json.load with nothing else changed), `diagnostics` (the
 *   problems in `text`, each with `fix.applied`), `remaining` (problems left in `output`),
 *   `edits` (the whole change as text edits against `text`), `applied` (the fixes in
 *   order), `kind`, and `error` when fixing was refused (then `output === text`).
 */
export function fixText(text: string, options: FixTextOptions = {}): FixTextResult {
  return withEdits(engineFixText(text, options));
}

/**
 * Like {@link fixText}, from raw file bytes: UTF-16, Latin-1 and binary files become an
 * NNU007 diagnostic instead of being guessed at. Pure.
 */
export function fixBytes(bytes: Uint8Array, options: FixTextOptions = {}): FixTextResult {
  return withEdits(engineFixBytes(bytes, options));
}

/**
 * Check one dataset.json file on disk: read it with the safety checks (size limit,
 * regular file) and return what {@link fixBytes} returns. Never writes; runs no folder
 * checks (use {@link scan} for those and for `--fix`).
 *
 * @throws Error with a one-line reason when the file cannot be read.
 */
export async function checkFile(path: string, options: FixTextOptions = {}): Promise<FixTextResult> {
  const r = await readDatasetFile(path);
  if (!r.ok) throw new Error(`${path}: cannot read: ${r.reason}`);
  return fixBytes(r.bytes, options);
}

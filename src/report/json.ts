/**
 * `--format json`: one JSON document on stdout, version 2 (src/report/json-types.ts, and the
 * JSON Schema `schema/report.schema.json`). Streamed: each file's entry is written as soon
 * as the file is done, the summary last.
 */
import type { FileResult, ScanResult } from '../run.js';
import type { Summary } from '../summary.js';
import type { Diagnostic } from '../types.js';
import { VERSION } from '../version.js';
import type { JsonDiagnostic, JsonFile } from './json-types.js';
import type { Reporter, RunFacts } from './reporter.js';

function jsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    name: d.name,
    severity: d.severity,
    message: d.message,
    ...(d.nnunet ? { nnunet: d.nnunet } : {}),
    ...(d.help ? { help: d.help } : {}),
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    fix: {
      applicability: d.fix.applicability,
      available: d.fix.available,
      applied: d.fix.applied,
      ...(d.fix.unsafeAvailable ? { unsafeAvailable: true } : {}),
      ...(d.fix.title ? { title: d.fix.title } : {}),
      ...(d.fix.edits ? { edits: d.fix.edits } : {}),
      ...(d.fix.files ? { files: d.fix.files } : {}),
    },
  };
}

const EXTRA_KEYS = [
  'labelTable',
  'labelFilesScanned',
  'labelFilesNotScanned',
  'labelFilesUnreadable',
  'labelFilesNotChecked',
  'labelsNotScanned',
  'note',
] as const;

function jsonFile(f: FileResult): JsonFile {
  const extra: Record<string, unknown> = {};
  for (const k of EXTRA_KEYS) if (f.extra?.[k] !== undefined) extra[k] = f.extra[k];
  return {
    path: f.path,
    kind: f.kind,
    diagnostics: f.diagnostics.map(jsonDiagnostic),
    remaining: f.remaining.map(jsonDiagnostic),
    changed: f.changed,
    written: f.written,
    ...(f.backupPath ? { backup: f.backupPath } : {}),
    ...(f.error ? { error: f.error } : {}),
    ...(f.preprocessedCopy ? { preprocessedCopy: f.preprocessedCopy } : {}),
    ...(f.segmentations ? { segmentations: f.segmentations } : {}),
    ...extra,
  };
}

/** The JSON reporter: `{"version": 2, ..., "files": [` + one entry per file + `], ..., "summary": {...}}`. */
export function jsonReporter(options: { fix: boolean; unsafeFixes: boolean }): Reporter {
  let n = 0;
  const indent = (s: string) => s.replace(/\n/g, '\n    ');
  return {
    start: () =>
      `{\n  "version": 2,\n  "tool": ${JSON.stringify({ name: 'nnunet-doctor', version: VERSION })},\n  "mode": "${options.fix ? 'fix' : 'check'}",\n  "unsafeFixes": ${options.unsafeFixes},\n  "files": [`,
    file: (f) => `${n++ ? ',' : ''}\n    ${indent(JSON.stringify(jsonFile(f), null, 2))}`,
    end: (run: RunFacts, summary: Summary, exitCode: number) =>
      `${n ? '\n  ' : ''}],\n  "missing": ${JSON.stringify(run.missing)},\n  "errors": ${JSON.stringify(run.errors)},\n  "interrupted": ${!!run.interrupted},\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')},\n  "exitCode": ${exitCode}\n}\n`,
  };
}

/** The whole JSON report of a finished run (not streamed). */
export function formatJson(result: ScanResult, summary: Summary, exitCode: number, unsafeFixes = false): string {
  const r = jsonReporter({ fix: result.fix, unsafeFixes });
  return r.start() + result.files.map((f) => r.file(f)).join('') + r.end(result, summary, exitCode);
}

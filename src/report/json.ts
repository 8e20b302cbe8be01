/**
 * `--format json`: one JSON document on stdout, version 1.
 * { version, tool, files: [{ path, kind, diagnostics: [{ code, name, severity, message,
 *   line, column, endLine, endColumn, fix: { applicability, applied, title?, edits? } }],
 *   remaining, changed, written, error? }], missing, errors, summary }
 */
import type { ScanResult } from '../run.js';
import type { Summary } from '../summary.js';
import type { Diagnostic } from '../types.js';
import { VERSION } from '../version.js';

const diag = (d: Diagnostic) => ({
  code: d.code,
  name: d.name,
  severity: d.severity,
  message: d.message,
  line: d.line,
  column: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
  fix: { applicability: d.fix.applicability, applied: d.fix.applied, ...(d.fix.title ? { title: d.fix.title } : {}), ...(d.fix.edits ? { edits: d.fix.edits } : {}) },
});

export function formatJson(result: ScanResult, summary: Summary, extra: Record<string, unknown> = {}): string {
  const doc = {
    version: 1,
    tool: { name: 'nnunet-doctor', version: VERSION },
    mode: result.fix ? 'fix' : 'check',
    files: result.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      diagnostics: f.diagnostics.map(diag),
      remaining: f.remaining.map(diag),
      changed: f.changed,
      written: f.written,
      ...(f.backupPath ? { backup: f.backupPath } : {}),
      ...(f.error ? { error: f.error } : {}),
      ...(f.preprocessedCopy ? { preprocessedCopy: f.preprocessedCopy } : {}),
      ...(f.extra ?? {}),
    })),
    missing: result.missing,
    errors: result.errors,
    summary,
    ...extra,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * `--format github`: GitHub Actions workflow commands, one line per problem, so the
 * run annotates the pull request:
 *
 *     ::error file=Dataset001_Liver/dataset.json,line=5,col=15,endLine=9,endColumn=6,title=NNU102 labels-inverted::labels are inverted: ...
 *
 * error -> `::error`, warning -> `::warning`, info and style -> `::notice`. Escaping
 * follows GitHub's workflow-command rules (actions/toolkit `escapeData` and
 * `escapeProperty`): in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in
 * property values (file, title) also `:` -> `%3A` and `,` -> `%2C`.
 *
 * Which problems and where: as in SARIF (src/report/sarif.ts), the diagnostics located in
 * the file as it is on disk (after `--fix` wrote it, the ones left), with columns counted
 * as editors count them (a leading byte-order mark is not a column). File errors and
 * missing paths are `::error` lines too; nothing else is printed.
 */
import type { ScanResult } from '../run.js';
import type { Diagnostic, Severity } from '../types.js';
import { diagnosticsOnDisk, editorColumn, textHasBom } from './sarif.js';

export interface GithubOptions {
  /** Only errors (`--quiet`). */
  quiet?: boolean;
}

/** Escape a workflow command's message (the text after `::`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command's property value (`file=`, `title=`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubCommand(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

function fixHint(d: Diagnostic): string {
  if (d.fix.applicability === 'safe') return ' [fixable with --fix]';
  if (d.fix.applicability === 'unsafe') return ' [fixable with --fix --unsafe-fixes]';
  return '';
}

/** One workflow command line (no newline). */
export function githubAnnotation(file: string, d: Diagnostic, bom = false): string {
  const props = [
    `file=${escapeProperty(file)}`,
    `line=${d.line}`,
    `col=${editorColumn(d.line, d.column, bom)}`,
    `endLine=${d.endLine}`,
    `endColumn=${editorColumn(d.endLine, d.endColumn, bom)}`,
    `title=${escapeProperty(`${d.code} ${d.name}`)}`,
  ];
  return `::${githubCommand(d.severity)} ${props.join(',')}::${escapeData(d.message + fixHint(d))}`;
}

export function formatGithub(result: ScanResult, options: GithubOptions = {}): string {
  const lines: string[] = [];
  for (const m of result.missing) lines.push(`::error title=${escapeProperty('nnunet-doctor')}::${escapeData(`${m}: no such file or folder`)}`);
  for (const e of result.errors) lines.push(`::error title=${escapeProperty('nnunet-doctor')}::${escapeData(`${e.path}: ${e.message}`)}`);
  for (const f of result.files) {
    if (f.error) lines.push(`::error file=${escapeProperty(f.path)},title=${escapeProperty(f.error.kind === 'internal' ? 'nnunet-doctor internal error' : 'nnunet-doctor')}::${escapeData(f.error.message)}`);
    const bom = textHasBom(f);
    for (const d of diagnosticsOnDisk(f)) {
      if (options.quiet && d.severity !== 'error') continue;
      lines.push(githubAnnotation(f.path, d, bom));
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

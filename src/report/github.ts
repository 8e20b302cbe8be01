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
import type { Diagnostic, Severity } from '../types.js';
import { diagnosticsOnDisk, editorColumn, fullMessage, textHasBom } from './sarif.js';
import type { Reporter } from './reporter.js';

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

function fixHint(d: Diagnostic, fixMode: boolean): string {
  if (fixMode && d.fix.applied) return ' [fixed]';
  if (d.fix.available) return ' [fixable with --fix]';
  if (d.fix.unsafeAvailable) return ' [fixable with --fix --unsafe-fixes]';
  return '';
}

/** One workflow command line (no newline). */
export function githubAnnotation(file: string, d: Diagnostic, bom = false, fixMode = false): string {
  const props = [
    `file=${escapeProperty(file)}`,
    `line=${d.line}`,
    `col=${editorColumn(d.line, d.column, bom)}`,
    `endLine=${d.endLine}`,
    `endColumn=${editorColumn(d.endLine, d.endColumn, bom)}`,
    `title=${escapeProperty(`${d.code} ${d.name}`)}`,
  ];
  return `::${githubCommand(d.severity)} ${props.join(',')}::${escapeData(fullMessage(d) + fixHint(d, fixMode))}`;
}

/** The GitHub reporter: one workflow command per problem, as files come; path errors at the end. */
export function githubReporter(options: GithubOptions & { fix: boolean }): Reporter {
  const line = (s: string) => s + '\n';
  return {
    start: () => '',
    file(f) {
      let out = '';
      if (f.error)
        out += line(
          `::error file=${escapeProperty(f.path)},title=${escapeProperty(f.error.kind === 'internal' ? 'nnunet-doctor internal error' : 'nnunet-doctor')}::${escapeData(f.error.message)}`,
        );
      if (f.preprocessedCopy?.error)
        out += line(
          `::error file=${escapeProperty(f.preprocessedCopy.path)},title=${escapeProperty('nnunet-doctor')}::${escapeData(`preprocessed copy ${f.preprocessedCopy.error}`)}`,
        );
      const bom = textHasBom(f);
      for (const d of diagnosticsOnDisk(f)) {
        if (options.quiet && d.severity !== 'error') continue;
        out += line(githubAnnotation(f.path, d, bom, options.fix));
      }
      return out;
    },
    end(run) {
      let out = '';
      for (const m of run.missing) out += line(`::error title=${escapeProperty('nnunet-doctor')}::${escapeData(`${m}: no such file or folder`)}`);
      for (const e of run.errors) out += line(`::error title=${escapeProperty('nnunet-doctor')}::${escapeData(`${e.path}: ${e.message}`)}`);
      if (run.interrupted)
        out += line(`::error title=${escapeProperty('nnunet-doctor')}::${escapeData('interrupted (Ctrl-C): only the files above were checked')}`);
      return out;
    },
  };
}

/**
 * `--format sarif`: one SARIF 2.1.0 log on stdout, for GitHub code scanning
 * (github/codeql-action/upload-sarif), GitLab, VS Code's SARIF viewer and friends.
 *
 * - `tool.driver.rules`: one entry per rule of the registry (selected or not), generated
 *   from the rule modules: id (NNU102), name, shortDescription (summary), fullDescription
 *   and help (docs), helpUri (the rule's page docs/rules/NNU###.md, {@link ruleDocsUrl}),
 *   defaultConfiguration (level; opt-in rules disabled).
 * - `results`: one per diagnostic, with `ruleId`/`ruleIndex`, `level` (error -> error,
 *   warning -> warning, info and style -> note), a physical location (path relative to
 *   the working folder, under `uriBaseId` %SRCROOT%) and, for fixable diagnostics,
 *   `fixes[].artifactChanges[].replacements`.
 * - Which diagnostics: those that locate text in the file as it is on disk now. In a dry
 *   run that is every problem found; after `--fix` wrote a file, the problems left in it.
 * - I/O and internal errors, missing paths: `invocations[0].toolExecutionNotifications`.
 *
 * Positions. `run.columnKind` is `utf16CodeUnits`: columns, `charOffset` and `charLength`
 * count UTF-16 code units, as JavaScript and VS Code do. They are counted in the text
 * AFTER a UTF-8 byte-order mark: the BOM is an encoding marker that editors do not show,
 * so a file that starts with one still has `{` at line 1, column 1 and charOffset 0 (the
 * engine's own offsets count the BOM as one character; it is subtracted here). The one
 * edit that removes the BOM itself (NNU003) is a byte region: `byteOffset` 0,
 * `byteLength` 3. Replacement regions use charOffset/charLength (no line/column); all of
 * a result's replacements refer to the file as it is on disk and do not overlap.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { rules as registry } from '../../transforms/index.js';
import type { FileResult, ScanResult } from '../run.js';
import type { Summary } from '../summary.js';
import type { Diagnostic, Rule, Severity, TextEdit } from '../types.js';
import { VERSION } from '../version.js';
import type { Reporter } from './reporter.js';

/**
 * The project's repository page. A placeholder until the project has its public home: change
 * it here (docs/rules/README.md and CONTRIBUTING.md say so).
 */
const REPOSITORY_URL = 'https://github.com/nnunet-doctor/nnunet-doctor';

/**
 * Where the rule docs live: one page per rule, `docs/rules/NNU102.md`, generated from the rule
 * modules by scripts/gen-docs.mjs.
 */
export const RULE_DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/docs/rules`;

/** The documentation URL of a rule: `https://github.com/nnunet-doctor/nnunet-doctor/blob/main/docs/rules/NNU102.md`. */
export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE_URL}/${code.toUpperCase()}.md`;
}

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** The folder relative paths are resolved against (%SRCROOT%); default: process.cwd(). */
  cwd?: string;
  /** The rules to describe (default: the whole registry). */
  rules?: readonly Rule[];
  /** The exit code of the run, recorded in the invocation. */
  exitCode?: number;
}

/** error -> error, warning -> warning, info and style -> note. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** The diagnostics whose positions refer to the file as it is on disk after this run. */
export function diagnosticsOnDisk(f: FileResult): Diagnostic[] {
  return f.written ? f.remaining : f.diagnostics;
}

/** Does the file as it is on disk after this run start with a BOM? (Columns are counted after it.) */
export function textHasBom(f: FileResult): boolean {
  return !!f.bom;
}

/** A path segment-wise percent-encoded as a relative URI reference. */
function relativeUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/**
 * Where a file is: relative to the working folder (%SRCROOT%) when inside it; otherwise
 * relative to its dataset's parent folder (`nnUNet_raw/`), under a base id of its own
 * (`ROOT1`, `ROOT2`, ...), so the log carries no absolute path in its results.
 */
function artifactLocation(f: FileResult, cwd: string, bases: Map<string, string>): Sarif.ArtifactLocation {
  const abs = path.resolve(cwd, f.path);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: relativeUri(rel.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' };
  const base = path.dirname(path.dirname(abs));
  let id = bases.get(base);
  if (!id) bases.set(base, (id = `ROOT${bases.size + 1}`));
  return { uri: relativeUri(path.relative(base, abs).split(path.sep).join('/')), uriBaseId: id };
}

/** A stable id of "the same problem" across runs (code scanning tracks alerts by it): file, rule and the problem's key, never its line. */
function fingerprint(f: FileResult, d: Diagnostic): string {
  return createHash('sha256').update(`${f.path}\0${d.key}`).digest('hex').slice(0, 32);
}

/** A 1-based column as editors count it: on line 1 of a file with a BOM, one less. */
export function editorColumn(line: number, column: number, bom: boolean): number {
  return bom && line === 1 ? Math.max(1, column - 1) : column;
}

function region(d: Diagnostic, bom: boolean): Sarif.Region {
  return {
    startLine: d.line,
    startColumn: editorColumn(d.line, d.column, bom),
    endLine: d.endLine,
    endColumn: editorColumn(d.endLine, d.endColumn, bom),
    charOffset: Math.max(0, d.offset - (bom ? 1 : 0)),
    charLength: bom && d.offset === 0 ? Math.max(0, d.length - 1) : d.length,
  };
}

/** Text edits (engine offsets, BOM counted) -> SARIF replacements (BOM excluded). */
function replacements(edits: readonly TextEdit[], bom: boolean): Sarif.Replacement[] {
  const out: Sarif.Replacement[] = [];
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    let { offset, length } = e;
    if (bom) {
      if (offset === 0 && length > 0) {
        out.push({ deletedRegion: { byteOffset: 0, byteLength: 3 } });
        length -= 1;
        if (length === 0 && e.content === '') continue;
      } else offset -= 1;
      offset = Math.max(0, offset);
    }
    out.push({ deletedRegion: { charOffset: offset, charLength: length }, ...(e.content ? { insertedContent: { text: e.content } } : {}) });
  }
  return out;
}

function ruleDescriptor(r: Rule): Sarif.ReportingDescriptor {
  const m = r.meta;
  const docs = m.docs.trim();
  return {
    id: m.code,
    name: m.name,
    shortDescription: { text: m.summary },
    fullDescription: { text: docs, markdown: docs },
    help: { text: `${m.summary}\n\n${docs}`, markdown: `${m.summary}\n\n${docs}` },
    helpUri: ruleDocsUrl(m.code),
    defaultConfiguration: { level: sarifLevel(m.severity), enabled: !m.optIn },
    properties: { severity: m.severity, fix: [...m.fix], stage: m.stage, ...(m.optIn ? { optIn: true } : {}), tags: ['nnunet', `severity:${m.severity}`] },
  };
}

/** The full text of a diagnostic: what was found, what nnU-Net says, what to do. */
export function fullMessage(d: Diagnostic): string {
  return [d.message, d.nnunet && `nnU-Net ${d.nnunet}`, d.help].filter(Boolean).join('; ');
}

function result(d: Diagnostic, f: FileResult, loc: Sarif.ArtifactLocation, bom: boolean, ruleIndex: Map<string, number>): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: d.code,
    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code)! } : {}),
    level: sarifLevel(d.severity),
    message: { text: fullMessage(d) },
    locations: [{ physicalLocation: { artifactLocation: loc, region: region(d, bom) } }],
    partialFingerprints: { 'nnunetDoctorProblem/v1': fingerprint(f, d) },
    properties: { severity: d.severity, fixApplicability: d.fix.applicability, fixAvailable: d.fix.available, fixApplied: d.fix.applied, kind: f.kind },
  };
  const fix = d.fix;
  // Every diagnostic reported locates the file on disk (see diagnosticsOnDisk), and so do
  // its edits: offer them, safe and unsafe alike (the description says which is which).
  if (fix.applicability !== 'none' && fix.edits?.length) {
    const how = fix.applicability === 'unsafe' ? 'unsafe: nnunet-doctor applies it only with --fix --unsafe-fixes' : 'safe: nnunet-doctor --fix applies it';
    r.fixes = [
      {
        description: { text: `${fix.title ?? 'fix'} (${how})` },
        artifactChanges: [{ artifactLocation: loc, replacements: replacements(fix.edits, bom) }],
        properties: { applicability: fix.applicability },
      },
    ];
  }
  return r;
}

/** The SARIF reporter: the log's head, then each file's results as it comes, then the invocation. */
export function sarifReporter(options: SarifOptions & { fix: boolean }): Reporter {
  const cwd = options.cwd ?? process.cwd();
  const list = options.rules ?? registry;
  const ruleIndex = new Map(list.map((r, i) => [r.meta.code, i] as const));
  const bases = new Map<string, string>();
  const notifications: Sarif.Notification[] = [];
  let n = 0;
  return {
    start() {
      const head = {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: { name: 'nnunet-doctor', semanticVersion: VERSION, version: VERSION, informationUri: REPOSITORY_URL, rules: list.map(ruleDescriptor) },
            },
            columnKind: 'utf16CodeUnits',
            results: [],
          },
        ],
      };
      const text = JSON.stringify(head, null, 2);
      return text.slice(0, text.lastIndexOf('[]')) + '[';
    },
    file(f) {
      const loc = artifactLocation(f, cwd, bases);
      if (f.error) {
        notifications.push({
          level: 'error',
          message: { text: `${f.path}: ${f.error.kind === 'internal' ? 'internal error: ' : ''}${f.error.message}` },
          locations: [{ physicalLocation: { artifactLocation: loc } }],
        });
      }
      if (f.preprocessedCopy?.error)
        notifications.push({ level: 'error', message: { text: `${f.preprocessedCopy.path}: preprocessed copy ${f.preprocessedCopy.error}` } });
      const bom = textHasBom(f);
      return diagnosticsOnDisk(f)
        .map((d) => `${n++ ? ',' : ''}\n        ${JSON.stringify(result(d, f, loc, bom, ruleIndex))}`)
        .join('');
    },
    end(run, summary, exitCode) {
      for (const m of run.missing) notifications.unshift({ level: 'error', message: { text: `${m}: no such file or folder` } });
      for (const e of run.errors) notifications.push({ level: 'error', message: { text: `${e.path}: ${e.message}` } });
      const baseIds: Record<string, Sarif.ArtifactLocation> = { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } };
      for (const [dir, id] of bases) baseIds[id] = { uri: pathToFileURL(dir.endsWith(path.sep) ? dir : dir + path.sep).href };
      const tail = {
        invocations: [{ executionSuccessful: exitCode !== 2, exitCode, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: baseIds,
        properties: { mode: options.fix ? 'fix' : 'check', interrupted: !!run.interrupted, summary: { ...summary } },
      };
      const body = JSON.stringify(tail, null, 2).slice(1, -2).replace(/\n/g, '\n    ');
      return `${n ? '\n      ' : ''}],${body}\n    }\n  ]\n}\n`;
    },
  };
}

/** `--format sarif`: the SARIF 2.1.0 log of a finished run (not streamed). */
export function formatSarif(res: ScanResult, summary: Summary, options: SarifOptions & { exitCode: number }): string {
  const r = sarifReporter({ ...options, fix: res.fix });
  return r.start() + res.files.map((f) => r.file(f)).join('') + r.end(res, summary, options.exitCode);
}

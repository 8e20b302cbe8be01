/**
 * `--format sarif`: one SARIF 2.1.0 log on stdout, for GitHub code scanning
 * (github/codeql-action/upload-sarif), GitLab, VS Code's SARIF viewer and friends.
 *
 * - `tool.driver.rules`: one entry per rule of the registry (selected or not), generated
 *   from the rule modules: id (NNU102), name, shortDescription (summary), fullDescription
 *   and help (docs), helpUri (the rule's section of the README, {@link ruleDocsUrl}),
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
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { rules as registry } from '../../transforms/index.js';
import type { FileResult, ScanResult } from '../run.js';
import type { Summary } from '../summary.js';
import type { Diagnostic, Rule, Severity, TextEdit } from '../types.js';
import { VERSION } from '../version.js';

/**
 * Where the rule docs live: the README on the project's repository page, one section per
 * rule whose heading is the code (`### NNU102`), so its anchor is the lower-case code.
 * The same anchors are generated into README.md by scripts/gen-readme-rules.mjs.
 */
export const RULE_DOCS_BASE_URL = 'https://github.com/nnunet-doctor/nnunet-doctor';

/** The documentation URL of a rule: `https://github.com/nnunet-doctor/nnunet-doctor#nnu102`. */
export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE_URL}#${code.toLowerCase()}`;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

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

/**
 * Does the text the diagnostics were located in start with a BOM? Written files: the
 * output. Otherwise the input, which had one when the output still has it (no rule adds
 * one) or when NNU003's fix removed it.
 */
export function textHasBom(f: FileResult): boolean {
  const outputBom = !!f.output?.startsWith('\uFEFF');
  if (f.written) return outputBom;
  return outputBom || f.diagnostics.some((d) => d.code === 'NNU003' && d.fix.applied);
}

/** A path segment-wise percent-encoded as a relative URI reference. */
function relativeUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function artifactLocation(f: FileResult, cwd: string): Sarif.ArtifactLocation {
  const rel = path.isAbsolute(f.path) ? path.relative(cwd, f.path) : f.path;
  if (!path.isAbsolute(f.path) || (rel && !rel.startsWith('..') && !path.isAbsolute(rel))) {
    return { uri: relativeUri(rel.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(f.path).href };
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

function result(d: Diagnostic, f: FileResult, loc: Sarif.ArtifactLocation, bom: boolean, ruleIndex: Map<string, number>): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: d.code,
    ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code)! } : {}),
    level: sarifLevel(d.severity),
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: loc, region: region(d, bom) } }],
    properties: { severity: d.severity, fixApplicability: d.fix.applicability, fixApplied: d.fix.applied, kind: f.kind },
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

/** The SARIF log object of a run. */
function sarifLog(res: ScanResult, summary: Summary, options: SarifOptions = {}): Sarif.Log {
  const cwd = options.cwd ?? process.cwd();
  const list = options.rules ?? registry;
  const ruleIndex = new Map(list.map((r, i) => [r.meta.code, i] as const));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const m of res.missing) notifications.push({ level: 'error', message: { text: `${m}: no such file or folder` } });
  for (const e of res.errors) notifications.push({ level: 'error', message: { text: `${e.path}: ${e.message}` } });
  for (const f of res.files) {
    const loc = artifactLocation(f, cwd);
    if (f.error) {
      notifications.push({
        level: 'error',
        message: { text: `${f.path}: ${f.error.kind === 'internal' ? 'internal error: ' : ''}${f.error.message}` },
        locations: [{ physicalLocation: { artifactLocation: loc } }],
      });
    }
    const bom = textHasBom(f);
    for (const d of diagnosticsOnDisk(f)) results.push(result(d, f, loc, bom, ruleIndex));
  }
  const exitCode = options.exitCode;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nnunet-doctor',
            semanticVersion: VERSION,
            version: VERSION,
            informationUri: RULE_DOCS_BASE_URL,
            rules: list.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: exitCode === undefined ? summary.internalErrors === 0 && summary.missingPaths === 0 : exitCode !== 2,
            ...(exitCode !== undefined ? { exitCode } : {}),
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { mode: res.fix ? 'fix' : 'check', summary: { ...summary } },
      },
    ],
  };
}

/** `--format sarif`: the SARIF 2.1.0 log as pretty JSON text with a final newline. */
export function formatSarif(res: ScanResult, summary: Summary, options: SarifOptions = {}): string {
  return JSON.stringify(sarifLog(res, summary, options), null, 2) + '\n';
}

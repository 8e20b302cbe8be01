/**
 * The `--format json` report, version 2, as TypeScript types. The same document is described
 * by the JSON Schema shipped in the package (`nnunet-doctor/schema/report.schema.json`); the
 * tests validate every report they produce against it.
 */
import type { Summary } from '../summary.js';
import type { Applicability, FileKind, Severity, TextEdit } from '../types.js';

export interface JsonFix {
  applicability: Applicability;
  /** `--fix` (with this run's flags) writes it: in a dry run, would write it. */
  available: boolean;
  /** It was written in this run (only with `--fix`, when the write succeeded). */
  applied: boolean;
  /** Without `--unsafe-fixes`: `--fix --unsafe-fixes` would write it. */
  unsafeAvailable?: boolean;
  title?: string;
  /** The fix's text edits, against the file as read (UTF-16 offsets, a BOM counts as one). */
  edits?: TextEdit[];
  /** Segmentation files the fix rewrites instead (NNU401/NNU402 with --labels). */
  files?: string[];
}

export interface JsonDiagnostic {
  code: string;
  name: string;
  severity: Severity;
  /** What was found. */
  message: string;
  /** What nnU-Net says or does about it. */
  nnunet?: string;
  /** What to do, or what the fix writes. */
  help?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix: JsonFix;
}

export interface JsonFile {
  path: string;
  kind: FileKind;
  /** Problems in the file as it was read. */
  diagnostics: JsonDiagnostic[];
  /** Problems left: after `--fix`, on disk; in a dry run, what `--fix` would leave. */
  remaining: JsonDiagnostic[];
  /** `--fix` changes the file's text (in a dry run: would change it). */
  changed: boolean;
  /** Written in this run. */
  written: boolean;
  backup?: string;
  error?: { kind: 'io' | 'internal'; message: string };
  preprocessedCopy?: { path: string; action: 'in-sync' | 'write' | 'manual' | 'unreadable'; written?: boolean; error?: string };
  /** Segmentation files rewritten by --fix (NNU401/NNU402 repairs), or that a dry run says it would refuse. */
  segmentations?: { path: string; status: string; message?: string }[];
  /** `--labels`: value -> voxels and files. */
  labelTable?: { value: number; voxels: number; files: number }[];
  labelFilesScanned?: number;
  labelFilesNotScanned?: number;
  labelFilesUnreadable?: number;
  labelFilesNotChecked?: number;
  /** labelsTr exists but `--labels` was not given. */
  labelsNotScanned?: boolean;
  note?: string;
}

/** The run's counts: the {@link Summary} of the run, written as it is. */
export type JsonSummary = Summary;

export interface JsonReport {
  version: 2;
  tool: { name: 'nnunet-doctor'; version: string };
  /** `check`: a dry run, nothing written; `fix`: `--fix`. */
  mode: 'check' | 'fix';
  unsafeFixes: boolean;
  files: JsonFile[];
  /** Named paths that do not exist. */
  missing: string[];
  /** Paths that could not be searched, and named paths holding no dataset.json (`kind: "empty"`). */
  errors: { path: string; message: string; kind?: 'empty' }[];
  /** Stopped by Ctrl-C: `files` holds what was done. */
  interrupted: boolean;
  summary: JsonSummary;
  exitCode: number;
}

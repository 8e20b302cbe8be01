/**
 * Shared types of nnunet-doctor. Everything here is plain data: a fix is a list of
 * text edits with offsets, so the dry run, the diff, `--fix`, SARIF and the library
 * API all share it.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Document } from './document.js';

export type { JsonNode };

/** error/warning change the exit code; info/style never do. */
export type Severity = 'error' | 'warning' | 'info' | 'style';

/** How a concrete finding can be repaired. */
export type Applicability = 'safe' | 'unsafe' | 'none';

/** A JSON path: object keys and array indices. */
export type JsonPath = (string | number)[];

/** Replace `length` characters at `offset` (in the decoded text, BOM included) by `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** A proposed repair: text edits plus the JSON paths whose values it may change. */
export interface Fix {
  applicability: 'safe' | 'unsafe';
  /** One line, imperative: "invert labels to name -> value". */
  title: string;
  edits: TextEdit[];
  /**
   * The JSON paths whose subtree may differ after the edit (a renamed key lists both
   * names). The verifier checks that everything outside these paths is unchanged,
   * key order included. An empty list means no value may change (comments, BOM).
   */
  scope: JsonPath[];
}

/** What a rule module reports; the engine turns it into a Diagnostic. */
export interface Finding {
  message: string;
  /** Where: a node of the tree, or a raw offset/length. */
  node?: JsonNode;
  offset?: number;
  length?: number;
  fix?: Fix;
  /** Identifies "the same problem" across fix passes; defaults to the node's JSON path. */
  key?: string;
  /** Severity override (e.g. NNU105 is error or warning depending on the value). */
  severity?: Severity;
}

export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  /** 1-based line and column (column in characters of the decoded text). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  fix: {
    applicability: Applicability;
    applied: boolean;
    title?: string;
    edits?: TextEdit[];
  };
  /** Internal: identifies the problem across passes. */
  key: string;
}

export type RuleFixKind = 'safe' | 'unsafe' | 'none';

export interface RuleMeta {
  /** Stable code, e.g. NNU102. Never renumbered. */
  code: string;
  /** kebab-case name, e.g. labels-inverted. */
  name: string;
  /** Default severity. */
  severity: Severity;
  /** The fix kinds this rule can offer, as in the registry ("safe / none" = ['safe', 'none']). */
  fix: RuleFixKind[];
  /** One line for tables. */
  summary: string;
  /** Markdown shown by `nnunet-doctor explain CODE`. */
  docs: string;
  /** Off unless selected explicitly (NNU104). */
  optIn?: boolean;
  /**
   * When the rule runs: `bytes` always (encoding); `text` once the file decoded (syntax);
   * `kind` once it parsed to an object (classification); `document` on nnU-Net/MSD files;
   * `folder` when folder facts are given; `content` when segmentation scans are given.
   */
  stage: 'bytes' | 'text' | 'kind' | 'document' | 'folder' | 'content';
}

/** Facts a rule may ask for. Computed lazily by the engine, never by the rule itself. */
export interface RuleContext {
  doc: Document;
  /** The top-level object (rules run only when the top level is an object). */
  root: JsonNode;
  /** The property node Python's json.load keeps for `key` at the top level (the last one). */
  prop(key: string): JsonNode | undefined;
  /** Options of this run that a rule may consult. */
  options: RuleOptions;
  /** Folder facts when a dataset folder is present and folder checks are on. */
  folder?: unknown;
  /** Segmentation scan results when `--labels` is on. */
  content?: unknown;
  /** Set (with an empty doc) when the bytes could not be decoded as UTF-8. */
  decodeError?: { reason: string; offset: number };
}

export interface RuleOptions {
  /** Name used for a label value added by NNU401's fix (default label_N). */
  labelName?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
}

/** What kind of file a dataset.json turned out to be. */
export type FileKind =
  | 'nnunet-v2'
  | 'v1-msd'
  | 'not-nnunet'
  | 'invalid'
  | 'unreadable';

/**
 * Shared types of nnunet-doctor. Everything here is plain data: a fix is a list of
 * text edits with offsets, so the dry run, the diff, `--fix`, SARIF and the library
 * API all share it.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Document } from './document.js';
import type { ContentFacts } from './content-facts.js';
import type { CopyFacts } from './copy-step.js';
import type { FolderContext } from './folder/analysis.js';
import type { LabelView } from './labels.js';

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
  /**
   * Segmentation files this fix rewrites (absolute paths; NNU401/NNU402 with `--labels`). Such
   * a fix has no text edits: the pipeline applies the planned repairs (src/repair/) after the
   * dataset.json is written.
   */
  files?: string[];
}

/** What a rule module reports; the engine turns it into a Diagnostic. */
export interface Finding {
  /** What was found, short (one line, about 100 characters at most): "labels are inverted: "0": "background"". */
  message: string;
  /** What nnU-Net says or does about it, with its exact message when it has one. */
  nnunet?: string;
  /** What to do, or what the fix writes. */
  help?: string;
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
  /** What was found (short). */
  message: string;
  /** What nnU-Net says or does about it. */
  nnunet?: string;
  /** What to do, or what the fix writes. */
  help?: string;
  /** 1-based line and column (column in characters of the decoded text). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  fix: {
    applicability: Applicability;
    /**
     * The fix is in the fixed text this run computed (with the flags given: `--unsafe-fixes`
     * or not): `--fix` writes it. False when there is no fix, when it is unsafe and not asked
     * for, or when it cannot be applied (the file does not parse, verification refused it).
     */
    available: boolean;
    /** The fix was written to disk in this run (`--fix` and the write succeeded). */
    applied: boolean;
    /** Without `--unsafe-fixes`: the fix would be in the fixed text with it (set only then). */
    unsafeAvailable?: boolean;
    /** Segmentation files the fix rewrites (see Fix.files). */
    files?: string[];
    title?: string;
    edits?: TextEdit[];
  };
  /** Internal: identifies the problem across passes. */
  key: string;
}

export type RuleFixKind = 'safe' | 'unsafe' | 'none';

/**
 * When a rule runs: `bytes` always (encoding); `text` once the file decoded (syntax); `kind`
 * once it parsed to an object (classification); `document` on nnU-Net/MSD files; `folder` when
 * folder facts are given; `content` when segmentation scans are given; `copy` in the pipeline
 * step that compares nnU-Net's preprocessed copy with the fixed file (src/copy-step.ts).
 */
export type RuleStage = 'bytes' | 'text' | 'kind' | 'document' | 'folder' | 'content' | 'copy';

export interface RuleMeta {
  /** Stable code, e.g. NNU102. Never renumbered. */
  code: string;
  /** kebab-case name, e.g. labels-inverted. */
  name: string;
  /** Default severity. */
  severity: Severity;
  /**
   * Every severity the rule can emit, when it is more than the default (a finding's `severity`
   * overrides it: NNU105 is an error for `"liver"`, a warning for `"1"`). Absent: only `severity`.
   */
  severities?: Severity[];
  /** The fix kinds this rule can offer, as in the registry ("safe / none" = ['safe', 'none']). */
  fix: RuleFixKind[];
  /** One line for tables. */
  summary: string;
  /** Markdown shown by `nnunet-doctor explain CODE`. */
  docs: string;
  /** Off unless selected explicitly (NNU104). */
  optIn?: boolean;
  stage: RuleStage;
  /**
   * A finding of this rule means the file cannot be read reliably (NNU001 invalid JSON, NNU007
   * not UTF-8): no fix of any rule is applied and nothing is written.
   */
  blocksWrite?: boolean;
}

/** Facts a rule may ask for. Computed by the engine and the pipeline, never by the rule itself. */
export interface RuleContext {
  readonly doc: Document;
  /** The top-level object (rules from stage `kind` on run only when the top level is an object). */
  readonly root: JsonNode;
  /** The property node Python's json.load keeps for `key` at the top level (the last one). */
  prop(key: string): JsonNode | undefined;
  /** `labels` seen as name -> value entries in either orientation (src/labels.ts), computed once per pass. */
  readonly labels: LabelView | undefined;
  /** Options of this run that a rule may consult. */
  readonly options: RuleOptions;
  /** The dataset folder (folder checks on and a folder present): its facts and their analysis, computed once per dataset. */
  readonly folder?: FolderContext;
  /** Segmentation scan results (`--labels`). */
  readonly content?: ContentFacts;
  /** Stage `copy`: nnU-Net's preprocessed copy of this dataset.json and its planned repair. */
  readonly copy?: CopyFacts;
  /** Set (with an empty doc) when the bytes could not be decoded as UTF-8. */
  readonly decodeError?: { reason: string; offset: number };
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
export type FileKind = 'nnunet-v2' | 'v1-msd' | 'not-nnunet' | 'invalid' | 'unreadable';

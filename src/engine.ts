/**
 * The pure core: text in, diagnostics and fixed text out. No I/O.
 *
 * One parse per text: the input is parsed once (src/document.ts), the rules run on that
 * Document, every non-overlapping fix of the pass is applied together (as eslint and ruff
 * do), and only then is the new text parsed, to run the rules again; this repeats until no
 * fix is left (a bounded number of passes). Before anything is returned as fixed, the result
 * is verified: it must load under Python's json.load rules, and every value outside the
 * fixes' scopes must be unchanged (src/verify.ts). The engine knows no rule by its code: what
 * it needs from a rule is in its `meta` (stage, blocksWrite).
 */
import { getNodePath } from 'jsonc-parser';
import { rules as allRules } from '../transforms/index.js';
import type { ContentFacts } from './content-facts.js';
import type { CopyFacts } from './copy-step.js';
import { decodeBytes, parseDocument, positionAt, type Document, type ParseOptions } from './document.js';
import { applyEdits } from './edits.js';
import { FolderContext } from './folder/analysis.js';
import type { FolderFacts } from './folder/collect.js';
import { classify, lastProperty } from './kind.js';
import { labelView, type LabelView } from './labels.js';
import type { Diagnostic, FileKind, Finding, Fix, JsonPath, Rule, RuleContext, RuleOptions, RuleStage, Severity, TextEdit } from './types.js';
import { verifyFixed } from './verify.js';

export interface SelectOptions {
  /** Codes or prefixes to run (`NNU1`, `NNU102`, `ALL`). Default: every rule not opt-in. */
  select?: string[];
  /** Codes or prefixes never to run. */
  ignore?: string[];
}

export interface FixTextOptions extends SelectOptions, RuleOptions {
  /** Apply unsafe fixes too (`--unsafe-fixes`). Safe fixes are always applied to the output text. */
  unsafeFixes?: boolean;
  /** Folder facts for the NNU3xx rules (collected by the caller, which does the I/O). */
  folder?: FolderFacts;
  /** Segmentation scan results for the NNU4xx rules. */
  content?: ContentFacts;
  /** Upper bound on fix passes. */
  maxPasses?: number;
  /** Rules to use instead of the registry (tests). */
  rules?: readonly Rule[];
  /** Which parse path to use (tests: the fast and the full path must agree); default auto. */
  parse?: ParseOptions['path'];
}

export interface AppliedFix {
  code: string;
  title: string;
  applicability: 'safe' | 'unsafe';
  /** The fix's edits, against the text of its own pass. */
  edits: TextEdit[];
  /** The pass (0-based) in which it was applied. */
  pass: number;
}

export interface FixTextResult {
  kind: FileKind;
  /** The input text and the fixed text (equal when nothing was fixed). */
  input: string;
  output: string;
  changed: boolean;
  /**
   * Problems found in the input. `fix.available` says whether the fix is in `output`;
   * `fix.applied` says the same here (fixText applies fixes to text; scan() sets `applied`
   * only for what it wrote).
   */
  diagnostics: Diagnostic[];
  /** Problems left in `output`. */
  remaining: Diagnostic[];
  /** The fixes applied, in order. */
  applied: AppliedFix[];
  /** Set when fixes could not be applied safely: the output is then the input. */
  error?: string;
  /** The parsed output (the input's Document when nothing changed), for the pipeline's next steps. */
  document: Document;
}

/** Does `code` match a code-or-prefix list entry? */
function matchesCode(code: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p.toUpperCase() === 'ALL' || code.startsWith(p.toUpperCase()));
}

/** The rules a selection turns on, in code order. Opt-in rules need their exact code. */
export function selectRules(options: SelectOptions, rules: readonly Rule[] = allRules): Rule[] {
  return rules.filter((r) => {
    const code = r.meta.code;
    const selected = options.select?.length
      ? r.meta.optIn
        ? options.select.some((p) => p.toUpperCase() === code)
        : matchesCode(code, options.select)
      : !r.meta.optIn;
    return selected && !(options.ignore && matchesCode(code, options.ignore));
  });
}

/** A finding with the rule that made it. */
export interface Located extends Finding {
  rule: Rule;
}

/** What the engine passes to every rule of a run besides the document. */
export interface ContextExtras {
  folder?: FolderContext;
  content?: ContentFacts;
  copy?: CopyFacts;
  decodeError?: { reason: string; offset: number };
  options: RuleOptions;
}

/** Run the rules of the given stages on a document, in code order. */
export function runStages(
  doc: Document,
  rules: readonly Rule[],
  extras: ContextExtras,
  stages: readonly RuleStage[],
  ctx: RuleContext = contextFor(doc, extras),
): Located[] {
  const findings: Located[] = [];
  for (const stage of stages) {
    for (const rule of rules) {
      if (rule.meta.stage !== stage) continue;
      for (const f of rule.check(ctx)) findings.push({ ...f, rule });
    }
  }
  return findings;
}

/** The context of one pass over a document: facts computed on first use, shared by every rule. */
function contextFor(doc: Document, extras: ContextExtras): RuleContext {
  let labels: { view: LabelView | undefined } | undefined;
  return {
    doc,
    root: doc.root!,
    prop: (key) => lastProperty(doc.root, key),
    get labels() {
      return (labels ??= { view: labelView(doc, lastProperty(doc.root, 'labels')?.children?.[1]) }).view;
    },
    options: extras.options,
    folder: extras.folder,
    content: extras.content,
    copy: extras.copy,
    decodeError: extras.decodeError,
  };
}

/** Stages: which rules can run on what we have. */
function runRules(doc: Document, rules: readonly Rule[], extras: ContextExtras): { kind: FileKind; findings: Located[] } {
  const ctx = contextFor(doc, extras);
  const findings = runStages(doc, rules, extras, ['bytes'], ctx);
  if (extras.decodeError) return { kind: 'invalid', findings };
  findings.push(...runStages(doc, rules, extras, ['text'], ctx));
  if (doc.parseErrors.length || doc.root?.type !== 'object') return { kind: 'invalid', findings };
  const { kind } = classify(doc);
  findings.push(...runStages(doc, rules, extras, ['kind'], ctx));
  if (kind === 'not-nnunet') return { kind, findings };
  findings.push(...runStages(doc, rules, extras, ['document', 'folder', 'content'], ctx));
  return { kind, findings };
}

/** Identifies "the same problem" across passes. */
function keyOf(f: Located): string {
  if (f.key) return `${f.rule.meta.code}|${f.key}`;
  if (f.node) return `${f.rule.meta.code}|${JSON.stringify(getNodePath(f.node))}`;
  return `${f.rule.meta.code}|@${f.message}`;
}

/** A finding as a Diagnostic with its position in `doc`. */
export function toDiagnostic(f: Located, doc: Document, available: boolean): Diagnostic {
  const offset = f.node?.offset ?? f.offset ?? 0;
  const length = f.node?.length ?? f.length ?? 0;
  const start = positionAt(doc, offset);
  const end = positionAt(doc, offset + length);
  const severity: Severity = f.severity ?? f.rule.meta.severity;
  return {
    code: f.rule.meta.code,
    name: f.rule.meta.name,
    severity,
    message: f.message,
    ...(f.nnunet ? { nnunet: f.nnunet } : {}),
    ...(f.help ? { help: f.help } : {}),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset,
    length,
    fix: f.fix
      ? {
          applicability: f.fix.applicability,
          available,
          applied: available,
          title: f.fix.title,
          edits: f.fix.edits,
          ...(f.fix.files ? { files: f.fix.files } : {}),
        }
      : { applicability: 'none', available, applied: available },
    key: keyOf(f),
  };
}

function allowed(fix: Fix | undefined, unsafe: boolean): fix is Fix {
  return !!fix && (fix.applicability === 'safe' || unsafe);
}

/** The text range a fix touches: from its first edit's start to its last edit's end. */
function spanOf(fix: Fix): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of fix.edits) {
    lo = Math.min(lo, e.offset);
    hi = Math.max(hi, e.offset + e.length);
  }
  return [lo, hi];
}

const isPrefix = (a: JsonPath, b: JsonPath) => a.length <= b.length && a.every((x, i) => x === b[i]);

/**
 * The fixes of one pass: in rule order, each fix whose text range does not overlap or touch
 * one already taken, and whose value scope does not overlap one already taken (two rules
 * repairing the same key differently, e.g. a missing `channel_names` inserted and `modality`
 * renamed to it, must not both land; the next pass re-checks).
 */
function pickFixes(candidates: readonly Located[]): Located[] {
  const taken: { span: [number, number]; scope: JsonPath[] }[] = [];
  const out: Located[] = [];
  for (const f of candidates) {
    const fix = f.fix!;
    const span = spanOf(fix);
    const clash = taken.some(
      (t) => (span[0] <= t.span[1] && t.span[0] <= span[1]) || fix.scope.some((p) => t.scope.some((q) => isPrefix(p, q) || isPrefix(q, p))),
    );
    if (clash) continue;
    taken.push({ span, scope: fix.scope });
    out.push(f);
  }
  return out;
}

/** Passes after which a run that still finds fixes is stopped (each pass applies every non-overlapping fix). */
const DEFAULT_MAX_PASSES = 16;

/**
 * Diagnose a text and compute its fixed version. Pure: no I/O. `output` holds the safe
 * fixes (plus the unsafe ones with `unsafeFixes`), verified; when verification fails,
 * `error` says why and `output` equals `input`.
 */
export function fixText(input: string, options: FixTextOptions = {}): FixTextResult {
  return fixDocument(parseDocument(input, { path: options.parse }), options);
}

/** Like fixText, from file bytes: decoding problems (UTF-16, Latin-1, binary) become NNU007. */
export function fixBytes(bytes: Uint8Array, options: FixTextOptions = {}): FixTextResult {
  const decoded = decodeBytes(bytes);
  if (decoded.ok) return fixText(decoded.text, options);
  return fixDocument(parseDocument(''), options, { reason: decoded.reason, offset: decoded.offset });
}

/** What the fix passes made of a document: the fixed text, or an error and the input. */
interface Outcome {
  text: string;
  doc: Document;
  /** The findings on `doc`. */
  current: { kind: FileKind; findings: Located[] };
  applied: AppliedFix[];
  error?: string;
}

/**
 * Apply the allowed fixes pass by pass (every non-overlapping fix of a pass at once), re-parse
 * and re-check after each pass, then verify the result against the input. On any error the
 * outcome is the input, unchanged.
 */
function runPasses(
  original: Document,
  first: { kind: FileKind; findings: Located[] },
  rules: readonly Rule[],
  extras: ContextExtras,
  unsafe: boolean,
  options: FixTextOptions,
): Outcome {
  let text = original.text;
  let doc = original;
  let current = first;
  const applied: AppliedFix[] = [];
  const scope: JsonPath[] = [];
  let error: string | undefined;

  const blocked = first.findings.some((f) => f.rule.meta.blocksWrite);
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  if (!blocked) {
    for (let pass = 0; ; pass++) {
      // text fixes only: a fix of segmentation files is the pipeline's to apply
      const candidates = current.findings.filter((f) => allowed(f.fix, unsafe) && f.fix.edits.length > 0);
      if (!candidates.length) break;
      if (pass >= maxPasses) {
        error = `fixes did not converge after ${maxPasses} passes (last: ${candidates[0]!.rule.meta.code}); nothing written`;
        break;
      }
      const chosen = pickFixes(candidates);
      const edits = chosen.flatMap((f) => f.fix!.edits);
      let nextText: string;
      try {
        nextText = applyEdits(text, edits);
      } catch (e) {
        error = `${chosen.map((f) => f.rule.meta.code).join('+')} produced an invalid edit: ${(e as Error).message}; nothing written`;
        break;
      }
      if (nextText === text) {
        error = `${chosen[0]!.rule.meta.code} proposed a fix that changes nothing; nothing written`;
        break;
      }
      for (const f of chosen) {
        applied.push({ code: f.rule.meta.code, title: f.fix!.title, applicability: f.fix!.applicability, edits: f.fix!.edits, pass });
        scope.push(...f.fix!.scope);
      }
      text = nextText;
      doc = parseDocument(text, { path: options.parse, after: { from: doc, edits } });
      current = runRules(doc, rules, extras);
    }
  }

  if (!error && text !== original.text) {
    const v = verifyFixed(original, doc, scope);
    if (!v.ok) error = `verification failed, nothing written: ${v.reason}`;
  }
  if (error) return { text: original.text, doc: original, current: first, applied: [], error };
  return { text, doc, current, applied };
}

/**
 * The input's findings as Diagnostics (in the order of `first.findings`), each saying whether
 * `outcome` fixed it. A problem is fixed when it is gone from the output and fixes were
 * applied: its own, or, for a problem whose fix was not allowed or not yet possible, a fix of
 * its own rule in a later pass (NNU301's after NNU302 set file_ending: it then reports the
 * applicability of the fix that was applied). Nothing is fixed when the result was refused.
 */
function diagnose(original: Document, first: { findings: Located[] }, outcome: Outcome, remainingKeys: Set<string>, unsafe: boolean): Diagnostic[] {
  const appliedBy = new Map(outcome.applied.map((a) => [a.code, a] as const));
  return first.findings.map((f) => {
    const own = appliedBy.get(f.rule.meta.code);
    const gone = !outcome.error && !remainingKeys.has(keyOf(f));
    const fixed = gone && (allowed(f.fix, unsafe) ? outcome.applied.length > 0 : !!own);
    const d = toDiagnostic(f, original, fixed);
    if (fixed && !allowed(f.fix, unsafe) && own) d.fix = { applicability: own.applicability, available: true, applied: true, title: own.title };
    return d;
  });
}

/**
 * Like fixText, for a text already parsed (the pipeline parses once and shares the Document).
 * Without `unsafeFixes`, a diagnostic whose unsafe fix `--unsafe-fixes` would really apply
 * (not blocked, not refused by verification) gets `fix.unsafeAvailable`: the unsafe passes
 * are run too, from the same first analysis, only for a text that has such a fix.
 */
export function fixDocument(original: Document, options: FixTextOptions = {}, decodeError?: { reason: string; offset: number }): FixTextResult {
  const rules = selectRules(options, options.rules ?? allRules);
  const extras: ContextExtras = {
    folder: options.folder ? new FolderContext(options.folder) : undefined,
    content: options.content,
    decodeError,
    options,
  };
  const first = runRules(original, rules, extras);
  const unsafe = !!options.unsafeFixes;
  const outcome = runPasses(original, first, rules, extras, unsafe, options);

  const byPosition = (a: Diagnostic, b: Diagnostic) => a.offset - b.offset || a.code.localeCompare(b.code);
  const remaining = outcome.current.findings.map((f) => toDiagnostic(f, outcome.doc, false));
  const diagnostics = diagnose(original, first, outcome, new Set(remaining.map((d) => d.key)), unsafe);
  if (!unsafe && diagnostics.some((d) => d.fix.applicability === 'unsafe' && !d.fix.available && !d.fix.files)) {
    const withUnsafe = runPasses(original, first, rules, extras, true, options);
    const left = new Set(withUnsafe.current.findings.map(keyOf));
    diagnose(original, first, withUnsafe, left, true).forEach((u, i) => {
      if (u.fix.available && !diagnostics[i]!.fix.available) diagnostics[i]!.fix.unsafeAvailable = true;
    });
  }
  return {
    kind: first.kind,
    input: original.text,
    output: outcome.text,
    changed: outcome.text !== original.text,
    diagnostics: diagnostics.sort(byPosition),
    remaining: remaining.sort(byPosition),
    applied: outcome.applied,
    error: outcome.error,
    document: outcome.doc,
  };
}

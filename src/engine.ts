/**
 * The pure core: text in, diagnostics and fixed text out. Runs the rules, applies one
 * fix at a time, re-parses after each, repeats to a fixed point (bounded), then verifies
 * the result. No I/O.
 */
import { getNodePath } from 'jsonc-parser';
import { rules as allRules } from '../transforms/index.js';
import { decodeBytes, parseDocument, positionAt, type Document } from './document.js';
import { applyEdits } from './edits.js';
import { classify, lastProperty } from './kind.js';
import type { Diagnostic, FileKind, Finding, Fix, JsonPath, Rule, RuleContext, RuleOptions, Severity, TextEdit } from './types.js';
import { verifyFixedText } from './verify.js';

export interface SelectOptions {
  /** Codes or prefixes to run (`NNU1`, `NNU102`, `ALL`). Default: every rule not opt-in. */
  select?: string[];
  /** Codes or prefixes never to run. */
  ignore?: string[];
}

export interface FixTextOptions extends SelectOptions, RuleOptions {
  /** Apply unsafe fixes too (`--unsafe-fixes`). Safe fixes are always applied to the output text. */
  unsafeFixes?: boolean;
  /** Folder facts for NNU3xx rules (computed by the caller, which does the I/O). */
  folder?: unknown;
  /** Segmentation scan results for NNU4xx rules. */
  content?: unknown;
  /** Upper bound on fix passes. */
  maxPasses?: number;
  /** Rules to use instead of the registry (tests). */
  rules?: readonly Rule[];
}

export interface AppliedFix {
  code: string;
  title: string;
  applicability: 'safe' | 'unsafe';
  edits: TextEdit[];
}

export interface FixTextResult {
  kind: FileKind;
  /** The input text and the fixed text (equal when nothing was fixed). */
  input: string;
  output: string;
  changed: boolean;
  /** Problems found in the input, each with whether its fix was applied in `output`. */
  diagnostics: Diagnostic[];
  /** Problems left in `output`. */
  remaining: Diagnostic[];
  /** The fixes applied, in order; each fix's edits are against the text of its own pass. */
  applied: AppliedFix[];
  /** Set when fixes could not be applied safely: the output is then the input. */
  error?: string;
}

/** Does `code` match a code-or-prefix list entry? */
export function matchesCode(code: string, patterns: readonly string[]): boolean {
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

interface Located extends Finding {
  rule: Rule;
}

/** Stages: which rules can run on what we have. */
function runRules(doc: Document, decodeError: { reason: string; offset: number } | undefined, rules: Rule[], options: FixTextOptions): { kind: FileKind; findings: Located[] } {
  const findings: Located[] = [];
  const ctx: RuleContext & { decodeError?: { reason: string; offset: number } } = {
    doc,
    root: doc.root!,
    prop: (key) => lastProperty(doc.root, key),
    options,
    folder: options.folder,
    content: options.content,
    decodeError,
  };
  const run = (stage: Rule['meta']['stage']) => {
    for (const rule of rules) {
      if (rule.meta.stage !== stage) continue;
      for (const f of rule.check(ctx)) findings.push({ ...f, rule });
    }
  };
  run('bytes');
  if (decodeError) return { kind: 'invalid', findings };
  run('text');
  if (doc.parseErrors.length || doc.root?.type !== 'object') return { kind: 'invalid', findings };
  const { kind } = classify(doc);
  run('kind');
  if (kind === 'not-nnunet') return { kind, findings };
  run('document');
  run('folder');
  run('content');
  return { kind, findings };
}

function keyOf(f: Located, doc: Document): string {
  if (f.key) return `${f.rule.meta.code}|${f.key}`;
  if (f.node && doc.root) return `${f.rule.meta.code}|${JSON.stringify(getNodePath(f.node))}`;
  return `${f.rule.meta.code}|@${f.message}`;
}

function toDiagnostic(f: Located, doc: Document, applied: boolean): Diagnostic {
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
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset,
    length,
    fix: f.fix
      ? { applicability: f.fix.applicability, applied, title: f.fix.title, edits: f.fix.edits }
      : { applicability: 'none', applied: false },
    key: keyOf(f, doc),
  };
}

/** Codes whose findings forbid any write (the file cannot be read reliably). */
const BLOCKING = new Set(['NNU001', 'NNU007']);

function allowed(fix: Fix | undefined, unsafe: boolean): fix is Fix {
  return !!fix && (fix.applicability === 'safe' || unsafe);
}

/**
 * Diagnose a text and compute its fixed version. Pure: no I/O. `output` holds the safe
 * fixes (plus the unsafe ones with `unsafeFixes`), verified; when verification fails,
 * `error` says why and `output` equals `input`.
 */
export function fixText(input: string, options: FixTextOptions = {}): FixTextResult {
  return fixDecoded(input, undefined, options);
}

/** Like fixText, from file bytes: decoding problems (UTF-16, Latin-1, binary) become NNU007. */
export function fixBytes(bytes: Uint8Array, options: FixTextOptions = {}): FixTextResult {
  const decoded = decodeBytes(bytes);
  if (decoded.ok) return fixDecoded(decoded.text, undefined, options);
  return fixDecoded('', { reason: decoded.reason, offset: decoded.offset }, options);
}

function fixDecoded(input: string, decodeError: { reason: string; offset: number } | undefined, options: FixTextOptions): FixTextResult {
  const rules = selectRules(options, options.rules ?? allRules);
  const original = parseDocument(input);
  const first = runRules(original, decodeError, rules, options);
  const unsafe = !!options.unsafeFixes;

  let text = input;
  let doc = original;
  let current = first;
  const applied: AppliedFix[] = [];
  const scope: JsonPath[] = [];
  let error: string | undefined;

  const blocked = first.findings.some((f) => BLOCKING.has(f.rule.meta.code));
  const maxPasses = options.maxPasses ?? 64 + original.comments.length + original.trailingCommas.length;
  if (!blocked) {
    for (let pass = 0; ; pass++) {
      const next = current.findings.find((f) => allowed(f.fix, unsafe));
      if (!next) break;
      if (pass >= maxPasses) {
        error = `fixes did not converge after ${maxPasses} passes (last: ${next.rule.meta.code}); nothing written`;
        break;
      }
      let nextText: string;
      try {
        nextText = applyEdits(text, next.fix!.edits);
      } catch (e) {
        error = `${next.rule.meta.code} produced an invalid edit: ${(e as Error).message}; nothing written`;
        break;
      }
      if (nextText === text) {
        error = `${next.rule.meta.code} proposed a fix that changes nothing; nothing written`;
        break;
      }
      applied.push({ code: next.rule.meta.code, title: next.fix!.title, applicability: next.fix!.applicability, edits: next.fix!.edits });
      scope.push(...next.fix!.scope);
      text = nextText;
      doc = parseDocument(text);
      current = runRules(doc, undefined, rules, options);
    }
  }

  if (!error && text !== input) {
    // Comments or a BOM left on purpose (NNU002/NNU003 not selected): the result cannot be
    // strict JSON, so it only has to parse as JSONC; otherwise Python's rules apply.
    const strict = !(doc.bom || doc.comments.length || doc.trailingCommas.length);
    const v = verifyFixedText(original, text, scope, strict);
    if (!v.ok) error = `verification failed, nothing written: ${v.reason}`;
  }
  if (error) {
    text = input;
    doc = original;
    current = first;
    applied.length = 0;
  }

  const byPosition = (a: Diagnostic, b: Diagnostic) => a.offset - b.offset || a.code.localeCompare(b.code);
  const remaining = current.findings.map((f) => toDiagnostic(f, doc, false)).sort(byPosition);
  const remainingKeys = new Set(remaining.map((d) => d.key));
  // A problem is fixed when a fix of its rule was applied and it is gone from the output.
  // Its fix may only have become possible in a later pass (NNU301 after NNU302 set
  // file_ending): it then reports the applicability of the fix that was applied.
  const appliedBy = new Map(applied.map((a) => [a.code, a] as const));
  const diagnostics = first.findings.map((f) => {
    const d = toDiagnostic(f, original, false);
    const later = appliedBy.get(d.code);
    d.fix.applied = !error && !remainingKeys.has(d.key) && (allowed(f.fix, unsafe) ? applied.length > 0 : !!later);
    if (d.fix.applied && !f.fix && later) d.fix = { applicability: later.applicability, applied: true, title: later.title };
    return d;
  }).sort(byPosition);
  return { kind: first.kind, input, output: text, changed: text !== input, diagnostics, remaining, applied, error };
}

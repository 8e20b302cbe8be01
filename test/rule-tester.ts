/**
 * A rule tester in eslint's and ruff's manner: a rule's valid and invalid cases in a table,
 * each invalid case run on its own rule across the layouts a real dataset.json comes in
 * (4-space as written, 2-space, tab, CRLF, minified on one line, no final newline), made from
 * the case's text by {@link relayout}, which keeps every token and the key order byte for byte.
 *
 * For every invalid case and layout it checks that
 * - the rule reports the problem (every finding with the case's fix kind, one the rule's
 *   `meta.fix` lists, and a severity its `meta.severities` lists);
 * - the message parts read as the report shows them: `message` one line of at most
 *   {@link MAX_MESSAGE} characters; no part announces what `--fix` does (that is
 *   `fix.title`'s, printed only when the fix is applied);
 * - the output (`--fix`, with `--unsafe-fixes` for an unsafe case) is the expected output in
 *   the same layout, byte for byte; an unsafe fix is not applied without `--unsafe-fixes`;
 *   a case without a fix changes nothing;
 * - the output loads under Python's json.load rules (src/pyparse.ts) whenever it changed;
 * - a second pass on the output finds nothing fixable and changes nothing.
 * Every valid case, in every layout, gets no finding of the rule.
 */
import { describe, expect, test } from '@jest/globals';
import type { Node as JsonNode } from 'jsonc-parser';
import type { ContentFacts } from '../src/content-facts.js';
import { parseDocument } from '../src/document.js';
import { fixText, type FixTextOptions } from '../src/engine.js';
import type { DatasetPathStatus, FolderFacts, HeaderFact, IdRoot } from '../src/folder/facts.js';
import type { ImageHeader } from '../src/images/index.js';
import { parseStrict } from '../src/pyparse.js';
import type { Diagnostic, Rule, RuleFixKind, Severity } from '../src/types.js';

/** The longest `message` a finding may have (the report line aims at 100; the file path and code come before it). */
const MAX_MESSAGE = 120;

/** The layouts every case runs in. */
export type LayoutName = '4-space' | '2-space' | 'tab' | 'CRLF' | 'minified' | 'no final newline';
export const LAYOUT_NAMES: readonly LayoutName[] = ['4-space', '2-space', 'tab', 'CRLF', 'minified', 'no final newline'];

/** A part of a finding: exactly this text, or text matching this pattern. */
type PartMatcher = string | RegExp;

interface Facts {
  /** Folder facts for the NNU3xx rules. */
  folder?: FolderFacts;
  /** Segmentation scan results for the NNU4xx rules. */
  content?: ContentFacts;
  /** The name NNU401's fix gives a declared value (`--label-name`). */
  labelName?: string;
}

interface ValidCase extends Facts {
  /** What the test is called (default: the text). */
  name?: string;
  text: string;
}

interface InvalidCase extends Facts {
  name?: string;
  /** The input, written with 4-space indentation, LF line breaks and a final newline where it has lines. */
  text: string;
  /** What `--fix` writes (with `--unsafe-fixes` when `fix` is `unsafe`), in the same layout as `text`. Omitted: `text` unchanged. */
  output?: string;
  /**
   * The output in a layout where it is not `output` in that layout: a `//` comment removed
   * from a minified text leaves the line break that ended it.
   */
  outputs?: Partial<Record<LayoutName, string>>;
  /** The fix kind every finding of the rule has. */
  fix: RuleFixKind;
  /** Parts of the first finding (in file order). */
  message?: PartMatcher;
  nnunet?: PartMatcher;
  help?: PartMatcher;
  title?: PartMatcher;
  severity?: Severity;
  /** Findings of the rule (default: at least one). */
  count?: number;
  /** Only these layouts (a case whose meaning depends on line breaks, e.g. a `//` comment that a one-line layout cannot keep). */
  layouts?: readonly LayoutName[];
}

export interface RuleTests {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
}

/** Words that announce a fix: they belong in `fix.title`, which the report prints only when the fix is really applied. */
const ANNOUNCES_FIX = /--fix\b|--unsafe-fixes|\bunsafe fix\b|\bfix: /i;

/**
 * Register jest tests for a rule: one per valid case and layout, one per invalid case and layout.
 * The rule runs alone (as `--select CODE` would run it, opt-in rules included).
 */
export function ruleTester(rule: Rule, tests: RuleTests): void {
  const code = rule.meta.code;
  const allowed = rule.meta.severities ?? [rule.meta.severity];
  describe(`${code} ${rule.meta.name}`, () => {
    for (const c of tests.valid ?? []) {
      for (const [layout, input] of layoutsOf(c.text)) {
        test(`valid: ${c.name ?? caseName(c.text)} (${layout})`, () => {
          const r = fixText(input, optionsFor(rule, c, true));
          expect(r.diagnostics.map(summary)).toEqual([]);
          expect(r.output).toBe(input);
        });
      }
    }
    for (const c of tests.invalid ?? []) {
      const expected = new Map(layoutsOf(c.output ?? c.text, { keepAll: true }));
      for (const [layout, input] of layoutsOf(c.text)) {
        if (c.layouts && !c.layouts.includes(layout)) continue;
        test(`invalid: ${c.name ?? caseName(c.text)} (${layout})`, () => {
          expect(rule.meta.fix).toContain(c.fix);
          const r = fixText(input, optionsFor(rule, c, c.fix === 'unsafe'));
          expect(r.error).toBeUndefined();
          const found = r.diagnostics;
          if (c.count !== undefined) expect(found).toHaveLength(c.count);
          else expect(found.length).toBeGreaterThan(0);
          for (const d of found) {
            expect({ code: d.code, fix: d.fix.applicability }).toEqual({ code, fix: c.fix });
            expect(allowed).toContain(d.severity);
            if (c.severity) expect(d.severity).toBe(c.severity);
            expect(d.message).not.toMatch(/[\r\n]/);
            expect(d.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
            for (const part of [d.message, d.nnunet, d.help]) if (part) expect(part).not.toMatch(ANNOUNCES_FIX);
            if (c.fix !== 'none') expect(d.fix.title).toBeTruthy();
          }
          const first = found[0]!;
          matchPart(first.message, c.message);
          matchPart(first.nnunet, c.nnunet);
          matchPart(first.help, c.help);
          matchPart(first.fix.title, c.title);

          const want = c.outputs?.[layout] ?? expected.get(layout)!;
          expect(r.output).toBe(want);
          if (c.fix === 'none') expect(r.output).toBe(input);
          else {
            expect(found.every((d) => d.fix.available)).toBe(true);
            expect(r.output).not.toBe(input);
            expect(() => parseStrict(r.output)).not.toThrow();
          }
          if (c.fix === 'unsafe') {
            // shown, not applied, without --unsafe-fixes
            const safeOnly = fixText(input, optionsFor(rule, c, false));
            expect(safeOnly.output).toBe(input);
            expect(safeOnly.diagnostics.map((d) => [d.fix.applicability, d.fix.available])).toEqual(found.map(() => ['unsafe', false]));
          }

          // a second pass: nothing left to fix, nothing changes
          const again = fixText(r.output, optionsFor(rule, c, true));
          expect(again.diagnostics.filter((d) => d.fix.available).map(summary)).toEqual([]);
          expect(again.output).toBe(r.output);
        });
      }
    }
  });
}

function optionsFor(rule: Rule, c: Facts, unsafeFixes: boolean): FixTextOptions {
  return { rules: [rule], select: [rule.meta.code], unsafeFixes, folder: c.folder, content: c.content, labelName: c.labelName };
}

function summary(d: Diagnostic): string {
  return `${d.code} ${d.line}:${d.column} ${d.message}`;
}

function matchPart(actual: string | undefined, want: PartMatcher | undefined): void {
  if (want === undefined) return;
  if (typeof want === 'string') expect(actual).toBe(want);
  else expect(actual).toMatch(want);
}

/**
 * The distinct layouts of a text, as-written first. A layout that gives the same text as one
 * before it is left out (a one-line text has no indentation to change), unless `keepAll`.
 * A text the project's parser cannot read as JSON with comments runs as written only.
 */
export function layoutsOf(text: string, options: { keepAll?: boolean } = {}): [LayoutName, string][] {
  const out: [LayoutName, string][] = [];
  const seen = new Set<string>();
  for (const name of LAYOUT_NAMES) {
    let t: string;
    try {
      t = relayout(text, name);
    } catch {
      if (name === '4-space') out.push([name, text]);
      break;
    }
    if (!options.keepAll && seen.has(t)) continue;
    seen.add(t);
    out.push([name, t]);
  }
  return out;
}

/**
 * `text` in another layout: only the blanks between tokens change (indentation, line breaks,
 * the final newline); every token, comment and key keeps its place and its spelling. Built
 * on the project's parser (src/document.ts): strings (keys and values) and comments are the
 * only places blanks can be part of a token, so everything outside them that is a blank is
 * layout. Throws when the text does not parse even as JSON with comments.
 *
 * - `2-space`, `tab`: each 4 spaces of indentation at the start of a line become 2 spaces / a tab;
 * - `CRLF`: line breaks become CRLF;
 * - `minified`: every blank goes, except the line break that ends a `//` or `#` comment;
 * - `no final newline`: the line break at the end goes.
 */
export function relayout(text: string, layout: LayoutName): string {
  if (layout === '4-space') return text;
  if (layout === 'no final newline') return text.replace(/\r?\n$/, '');
  const doc = parseDocument(text, { path: 'jsonc' });
  if (doc.parseErrors.length) throw new Error(`not JSON with comments: ${doc.parseErrors[0]!.code}`);
  const kept: [number, number, 'string' | 'line-comment' | 'block-comment'][] = [];
  for (const s of stringNodes(doc.root)) kept.push([s.offset, s.offset + s.length, 'string']);
  for (const c of doc.comments) kept.push([c.offset, c.offset + c.length, c.kind === 'block' ? 'block-comment' : 'line-comment']);
  kept.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  let afterLineComment = false;
  for (const [start, end, kind] of kept) {
    out += gap(text.slice(from, start), layout, afterLineComment) + text.slice(start, end);
    afterLineComment = kind === 'line-comment';
    from = end;
  }
  return out + gap(text.slice(from), layout, afterLineComment);
}

/** One stretch of text outside strings and comments (blanks and punctuation), in the new layout. */
function gap(s: string, layout: LayoutName, afterLineComment: boolean): string {
  switch (layout) {
    case '2-space':
    case 'tab': {
      const unit = layout === 'tab' ? '\t' : '  ';
      return s.replace(/(\n)((?: {4})+)/g, (_m, nl: string, ind: string) => nl + unit.repeat(ind.length / 4));
    }
    case 'CRLF':
      return s.replace(/\r?\n/g, '\r\n');
    case 'minified': {
      const bare = s.replace(/[ \t\r\n]+/g, '');
      // a line comment ends at its line break: that one stays
      return afterLineComment ? '\n' + bare : bare;
    }
    default:
      return s;
  }
}

/** Every string node of a tree (keys and values), in no particular order. */
function stringNodes(node: JsonNode | undefined): JsonNode[] {
  if (!node) return [];
  if (node.type === 'string') return [node];
  return (node.children ?? []).flatMap(stringNodes);
}

/** A case's text as a test name: one line, shortened. */
function caseName(text: string): string {
  const s = JSON.stringify(text);
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}

/** Where synthetic datasets live (never read: the facts are made up). */
export const RAW = '/data/nnUNet_raw';

export interface SyntheticFolder {
  /** The dataset folder's name (default Dataset001_X). */
  name?: string;
  /** imagesTr/ file names; `false`: no imagesTr/ folder. */
  images?: string[] | false;
  /** labelsTr/ file names; `false`: no labelsTr/ folder. */
  labels?: string[] | false;
  /** Image headers by file name (the first file of each ending, as the collector reads them). */
  headers?: Record<string, ImageHeader>;
  /** Other folder names in nnUNet_raw, and the preprocessed/results roots. */
  idRoots?: IdRoot[];
  /** The `dataset` key's paths and what is on disk for each. */
  datasetKey?: Record<string, DatasetPathStatus>;
}

/** Folder facts as src/folder/collect.ts would gather them from a dataset laid out as described. */
export function folderFacts(f: SyntheticFolder): FolderFacts {
  const name = f.name ?? 'Dataset001_X';
  const listing = (files: string[] | false | undefined) => (files === false ? undefined : { files: files ?? [], dirs: [] });
  const headers: HeaderFact[] = Object.entries(f.headers ?? {}).map(([file, header]) => ({ file, header }));
  return {
    datasetDir: `${RAW}/${name}`,
    displayDir: `nnUNet_raw/${name}`,
    folderName: name,
    imagesTr: listing(f.images),
    labelsTr: listing(f.labels),
    listErrors: [],
    headers,
    idRoots: f.idRoots ?? [{ kind: 'raw', path: RAW, names: [name] }],
    ...(f.datasetKey ? { datasetKey: { paths: f.datasetKey } } : {}),
  };
}

/** Image and label file names of cases `ids`: `ID_0000<fe>` ... per channel, `ID<fe>` in labelsTr. */
export function caseFiles(ids: string[], fe = '.nii.gz', channels = 1): { images: string[]; labels: string[] } {
  return {
    images: ids.flatMap((id) => Array.from({ length: channels }, (_, c) => `${id}_${String(c).padStart(4, '0')}${fe}`)),
    labels: ids.map((id) => `${id}${fe}`),
  };
}

/** A NIfTI header: 3D by default, 4D (the MSD layout) with a fourth size above 1. */
export function niftiHeader(dims: number[] = [2, 2, 2]): ImageHeader {
  const t = dims[3] ?? 1;
  return { format: 'nifti1', dims, spacing: dims.map(() => 1), datatype: 'float32', littleEndian: true, channels: t, is4D: dims.length > 3 && t > 1 };
}

/** A PNG header: 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) samples per pixel. */
export function pngHeader(channels: number): ImageHeader {
  const datatype = channels === 3 ? 'rgb24' : channels === 4 ? 'rgba32' : 'uint8';
  return { format: 'png', dims: [2, 2], spacing: [1, 1], datatype, littleEndian: false, channels, is4D: false };
}

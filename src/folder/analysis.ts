/**
 * What the NNU3xx rules conclude from folder facts plus the *current* dataset.json. Pure.
 * The engine re-runs the rules after every fix, so everything JSON-dependent (file_ending,
 * numTraining, channel_names) is read from the context each time; only the per-ending
 * identifier analysis is kept (it depends on the facts and the ending alone).
 *
 * The problems NNU302-NNU305 report are computed here, as data (`endingProblem`,
 * `namingProblems`, `labelFileProblems`, `channelProblems`): each of those rules words its own,
 * and NNU301 asks `countBlockers` whether the case count can be trusted. No rule runs another.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { lastProperty } from '../kind.js';
import { readInt, type IntReading } from '../labels.js';
import type { Finding, RuleContext } from '../types.js';
import type { DatasetPathStatus, FolderFacts, HeaderFact } from './facts.js';
import { channelsPerFile } from './channels.js';
import {
  casesOf,
  channelIndexOf,
  channelSuffix,
  endingOf,
  endingsOnDisk,
  isChannelFile,
  isHidden,
  isSupportedEnding,
  missingChannelIndices,
  namingIssuesOf,
  pyComparator,
  pyCutEnd,
  pyLen,
  sortedHas,
  sortPy,
  type Case,
  type NamingIssue,
} from './identifiers.js';

/**
 * The folder facts of one dataset with their analysis, computed on first use and kept for the
 * life of this object: the engine makes one per dataset and shares it across rules and fix
 * passes (the facts do not change while dataset.json is being fixed; analyses that depend on
 * the JSON are keyed by what they depend on, e.g. file_ending). No module-level caches.
 */
export class FolderContext {
  private readonly byEnding = new Map<string, FolderAnalysis>();
  private endings: { images: Map<string, number>; labels: Map<string, number> } | undefined;
  constructor(readonly facts: FolderFacts) {}

  /** The folder as nnU-Net sees it with this file_ending. */
  analyze(fe: string): FolderAnalysis {
    let a = this.byEnding.get(fe);
    if (!a) this.byEnding.set(fe, (a = analyzeFolder(this.facts, fe)));
    return a;
  }

  /** Image endings on disk in imagesTr and labelsTr (visible files, as spelled). */
  diskEndings(): { images: Map<string, number>; labels: Map<string, number> } {
    return (this.endings ??= { images: endingsOnDisk(this.facts.imagesTr?.files ?? []), labels: endingsOnDisk(this.facts.labelsTr?.files ?? []) });
  }

  /** The header of the first visible imagesTr file with this ending (as spelled on disk). */
  headerFor(ending: string): HeaderFact | undefined {
    return this.facts.headers.find((h) => endingOf(h.file) === ending);
  }

  /** Channels nnU-Net's reader makes of each file with this ending (from the first file's header; 1 when unknown). */
  perFileChannels(ending: string): PerFile {
    const h = this.headerFor(ending);
    if (!h?.header) return { channels: 1 };
    const c = channelsPerFile(h.header, ending);
    const out: PerFile = { ...c, file: h.file };
    if (h.header.format === 'png') out.png = (['grey', 'grey', 'grey-alpha', 'rgb', 'rgba'] as const)[h.header.channels] ?? 'grey';
    return out;
  }

  /** How file_ending stands against the endings on disk (NNU302's facts); undefined when it selects the images and nothing else is there. */
  endingProblem(v: JsonView): EndingProblem | undefined {
    return endingProblem(this, v);
  }

  /** Files nnU-Net misreads as cases (NNU303's facts); undefined when there are none. */
  namingProblems(v: JsonView): NamingProblems | undefined {
    return namingProblems(this, v);
  }

  /** Cases without a label file, label files without a case, `dataset` paths that do not resolve (NNU304's facts). */
  labelFileProblems(v: JsonView): LabelFileProblems | undefined {
    return labelFileProblems(this, v);
  }

  /** Channel files per case against channel_names, 4D images, gaps (NNU305's facts). */
  channelProblems(v: JsonView): ChannelProblems | undefined {
    return channelProblems(this, v);
  }

  /**
   * The problems that make nnU-Net's case count unreliable, by family, in this order: a wrong
   * file_ending, misnamed files, missing label files, wrong channel counts. numTraining may be
   * set to the count only when this is empty (NNU301); each family is what one rule reports as
   * an error or warning (NNU302-NNU305), read from the same facts.
   */
  countBlockers(v: JsonView): CountBlocker[] {
    const out: CountBlocker[] = [];
    if (this.endingProblem(v)) out.push('file-ending');
    if (this.namingProblems(v)) out.push('case-naming');
    if (blocksCount(this.labelFileProblems(v))) out.push('label-files');
    if (blocksCount(this.channelProblems(v))) out.push('channels');
    return out;
  }
}

/** A family of folder problems that makes the case count unreliable (see FolderContext.countBlockers). */
export type CountBlocker = 'file-ending' | 'case-naming' | 'label-files' | 'channels';

/** The values of dataset.json the folder rules depend on, read from the current pass. */
export interface JsonView {
  /** The `file_ending` property and its value node (Python keeps the last duplicate). */
  feProp?: JsonNode;
  feNode?: JsonNode;
  /** The file_ending string, when it is one. */
  fe?: string;
  numTrainingProp?: JsonNode;
  numTrainingNode?: JsonNode;
  numTraining?: IntReading;
  /** Number of channels nnU-Net's VDI expects: len(channel_names), else len(modality). */
  channelCount?: number;
  channelSource?: 'channel_names' | 'modality';
  channelNode?: JsonNode;
  /** The `dataset` key object, when present (nnU-Net then ignores imagesTr/labelsTr). */
  datasetKey?: JsonNode;
  /** v1/MSD description: `modality` and no `channel_names`. */
  v1: boolean;
}

function uniqueKeyCount(obj: JsonNode): number {
  return new Set((obj.children ?? []).map((p) => String(p.children?.[0]?.value))).size;
}

/** The values of this pass's dataset.json that the folder rules depend on. */
export function jsonView(ctx: RuleContext): JsonView {
  const feProp = ctx.prop('file_ending');
  const feNode = feProp?.children?.[1];
  const ntProp = ctx.prop('numTraining');
  const ntNode = ntProp?.children?.[1];
  const cn = ctx.prop('channel_names')?.children?.[1];
  const mod = ctx.prop('modality')?.children?.[1];
  const ds = ctx.prop('dataset')?.children?.[1];
  const view: JsonView = {
    feProp,
    feNode,
    fe: feNode?.type === 'string' ? String(feNode.value) : undefined,
    numTrainingProp: ntProp,
    numTrainingNode: ntNode,
    numTraining: ntNode ? readInt(ctx.doc, ntNode) : undefined,
    datasetKey: ds?.type === 'object' ? ds : undefined,
    v1: !!ctx.prop('modality') && !ctx.prop('channel_names'),
  };
  if (cn?.type === 'object') Object.assign(view, { channelCount: uniqueKeyCount(cn), channelSource: 'channel_names', channelNode: cn });
  else if (!ctx.prop('channel_names') && mod?.type === 'object')
    Object.assign(view, { channelCount: uniqueKeyCount(mod), channelSource: 'modality', channelNode: mod });
  return view;
}

/** The folder as nnU-Net sees it with one file_ending. */
export interface FolderAnalysis {
  fe: string;
  /** imagesTr files that end with file_ending (hidden ones included, as nnU-Net does). */
  matching: string[];
  /** Visible imagesTr files that end with file_ending. */
  matchingVisible: number;
  /** nnU-Net's cases (identifiers with their channel files). */
  cases: Case[];
  /** Files whose names nnU-Net misreads. */
  naming: NamingIssue[];
  /** Identifiers of the label files (`i[:-len(file_ending)]`), sorted. */
  labelIds: readonly string[];
  /** True when file_ending starts with '.' and matches at least one visible image file. */
  usable: boolean;
  /** Real cases: visible identifiers with at least one channel file (the others are naming debris). */
  real: Case[];
  /** Identifiers of real cases without `labelsTr/CASE<file_ending>`. */
  missingLabels: string[];
  /** Visible label files ending with file_ending whose identifier is no case at all. */
  orphanLabels: string[];
  /** Real cases whose channel indices have gaps, with the indices present and missing. */
  gaps: { id: string; indices: number[]; missing: number[] }[];
}

/** The folder as nnU-Net sees it with one file_ending. Pure. */
function analyzeFolder(facts: FolderFacts, fe: string): FolderAnalysis {
  const images = facts.imagesTr?.files ?? [];
  const matching = fe ? images.filter((f) => f.endsWith(fe)) : [];
  const matchingVisible = matching.filter((f) => !isHidden(f)).length;
  const cases = fe ? casesOf(matching, fe) : [];
  const feLen = pyLen(fe);
  const labelFiles = fe ? (facts.labelsTr?.files ?? []).filter((f) => f.endsWith(fe)) : [];
  const labelIds = sortPy(labelFiles.map((f) => pyCutEnd(f, feLen)));
  const real = cases.filter((c) => c.channels.length > 0 && !isHidden(c.id));
  const caseIds = cases.map((c) => c.id);
  const cmp = pyComparator([...caseIds, ...labelIds]);
  const gaps: FolderAnalysis['gaps'] = [];
  for (const c of real) {
    const indices = c.channels.map((f) => channelIndexOf(f, fe));
    const missing = missingChannelIndices(indices);
    if (missing.length) gaps.push({ id: c.id, indices, missing });
  }
  const a: FolderAnalysis = {
    fe,
    matching,
    matchingVisible,
    cases,
    naming: fe ? namingIssuesOf(matching, fe) : [],
    labelIds,
    usable: fe.startsWith('.') && matchingVisible > 0,
    real,
    missingLabels: real.filter((c) => !sortedHas(labelIds, c.id, cmp)).map((c) => c.id),
    orphanLabels: labelFiles.filter((f) => !isHidden(f) && !sortedHas(caseIds, pyCutEnd(f, feLen), cmp)),
    gaps,
  };
  return a;
}

/** How file_ending stands when it selects no image: missing, not a string, empty, an ending without a reader, or matching no file. */
type EndingState = 'missing' | 'not-a-string' | 'empty' | 'no-reader' | 'no-match';

/** NNU302's facts: file_ending against the endings on disk (visible files of imagesTr and labelsTr). */
export type EndingProblem =
  /** file_ending selects images, but files with other endings are there too and are ignored. */
  | { kind: 'other-endings'; fe: string; otherImages: Map<string, number>; otherLabels: Map<string, number> }
  /** file_ending is missing and imagesTr holds no image to derive it from. */
  | { kind: 'no-images'; state: 'missing' }
  /** One ending on disk (images and labels together); `supported`: nnU-Net has a reader for it. */
  | { kind: 'single'; state: EndingState; ending: string; supported: boolean; all: Map<string, number> }
  /** Several endings on disk. */
  | { kind: 'mixed'; state: EndingState; all: Map<string, number> };

function endingProblem(folder: FolderContext, v: JsonView): EndingProblem | undefined {
  if (!folder.facts.imagesTr || v.datasetKey) return undefined;
  const { images, labels } = folder.diskEndings();
  const fe = v.fe;
  let noReader = false;
  if (fe !== undefined && fe !== '') {
    // A missing leading dot, blanks or a glob star are NNU205's safe fix: not a problem of the folder.
    const normalized = '.' + fe.trim().replace(/^\*/, '').replace(/^\./, '');
    if (normalized !== fe && images.has(normalized)) return undefined;
    const a = folder.analyze(fe);
    if (a.matchingVisible > 0 && !isSupportedEnding(fe) && fe.startsWith('.')) noReader = true;
    else if (a.matchingVisible > 0) {
      // file_ending works, but files with other endings are ignored silently.
      const otherImages = new Map([...images].filter(([e]) => e !== fe));
      const otherLabels = new Map([...labels].filter(([e]) => e !== fe));
      return otherImages.size || otherLabels.size ? { kind: 'other-endings', fe, otherImages, otherLabels } : undefined;
    }
  }
  const state: EndingState = v.feNode === undefined ? 'missing' : fe === undefined ? 'not-a-string' : fe === '' ? 'empty' : noReader ? 'no-reader' : 'no-match';
  if (!images.size) return state === 'missing' ? { kind: 'no-images', state } : undefined; // with a file_ending and no image at all, the count is 0 (NNU301)
  const all = new Map(images);
  for (const [e, n] of labels) all.set(e, (all.get(e) ?? 0) + n);
  if (all.size === 1) {
    const ending = [...all.keys()][0]!;
    return { kind: 'single', state, ending, supported: isSupportedEnding(ending), all };
  }
  return { kind: 'mixed', state, all };
}

/** NNU303's facts: files ending in file_ending that nnU-Net misreads (with a usable file_ending). */
export interface NamingProblems {
  fe: string;
  /** Hidden image files (`._a_0000.nii.gz`), each counted as a case. */
  hidden: NamingIssue[];
  /** Hidden label files with the same ending (named together with the hidden images). */
  hiddenLabels: string[];
  /** Image files without a `_XXXX` channel index. */
  noChannel: NamingIssue[];
  /** Image files with the index after a dot or dash. */
  separator: NamingIssue[];
}

function namingProblems(folder: FolderContext, v: JsonView): NamingProblems | undefined {
  const facts = folder.facts;
  if (!facts.imagesTr || v.datasetKey || !v.fe) return undefined;
  const fe = v.fe;
  const a = folder.analyze(fe);
  if (!a.usable) return undefined;
  const by = (p: NamingIssue['problem']) => a.naming.filter((i) => i.problem === p);
  const p: NamingProblems = {
    fe,
    hidden: by('hidden'),
    hiddenLabels: (facts.labelsTr?.files ?? []).filter((f) => isHidden(f) && f.endsWith(fe)),
    noChannel: by('no-channel'),
    separator: by('separator'),
  };
  return p.hidden.length || p.noChannel.length || p.separator.length ? p : undefined;
}

/** NNU304's facts. */
export type LabelFileProblems =
  /** The `dataset` key: paths that do not resolve inside the dataset folder (`unchecked` ones are only noted). */
  | { kind: 'dataset-key'; missingImages: string[]; missingLabels: string[]; dirs: string[]; outside: string[]; unchecked: string[] }
  /** imagesTr/ without labelsTr/. */
  | { kind: 'no-labelsTr' }
  /** Real cases without `labelsTr/CASE<file_ending>`, and visible label files whose identifier is no case. */
  | { kind: 'files'; fe: string; cases: Case[]; missing: string[]; orphans: string[] };

function labelFileProblems(folder: FolderContext, v: JsonView): LabelFileProblems | undefined {
  const facts = folder.facts;
  if (v.datasetKey) {
    const p = datasetKeyPaths(v.datasetKey, facts.datasetKey?.paths ?? {});
    return p.missingImages.length || p.missingLabels.length || p.dirs.length || p.outside.length || p.unchecked.length ? p : undefined;
  }
  if (!facts.imagesTr) return undefined;
  if (!facts.labelsTr) return { kind: 'no-labelsTr' };
  if (!v.fe) return undefined;
  const fe = v.fe;
  const a = folder.analyze(fe);
  if (!a.usable) return undefined;
  const missing = a.missingLabels;
  // a label saved as CASE_0000<fe> is reported with its case (missing), not again as an orphan
  const misnamed = new Set(missing.map((id) => id + channelSuffix(0) + fe));
  const orphans = a.orphanLabels.filter((f) => !misnamed.has(f));
  return missing.length || orphans.length ? { kind: 'files', fe, cases: a.real, missing, orphans } : undefined;
}

/** The paths of the `dataset` key sorted by what the facts say about them (each list unique, in file order). */
function datasetKeyPaths(ds: JsonNode, status: Record<string, DatasetPathStatus>): Extract<LabelFileProblems, { kind: 'dataset-key' }> {
  const lists = {
    missingImages: new Set<string>(),
    missingLabels: new Set<string>(),
    dirs: new Set<string>(),
    outside: new Set<string>(),
    unchecked: new Set<string>(),
  };
  const check = (n: JsonNode | undefined, isLabel: boolean) => {
    if (n?.type !== 'string') return;
    const p = String(n.value);
    switch (status[p]) {
      case 'missing':
        (isLabel ? lists.missingLabels : lists.missingImages).add(p);
        break;
      case 'not-a-file':
        lists.dirs.add(p);
        break;
      case 'outside':
        lists.outside.add(p);
        break;
      case 'variable':
      case 'link':
        lists.unchecked.add(p);
        break;
      default:
        break; // exists, or not seen when the facts were collected
    }
  };
  for (const c of ds.children ?? []) {
    const entry = c.children?.[1];
    if (entry?.type !== 'object') continue;
    const images = lastProperty(entry, 'images')?.children?.[1];
    for (const im of images?.type === 'array' ? (images.children ?? []) : []) check(im, false);
    check(lastProperty(entry, 'label')?.children?.[1], true);
  }
  return {
    kind: 'dataset-key',
    missingImages: [...lists.missingImages],
    missingLabels: [...lists.missingLabels],
    dirs: [...lists.dirs],
    outside: [...lists.outside],
    unchecked: [...lists.unchecked],
  };
}

/** NNU305's facts (each part undefined or empty when it is fine). */
export interface ChannelProblems {
  /** The `dataset` key: cases whose `images` list has another length than the channels declared. */
  datasetKey?: { expected: number; wrong: { id: string; images: number }[] };
  /** A 4D image in the MSD layout: the one thing to do is nnU-Net's converter (nothing else is reported then). */
  fourD?: { ending: string; perFile: PerFile & { file: string; fourD: number } };
  /** With a usable file_ending: real cases whose channel indices have gaps. */
  gaps: FolderAnalysis['gaps'];
  /** The reader refuses the first image file (then the counts are not compared). */
  reader?: { file: string; error: string };
  /** Real cases whose channel count differs from channel_names (each file holding perFile.channels). */
  count?: { expected: number; ending: string; perFile: PerFile; cases: Case[]; wrong: Case[] };
}

function channelProblems(folder: FolderContext, v: JsonView): ChannelProblems | undefined {
  const facts = folder.facts;
  const expected = v.channelCount;
  if (v.datasetKey) {
    if (expected === undefined) return undefined;
    const wrong: { id: string; images: number }[] = [];
    for (const c of v.datasetKey.children ?? []) {
      const images = lastProperty(c.children?.[1], 'images')?.children?.[1];
      const n = images?.children?.length ?? 0;
      if (images?.type === 'array' && n !== expected) wrong.push({ id: String(c.children?.[0]?.value), images: n });
    }
    return wrong.length ? { datasetKey: { expected, wrong }, gaps: [] } : undefined;
  }
  if (!facts.imagesTr) return undefined;
  const fe = v.fe;
  const a = fe ? folder.analyze(fe) : undefined;
  const ending = a?.usable ? fe! : undefined;
  // 4D images in an MSD-style folder (also before file_ending is set)
  const fourD = [...new Set(facts.headers.map((h) => endingOf(h.file)!))]
    .map((e) => ({ e, pf: folder.perFileChannels(e) }))
    .find(({ e, pf }) => pf.fourD && (ending === undefined || e === ending));
  if (fourD) {
    const pf = fourD.pf as PerFile & { file: string; fourD: number };
    const msd =
      v.v1 || /^Task\d+_/i.test(facts.folderName) || !isChannelFile(pf.file, fourD.e) || !!pf.error || (expected !== undefined && expected !== pf.fourD);
    if (msd) return { fourD: { ending: fourD.e, perFile: pf }, gaps: [] };
  }
  if (!ending || !a) return undefined;
  const p: ChannelProblems = { gaps: a.gaps };
  const pf = folder.perFileChannels(ending);
  if (pf.error) p.reader = { file: pf.file!, error: pf.error };
  else if (expected !== undefined && a.real.length) {
    const wrong = a.real.filter((c) => c.channels.length * pf.channels !== expected);
    if (wrong.length) p.count = { expected, ending, perFile: pf, cases: a.real, wrong };
  }
  return p.gaps.length || p.reader || p.count ? p : undefined;
}

/** Does a family of problems include one reported as an error or warning (not only notes)? */
function blocksCount(p: LabelFileProblems | ChannelProblems | undefined): boolean {
  if (!p) return false;
  if ('kind' in p && p.kind === 'dataset-key') return !!(p.missingImages.length || p.missingLabels.length || p.dirs.length || p.outside.length);
  return true;
}

export interface PerFile {
  channels: number;
  fourD?: number;
  error?: string;
  /** The file whose header was read. */
  file?: string;
  /** For PNG files: the colour layout. */
  png?: 'grey' | 'rgb' | 'rgba' | 'grey-alpha';
}

/**
 * Where a folder finding points: the value of `key` when the file has it, else the opening
 * brace of the top-level object.
 */
export function anchor(ctx: RuleContext, ...keys: string[]): Pick<Finding, 'node' | 'offset' | 'length'> {
  for (const k of keys) {
    const node = ctx.prop(k)?.children?.[1];
    if (node) return { node };
  }
  return { offset: ctx.root.offset, length: 1 };
}

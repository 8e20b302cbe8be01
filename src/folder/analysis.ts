/**
 * What the NNU3xx rules conclude from folder facts plus the *current* dataset.json. Pure.
 * The engine re-runs the rules after every fix, so everything JSON-dependent (file_ending,
 * numTraining, channel_names) is read from the context each time; only the per-ending
 * identifier analysis is memoised (it depends on the facts and the ending alone).
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { readInt, type IntReading } from '../labels.js';
import type { Finding, RuleContext } from '../types.js';
import type { FolderFacts, HeaderFact } from './facts.js';
import { channelsPerFile } from './channels.js';
import {
  casesOf,
  channelIndexOf,
  endingOf,
  endingsOnDisk,
  isHidden,
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

/** The folder facts of a rule context, when the caller supplied them. */
export function folderOf(ctx: RuleContext): FolderFacts | undefined {
  const f = ctx.folder as FolderFacts | undefined;
  return f && typeof f === 'object' && typeof f.datasetDir === 'string' && Array.isArray(f.headers) ? f : undefined;
}

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
  else if (!ctx.prop('channel_names') && mod?.type === 'object') Object.assign(view, { channelCount: uniqueKeyCount(mod), channelSource: 'modality', channelNode: mod });
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

const memo = new WeakMap<FolderFacts, Map<string, FolderAnalysis>>();

export function analyze(facts: FolderFacts, fe: string): FolderAnalysis {
  let byFe = memo.get(facts);
  if (!byFe) memo.set(facts, (byFe = new Map()));
  const hit = byFe.get(fe);
  if (hit) return hit;
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
  byFe.set(fe, a);
  return a;
}

/** Real cases: visible identifiers with at least one channel file (the others are naming debris). */
export function realCases(a: FolderAnalysis): Case[] {
  return a.real;
}

const endingsMemo = new WeakMap<FolderFacts, { images: Map<string, number>; labels: Map<string, number> }>();

/** Image endings on disk in imagesTr and labelsTr (visible files, as spelled). */
export function diskEndings(facts: FolderFacts): { images: Map<string, number>; labels: Map<string, number> } {
  let e = endingsMemo.get(facts);
  if (!e) endingsMemo.set(facts, (e = { images: endingsOnDisk(facts.imagesTr?.files ?? []), labels: endingsOnDisk(facts.labelsTr?.files ?? []) }));
  return e;
}

/** The header of the first visible imagesTr file with this ending (as spelled on disk). */
export function headerFor(facts: FolderFacts, ending: string): HeaderFact | undefined {
  return facts.headers.find((h) => endingOf(h.file) === ending);
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

/** Channels nnU-Net's reader makes of each file with this ending (from the first file's header; 1 when unknown). */
export function perFileChannels(facts: FolderFacts, ending: string): PerFile {
  const h = headerFor(facts, ending);
  if (!h?.header) return { channels: 1 };
  const c = channelsPerFile(h.header, ending);
  const out: PerFile = { ...c, file: h.file };
  if (h.header.format === 'png') out.png = (['grey', 'grey', 'grey-alpha', 'rgb', 'rgba'] as const)[h.header.channels] ?? 'grey';
  return out;
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

/** `"imagesTr/"` or the dataset-relative folder for messages. */
export function q(s: string): string {
  return JSON.stringify(s);
}

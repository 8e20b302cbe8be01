/** Helpers of the folder-rule tests: tiny real datasets in temp dirs, and running rules on them. */
import { afterAll } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixText, type FixTextOptions, type FixTextResult } from '../../src/engine.js';
import { collectFolderFacts, nodeFolderFs, type CollectOptions, type FolderFacts, type FolderFs } from '../../src/folder/facts.js';
import type { Rule } from '../../src/types.js';
import { writeNifti, writePng, type NiftiOptions, type PngOptions } from '../helpers/nifti.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test file. */
export function tmpRoot(): string {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-folder-'));
  roots.push(r);
  return r;
}

/** What to write at a path: text/bytes, a NIfTI, a PNG, or a directory. */
export type Content = string | Buffer | { nifti: NiftiOptions } | { png: PngOptions } | { dir: true };

/** A tiny 3D NIfTI (2x2x2 uint8). */
export const NII: Content = { nifti: { dims: [2, 2, 2], datatype: 'uint8', data: [] } };
/** A 4D NIfTI with `t` volumes (the MSD layout). */
export const nii4d = (t: number): Content => ({ nifti: { dims: [2, 2, 2, t], datatype: 'float32', data: [] } });
/** 2x2 PNGs. */
export const PNG_GREY: Content = { png: { width: 2, height: 2, data: [], channels: 1 } };
export const PNG_RGB: Content = { png: { width: 2, height: 2, data: [], channels: 3 } };

/** Write files under `root` (paths with `/`); parent folders are created. */
export function writeTree(root: string, files: Record<string, Content>): void {
  for (const [rel, c] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof c === 'string' || Buffer.isBuffer(c)) fs.writeFileSync(p, c);
    else if ('nifti' in c) writeNifti(p, c.nifti);
    else if ('png' in c) writePng(p, c.png);
    else fs.mkdirSync(p, { recursive: true });
  }
}

/** dataset.json text as nnU-Net's save_json writes it (indent 4, no final newline). */
export function datasetJson(obj: Record<string, unknown>): string {
  return JSON.stringify(obj, null, 4);
}

/** A v2 description with `n` training cases and `channels` channels. */
export function v2(n: number, fe = '.nii.gz', channels = 1, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const channel_names: Record<string, string> = {};
  for (let i = 0; i < channels; i++) channel_names[String(i)] = ['CT', 'T2', 'ADC', 'PD'][i] ?? `ch${i}`;
  return { channel_names, labels: { background: 0, liver: 1 }, numTraining: n, file_ending: fe, ...extra };
}

/** Image and label files of cases `ids`, one image per channel. */
export function cases(ids: string[], opts: { fe?: string; channels?: number; image?: Content; label?: Content } = {}): Record<string, Content> {
  const fe = opts.fe ?? '.nii.gz';
  const out: Record<string, Content> = {};
  for (const id of ids) {
    for (let c = 0; c < (opts.channels ?? 1); c++) out[`imagesTr/${id}_${String(c).padStart(4, '0')}${fe}`] = opts.image ?? NII;
    out[`labelsTr/${id}${fe}`] = opts.label ?? NII;
  }
  return out;
}

export interface Dataset {
  root: string;
  dir: string;
  json: string;
}

/**
 * Build `<root>/nnUNet_raw/<name>/` with dataset.json and `files`; `outside` are written
 * relative to `<root>` (preprocessed copies, sibling datasets).
 */
export function makeDataset(name: string, json: string, files: Record<string, Content>, outside: Record<string, Content> = {}): Dataset {
  const root = tmpRoot();
  const dir = path.join(root, 'nnUNet_raw', name);
  writeTree(dir, { 'dataset.json': json, ...files });
  writeTree(root, outside);
  return { root, dir, json };
}

/** Collect facts without the host's nnUNet_* environment. */
export function facts(dir: string, opts: CollectOptions = {}): Promise<FolderFacts | undefined> {
  return collectFolderFacts(dir, { env: {}, ...opts });
}

/** Run `rules` on a dataset (its own dataset.json unless `json` is given), unsafe fixes on. */
export async function runOn(
  ds: Dataset,
  rules: Rule[],
  opts: Partial<FixTextOptions> & { json?: string; collect?: CollectOptions } = {},
): Promise<FixTextResult> {
  const folder = await facts(ds.dir, opts.collect);
  return fixText(opts.json ?? ds.json, { rules, folder, unsafeFixes: true, ...opts });
}

/** A FolderFs that records every call. */
export function countingFs(): { fs: FolderFs; calls: { op: string; path: string }[] } {
  const calls: { op: string; path: string }[] = [];
  const fs: FolderFs = {
    readdir: (p) => (calls.push({ op: 'readdir', path: p }), nodeFolderFs.readdir(p)),
    readHeader: (p) => (calls.push({ op: 'readHeader', path: p }), nodeFolderFs.readHeader(p)),
    readFile: (p) => (calls.push({ op: 'readFile', path: p }), nodeFolderFs.readFile(p)),
    lstat: (p) => (calls.push({ op: 'lstat', path: p }), nodeFolderFs.lstat(p)),
  };
  return { fs, calls };
}

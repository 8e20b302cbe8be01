/** Types of fuzzlib.mjs (shared by property.test.ts and scripts/fuzz.mjs). */
import type fc from 'fast-check';

export interface Input {
  name: string;
  bytes: Uint8Array;
}

export interface EngineApi {
  fixBytes(
    bytes: Uint8Array,
    options?: object,
  ): {
    input: string;
    output: string;
    changed: boolean;
    error?: string;
    diagnostics: { code: string }[];
    applied: { code: string }[];
  };
  parsePython(text: string): unknown;
  parseDocument(text: string): { root: unknown };
  toPyValue(doc: unknown, node: unknown): unknown;
}

export const BLOCKING: Set<string>;
export function loadCorpus(dir: string): Input[];
export function loadExamples(dir: string): Input[];
export const intKeyForm: fc.Arbitrary<string>;
export const labelValueForm: fc.Arbitrary<string>;
export function inputArbitrary(bases: Input[]): fc.Arbitrary<Input>;
export function longStringCases(): Input[];
export function fixedCases(): Input[];
export function checkPure(api: EngineApi, bytes: Uint8Array, options?: object): { failures: string[]; result: ReturnType<EngineApi['fixBytes']> | undefined };
export function prototypeSnapshot(): string;
export function pollutionCheck(before: string): string[];
export function havePython(): boolean;
export function pythonCrossCheck(api: EngineApi, outputs: { name: string; text: string }[], inputs: { name: string; text: string }[]): string[];
export function checkCli(api: EngineApi, cliPath: string, root: string, inputs: Input[], extraArgs?: string[]): string[];

/** One entry of a hostile tree: where it is (`name` in the root, or in `group`) and what. */
export type TreeEntry =
  | { kind: 'dataset'; name: string; group: string | null; input: Input; readOnly: 'no' | 'file' | 'folder' }
  | { kind: 'link-inside'; name: string; target: string; how: 'folder' | 'file'; absolute: boolean }
  | { kind: 'link-outside'; name: string; text: string; how: 'folder' | 'file'; absolute: boolean }
  | { kind: 'loop-pair'; name: string; other: string }
  | { kind: 'loop-cycle' | 'loop-self' | 'fifo' | 'folder-named' | 'dangling'; name: string };

/** A generated hostile tree, as data (see treeArbitrary in fuzzlib.mjs). */
export interface TreeSpec {
  root: string;
  entries: TreeEntry[];
  naming: 'root' | 'direct' | 'overlap';
  pick: number;
  jobs: number;
  envRaw: boolean;
}

/** A tree on disk: where to run the CLI, the paths to give after `--`, and elements that could not be made here. */
export interface TreeLayout {
  base: string;
  root: string;
  outside: string;
  cwd: string;
  args: string[];
  env: { nnUNet_raw: string };
  jobs: number;
  skipped: string[];
}

export interface TreeStats {
  files: number;
  written: number;
  refusedOutside: number;
  refusedReadOnly: number;
  fileErrors: number;
  pathErrors: number;
  outOfScope: number;
  runs: number;
}

export function treeArbitrary(bases: Input[]): fc.Arbitrary<TreeSpec>;
export function describeTree(spec: TreeSpec): string;
export function layOutTree(spec: TreeSpec, base: string): TreeLayout;
export function removeTree(dir: string): void;
export function checkTree(
  api: Pick<EngineApi, 'fixBytes'>,
  cliPath: string,
  layout: TreeLayout,
  options?: { extraArgs?: string[]; timeoutMs?: number },
): { failures: string[]; stats: TreeStats };

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

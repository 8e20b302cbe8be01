/** Types of scripts/gen-readme-rules.mjs (for the README test). */
import type { Rule } from '../src/types.js';

export declare const START: string;
export declare const END: string;
export declare function anchor(code: string): string;
export declare function renderRules(rules: readonly Rule[]): string;
export declare function updateReadme(readme: string, rules: readonly Rule[]): string;

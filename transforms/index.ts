/**
 * The rule registry: every rule module in code order. `rules`, `explain`, the README
 * table and SARIF rule metadata are all generated from here.
 */
import type { Rule } from '../src/types.js';
import NNU102 from './NNU102-labels-inverted.js';

export const rules: readonly Rule[] = [NNU102].sort((a, b) => a.meta.code.localeCompare(b.meta.code));

/** Look a rule up by its code (case-insensitive). */
export function ruleByCode(code: string): Rule | undefined {
  return rules.find((r) => r.meta.code === code.toUpperCase());
}

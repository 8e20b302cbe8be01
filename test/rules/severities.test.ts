/**
 * One severity story everywhere: every diagnostic a rule emits, over the real corpus and the
 * examples (with their dataset folders), has a severity its `meta.severities` lists; the list
 * holds the default; `explain` and `rules` show the list.
 */
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fixBytes } from '../../src/engine.js';
import { explainRule, rulesTable } from '../../src/explain.js';
import { collectFolderFacts, type FolderFacts } from '../../src/folder/facts.js';
import type { Diagnostic } from '../../src/types.js';
import { ruleByCode, rules } from '../../transforms/index.js';
import { corpusBytes, corpusIds, ROOT } from '../helpers/corpus.js';

const EXAMPLES = path.join(ROOT, 'examples', 'nnUNet_raw');

/** Diagnostics of the input and of the output, safe and unsafe fixes. */
function everyDiagnostic(bytes: Uint8Array, folder?: FolderFacts): Diagnostic[] {
  return [false, true].flatMap((unsafeFixes) => {
    const r = fixBytes(bytes, { unsafeFixes, folder, select: ['ALL', 'NNU104'] });
    return [...r.diagnostics, ...r.remaining];
  });
}

function outside(ds: Diagnostic[]): string[] {
  return ds
    .filter((d) => !(ruleByCode(d.code)!.meta.severities ?? [ruleByCode(d.code)!.meta.severity]).includes(d.severity))
    .map((d) => `${d.code} ${d.severity}: ${d.message}`);
}

describe('severities', () => {
  test('each list holds the default severity, once each', () => {
    for (const r of rules) {
      const list = r.meta.severities;
      if (!list) continue;
      expect(list).toContain(r.meta.severity);
      expect(new Set(list).size).toBe(list.length);
      expect(list.length).toBeGreaterThan(1);
    }
  });

  test('every diagnostic over the real corpus has a severity its rule lists', () => {
    const seen = new Set<string>();
    for (const id of corpusIds()) {
      const ds = everyDiagnostic(corpusBytes(id));
      expect(outside(ds)).toEqual([]);
      for (const d of ds) seen.add(`${d.code} ${d.severity}`);
    }
    // the corpus does exercise a second severity
    expect(seen).toContain('NNU105 warning');
    expect(seen).toContain('NNU103 warning');
  });

  test('every diagnostic over the examples, with their dataset folders, has a severity its rule lists', async () => {
    for (const name of fs.readdirSync(EXAMPLES).sort()) {
      const dir = path.join(EXAMPLES, name);
      const folder = await collectFolderFacts(dir, { env: {} });
      expect(outside(everyDiagnostic(fs.readFileSync(path.join(dir, 'dataset.json')), folder))).toEqual([]);
    }
  });

  test('explain and the rules table show every severity a rule can emit', () => {
    const nnu105 = ruleByCode('NNU105')!;
    expect(explainRule(nnu105)).toContain('\nSeverity: error / warning\n');
    expect(explainRule(ruleByCode('NNU304')!)).toContain('\nSeverity: error / warning / info\n');
    expect(explainRule(ruleByCode('NNU101')!)).toContain('\nSeverity: error\n');
    const row = rulesTable()
      .split('\n')
      .find((l) => l.startsWith('NNU105'))!;
    expect(row).toMatch(/^NNU105 +label-value-not-int +error \/ warning +safe \/ none +/);
  });
});

#!/usr/bin/env node
// Rewrite the import list of transforms/index.ts from the rule modules present
// (transforms/NNUxxx-name.ts). Run after adding a rule: node scripts/gen-registry.mjs
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'transforms');
const files = fs
  .readdirSync(dir)
  .filter((f) => /^NNU\d{3}-[a-z0-9-]+\.ts$/.test(f))
  .sort();
const ids = files.map((f) => f.slice(0, 6));
let s = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
s = s.replace(
  /(import type \{ Rule \} from '\.\.\/src\/types\.js';\n)(import NNU[^\n]*\n)*/,
  `$1${files.map((f) => `import ${f.slice(0, 6)} from './${f.slice(0, -3)}.js';\n`).join('')}`,
);
// one rule a line, as Prettier lays out the list (`npm run format:check` stays clean)
s = s.replace(/export const rules: readonly Rule\[\] = \[[^\]]*\]/, `export const rules: readonly Rule[] = [\n${ids.map((id) => `  ${id},\n`).join('')}]`);
fs.writeFileSync(path.join(dir, 'index.ts'), s);
console.log(`${ids.length} rules: ${ids.join(' ')}`);

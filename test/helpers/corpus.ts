/**
 * The real corpus (test/fixtures/corpus: 75 dataset.json files, byte for byte from public
 * repositories; see its PROVENANCE.md). Resolved from this file's location, never from the
 * current folder, and never from outside the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

/** Every corpus id (folder name such as `059_flair-png-crlf-bad-reader`), sorted. */
export function corpusIds(): string[] {
  return fs
    .readdirSync(CORPUS)
    .filter((n) => /^\d{3}_/.test(n))
    .sort();
}

/** The bytes of a corpus file, by its full id. */
export function corpusBytes(id: string): Buffer {
  return fs.readFileSync(path.join(CORPUS, id, 'dataset.json'));
}

/** The full id of a corpus file from its number (`059` -> `059_flair-png-crlf-bad-reader`). */
export function corpusId(prefix: string): string {
  const id = corpusIds().find((d) => d.startsWith(prefix + '_'));
  if (!id) throw new Error(`corpus file ${prefix} not found in ${CORPUS}`);
  return id;
}

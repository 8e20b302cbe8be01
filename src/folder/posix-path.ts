/**
 * POSIX path operations without Node: what collectFolderFacts needs when it runs in a
 * browser (the web page), where paths are the relative paths of the picked folder's files
 * under a virtual root `/`. Same results as node:path.posix for these inputs. Pure.
 */
import type { PathOps } from './collect.js';

function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s || (abs ? '/' : '.');
}

function dirname(p: string): string {
  const t = p.length > 1 ? p.replace(/\/+$/, '') : p;
  const i = t.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return t.slice(0, i);
}

function basename(p: string): string {
  const t = p.length > 1 ? p.replace(/\/+$/, '') : p;
  return t.slice(t.lastIndexOf('/') + 1);
}

export const posixPath: PathOps = {
  join: (...parts) => normalize(parts.filter(Boolean).join('/')),
  resolve: (...parts) => {
    let acc = '';
    for (const p of parts) acc = p.startsWith('/') ? p : acc ? `${acc}/${p}` : p;
    return normalize(acc.startsWith('/') ? acc : `/${acc}`);
  },
  dirname,
  basename,
  isAbsolute: (p) => p.startsWith('/'),
  posix: { normalize, dirname, basename },
};

/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML: messages
 * quote the user's own JSON (`"labels": {"<img onerror=...>": 1}` must stay text).
 */
type Child = Node | string | false | null | undefined;

/** `h('p', {class: 'x'}, 'text', child)`: attributes as strings (`true` for a bare attribute). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === true) el.setAttribute(k, '');
    else if (typeof v === 'string') el.setAttribute(k, v);
  }
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(c);
  return el;
}

/** Start a download of `text` (UTF-8, as `--fix` writes it) under `name`. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute later it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The page: three ways in (paste or drop a dataset.json, pick a dataset folder, pick a
 * whole nnUNet_raw), the options of a dry run, and the results. Everything runs here, in
 * the browser: nothing is uploaded and nothing is written but what the person downloads.
 */
import { explainRule } from '../../src/explain.js';
import { rules } from '../../transforms/index.js';
import { analyze, batchPatch, collectSource, parseCodes, totals, MAX_SIZE, type FileReport, type RunOptions, type Source } from './analyze.js';
import { DEFAULT_MAX_DEPTH } from '../../src/search-scope.js';
import { findDatasetJsons } from './discover.js';
import { download, h } from './dom.js';
import { pickedFs, type PickedFile } from './picked-fs.js';
import { fileCard, overview, summaryText } from './render.js';

/** Set by scripts/build-web.mjs from package.json. */
declare const NNUNET_DOCTOR_VERSION: string;

const byId = (id: string) => document.getElementById(id) as HTMLElement;
const paste = byId('paste') as HTMLTextAreaElement;
const status = byId('status');
const results = byId('results-body');

/** What was loaded last; the options re-run the checks on it without reading again. */
interface Loaded {
  sources: Source[];
  /** Show the batch view (overview table, patch). */
  batch: boolean;
  /** The picked folder the patch paths start with (undefined: loose files, named alone). */
  root?: string;
}
let loaded: Loaded | undefined;
/** Bumped by every load: a slow folder read that was overtaken never shows its results. */
let generation = 0;
/** Bumped each time results (or an error) are shown; tests wait on it. */
let shown = 0;

function setStatus(state: 'working' | 'done' | 'error', text: string): void {
  status.dataset.state = state;
  status.textContent = text;
  if (state !== 'working') status.dataset.shown = String(++shown);
}

function readOptions(): RunOptions | string {
  const select = parseCodes((byId('select') as HTMLInputElement).value);
  const ignore = parseCodes((byId('ignore') as HTMLInputElement).value);
  if (select.bad) return `Select: "${select.bad}" matches no rule code (see the rule list below)`;
  if (ignore.bad) return `Ignore: "${ignore.bad}" matches no rule code (see the rule list below)`;
  return { unsafeFixes: (byId('unsafe') as HTMLInputElement).checked, select: select.codes, ignore: ignore.codes };
}

/** Run the checks on what is loaded and show them. */
function render(): void {
  if (!loaded) return;
  const o = readOptions();
  if (typeof o === 'string') {
    results.replaceChildren();
    setStatus('error', o);
    return;
  }
  const reports = loaded.sources.map((s) => analyze(s, o));
  const ids = reports.map((_, i) => `file-${i + 1}`);
  const t = totals(reports);
  const patch = batchPatch(reports);
  const body: Node[] = [h('p', { id: 'summary' }, summaryText(t, o))];
  if (!reports.length) {
    body.push(
      h(
        'p',
        { class: 'hint' },
        `No dataset.json found in this folder or up to ${DEFAULT_MAX_DEPTH} folder levels below it (image folders such as imagesTr, nnUNetPlans_*, node_modules and hidden folders are not searched).`,
      ),
    );
  }
  if (patch) {
    const button = h('button', { type: 'button', id: 'download-patch' }, 'Download patch (git apply)');
    button.addEventListener('click', () => download('nnunet-doctor.patch', patch, 'text/x-diff'));
    body.push(
      h(
        'div',
        { class: 'patch' },
        button,
        h(
          'p',
          { class: 'hint' },
          'Nothing was written. Download the fixed files one by one, or the patch of all of them and run ',
          h('code', {}, 'git apply nnunet-doctor.patch'),
          ...(loaded.root ? [' in the folder that holds ', h('code', {}, `${loaded.root}/`)] : [' in the folder the paths in it start from']),
          ' (the patch is what ',
          h('code', {}, 'nnunet-doctor --diff'),
          ' prints).',
        ),
      ),
    );
  }
  if (loaded.batch && reports.length) body.push(overview(reports, ids));
  const downloadFixed = (r: FileReport) => download('dataset.json', r.output!, 'application/json');
  body.push(...reports.map((r, i) => fileCard(r, ids[i]!, downloadFixed)));
  results.replaceChildren(...body);
  setStatus('done', `Checked ${reports.length} dataset.json ${reports.length === 1 ? 'file' : 'files'}.`);
}

/** Load sources (reading files may take a moment) and show their results. */
async function load(what: string, produce: () => Promise<Loaded>): Promise<void> {
  const gen = ++generation;
  setStatus('working', `Reading ${what}…`);
  try {
    const next = await produce();
    if (gen !== generation) return;
    loaded = next;
    render();
  } catch (e) {
    if (gen !== generation) return;
    setStatus('error', `Could not read ${what}: ${(e as Error).message}`);
  }
}

function checkPasted(): void {
  void load('the pasted text', () => Promise.resolve({ sources: [{ path: 'dataset.json', text: paste.value }], batch: false }));
}

/** Loose files (opened or dropped): each is checked as a dataset.json, like a file named on the command line. */
function looseSources(files: readonly File[]): Promise<Source[]> {
  return Promise.all(
    files.map(async (f): Promise<Source> =>
      f.size > MAX_SIZE
        ? { path: f.name, error: `cannot read: larger than ${MAX_SIZE / 1024 / 1024} MB` }
        : { path: f.name, bytes: new Uint8Array(await f.arrayBuffer()) },
    ),
  );
}

/** Picked folders: every dataset.json in them, with the folder facts of its dataset folder. */
async function folderSources(files: readonly PickedFile[]): Promise<Source[]> {
  const fs = pickedFs(files);
  const size = new Map(files.map((f) => [f.path, f.blob.size]));
  const cache = new Map<string, Promise<string[] | undefined>>();
  const out: Source[] = [];
  for (const p of findDatasetJsons(files.map((f) => f.path))) out.push(await collectSource(fs, p, size.get(p)!, cache));
  return out;
}

/** The one picked (or dropped) folder, when there is one. */
function rootOf(files: readonly PickedFile[]): string | undefined {
  const roots = [...new Set(files.map((f) => f.path.split('/')[0]))];
  return roots.length === 1 ? roots[0] : undefined;
}

function onPick(input: HTMLInputElement, batch: boolean): void {
  const files = Array.from(input.files ?? [], (f): PickedFile => ({ path: f.webkitRelativePath || f.name, blob: f }));
  input.value = '';
  if (!files.length) return;
  void load(batch ? 'the folder' : 'the dataset folder', async () => ({ sources: await folderSources(files), batch, root: rootOf(files) }));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise<File>((ok, fail) => entry.file(ok, fail));
}

/** Every file below a dropped folder entry (readEntries answers in batches until empty). */
async function entryFiles(entry: FileSystemEntry): Promise<PickedFile[]> {
  if (entry.isFile) return [{ path: entry.fullPath.replace(/^\/+/, ''), blob: await fileOf(entry as FileSystemFileEntry) }];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const out: PickedFile[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) return out;
    for (const e of batch) out.push(...(await entryFiles(e)));
  }
}

/** Dropped files are checked as opened files; dropped folders as picked ones. */
function onDrop(ev: DragEvent): void {
  const dt = ev.dataTransfer;
  if (!dt?.types.includes('Files')) return;
  ev.preventDefault();
  document.body.classList.remove('dragging');
  // Everything must be taken now: the DataTransfer is emptied when the event returns. The
  // File objects are used for dropped files (their entries cannot be read from file:// pages).
  const items = Array.from(dt.items).filter((i) => i.kind === 'file');
  const files = Array.from(dt.files);
  // webkitGetAsEntry is missing in some browsers (the typings say it is always there)
  const dropped = items.map((item, i) => ({ entry: 'webkitGetAsEntry' in item ? (item.webkitGetAsEntry() ?? undefined) : undefined, file: files[i] }));
  const loose = dropped.filter((d) => !d.entry?.isDirectory && d.file).map((d) => d.file!);
  const dirs = dropped.flatMap((d) => (d.entry?.isDirectory ? [d.entry] : []));
  void load('the dropped files', async () => {
    let picked: PickedFile[];
    try {
      picked = (await Promise.all(dirs.map(entryFiles))).flat();
    } catch (e) {
      // Chrome refuses to list a dropped folder in a page opened from a file (an opaque origin).
      throw new Error(
        location.protocol === 'file:'
          ? 'this browser does not let a page opened from a file read a dropped folder: use "Pick a whole nnUNet_raw…" instead'
          : (e as Error).message,
        { cause: e },
      );
    }
    const sources = [...(await looseSources(loose)), ...(await folderSources(picked))];
    return { sources, batch: sources.length > 1, root: loose.length ? undefined : rootOf(picked) };
  });
}

function rulesReference(): HTMLElement {
  return h(
    'ul',
    { class: 'rule-list' },
    ...rules.map((r) =>
      h(
        'li',
        {},
        h(
          'details',
          {},
          h('summary', {}, h('span', { class: 'code' }, r.meta.code), ` ${r.meta.name}: ${r.meta.summary}`),
          h('pre', { class: 'explain-text' }, explainRule(r)),
        ),
      ),
    ),
  );
}

byId('check').addEventListener('click', checkPasted);
paste.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    checkPasted();
  }
});
paste.addEventListener('input', (e) => {
  if ((e as InputEvent).inputType === 'insertFromPaste') checkPasted();
});
(byId('open-file') as HTMLInputElement).addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  const files = Array.from(input.files ?? []);
  input.value = '';
  if (files.length) void load(files.length === 1 ? files[0]!.name : 'the files', async () => ({ sources: await looseSources(files), batch: files.length > 1 }));
});
for (const [button, input, batch] of [
  ['pick-dataset-button', 'pick-dataset', false],
  ['pick-raw-button', 'pick-raw', true],
] as const) {
  const el = byId(input) as HTMLInputElement;
  byId(button).addEventListener('click', () => el.click());
  el.addEventListener('change', () => onPick(el, batch));
}
byId('open-file-button').addEventListener('click', () => byId('open-file').click());
for (const id of ['unsafe', 'select', 'ignore']) byId(id).addEventListener('change', render);
document.addEventListener('dragover', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  e.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', (e) => {
  if (!e.relatedTarget) document.body.classList.remove('dragging');
});
document.addEventListener('drop', onDrop);
byId('rules').append(rulesReference());
byId('version').textContent = NNUNET_DOCTOR_VERSION;
status.dataset.state = 'ready';
status.dataset.shown = '0';
status.textContent = 'Ready: paste, drop or pick a dataset.';

/**
 * The web page (web/, built by scripts/build-web.mjs) in a real browser: Debian's Chromium
 * driven by playwright-core, one browser for the whole file, the network off. Each way in
 * (paste, open, drop, pick a dataset folder, pick a whole nnUNet_raw) must show what the
 * command line reports on the same input, and give the same fixed bytes: the examples
 * against examples/expected*, a generated folder with real image headers, and every file
 * of the real corpus (test/fixtures/corpus).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { unifiedDiff } from '../../src/diff.js';
import { cleanup, copyTree, CORPUS, EXAMPLES, ROOT, tempDir } from '../helpers/cli.js';
import { writeGeneratedRaw } from './fixtures.js';
import {
  act,
  afterIsRemaining,
  ARTIFACTS,
  asShown,
  cliDiff,
  cliFix,
  cliJson,
  datasetJsons,
  downloadOf,
  dropPaths,
  gitApply,
  openPage,
  pasteAndCheck,
  servePage,
  setUnsafe,
  shownFiles,
  SKIP_BROWSER,
  SKIP_ENV,
  type CliFile,
  type Harness,
} from './browser.js';

if (SKIP_BROWSER) process.stderr.write(`test/web/page.test.ts: SKIPPED, no /usr/bin/chromium and ${SKIP_ENV}=1 (apt-get install chromium to run them)\n`);
const suite = SKIP_BROWSER ? describe.skip : describe;

const MODES = [
  { name: 'safe', unsafe: false, golden: 'expected', flags: [] as string[] },
  { name: 'unsafe', unsafe: true, golden: 'expected-unsafe', flags: ['--unsafe-fixes'] },
] as const;

const EXAMPLE_DATASETS = fs
  .readdirSync(EXAMPLES)
  .filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'dataset.json')))
  .sort();
/** Examples whose folder has images: their folder checks need the folder, not just the text. */
const hasImages = (d: string) => fs.existsSync(path.join(EXAMPLES, d, 'imagesTr')) || fs.existsSync(path.join(EXAMPLES, d, 'labelsTr'));
const original = (d: string) => fs.readFileSync(path.join(EXAMPLES, d, 'dataset.json'));
/** The golden fixed file of an example (the file itself when --fix leaves it alone). */
function golden(golden: string, d: string): Buffer {
  const p = path.join(ROOT, 'examples', golden, d, 'dataset.json');
  return fs.existsSync(p) ? fs.readFileSync(p) : original(d);
}

let tmp: string;
let h: Harness;

suite('the web page in Chromium', () => {
  beforeAll(async () => {
    tmp = tempDir('nnunet-doctor-web-');
    h = await openPage(path.join(tmp, 'app'));
  });
  afterAll(async () => {
    await (h as Harness | undefined)?.browser.close(); // unset when beforeAll failed
    if (tmp) cleanup(tmp);
  });

  /**
   * One dataset.json checked alone (pasted, opened or dropped): the command line on a tree
   * of the same texts without their folders gives the reference findings and fixed bytes.
   */
  describe.each([
    ['pasted', (t: string) => t.replace(/\r\n?/g, '\n')],
    ['opened', (t: string) => t],
  ] as const)('each example %s alone', (how, asInput) => {
    const ref = new Map<string, { files: Map<string, CliFile>; fixed: Map<string, Buffer> }>();
    let texts: Map<string, string>;
    beforeAll(() => {
      // what the page receives: a text area turns CRLF into LF; an opened file keeps its bytes
      texts = new Map(EXAMPLE_DATASETS.map((d) => [d, asInput(original(d).toString('utf8'))]));
      const base = path.join(tmp, `ref-${how}`);
      for (const [d, t] of texts) {
        fs.mkdirSync(path.join(base, 'in', d), { recursive: true });
        fs.writeFileSync(path.join(base, 'in', d, 'dataset.json'), t);
      }
      for (const m of MODES) {
        const work = path.join(base, m.name);
        copyTree(path.join(base, 'in'), path.join(work, 'in'));
        const files = new Map(cliJson(base, [...m.flags, 'in']).map((f) => [path.basename(path.dirname(f.path)), f]));
        cliFix(work, [...m.flags, 'in']);
        ref.set(m.name, { files, fixed: new Map(EXAMPLE_DATASETS.map((d) => [d, fs.readFileSync(path.join(work, 'in', d, 'dataset.json'))])) });
      }
    });

    test.each(EXAMPLE_DATASETS)("%s: the codes, the diff and the download are the command line's", async (d) => {
      const page = h.page;
      if (how === 'pasted') await pasteAndCheck(page, texts.get(d)!);
      else await act(page, () => page.setInputFiles('#open-file', path.join(EXAMPLES, d, 'dataset.json')));
      for (const m of MODES) {
        await setUnsafe(page, m.unsafe);
        const want = ref.get(m.name)!;
        const shown = await shownFiles(page);
        expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual([asShown(want.files.get(d)!, 'dataset.json')]);
        expect(afterIsRemaining(shown[0]!, want.files.get(d)!)).toBe(true);
        const fixed = want.fixed.get(d)!;
        expect(shown[0]!.diff).toBe(unifiedDiff('dataset.json', texts.get(d)!, fixed.toString('utf8')));
        const button = page.locator('article.file .download');
        if (fixed.toString('utf8') === texts.get(d)) {
          expect(await button.count()).toBe(0);
        } else {
          const got = await downloadOf(page, button);
          expect(got.equals(fixed)).toBe(true);
          // the examples whose fixes need no folder: byte for byte the golden files
          if (!hasImages(d) && texts.get(d) === original(d).toString('utf8')) expect(got.equals(golden(m.golden, d))).toBe(true);
        }
      }
      await setUnsafe(page, false);
    });
  });

  describe('examples/nnUNet_raw picked as a whole (the batch view)', () => {
    test.each(MODES)('$name: the findings of `nnunet-doctor nnUNet_raw`, the golden files, and a patch git applies', async (m) => {
      const page = h.page;
      await setUnsafe(page, false);
      await act(page, () => page.setInputFiles('#pick-raw', EXAMPLES));
      await setUnsafe(page, m.unsafe);
      const cwd = path.dirname(EXAMPLES);
      const cli = cliJson(cwd, [...m.flags, 'nnUNet_raw']);
      const shown = await shownFiles(page);
      expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual(cli.map((f) => asShown(f)));
      shown.forEach((s, i) => expect(afterIsRemaining(s, cli[i]!)).toBe(true));
      expect(await page.locator('table.overview tbody tr').count()).toBe(EXAMPLE_DATASETS.length);

      // each card's download is the golden file; unchanged files have no download
      for (const d of EXAMPLE_DATASETS) {
        const button = page.locator(`article.file[data-path="nnUNet_raw/${d}/dataset.json"] .download`);
        const want = golden(m.golden, d);
        if (want.equals(original(d))) expect(await button.count()).toBe(0);
        else expect((await downloadOf(page, button)).equals(want)).toBe(true);
      }

      // the patch is `nnunet-doctor --diff nnUNet_raw`, and git apply turns a copy into the golden files
      const patch = await downloadOf(page, page.locator('#download-patch'));
      expect(patch.toString('utf8')).toBe(cliDiff(cwd, [...m.flags, 'nnUNet_raw']));
      const work = path.join(tmp, `apply-examples-${m.name}`);
      copyTree(EXAMPLES, path.join(work, 'nnUNet_raw'));
      gitApply(work, patch);
      for (const d of EXAMPLE_DATASETS)
        expect({ d, bytes: fs.readFileSync(path.join(work, 'nnUNet_raw', d, 'dataset.json')).toString('utf8') }).toEqual({
          d,
          bytes: golden(m.golden, d).toString('utf8'),
        });

      if (!m.unsafe) {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.evaluate(() => document.getElementById('results')?.scrollIntoView({ block: 'start' }));
        const png = await page.screenshot({ path: path.join(ARTIFACTS, 'examples.png') });
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        await page.evaluate(() => window.scrollTo(0, 0));
      }
    });

    test('readable at 1280x800 and at phone width: no sideways scrolling of the page', async () => {
      const page = h.page;
      await setUnsafe(page, false);
      await act(page, () => page.setInputFiles('#pick-raw', EXAMPLES));
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(viewport);
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect({ viewport, scroll }).toEqual({ viewport, scroll: inner });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    test('--select and --ignore as on the command line; an unknown code is refused', async () => {
      const page = h.page;
      const setCodes = (id: string, value: string) =>
        act(page, async () => {
          await page.fill(id, value);
          await page.press(id, 'Tab');
        });
      await setCodes('#select', 'NNU1, nnu302');
      await setCodes('#ignore', 'NNU102');
      const cli = cliJson(path.dirname(EXAMPLES), ['--select', 'NNU1,nnu302', '--ignore', 'NNU102', 'nnUNet_raw']);
      const shown = await shownFiles(page);
      expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual(cli.map((f) => asShown(f)));
      expect(new Set(shown.flatMap((f) => f.diagnostics.map((d) => d.code)))).toEqual(new Set(['NNU101', 'NNU103', 'NNU105', 'NNU302']));

      await setCodes('#select', 'NNU9');
      expect(await page.getAttribute('#status', 'data-state')).toBe('error');
      expect(await page.textContent('#status')).toContain('"NNU9" matches no rule code');
      expect(await page.locator('article.file').count()).toBe(0);
      await setCodes('#select', '');
      await setCodes('#ignore', '');
      expect(await page.locator('article.file').count()).toBe(EXAMPLE_DATASETS.length);
    });
  });

  describe('a generated nnUNet_raw with real image headers (NIfTI, NRRD, MetaImage, PNG)', () => {
    let parent: string;
    beforeAll(() => {
      parent = path.join(tmp, 'generated');
      writeGeneratedRaw(path.join(parent, 'gen_raw'));
    });

    test.each(MODES)('$name: picked as a whole, the same findings, patch and fixed bytes as the command line', async (m) => {
      const page = h.page;
      await setUnsafe(page, m.unsafe);
      await act(page, () => page.setInputFiles('#pick-raw', path.join(parent, 'gen_raw')));
      const cli = cliJson(parent, [...m.flags, 'gen_raw']);
      const shown = await shownFiles(page);
      expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual(cli.map((f) => asShown(f)));
      shown.forEach((s, i) => expect(afterIsRemaining(s, cli[i]!)).toBe(true));
      // the header checks ran on what the page read with Blob.slice
      const codes = new Set(shown.flatMap((f) => f.diagnostics.map((d) => d.code)));
      for (const c of ['NNU301', 'NNU302', 'NNU303', 'NNU305', 'NNU306']) expect(codes).toContain(c);

      const patch = await downloadOf(page, page.locator('#download-patch'));
      expect(patch.toString('utf8')).toBe(cliDiff(parent, [...m.flags, 'gen_raw']));
      const viaPage = path.join(tmp, `gen-page-${m.name}`);
      const viaCli = path.join(tmp, `gen-cli-${m.name}`);
      copyTree(path.join(parent, 'gen_raw'), path.join(viaPage, 'gen_raw'));
      copyTree(path.join(parent, 'gen_raw'), path.join(viaCli, 'gen_raw'));
      gitApply(viaPage, patch);
      cliFix(viaCli, [...m.flags, 'gen_raw']);
      expect(datasetJsons(viaPage)).toEqual(datasetJsons(viaCli));
      expect(patch.length).toBeGreaterThan(0);
    });

    test('one dataset folder picked alone: the findings of `nnunet-doctor Dataset102_Ending`', async () => {
      const page = h.page;
      await setUnsafe(page, false);
      await act(page, () => page.setInputFiles('#pick-dataset', path.join(parent, 'gen_raw', 'Dataset102_Ending')));
      const cli = cliJson(path.join(parent, 'gen_raw'), ['Dataset102_Ending']);
      const shown = await shownFiles(page);
      expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual(cli.map((f) => asShown(f)));
      expect(shown[0]!.diagnostics.map((d) => d.code)).toEqual(['NNU301', 'NNU302']);
      expect(await page.locator('table.overview').count()).toBe(0);
    });
  });

  test.each(MODES)('$name: every real corpus file, picked as one folder, as the command line has it (codes, messages, fixed bytes)', async (m) => {
    const page = h.page;
    await setUnsafe(page, m.unsafe);
    await act(page, () => page.setInputFiles('#pick-raw', CORPUS));
    const cwd = path.dirname(CORPUS);
    const name = path.basename(CORPUS);
    const cli = cliJson(cwd, [...m.flags, name]);
    const shown = await shownFiles(page);
    expect(shown.length).toBeGreaterThanOrEqual(75);
    expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual(cli.map((f) => asShown(f)));
    shown.forEach((s, i) => expect(afterIsRemaining(s, cli[i]!)).toBe(true));

    const patch = await downloadOf(page, page.locator('#download-patch'));
    expect(patch.toString('utf8')).toBe(cliDiff(cwd, [...m.flags, name]));
    const viaPage = path.join(tmp, `corpus-page-${m.name}`);
    const viaCli = path.join(tmp, `corpus-cli-${m.name}`);
    copyTree(CORPUS, path.join(viaPage, name));
    copyTree(CORPUS, path.join(viaCli, name));
    gitApply(viaPage, patch);
    cliFix(viaCli, [...m.flags, name]);
    const fixedByPage = datasetJsons(path.join(viaPage, name));
    expect(fixedByPage).toEqual(datasetJsons(path.join(viaCli, name)));
    const before = datasetJsons(CORPUS);
    expect(Object.keys(fixedByPage).filter((rel) => fixedByPage[rel] !== before[rel]).length).toBeGreaterThan(10);
  });

  test('a dropped file is checked with its exact bytes (CRLF kept)', async () => {
    const page = h.page;
    await setUnsafe(page, false);
    const d = 'Dataset006_Lung';
    expect(original(d).includes('\r\n')).toBe(true);
    await act(page, () => dropPaths(page, [path.join(EXAMPLES, d, 'dataset.json')]));
    const shown = await shownFiles(page);
    expect(shown.map((f) => f.path)).toEqual(['dataset.json']);
    expect(shown[0]!.diff).toContain('\r\n');
    expect((await downloadOf(page, page.locator('article.file .download'))).equals(golden('expected', d))).toBe(true);
  });

  test('a dropped folder: refused with a way out from file://, checked like a picked one over http', async () => {
    await act(h.page, () => dropPaths(h.page, [EXAMPLES]));
    expect(await h.page.getAttribute('#status', 'data-state')).toBe('error');
    expect(await h.page.textContent('#status')).toContain('use "Pick a whole nnUNet_raw…" instead');

    const server = await servePage(h.appDir);
    const context = await h.browser.newContext();
    const served: string[] = [];
    context.on('request', (r) => served.push(r.url()));
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('#status[data-state=ready]');
      await act(page, () => dropPaths(page, [EXAMPLES]));
      const cli = cliJson(path.dirname(EXAMPLES), ['nnUNet_raw']);
      const shown = await shownFiles(page);
      expect(shown.map(({ after: _a, diff: _d, ...rest }) => rest)).toEqual(cli.map((f) => asShown(f)));
      expect(new Set(served)).toEqual(new Set(['', 'app.css', 'app.js'].map((f) => server.url + f)));
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('keyboard only: type, Ctrl+Enter, Tab to the download, open the explanation', async () => {
    const page = h.page;
    await page.fill('#paste', '');
    await page.focus('#paste');
    await page.keyboard.insertText(original('Dataset001_Liver').toString('utf8'));
    await act(page, () => page.keyboard.press('Control+Enter'));
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('article.file .download') ?? false);
    }
    expect(reached).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(fs.readFileSync(await download.path()).equals(golden('expected', 'Dataset001_Liver'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('What is NNU102 (labels-inverted)?');
    await page.keyboard.press('Enter');
    expect(await page.locator('article.file details.explain[open] .explain-text').textContent()).toMatch(/^NNU102 labels-inverted\n/);
  });

  test('a pasted file that quotes HTML shows it as text', async () => {
    const page = h.page;
    await pasteAndCheck(
      page,
      '{"channel_names": {"0": "CT"}, "labels": {"background": 0}, "numTraining": 1, "file_ending": "<img src=x onerror=window.hacked=1>"}',
    );
    expect(await page.locator('#results img').count()).toBe(0);
    expect(await page.locator('article.file li[data-code=NNU205]').textContent()).toContain('"<img src=x onerror=window.hacked=1>"');
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  });

  test('nothing left the page: its own three files were all it asked for, offline, with no error', async () => {
    const own = ['index.html', 'app.css', 'app.js'].map((f) => new URL(`file://${path.join(h.appDir, f)}`).href);
    expect(new Set(h.requests.filter((u) => !u.startsWith('blob:')))).toEqual(new Set(own));
    expect(await h.page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content')).toMatch(/default-src 'none'/);
    expect(h.errors).toEqual([]);
  });
});

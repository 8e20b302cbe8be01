/**
 * Helpers of the browser tests: the built page in Debian's Chromium (playwright-core,
 * offline, every request recorded), reading what the page shows, and the command line's
 * answers to compare it with. The page is waited on through its own state (`#status`
 * `data-shown` counts the results it has shown), never through timeouts.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildWeb, CHROMIUM, chromiumLaunchOptions } from '../../scripts/build-web.mjs';
import { runCli } from '../helpers/cli.js';

/** Set to 1 to skip the browser tests where Chromium is not installed (never in CI). */
export const SKIP_ENV = 'NNUNET_DOCTOR_SKIP_BROWSER';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
export const SKIP_BROWSER = !HAVE_CHROMIUM && process.env[SKIP_ENV] === '1' && !process.env.CI;

/** Where the test run keeps its screenshot of the examples (WEB_ARTIFACTS, else the temp folder). */
export const ARTIFACTS = process.env.WEB_ARTIFACTS ?? path.join(os.tmpdir(), 'nnunet-doctor-web-artifacts');

export interface Harness {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The built page's folder (a fresh build of web/, made for this run). */
  appDir: string;
  /** Every URL the page requested. */
  requests: string[];
  /** Uncaught errors and console errors in the page. */
  errors: string[];
}

/** Build the page into `appDir`, open it in Chromium with the network off, wait until it is ready. */
export async function openPage(appDir: string): Promise<Harness> {
  if (!HAVE_CHROMIUM) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's Chromium (apt-get install chromium, as .ci/run does), or set ${SKIP_ENV}=1 to skip the browser tests on this machine`,
    );
  }
  await buildWeb(appDir);
  const browser = await chromium.launch(chromiumLaunchOptions());
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  await context.setOffline(true);
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(pathToFileURL(path.join(appDir, 'index.html')).href);
  await page.waitForSelector('#status[data-state=ready]');
  return { browser, context, page, appDir, requests, errors };
}

/** Drop files or folders from disk on the page, as a person drags them (Chromium's DevTools protocol). */
export async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 200, y: 200, data });
  await cdp.detach();
}

/** Serve the built page on a loopback port (as GitHub Pages would serve it); only its three files exist. */
export async function servePage(appDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { 'index.html': 'text/html', 'app.js': 'text/javascript', 'app.css': 'text/css' };
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').pathname.slice(1) || 'index.html';
    if (!types[name]) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': `${types[name]}; charset=utf-8` }).end(fs.readFileSync(path.join(appDir, name)));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** Do `action` and wait until the page has shown its next results (or error). */
export async function act(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = Number(await page.getAttribute('#status', 'data-shown'));
  await action();
  await page.waitForFunction((n) => Number(document.getElementById('status')?.dataset.shown) > n, before);
}

/** Tick or untick "Unsafe fixes too" (a re-run of the checks on what is loaded). */
export async function setUnsafe(page: Page, on: boolean): Promise<void> {
  if ((await page.isChecked('#unsafe')) === on) return;
  await act(page, () => page.setChecked('#unsafe', on));
}

/** Paste-like: put `text` in the text area and press the check button. */
export async function pasteAndCheck(page: Page, text: string): Promise<void> {
  await page.fill('#paste', text);
  await act(page, () => page.click('#check'));
}

/** The bytes of the download that clicking `target` starts. */
export async function downloadOf(page: Page, target: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), target.click()]);
  const p = await download.path();
  return fs.readFileSync(p);
}

interface ShownDiagnostic {
  code: string;
  severity: string;
  message: string;
  /** What nnU-Net says or does about it ('' when the diagnostic has none). */
  nnunet: string;
  /** What to do, or what the fix writes ('' when none). */
  help: string;
  line: number;
  column: number;
  /** The fix is in the fixed text (the download). */
  available: boolean;
  /** The fix would be in it with the unsafe fixes. */
  unsafeAvailable: boolean;
}

export interface ShownFile {
  path: string;
  kind: string;
  changed: boolean;
  error: boolean;
  diagnostics: ShownDiagnostic[];
  /** Problems shown as left after the fixes (new in the fixed text). */
  after: ShownDiagnostic[];
  /** The diff as shown, as text. */
  diff: string;
}

/** Every file card the page shows, as data. */
export function shownFiles(page: Page): Promise<ShownFile[]> {
  return page.$$eval('article.file', (cards) =>
    cards.map((card) => {
      const diag = (li: Element) => ({
        code: li.getAttribute('data-code') ?? '',
        severity: li.querySelector('.sev')?.textContent ?? '',
        message: li.querySelector('.msg')?.textContent ?? '',
        nnunet: li.querySelector('.nnunet')?.textContent ?? '',
        help: li.querySelector('.help')?.textContent ?? '',
        line: Number(li.getAttribute('data-line')),
        column: Number(li.getAttribute('data-column')),
        available: li.getAttribute('data-available') === 'true',
        unsafeAvailable: li.getAttribute('data-unsafe-available') === 'true',
      });
      const items = [...card.querySelectorAll('li.diag')];
      return {
        path: card.getAttribute('data-path') ?? '',
        kind: card.getAttribute('data-kind') ?? '',
        changed: card.getAttribute('data-changed') === 'true',
        error: card.hasAttribute('data-error'),
        diagnostics: items.filter((li) => li.getAttribute('data-after') !== 'true').map(diag),
        after: items.filter((li) => li.getAttribute('data-after') === 'true').map(diag),
        diff: card.querySelector('pre.diff')?.textContent ?? '',
      };
    }),
  );
}

interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  nnunet?: string;
  help?: string;
  line: number;
  column: number;
  fix: { available: boolean; unsafeAvailable?: boolean };
}

export interface CliFile {
  path: string;
  kind: string;
  changed: boolean;
  error?: unknown;
  diagnostics: CliDiagnostic[];
  remaining: CliDiagnostic[];
}

const CLI_ENV = { nnUNet_preprocessed: undefined, nnUNet_results: undefined };

/** Exit codes with a complete report: 0, 1, and 2 for an internal error in one file (reported in it). */
const REPORTED = [0, 1, 2];

/** `nnunet-doctor --no-config --format json ARGS` in `cwd`: its files. */
export function cliJson(cwd: string, args: string[]): CliFile[] {
  const r = runCli(['--no-config', '--format', 'json', ...args], { cwd, env: CLI_ENV });
  if (!REPORTED.includes(r.status ?? -1) || !r.stdout) throw new Error(`nnunet-doctor exited ${r.status}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { files: CliFile[] }).files;
}

/** `nnunet-doctor --no-config --diff ARGS` in `cwd`: the patch. */
export function cliDiff(cwd: string, args: string[]): string {
  const r = runCli(['--no-config', '--diff', ...args], { cwd, env: CLI_ENV });
  if (!REPORTED.includes(r.status ?? -1)) throw new Error(`nnunet-doctor exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** `nnunet-doctor --no-config --fix ARGS` in `cwd` (writes the fixes). */
export function cliFix(cwd: string, args: string[]): void {
  const r = runCli(['--no-config', '--fix', ...args], { cwd, env: CLI_ENV });
  if (!REPORTED.includes(r.status ?? -1)) throw new Error(`nnunet-doctor --fix exited ${r.status}: ${r.stderr}`);
}

/** A CLI file as the page shows it (the input's problems; remaining ones are checked apart). */
export function asShown(f: CliFile, shownPath = f.path): Omit<ShownFile, 'after' | 'diff'> {
  return {
    path: shownPath,
    kind: f.kind,
    changed: f.changed,
    error: f.error !== undefined,
    diagnostics: f.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      nnunet: d.nnunet ?? '',
      help: d.help ?? '',
      line: d.line,
      column: d.column,
      available: d.fix.available,
      unsafeAvailable: !!d.fix.unsafeAvailable,
    })),
  };
}

/** Is every problem the page shows as left after the fixes among the command line's remaining ones? */
export function afterIsRemaining(shown: ShownFile, cli: CliFile): boolean {
  const key = (d: { code: string; message: string; line: number; column: number }) => `${d.code}|${d.line}|${d.column}|${d.message}`;
  const remaining = new Set(cli.remaining.map(key));
  return shown.after.every((d) => remaining.has(key(d)));
}

/** `git apply` a patch in `cwd` (outside any repository, as a user would with a downloaded patch). */
export function gitApply(cwd: string, patch: Buffer | string): void {
  const file = path.join(cwd, '.page.patch');
  fs.writeFileSync(file, patch);
  const r = spawnSync('git', ['apply', '--whitespace=nowarn', file], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd) },
  });
  fs.rmSync(file);
  if (r.status !== 0) throw new Error(`git apply failed (${r.status}): ${r.stderr}`);
}

/** Every dataset.json below `dir`: relative path -> its bytes as latin1 text (exact, and fast to compare). */
export function datasetJsons(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'dataset.json') out[path.relative(dir, p)] = fs.readFileSync(p).toString('latin1');
    }
  };
  walk(dir);
  return out;
}

/**
 * Ctrl-C during --fix (issue 9): the run stops between files, and the report, in every
 * format, says what was written so far and that the run was interrupted; the files it
 * reports as written are exactly the files changed on disk. Synchronised on the child's own
 * `file-done` events (it pauses after the n-th one), never on time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../helpers/cli.js';
import { killChildren, spawnWithEvents } from '../helpers/events.js';

const INVERTED = '{"channel_names": {"0": "CT"}, "labels": {"0": "background", "1": "liver"}, "numTraining": 1, "file_ending": ".nii.gz"}\n';

let dir: string;
beforeAll(() => {
  dir = tempDir('nnunet-doctor-interrupt-fix-');
});
afterEach(() => killChildren());
afterAll(() => cleanup(dir));

function tree(name: string, n: number): string {
  const root = path.join(dir, name);
  for (let i = 0; i < n; i++) {
    const d = path.join(root, `Dataset${String(i).padStart(3, '0')}_D${i}`);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'dataset.json'), INVERTED);
  }
  return root;
}

/** The dataset folders whose dataset.json was rewritten. */
const changedOnDisk = (root: string) =>
  fs
    .readdirSync(root)
    .filter((d) => fs.readFileSync(path.join(root, d, 'dataset.json'), 'utf8') !== INVERTED)
    .sort();

describe.each([
  ['text', 30],
  ['json', 30],
  ['sarif', 30],
  ['github', 30],
  ['json', 200], // two threads: a worker thread's batches in flight when Ctrl-C comes
])('--format %s, %i files', (format, n) => {
  test('exit 130; the report covers the files done and says so; reported written == changed on disk', async () => {
    const root = tree(`${format}-${n}`, n);
    // 200 files on two threads (-j 2): batches are in flight on the worker when Ctrl-C comes
    const c = spawnWithEvents(['--fix', '--no-folder-checks', '--format', format, ...(n > 100 ? ['-j', '2'] : []), root], { stopAt: 'file-done:10' });
    await c.waitFor('file-done');
    while (c.events.filter((e) => e.name === 'file-done').length < 10)
      await c.waitFor('file-done', (e) => c.events.filter((x) => x.name === 'file-done').indexOf(e) === 9);
    c.child.kill('SIGINT');
    c.resume();
    const r = await c.done;
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/^nnunet-doctor: interrupted \(Ctrl-C\): \d+ files? checked, \d+ written; nothing more was written$/m);
    const done = r.events
      .filter((e) => e.name === 'file-done')
      .map((e) => path.basename(path.dirname(e.detail)))
      .sort();
    expect(done.length).toBeGreaterThanOrEqual(10);
    expect(done.length).toBeLessThan(n);
    expect(changedOnDisk(root)).toEqual(done);
    if (format === 'json') {
      const report = JSON.parse(r.stdout);
      expect(report.interrupted).toBe(true);
      expect(report.exitCode).toBe(130);
      expect(
        report.files
          .filter((f: { written: boolean }) => f.written)
          .map((f: { path: string }) => path.basename(path.dirname(f.path)))
          .sort(),
      ).toEqual(done);
      expect(report.summary.written).toBe(done.length);
    } else if (format === 'sarif') {
      const log = JSON.parse(r.stdout);
      expect(log.runs[0].properties.interrupted).toBe(true);
      expect(log.runs[0].invocations[0].exitCode).toBe(130);
    } else if (format === 'text') {
      expect(r.stdout).toMatch(/Interrupted \(Ctrl-C\)/);
      expect(r.stdout.match(/\[fixed\]/g)!.length).toBe(done.length);
      expect(r.stdout).toMatch(new RegExp(`fixed ${done.length} problems, written to ${done.length} files`));
    } else {
      // annotations show what is on disk: the problems left (none in a fixed file), and the interruption
      expect(r.stdout).toMatch(/^::error title=nnunet-doctor::interrupted \(Ctrl-C\): only the files above were checked$/m);
    }
  });
});

#!/usr/bin/env node
// Regenerate examples/expected*/ from the current build: copy examples/nnUNet_raw to a temp
// folder, run --fix (and --fix --unsafe-fixes), keep the dataset.json files that changed.
// Review the result with `git diff examples/` before committing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'examples', 'nnUNet_raw');
for (const [golden, flags] of [
  ['expected', ['--fix']],
  ['expected-unsafe', ['--fix', '--unsafe-fixes']],
]) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nnunet-doctor-golden-'));
  fs.cpSync(src, work, { recursive: true });
  spawnSync(process.execPath, [path.join(root, 'dist/bin/nnunet-doctor.cjs'), ...flags, work], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  const out = path.join(root, 'examples', golden);
  fs.rmSync(out, { recursive: true, force: true });
  for (const d of fs.readdirSync(src).sort()) {
    const a = path.join(src, d, 'dataset.json');
    const b = path.join(work, d, 'dataset.json');
    if (!fs.existsSync(a)) continue;
    if (!fs.readFileSync(a).equals(fs.readFileSync(b))) {
      fs.mkdirSync(path.join(out, d), { recursive: true });
      fs.copyFileSync(b, path.join(out, d, 'dataset.json'));
      console.log(`${golden}/${d}/dataset.json`);
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}

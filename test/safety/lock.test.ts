/**
 * The per-file advisory lock (src/lock.ts) and the clean-up of our own leftovers
 * (cleanStaleTemps in src/write.ts): a lock is exclusive, always released, taken over when
 * its process is dead, and the clean-up removes our stale temp and lock files and nothing
 * else.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock, HOST_TAG, hostTag, LOCK_PATTERN, lockPathFor, LockError, tempName, withFileLock } from '../../src/lock.js';
import { readDatasetFile } from '../../src/read.js';
import { atomicWrite, cleanStaleTemps, TEMP_PATTERN, WriteError } from '../../src/write.js';
import { watchCreations } from '../helpers/events.js';
import { rmrf, tempDir, write } from './helpers.js';

const dir = tempDir('lock');
afterAll(() => rmrf(dir));

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('names', () => {
  test('temp names match TEMP_PATTERN with our pid and host tag; lock names match LOCK_PATTERN', () => {
    const t = path.basename(tempName(dir, 'dataset.json'));
    const m = TEMP_PATTERN.exec(t);
    expect(m?.[1]).toBe('dataset.json');
    expect(Number(m?.[2])).toBe(process.pid);
    expect(m?.[3]).toBe(HOST_TAG);
    expect(LOCK_PATTERN.exec(path.basename(lockPathFor(path.join(dir, 'dataset.json'))))?.[1]).toBe('dataset.json');
    expect(hostTag('a')).not.toBe(hostTag('b'));
  });
});

describe('acquireLock', () => {
  const file = path.join(dir, 'L', 'dataset.json');
  write(file, '{}');
  const lockPath = lockPathFor(file);

  test('is exclusive, holds "<pid> <host> <nonce>", and is removed on release', async () => {
    const lock = await acquireLock(file);
    expect(fs.readFileSync(lockPath, 'utf8')).toMatch(new RegExp(`^${process.pid} ${HOST_TAG} [0-9a-f]{16}\\n$`));
    let second = false;
    // No clock: each attempt of the second makes a temp file of ours (seen by inotify); two
    // attempts mean the first one failed and it is waiting.
    const attempts = watchCreations(path.dirname(file), new RegExp(`^\\.dataset\\.json\\.nnunet-doctor-${process.pid}-`));
    const p = acquireLock(file, 60_000).then((l) => {
      second = true;
      return l;
    });
    await attempts.atLeast(2);
    attempts.close();
    expect(second).toBe(false); // waits while the first is held
    await lock.release();
    const l2 = await p;
    expect(second).toBe(true);
    await l2.release();
    expect(fs.existsSync(lockPath)).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['dataset.json']);
  });

  test('withFileLock releases the lock when the function throws', async () => {
    await expect(withFileLock(file, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  test('a lock whose process is dead (same host) is taken over at once', async () => {
    fs.writeFileSync(lockPath, `${deadPid()} ${HOST_TAG} 0123456789abcdef\n`);
    const lock = await acquireLock(file, 0); // no time to wait for a live one: taken over on the first try
    expect(fs.readFileSync(lockPath, 'utf8')).toContain(`${process.pid} `);
    await lock.release();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['dataset.json']);
  });

  test('a live lock is waited for, then a one-line timeout error', async () => {
    // our parent process: alive
    fs.writeFileSync(lockPath, `${process.ppid} ${HOST_TAG} 0123456789abcdef\n`);
    const err = (await acquireLock(file, 300).catch((e: unknown) => e)) as LockError;
    expect(err).toBeInstanceOf(LockError);
    expect(err.code).toBe('ELOCKED');
    expect(err.message).toMatch(new RegExp(`^process ${process.ppid} still holds .*\\.dataset\\.json\\.nnunet-doctor\\.lock after 0 s; run again later`));
    expect(err.message).not.toContain('\n');
    fs.unlinkSync(lockPath);
  });

  test('a lock left by an earlier process that had our pid (pid reuse, containers) is stale', async () => {
    fs.writeFileSync(lockPath, `${process.pid} ${HOST_TAG} 0123456789abcdef\n`);
    const lock = await acquireLock(file, 1000);
    await lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  test('a lock from another host is respected while fresh and taken over when old', async () => {
    fs.writeFileSync(lockPath, `1 ${hostTag('elsewhere')} 0123456789abcdef\n`);
    await expect(acquireLock(file, 200)).rejects.toThrow(/process 1 on another host still holds/);
    const old = Date.now() / 1000 - 3600;
    fs.utimesSync(lockPath, old, old);
    const lock = await acquireLock(file, 1000);
    await lock.release();
  });

  test('a torn (empty) lock file is taken over once it is a few seconds old', async () => {
    fs.writeFileSync(lockPath, '');
    await expect(acquireLock(file, 200)).rejects.toThrow(LockError);
    const old = Date.now() / 1000 - 60;
    fs.utimesSync(lockPath, old, old);
    const lock = await acquireLock(file, 1000);
    await lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  test('atomicWrite waits for the lock and gives up with a one-line error after lockTimeoutMs', async () => {
    const f = path.join(dir, 'W', 'dataset.json');
    write(f, '{"a": 1}');
    const r = await readDatasetFile(f);
    if (!r.ok) throw new Error(r.reason);
    const held = await acquireLock(f);
    const err = (await atomicWrite(f, Buffer.from('{"a": 2}'), r.identity, { lockTimeoutMs: 200 }).catch((e: unknown) => e)) as WriteError;
    expect(err).toBeInstanceOf(WriteError);
    expect(err.message).toMatch(/^not written: process \d+ still holds .* after 0 s; run again later/);
    expect(fs.readFileSync(f, 'utf8')).toBe('{"a": 1}');
    // the temp file was removed
    expect(fs.readdirSync(path.dirname(f)).sort()).toEqual(['.dataset.json.nnunet-doctor.lock', 'dataset.json']);
    await held.release();
    await atomicWrite(f, Buffer.from('{"a": 2}'), r.identity);
    expect(fs.readFileSync(f, 'utf8')).toBe('{"a": 2}');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['dataset.json']);
  });
});

describe('cleanStaleTemps removes our own leftovers, and only those', () => {
  test("stale temps and locks of ours go; live ones, other files and other programs' files stay", async () => {
    const d = path.join(dir, 'C');
    const dead = deadPid();
    const other = hostTag('other-host');
    const names = {
      staleTemp: `.dataset.json.nnunet-doctor-${dead}-${HOST_TAG}-deadbeef.tmp`,
      staleTemp2: `.dataset.json.nnunet-doctor-${dead}-${HOST_TAG}-00000000.tmp`,
      staleLock: '.dataset.json.nnunet-doctor.lock',
      liveTemp: path.basename(tempName(d, 'dataset.json')), // in use by this process
      ownPidStale: `.dataset.json.nnunet-doctor-${process.pid}-${HOST_TAG}-cafebabe.tmp`, // an earlier process with our pid
      livePid: `.dataset.json.nnunet-doctor-${process.ppid}-${HOST_TAG}-cafef00d.tmp`, // a live process
      otherHostFresh: `.dataset.json.nnunet-doctor-${dead}-${other}-12345678.tmp`,
      otherHostOld: `.dataset.json.nnunet-doctor-${dead}-${other}-87654321.tmp`,
      otherBase: `.labels.json.nnunet-doctor-${dead}-${HOST_TAG}-deadbeef.tmp`,
      notHex: `.dataset.json.nnunet-doctor-${dead}-${HOST_TAG}-xyz12345.tmp`,
      oldStyle: `.dataset.json.nnunet-doctor-${dead}-deadbeef.tmp`,
      foreignTmp: '.dataset.json.swp',
      userTmp: 'dataset.json.tmp',
      notes: 'notes.tmp',
      backup: 'dataset.json.bak',
    };
    for (const n of Object.values(names)) write(path.join(d, n), 'x');
    fs.writeFileSync(path.join(d, names.staleLock), `${dead} ${HOST_TAG} 0123456789abcdef\n`);
    const old = Date.now() / 1000 - 2 * 3600;
    fs.utimesSync(path.join(d, names.otherHostOld), old, old);
    // a directory with our temp name is not touched either
    fs.mkdirSync(path.join(d, `.dataset.json.nnunet-doctor-${dead}-${HOST_TAG}-abcdef01.tmp`));

    const removed = (await cleanStaleTemps(d, 'dataset.json')).map((p) => path.basename(p)).sort();
    expect(removed).toEqual([names.staleTemp2, names.staleTemp, names.staleLock, names.otherHostOld, names.ownPidStale].sort());
    const left = fs.readdirSync(d).sort();
    for (const n of [
      names.liveTemp,
      names.livePid,
      names.otherHostFresh,
      names.otherBase,
      names.notHex,
      names.oldStyle,
      names.foreignTmp,
      names.userTmp,
      names.notes,
      names.backup,
    ]) {
      expect(left).toContain(n);
    }
  });

  test('a live lock of ours is not removed', async () => {
    const d = path.join(dir, 'C2');
    write(path.join(d, 'dataset.json'), '{}');
    const lock = await acquireLock(path.join(d, 'dataset.json'));
    expect(await cleanStaleTemps(d, 'dataset.json')).toEqual([]);
    expect(fs.existsSync(lock.path)).toBe(true);
    await lock.release();
  });
});

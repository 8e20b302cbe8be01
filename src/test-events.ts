/**
 * Test-only event hook. Tests that interrupt a child process (SIGKILL mid-write, Ctrl-C
 * mid-scan, two writers racing for a lock) synchronise on these events instead of sleeping:
 * with `NNUNET_DOCTOR_TEST_EVENTS=1` in the environment, each `testEvent(name, detail)` writes
 * one line `@nnunet-doctor-test <name> <detail>` to stderr. Without it the call does nothing
 * (the environment is read once, at load).
 *
 * With `NNUNET_DOCTOR_TEST_STOP_AT` as well, the thread that reports the chosen event pauses
 * right after reporting it: a blocking read of stdin, until the test writes a byte or closes
 * it (stdin at end of file: no pause). So a test can kill the process with that thread at
 * exactly that point (SIGKILL), or send a signal first and then let it go on (the signal is
 * then handled at the next turn of the event loop, whatever the machine's load). The event
 * is `<name>=<detail>` (that event for that file, on whichever thread processes it) or
 * `<name>:<n>` (the n-th `<name>` event of one thread: for events of the main thread only,
 * as each worker thread counts its own). Other threads go on meanwhile.
 *
 * Each call names its point: `sigint-ready` (cli-main.ts: the Ctrl-C handler is installed),
 * `scan-start` (run.ts: before discovery), `file-done <path>` (run.ts, in file order);
 * `labels-list <labelsTr>`, `labels-scan-start <labelsTr>`, `labels-headers <imagesTr>`
 * (content.ts), `labels-file <path>` (a scan started in this thread), `labels-worker-file
 * <path>` (in a worker); write.ts's atomicWrite `write-temp <file>` (the temp file is complete
 * and fsynced), `write-rename <file>` (the lock is held and the check passed, just before the
 * rename), `write-done <file>` (just after it); the segmentation repairs' `repair-start`,
 * `repair-temp`, `repair-writing`, `repair-verified`, `repair-rename`, `repair-done`; `remap-start`.
 */
import { readSync, writeSync } from 'node:fs';

/** The first word of every event line on stderr. */
export const TEST_EVENT_PREFIX = '@nnunet-doctor-test';

const enabled = process.env.NNUNET_DOCTOR_TEST_EVENTS === '1';
const stopAt = enabled ? parseStopAt(process.env.NNUNET_DOCTOR_TEST_STOP_AT) : undefined;
const seen = new Map<string, number>();

function parseStopAt(value: string | undefined): { name: string; count?: number; detail?: string } | undefined {
  const m = /^([a-z-]+)(?::([1-9]\d*)|=(.+))$/s.exec(value ?? '');
  return m ? { name: m[1]!, count: m[2] ? Number(m[2]) : undefined, detail: m[3] } : undefined;
}

/**
 * Report that this process reached the point `name` (tests only; a no-op unless
 * NNUNET_DOCTOR_TEST_EVENTS=1). The line is written synchronously, so a kill right after
 * cannot lose it. `detail` (a path) has its newlines escaped to keep one line per event.
 */
export function testEvent(name: string, detail?: string): void {
  if (!enabled) return;
  const line = `${TEST_EVENT_PREFIX} ${name}${detail === undefined ? '' : ' ' + detail.replace(/\n/g, '\\n')}\n`;
  writeAll(line);
  const n = (seen.get(name) ?? 0) + 1;
  seen.set(name, n);
  if (stopAt?.name === name && (stopAt.detail === undefined ? stopAt.count === n : stopAt.detail === detail)) waitForStdin();
}

/** Block until stdin yields a byte or ends. */
function waitForStdin(): void {
  const byte = Buffer.alloc(1);
  for (;;) {
    try {
      readSync(0, byte, 0, 1, null);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

/** writeSync to stderr, retrying while a non-blocking pipe is full. */
function writeAll(line: string): void {
  let buf = Buffer.from(line, 'utf8');
  while (buf.length) {
    try {
      buf = buf.subarray(writeSync(2, buf));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

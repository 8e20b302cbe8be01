/**
 * A report format, streamed: `start` once, `file` for each result as it comes (in path
 * order), `end` with the run's facts and summary. Each returns the text to write; nothing
 * per file is kept beyond what the format needs at the end (SARIF's notifications).
 */
import type { FileResult, ScanResult } from '../run.js';
import type { Summary } from '../summary.js';

/** What a run knows when it ends, besides the files (which were streamed). */
export type RunFacts = Omit<ScanResult, 'files'>;

export interface Reporter {
  start(): string;
  file(f: FileResult): string;
  end(run: RunFacts, summary: Summary, exitCode: number): string;
}

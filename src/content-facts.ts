/**
 * What the content scan of `--labels` found, as plain data, and the pure readings of it the
 * NNU4xx rules and the reports share (no Node: the rules also run in the browser page).
 * The scan itself (I/O) is in src/content.ts.
 */
import type { SegmentationRepairPlan } from './repair/plan.js';
import { MAX_DISTINCT_VALUES, type ImageHeader, type LabelScan } from './images/types.js';

export interface ScannedLabelFile {
  /** File name inside labelsTr. */
  name: string;
  scan?: LabelScan;
  error?: { kind: 'unsupported' | 'corrupt' | 'io'; message: string };
}

export interface GeometryPair {
  case: string;
  labelFile: string;
  imageFile: string;
  label: ImageHeader;
  image: ImageHeader;
}

export interface ContentFacts {
  files: ScannedLabelFile[];
  geometry: GeometryPair[];
  /**
   * Images (`CASE_0000` of a scanned label) whose header could not be read: a FIFO, a
   * device, unreadable or corrupt. Their geometry was not checked; nnU-Net would fail on them.
   */
  unreadableImages?: { case: string; imageFile: string; message: string }[];
  /** Total payload bytes read (uncompressed). */
  bytes: number;
  /**
   * The repairs planned for the scanned files (src/repair/ planSegmentationRepairs, from the
   * labels dataset.json declares): NNU401/NNU402 offer them as unsafe fixes, or say why there is none.
   */
  repairs?: readonly SegmentationRepairPlan[];
}

/** One finding about a label file as a whole (read errors, files not checked, wrong kind of image). */
export interface LabelFileIssue {
  /** File name inside labelsTr. */
  file: string;
  /**
   * error: nnU-Net would fail on this file (unreadable, corrupt, not a regular file, more
   * than one channel, not a label map); warning: our readers do not read it, so its values
   * were not checked (nnU-Net may read it); info: a note on how it was read.
   */
  severity: 'error' | 'warning' | 'info';
  /** Stable per file and kind, for the finding's key. */
  key: string;
  message: string;
}

/**
 * The findings about label files as a whole, in file order: every file that was not
 * scanned says so and why (nothing is left out silently), multi-channel and non-label
 * images are errors, and notes from the readers are passed on.
 */
export function labelFileIssues(facts: ContentFacts): LabelFileIssue[] {
  const out: LabelFileIssue[] = [];
  for (const f of facts.files) {
    const where = `labelsTr/${f.name}`;
    if (f.error) {
      out.push(
        f.error.kind === 'unsupported'
          ? {
              file: f.name,
              severity: 'warning',
              key: `read@${f.name}`,
              message: `${where} not checked: ${f.error.message} (nnU-Net may still read it, but its values are unknown to this check)`,
            }
          : { file: f.name, severity: 'error', key: `read@${f.name}`, message: `${where} could not be read, its values were not checked: ${f.error.message}` },
      );
      continue;
    }
    const s = f.scan;
    if (!s) continue;
    const notes = s.warnings;
    if (s.multiChannel) {
      const what = notes.length ? notes.join('; ') : `${s.header.channels} samples per voxel${s.header.is4D ? ' (4D)' : ''}`;
      out.push({
        file: f.name,
        severity: 'error',
        key: `channels@${f.name}`,
        message: `${where} is not a single-channel label map (${what}): nnU-Net reads one class value per voxel; save it as single-channel uint8`,
      });
    } else {
      notes.forEach((n, i) => out.push({ file: f.name, severity: 'info', key: `note${i}@${f.name}`, message: `${where}: ${n}` }));
    }
    if (s.tooManyValues) {
      out.push({
        file: f.name,
        severity: 'error',
        key: `values@${f.name}`,
        message: `${where} has more than ${MAX_DISTINCT_VALUES} distinct values, so it is not a label map (an image in labelsTr?); only the first ${MAX_DISTINCT_VALUES} values were counted`,
      });
    }
  }
  return out;
}

/** How many label files were read, and how many were not (and why). */
interface LabelScanCounts {
  /** Label files found in labelsTr. */
  files: number;
  /** Files whose values were counted. */
  scanned: number;
  /** Files whose values were not counted: `unreadable + notChecked`. */
  notScanned: number;
  /** Unreadable or corrupt (nnU-Net would fail on them). */
  unreadable: number;
  /** Formats or variants our readers do not read (nnU-Net may). */
  notChecked: number;
}

/** Counts of {@link LabelScanCounts} for one dataset. */
function labelScanCounts(facts: ContentFacts): LabelScanCounts {
  const scanned = facts.files.filter((f) => f.scan).length;
  const notChecked = facts.files.filter((f) => f.error?.kind === 'unsupported').length;
  const notScanned = facts.files.length - scanned;
  return { files: facts.files.length, scanned, notScanned, unreadable: notScanned - notChecked, notChecked };
}

/**
 * The per-file report data of `--labels` (`FileResult.extra`): the label table, the files
 * scanned and the files not scanned (so that a table over fewer files than labelsTr holds
 * says so).
 */
export function labelExtra(facts: ContentFacts): {
  labelTable: LabelTableRow[];
  labelFilesScanned: number;
  labelFilesNotScanned: number;
  labelFilesUnreadable: number;
  labelFilesNotChecked: number;
} {
  const c = labelScanCounts(facts);
  return {
    labelTable: labelTable(facts),
    labelFilesScanned: c.scanned,
    labelFilesNotScanned: c.notScanned,
    labelFilesUnreadable: c.unreadable,
    labelFilesNotChecked: c.notChecked,
  };
}

/** Per value: voxels and files, over all scanned files. */
export interface LabelTableRow {
  value: number;
  voxels: number;
  files: number;
}

function labelTable(facts: ContentFacts): LabelTableRow[] {
  const rows = new Map<number, LabelTableRow>();
  for (const f of facts.files) {
    for (const v of f.scan?.values ?? []) {
      const row = rows.get(v.value) ?? { value: v.value, voxels: 0, files: 0 };
      row.voxels += v.count;
      row.files += 1;
      rows.set(v.value, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.value - b.value);
}

import { describe, expect, test } from '@jest/globals';
import {
  casesOf,
  checkDatasetFolderName,
  endingOf,
  endingsOnDisk,
  identifierOf,
  identifiersOf,
  isChannelFile,
  labelIdentifiersOf,
  listSome,
  missingChannelIndices,
  namingIssueOf,
  namingIssuesOf,
} from '../../src/folder/identifiers.js';

describe("nnU-Net's identifier logic", () => {
  test('identifiers cut len(file_ending) + 5 characters and are unique and sorted', () => {
    const files = ['case_002_0000.nii.gz', 'case_001_0001.nii.gz', 'case_001_0000.nii.gz', 'notes.txt'];
    expect(identifiersOf(files, '.nii.gz')).toEqual(['case_001', 'case_002']);
    expect(casesOf(files, '.nii.gz')).toEqual([
      { id: 'case_001', channels: ['case_001_0000.nii.gz', 'case_001_0001.nii.gz'] },
      { id: 'case_002', channels: ['case_002_0000.nii.gz'] },
    ]);
  });

  test('la_007.nii.gz without _0000 gives the garbage case "l" with no image file (#2346)', () => {
    expect(identifierOf('la_007.nii.gz', '.nii.gz')).toBe('l');
    expect(identifiersOf(['la_003.nii.gz', 'la_004.nii.gz', 'la_007.nii.gz'], '.nii.gz')).toEqual(['l']);
    expect(casesOf(['la_007.nii.gz'], '.nii.gz')).toEqual([{ id: 'l', channels: [] }]);
    expect(namingIssueOf('la_007.nii.gz', '.nii.gz')).toEqual({ file: 'la_007.nii.gz', problem: 'no-channel', id: 'l', suggestion: 'la_007_0000.nii.gz' });
  });

  test('x.001.0000.nii.gz gives case "x.001" with no image file (#2187)', () => {
    expect(casesOf(['x.001.0000.nii.gz'], '.nii.gz')).toEqual([{ id: 'x.001', channels: [] }]);
    expect(namingIssueOf('x.001.0000.nii.gz', '.nii.gz')).toEqual({
      file: 'x.001.0000.nii.gz',
      problem: 'separator',
      id: 'x.001',
      suggestion: 'x.001_0000.nii.gz',
    });
    expect(namingIssueOf('case-0000.nii.gz', '.nii.gz')?.suggestion).toBe('case_0000.nii.gz');
  });

  test('a hidden AppleDouble file is a case of its own', () => {
    const files = ['._case_0000.nii.gz', 'case_0000.nii.gz'];
    expect(identifiersOf(files, '.nii.gz')).toEqual(['._case', 'case']);
    expect(namingIssuesOf(files, '.nii.gz')).toEqual([{ file: '._case_0000.nii.gz', problem: 'hidden', id: '._case' }]);
  });

  test('file_ending is case-sensitive: .NII.GZ files are invisible to ".nii.gz"', () => {
    expect(identifiersOf(['a_0000.NII.GZ'], '.nii.gz')).toEqual([]);
    expect(identifiersOf(['a_0000.NII.GZ'], '.NII.GZ')).toEqual(['a']);
  });

  test('a file_ending without the dot yields nonsense identifiers, like nnU-Net', () => {
    // 'case_0000.nii.gz'[:-(6 + 5)] == 'case_' in Python
    expect(identifiersOf(['case_0000.nii.gz'], 'nii.gz')).toEqual(['case_']);
    expect(isChannelFile('case_0000.nii.gz', 'nii.gz')).toBe(false);
  });

  test('names shorter than the cut give the empty identifier (Python slicing)', () => {
    expect(identifierOf('a.nii.gz', '.nii.gz')).toBe('');
  });

  test('channels match _\\d\\d\\d\\d with Unicode digits, as Python re does; lengths are code points', () => {
    expect(isChannelFile('case_\u0660\u0661\u0662\u0663.nii.gz', '.nii.gz')).toBe(true);
    expect(isChannelFile('case_000a.nii.gz', '.nii.gz')).toBe(false);
    expect(identifierOf('\u{1F600}_0000.nii.gz', '.nii.gz')).toBe('\u{1F600}');
  });

  test('missing middle channels', () => {
    expect(missingChannelIndices([0, 2])).toEqual([1]);
    expect(missingChannelIndices([1])).toEqual([0]);
    expect(missingChannelIndices([0, 1, 2])).toEqual([]);
  });

  test('identifiers come out sorted even when the files sort differently ("a-x" vs "a")', () => {
    expect(identifiersOf(['a-x_0000.nii.gz', 'a_0000.nii.gz', 'a_0001.nii.gz'], '.nii.gz')).toEqual(['a', 'a-x']);
    expect(casesOf(['a-x_0000.nii.gz', 'a_0000.nii.gz', 'a_0001.nii.gz'], '.nii.gz').map((c) => c.channels.length)).toEqual([2, 1]);
  });

  test('label identifiers cut len(file_ending)', () => {
    expect([...labelIdentifiersOf(['a.nii.gz', 'b.nii', '._a.nii.gz'], '.nii.gz')]).toEqual(['a', '._a']);
  });
});

describe('endings on disk', () => {
  test('the longest known ending, spelled as on disk; other and hidden files are not endings', () => {
    expect(endingOf('a_0000.nii.gz')).toBe('.nii.gz');
    expect(endingOf('a_0000.NII.GZ')).toBe('.NII.GZ');
    expect(endingOf('a_0000.nii')).toBe('.nii');
    expect(endingOf('a_0000.tiff')).toBe('.tiff');
    expect(endingOf('.DS_Store')).toBeUndefined();
    expect(endingOf('a.json')).toBeUndefined();
    expect([...endingsOnDisk(['.DS_Store', '._a_0000.nii', 'a_0000.nii.gz', 'b_0000.nii.gz', 'Thumbs.db'])]).toEqual([['.nii.gz', 2]]);
  });
});

describe('dataset folder names', () => {
  test.each([
    ['Dataset001_Liver', { ok: true, id: 1 }],
    ['Task01_Heart', { ok: false, problem: 'task', suggestion: 'Dataset001_Heart' }],
    ['Task501_X', { ok: false, problem: 'task', suggestion: 'Dataset501_X' }],
    ['Dataset_001', { ok: false, problem: 'not-dataset', suggestion: 'Dataset001_Name' }],
    ['Dataset_001_Liver', { ok: false, problem: 'not-dataset', suggestion: 'Dataset001_Liver' }],
    ['dataset001_liver', { ok: false, problem: 'not-dataset', suggestion: 'Dataset001_liver' }],
    ['Dataset01_X', { ok: false, problem: 'not-dataset', suggestion: 'Dataset001_X' }],
    ['Dataset1234_X', { ok: false, problem: 'four-digit', id: 123 }],
    ['Dataset001', { ok: false, problem: 'no-name', id: 1, suggestion: 'Dataset001_Name' }],
    ['Liver', { ok: false, problem: 'not-dataset' }],
  ])('%s', (name, expected) => {
    expect(checkDatasetFolderName(name)).toEqual(expected);
  });
});

test('listSome names the first n, then a count', () => {
  expect(listSome(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  expect(listSome(['a', 'b'], 2)).toBe('a, b');
});

import { test } from '@jest/globals';
import { casesOf, namingIssuesOf, labelIdentifiersOf, endingsOnDisk, identifiersOf } from '../../src/folder/identifiers.js';
test('perf', () => {
  const n = 100000;
  const img: string[] = [], lab: string[] = [];
  for (let i = 0; i < n; i++) { const id = `case_${String(i).padStart(6, '0')}`; img.push(`${id}_0000.nii.gz`); lab.push(`${id}.nii.gz`); }
  for (const [name, f] of [['cases', () => casesOf(img, '.nii.gz')], ['naming', () => namingIssuesOf(img, '.nii.gz')], ['labels', () => labelIdentifiersOf(lab, '.nii.gz')], ['endings', () => endingsOnDisk(img)], ['ids', () => identifiersOf(img, '.nii.gz')], ['sort', () => [...img].sort()]] as const) {
    (f as () => unknown)(); const t = Date.now(); (f as () => unknown)(); console.log(name, Date.now() - t);
  }
});

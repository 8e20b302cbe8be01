import { describe, test, expect } from '@jest/globals';
import NNU204 from '../../transforms/NNU204-num-training-not-int.js';
import { corpus, LAYOUTS, replaceOnce, run } from './nnu2xx-helpers.js';

const file = (value: string) => `{
    "channel_names": {
        "0": "CT"
    },
    "labels": {
        "background": 0
    },
    "numTraining": ${value},
    "file_ending": ".nii.gz"
}
`;

describe('NNU204 num-training-not-int: fixed', () => {
  test.each(LAYOUTS)('"32" -> 32 (%s)', (_name, layout) => {
    const r = run(layout(file('"32"')), [NNU204]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(layout(file('32')));
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('NNU204');
    expect(d.severity).toBe('error');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true, title: 'write numTraining as the integer 32' });
    expect(d.message).toBe(
      `"numTraining" is "32", a string: verify_dataset_integrity's "Did not find the expected number of training cases (%d). Found %d instead." raises "TypeError: %d format: a real number is required, not str", and the planner's arithmetic on it fails; fix: write the integer 32`,
    );
    expect(r.remaining).toHaveLength(0);
  });

  test.each([
    ['" 32 "', '32'],
    ['"32.0"', '32'],
    ['"+7"', '7'],
    ['"007"', '7'],
  ])('string %s -> %s', (value, fixed) => {
    const r = run(file(value), [NNU204]);
    expect(r.output).toBe(file(fixed));
    expect(r.diagnostics[0]!.severity).toBe('error');
  });

  test.each([
    ['32.0', '32'],
    ['3.2e1', '32'],
    ['1E2', '100'],
  ])('float %s -> %s (a warning: Python accepts it)', (value, fixed) => {
    const r = run(file(value), [NNU204]);
    expect(r.output).toBe(file(fixed));
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('warning');
    expect(d.fix).toMatchObject({ applicability: 'safe', applied: true });
    expect(d.message).toContain(`a float; Python happens to accept it (${fixed} == ${value})`);
  });

  test('minified', () => {
    const r = run('{"channel_names":{"0":"CT"},"labels":{"background":0},"numTraining":"5","file_ending":".nii.gz"}', [NNU204]);
    expect(r.output).toBe('{"channel_names":{"0":"CT"},"labels":{"background":0},"numTraining":5,"file_ending":".nii.gz"}');
  });

  test('duplicate numTraining: the last one (the one Python keeps) is fixed', () => {
    const r = run('{"labels": {"background": 0}, "numTraining": 4, "numTraining": "5", "file_ending": ".nii.gz"}', [NNU204]);
    expect(r.output).toBe('{"labels": {"background": 0}, "numTraining": 4, "numTraining": 5, "file_ending": ".nii.gz"}');
  });
});

describe('NNU204 num-training-not-int: no fix', () => {
  test.each([
    ['"thirty-two"', 'a string'],
    ['""', 'a string'],
    ['"-3"', 'a string'],
    ['32.5', 'not a whole number'],
    ['true', 'not a number'],
    ['null', 'not a number'],
    ['[32]', 'not a number'],
  ])('%s', (value, what) => {
    const input = file(value);
    const r = run(input, [NNU204]);
    expect(r.output).toBe(input);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.fix.applicability).toBe('none');
    expect(d.severity).toBe('error');
    expect(d.message).toContain(`"numTraining" is ${value}, ${what}`);
    expect(d.message).toContain('NNU301 counts them');
  });

  test.each(['32', '0', '-1', 'NaN'])('%s is not this rule\'s business', (value) => {
    const input = file(value);
    expect(run(input, [NNU204]).diagnostics).toHaveLength(0);
  });

  test('no numTraining: NNU201', () => {
    expect(run('{"labels": {"background": 0}}', [NNU204]).diagnostics).toHaveLength(0);
  });
});

describe('NNU204 on real files', () => {
  test('every real v2 numTraining is an integer', () => {
    for (const id of ['049', '059', '068']) expect(run(corpus(id), [NNU204]).diagnostics).toHaveLength(0);
  });

  test('049 with "numTraining" quoted comes back byte for byte', () => {
    const original = corpus('049');
    const m = /"numTraining": (\d+)/.exec(original)!;
    const r = run(replaceOnce(original, m[0], `"numTraining": "${m[1]}"`), [NNU204]);
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(original);
  });

  test('059 (CRLF) with numTraining 50.0 comes back byte for byte', () => {
    const original = corpus('059');
    const r = run(replaceOnce(original, '"numTraining": 50,', '"numTraining": 50.0,'), [NNU204]);
    expect(r.output).toBe(original);
  });
});

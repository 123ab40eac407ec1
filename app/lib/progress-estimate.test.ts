import { describe, expect, it } from 'vitest';
import { estimateProgress, type ProgressSample } from './progress-estimate';
import { countTrackedActivities, forgetSamples, recordSample } from './progress-samples';

function line(count: number, everyMs: number, perSample: number, start = 10): ProgressSample[] {
  return Array.from({ length: count }, (_, index) => ({
    at: index * everyMs,
    progress: start + index * perSample,
  }));
}

describe('estimateProgress', () => {
  it('gives rate and time left for steady progress', () => {
    const samples = line(10, 5_000, 1);

    const estimate = estimateProgress(samples, 45_000);

    expect(estimate?.ratePerMinute).toBeCloseTo(12, 5);
    expect(estimate?.remainingMs).toBeCloseTo(((100 - 19) / 12) * 60_000, 0);
  });

  it.each<[string, ProgressSample[], number]>([
    ['too few samples', line(3, 10_000, 5), 20_000],
    ['too short a span', line(6, 1_000, 1), 5_000],
    ['no forward movement', line(6, 10_000, 0), 50_000],
    ['going backwards', line(6, 10_000, -2, 80), 50_000],
    ['samples older than the window', line(6, 10_000, 1), 10 * 60_000],
  ])('returns null for %s', (_name, samples, now) => {
    expect(estimateProgress(samples, now)).toBeNull();
  });

  it('returns null while the rate changes sharply', () => {
    const slow = line(5, 10_000, 1);
    const fast = Array.from({ length: 5 }, (_, index) => ({
      at: 50_000 + index * 10_000,
      progress: 15 + index * 10,
    }));

    expect(estimateProgress([...slow, ...fast], 90_000)).toBeNull();
  });
});

describe('progress samples', () => {
  it('records only changes and forgets on request', () => {
    recordSample('a', 1, 10);
    recordSample('a', 2, 10);
    const samples = recordSample('a', 3, 11);

    expect(samples).toEqual([
      { at: 1, progress: 10 },
      { at: 3, progress: 11 },
    ]);
    forgetSamples('a');
    expect(recordSample('a', 4, 12)).toEqual([{ at: 4, progress: 12 }]);
    forgetSamples('a');
  });

  it('keeps a bounded number of samples and activities', () => {
    for (let index = 0; index < 500; index += 1) recordSample('busy', index, index);
    expect(recordSample('busy', 500, 500)).toHaveLength(120);
    expect(recordSample('busy', 501, 501)[0]).toEqual({ at: 382, progress: 382 });

    for (let index = 0; index < 6_000; index += 1) recordSample(`many-${index}`, 0, 1);

    expect(recordSample('many-5999', 1, 2)).toHaveLength(2);
    expect(countTrackedActivities()).toBeLessThanOrEqual(5_000);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [-5_000, '0 s'],
    [45_400, '45 s'],
    [60_000, '1 min'],
    [3 * 60_000 + 59_000, '3 min'],
    [59 * 60_000 + 59_999, '59 min'],
    [3_600_000, '1:00:00'],
    [(1 * 3600 + 58 * 60 + 42) * 1000, '1:58:42'],
    [(27 * 3600 + 5 * 60 + 7) * 1000, '27:05:07'],
  ])('formats %i ms as %s', (milliseconds, expected) => {
    expect(formatDuration(milliseconds)).toBe(expected);
  });
});

/** One progress reading: when, in epoch milliseconds, and how far, in percent. */
export interface ProgressSample {
  at: number;
  progress: number;
}

export interface ProgressEstimate {
  /** Percent per minute. */
  ratePerMinute: number;
  /** Milliseconds until 100 % at that rate. */
  remainingMs: number;
}

// Only the recent past predicts the near future; older samples describe another phase of work.
const WINDOW_MS = 5 * 60_000;
const MIN_SPAN_MS = 20_000;
const MIN_SAMPLES = 4;
// The rate of the window's two halves may differ by at most this factor to count as steady.
const MAX_HALF_RATIO = 2;

/**
 * Estimates rate and time left from recent samples with a least-squares line. Returns null until
 * the estimate is steady: enough samples over enough time, moving forward, at a similar rate in
 * both halves of the window. Plex's progress jumps and pauses, so an unsteady number is worse
 * than none.
 */
export function estimateProgress(
  samples: readonly ProgressSample[],
  now: number,
): ProgressEstimate | null {
  const recent = samples.filter((sample) => now - sample.at <= WINDOW_MS);
  const first = recent[0];
  const last = recent.at(-1);
  if (!first || !last || recent.length < MIN_SAMPLES || last.at - first.at < MIN_SPAN_MS)
    return null;

  const rate = slope(recent);
  if (!(rate > 0)) return null;

  const middle = Math.floor(recent.length / 2);
  const early = slope(recent.slice(0, middle + 1));
  const late = slope(recent.slice(middle));
  if (
    !(early > 0) ||
    !(late > 0) ||
    Math.max(early, late) / Math.min(early, late) > MAX_HALF_RATIO
  ) {
    return null;
  }

  const remaining = Math.max(0, 100 - last.progress);
  return { ratePerMinute: rate * 60_000, remainingMs: remaining / rate };
}

/** Returns the least-squares slope in percent per millisecond. */
function slope(samples: readonly ProgressSample[]): number {
  const count = samples.length;
  if (count < 2) return Number.NaN;
  const meanAt = samples.reduce((sum, sample) => sum + sample.at, 0) / count;
  const meanProgress = samples.reduce((sum, sample) => sum + sample.progress, 0) / count;

  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.at - meanAt) * (sample.progress - meanProgress);
    variance += (sample.at - meanAt) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

import type { ProgressSample } from './progress-estimate';

// Per activity, at most one sample a second, and only the newest few minutes' worth.
const MAX_SAMPLES = 120;
// Bounds the bookkeeping even if ends are missed; the oldest activities' samples go first.
const MAX_TRACKED = 5_000;

const samplesByUuid = new Map<string, ProgressSample[]>();

/** Records a progress reading when it differs from the previous one. */
export function recordSample(
  uuid: string,
  at: number,
  progress: number,
): readonly ProgressSample[] {
  let samples = samplesByUuid.get(uuid);
  if (!samples) {
    if (samplesByUuid.size >= MAX_TRACKED) {
      const oldest = samplesByUuid.keys().next().value;
      if (oldest !== undefined) samplesByUuid.delete(oldest);
    }
    samples = [];
    samplesByUuid.set(uuid, samples);
  }

  if (samples.at(-1)?.progress !== progress) {
    samples.push({ at, progress });
    if (samples.length > MAX_SAMPLES) samples.shift();
  }
  return samples;
}

export function forgetSamples(uuid: string): void {
  samplesByUuid.delete(uuid);
}

/** Returns how many activities have samples; for tests of the bound. */
export function countTrackedActivities(): number {
  return samplesByUuid.size;
}

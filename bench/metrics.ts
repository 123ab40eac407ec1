import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from '@playwright/test';
import type { SentActivityEvent } from '../simulator/send-log.ts';

/** Chromium's `Performance.getMetrics` values, by name (durations in seconds). */
export type ChromiumMetrics = Record<string, number>;

export interface ClockOffset {
  /** Page clock minus Node clock, in milliseconds. */
  offsetMs: number;
  /** Round trip of the best sample: the offset is known to within half of it. */
  roundTripMs: number;
}

export interface LatencyResult {
  latenciesMs: number[];
  /** Painted values with no earlier send of that value for that activity. */
  unmatched: number;
}

const CLOCK_SAMPLES = 15;

export function nodeNow(): number {
  return performance.timeOrigin + performance.now();
}

export async function readChromiumMetrics(cdp: CDPSession): Promise<ChromiumMetrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/** Forces a full garbage collection, then returns the used JS heap in bytes. */
export async function readHeapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Measures the page clock against the Node clock (which the simulator uses) the NTP way:
 * read the page clock between two Node readings and keep the sample with the shortest round trip.
 */
export async function measureClockOffset(page: Page): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: 0, roundTripMs: Number.POSITIVE_INFINITY };
  for (let sample = 0; sample < CLOCK_SAMPLES; sample += 1) {
    const before = nodeNow();
    const pageTime = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = nodeNow();
    if (after - before < best.roundTripMs) {
      best = { offsetMs: pageTime - (before + after) / 2, roundTripMs: after - before };
    }
  }
  return best;
}

/** A bar value seen at some time: activity uuid, whole percent, time (epoch milliseconds). */
export type TimedValue = readonly [uuid: string, value: number, at: number];

/**
 * Returns, for each record in `later` whose time falls in [fromMs, toMs], the time since the
 * latest record of the same value for the same activity in `earlier` at or before it. A bar
 * value repeats only after 100 updates of its activity, so the latest earlier one is its cause.
 * `laterOffsetMs` is subtracted from the later records' times to bring them to the earlier
 * records' clock, and the window is on that clock too.
 */
export function matchToEarlier(
  earlier: readonly TimedValue[],
  later: readonly TimedValue[],
  laterOffsetMs: number,
  fromMs: number,
  toMs: number,
): LatencyResult {
  const earlierTimes = new Map<string, number[]>();
  for (const [uuid, value, at] of earlier) {
    const key = `${uuid} ${value}`;
    const times = earlierTimes.get(key);
    if (times === undefined) {
      earlierTimes.set(key, [at]);
    } else {
      times.push(at);
    }
  }
  for (const times of earlierTimes.values()) {
    times.sort((first, second) => first - second);
  }

  const latenciesMs: number[] = [];
  let unmatched = 0;
  for (const [uuid, value, at] of later) {
    const atOnEarlierClock = at - laterOffsetMs;
    if (atOnEarlierClock < fromMs || atOnEarlierClock > toMs) {
      continue;
    }
    const earlierAt = latestAtOrBefore(
      earlierTimes.get(`${uuid} ${value}`) ?? [],
      atOnEarlierClock,
    );
    if (earlierAt === null) {
      unmatched += 1;
    } else {
      latenciesMs.push(atOnEarlierClock - earlierAt);
    }
  }
  return { latenciesMs, unmatched };
}

/** Turns the simulator's send log into timed bar values on the Node clock. */
export function sentValues(sends: readonly SentActivityEvent[]): TimedValue[] {
  const values: TimedValue[] = [];
  for (const [event, uuid, progress, sentAt] of sends) {
    if (event !== 'ended' && progress !== null) {
      values.push([uuid, Math.round(progress), sentAt]);
    }
  }
  return values;
}

/** Nearest-rank percentile of unsorted values; NaN for none. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((first, second) => first - second);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Main-thread time, from two metric readings, per 1,000 activity events delivered. */
export function busyMsPerThousand(
  start: ChromiumMetrics,
  end: ChromiumMetrics,
  events: number,
  metric: 'TaskDuration' | 'ScriptDuration',
): number {
  const seconds = (end[metric] ?? 0) - (start[metric] ?? 0);
  return events > 0 ? (seconds * 1_000 * 1_000) / events : Number.NaN;
}

export interface InitialAssets {
  jsGzipBytes: number;
  cssGzipBytes: number;
  files: string[];
}

/**
 * Gzips (zlib default level 6) every script, module preload and stylesheet that `index.html`
 * in `distDir` references, which is what the first page load fetches.
 */
export async function measureInitialAssets(distDir: string): Promise<InitialAssets> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1],
  );
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1],
  );

  const gzipSize = async (files: (string | undefined)[]) => {
    let total = 0;
    for (const file of files) {
      if (file !== undefined) {
        total += gzipSync(await readFile(join(distDir, file))).length;
      }
    }
    return total;
  };

  const jsFiles = [...scripts, ...preloads];
  return {
    jsGzipBytes: await gzipSize(jsFiles),
    cssGzipBytes: await gzipSize(styles),
    files: [...jsFiles, ...styles].filter((file): file is string => file !== undefined),
  };
}

function latestAtOrBefore(sortedTimes: readonly number[], limit: number): number | null {
  let low = 0;
  let high = sortedTimes.length - 1;
  let found: number | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const time = sortedTimes[middle] ?? Number.POSITIVE_INFINITY;
    if (time <= limit) {
      found = time;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

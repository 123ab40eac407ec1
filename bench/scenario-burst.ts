import type { Browser } from '@playwright/test';
import {
  busyMsPerThousand,
  matchToEarlier,
  measureClockOffset,
  nodeNow,
  percentile,
  sentValues,
} from './metrics.ts';
import {
  longTasksBetween,
  minimumGap,
  readHiddenCounters,
  sampleMainThread,
} from './page-sampling.ts';
import { callProbe, newBenchContext, openBenchPage, readProbe, sleep } from './pages.ts';
import type { BenchDurations, BurstResult, HiddenResult } from './scenario-results.ts';
import type { BenchServers, PageKind } from './servers.ts';

const SETTLE_MS = 2_000;

/**
 * Scenario 1: `burst` (200 activities, 1,000 updates a second). After a warm-up, records which
 * bar values the page paints and when, and samples Chromium's main-thread time.
 */
export async function runBurst(
  browser: Browser,
  servers: BenchServers,
  kind: PageKind,
  durations: BenchDurations,
): Promise<BurstResult> {
  await servers.control('POST', 'reset');
  const context = await newBenchContext(browser);
  try {
    const bench = await openBenchPage(context, servers.gateways[kind].url);
    // The clocks are compared while the server is idle, where the round trip is shortest.
    const before = await measureClockOffset(bench.page);
    await servers.control('POST', 'send-log', { enabled: true });
    await servers.control('POST', 'scenario', { name: 'burst', speed: 1 });
    await sleep(durations.warmUpMs);

    await callProbe(bench.page, 'startPaintRecording()');
    const windowStart = nodeNow();
    const samples = await sampleMainThread(bench, durations.burstMs, durations.sampleMs);
    const windowEnd = nodeNow();
    await callProbe(bench.page, 'stopPaintRecording()');
    await servers.control('POST', 'scenario/stop');
    await sleep(SETTLE_MS);
    const after = await measureClockOffset(bench.page);

    const sends = await servers.readSendLog();
    await servers.control('POST', 'send-log', { enabled: false });
    const paints = await readProbe(bench.page, 'paints');
    const arrivals = await readProbe(bench.page, 'arrivals');
    const offsetMs = (before.offsetMs + after.offsetMs) / 2;
    const sent = sentValues(sends);
    const { latenciesMs, unmatched } = matchToEarlier(
      sent,
      paints,
      offsetMs,
      windowStart,
      windowEnd,
    );
    const toArrival = matchToEarlier(sent, arrivals, offsetMs, windowStart, windowEnd);
    const arrivalToPaint = matchToEarlier(
      arrivals,
      paints,
      0,
      windowStart + offsetMs,
      windowEnd + offsetMs,
    );
    const longTasks = await longTasksBetween(bench, windowStart + offsetMs, windowEnd + offsetMs);

    return {
      p50Ms: percentile(latenciesMs, 0.5),
      p95Ms: percentile(latenciesMs, 0.95),
      arrivalP50Ms: percentile(toArrival.latenciesMs, 0.5),
      arrivalP95Ms: percentile(toArrival.latenciesMs, 0.95),
      inPageP50Ms: percentile(arrivalToPaint.latenciesMs, 0.5),
      inPageP95Ms: percentile(arrivalToPaint.latenciesMs, 0.95),
      paintedValues: latenciesMs.length,
      unmatchedPaints: unmatched,
      updatesSent: sends.filter(
        ([event, , , sentAt]) =>
          event === 'updated' && sentAt >= windowStart && sentAt <= windowEnd,
      ).length,
      eventsDelivered: samples.events,
      taskMsPerThousand: samples.taskMsPerThousand,
      scriptMsPerThousand: samples.scriptMsPerThousand,
      longTaskCount: longTasks.count,
      longTaskMaxMs: longTasks.maxMs,
      clockRoundTripMs: Math.max(before.roundTripMs, after.roundTripMs),
    };
  } finally {
    await context.close();
    await servers.control('POST', 'reset');
  }
}

/**
 * Scenario 3: `burst` while the page reports itself hidden (see page-probe.ts for how). Counts
 * DOM and rendering work and title and favicon writes during the hidden window.
 */
export async function runHidden(
  browser: Browser,
  servers: BenchServers,
  kind: PageKind,
  durations: BenchDurations,
): Promise<HiddenResult> {
  await servers.control('POST', 'reset');
  const context = await newBenchContext(browser);
  try {
    const bench = await openBenchPage(context, servers.gateways[kind].url);
    await servers.control('POST', 'scenario', { name: 'burst', speed: 1 });
    await sleep(durations.warmUpMs);
    await callProbe(bench.page, 'setHidden(true)');
    await sleep(SETTLE_MS);

    const offset = await measureClockOffset(bench.page);
    const start = await readHiddenCounters(bench);
    const windowStart = nodeNow() + offset.offsetMs;
    await sleep(durations.hiddenMs);
    const windowEnd = nodeNow() + offset.offsetMs;
    const end = await readHiddenCounters(bench);
    await callProbe(bench.page, 'setHidden(false)');
    await servers.control('POST', 'scenario/stop');

    const titleTimes = (await readProbe(bench.page, 'titleChanges')).filter(
      (time) => time >= windowStart && time <= windowEnd,
    );
    const iconTimes = (await readProbe(bench.page, 'iconChanges')).filter(
      (time) => time >= windowStart && time <= windowEnd,
    );

    return {
      seconds: (windowEnd - windowStart) / 1_000,
      bodyMutations: end.bodyMutations - start.bodyMutations,
      layouts: (end.metrics.LayoutCount ?? 0) - (start.metrics.LayoutCount ?? 0),
      styleRecalcs: (end.metrics.RecalcStyleCount ?? 0) - (start.metrics.RecalcStyleCount ?? 0),
      taskMsPerThousand: busyMsPerThousand(
        start.metrics,
        end.metrics,
        end.events - start.events,
        'TaskDuration',
      ),
      titleChanges: titleTimes.length,
      iconChanges: iconTimes.length,
      titleMinGapMs: minimumGap(titleTimes),
      iconMinGapMs: minimumGap(iconTimes),
    };
  } finally {
    await context.close();
    await servers.control('POST', 'reset');
  }
}

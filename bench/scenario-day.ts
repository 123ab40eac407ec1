import type { Browser } from '@playwright/test';
import {
  busyMsPerThousand,
  measureClockOffset,
  nodeNow,
  readChromiumMetrics,
  readHeapAfterGc,
} from './metrics.ts';
import { longTasksBetween } from './page-sampling.ts';
import { newBenchContext, openBenchPage, readProbe, sleep } from './pages.ts';
import type { BenchDurations, DayResult } from './scenario-results.ts';
import type { BenchServers, PageKind } from './servers.ts';

const DAY_EVENT_COUNT = 100_000;
const SETTLE_MS = 2_000;

/**
 * Scenario 2: the `day` timeline, 10,000 activities and 100,000 events. The heap is read after
 * a forced garbage collection once the stream is live and again after the last `ended`.
 */
export async function runDay(
  browser: Browser,
  servers: BenchServers,
  kind: PageKind,
  durations: BenchDurations,
): Promise<DayResult> {
  await servers.control('POST', 'reset');
  const context = await newBenchContext(browser);
  try {
    const bench = await openBenchPage(context, servers.gateways[kind].url);
    await sleep(SETTLE_MS);
    const heapStartBytes = await readHeapAfterGc(bench.cdp);
    const startMetrics = await readChromiumMetrics(bench.cdp);
    const startEvents = await readProbe(bench.page, 'activityEvents');
    const offset = await measureClockOffset(bench.page);

    const startedAt = nodeNow();
    await servers.control('POST', 'scenario', { name: 'day', speed: durations.daySpeed });
    const expectedMs = (24 * 3_600_000) / durations.daySpeed;
    const deadline = startedAt + expectedMs * 3 + 30_000;
    while (nodeNow() < deadline) {
      await sleep(1_000);
      const delivered = (await readProbe(bench.page, 'activityEvents')) - startEvents;
      const { activities } = await servers.readState();
      if (delivered >= DAY_EVENT_COUNT && activities.length === 0) {
        break;
      }
    }
    const finishedAt = nodeNow();
    const endEvents = await readProbe(bench.page, 'activityEvents');
    const endMetrics = await readChromiumMetrics(bench.cdp);
    await sleep(SETTLE_MS);
    const heapEndBytes = await readHeapAfterGc(bench.cdp);
    const longTasks = await longTasksBetween(
      bench,
      startedAt + offset.offsetMs,
      finishedAt + offset.offsetMs,
    );

    return {
      heapStartBytes,
      heapEndBytes,
      eventsDelivered: endEvents - startEvents,
      runSeconds: (finishedAt - startedAt) / 1_000,
      taskMsPerThousand: busyMsPerThousand(
        startMetrics,
        endMetrics,
        endEvents - startEvents,
        'TaskDuration',
      ),
      longTaskCount: longTasks.count,
      longTaskMaxMs: longTasks.maxMs,
    };
  } finally {
    await context.close();
    await servers.control('POST', 'reset');
  }
}

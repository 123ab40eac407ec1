import type { Browser, BrowserContext } from '@playwright/test';
import {
  busyMsPerThousand,
  type ChromiumMetrics,
  matchPaintsToSends,
  measureClockOffset,
  median,
  nodeNow,
  percentile,
  readChromiumMetrics,
  readHeapAfterGc,
} from './metrics.ts';
import {
  type BenchPage,
  callProbe,
  newBenchContext,
  openBenchPage,
  readProbe,
  sleep,
} from './pages.ts';
import type { BenchServers, LoggedRequest, PageKind } from './servers.ts';

/** Durations of one run; `--quick` shortens them for a smoke run. */
export interface BenchDurations {
  warmUpMs: number;
  burstMs: number;
  sampleMs: number;
  hiddenMs: number;
  tabsMs: number;
  tabCount: number;
  /** Scenario speed of the `day` timeline: 960 plays the day in 90 seconds. */
  daySpeed: number;
}

export interface BurstResult {
  p50Ms: number;
  p95Ms: number;
  paintedValues: number;
  unmatchedPaints: number;
  updatesSent: number;
  eventsDelivered: number;
  taskMsPerThousand: number;
  scriptMsPerThousand: number;
  longTaskCount: number;
  longTaskMaxMs: number;
  clockRoundTripMs: number;
}

export interface DayResult {
  heapStartBytes: number;
  heapEndBytes: number;
  eventsDelivered: number;
  runSeconds: number;
  taskMsPerThousand: number;
  longTaskCount: number;
  longTaskMaxMs: number;
}

export interface HiddenResult {
  seconds: number;
  bodyMutations: number;
  layouts: number;
  styleRecalcs: number;
  taskMsPerThousand: number;
  titleChanges: number;
  iconChanges: number;
  /** Shortest time between two title or two icon changes, or null with fewer than two. */
  titleMinGapMs: number | null;
  iconMinGapMs: number | null;
}

export interface TabsResult {
  tabs: number;
  /** Tabs of one browser profile whose stream opened: Chromium allows 6 connections per host. */
  liveTabsInOneProfile: number;
  seconds: number;
  openUpstreamStreams: number;
  streamOpensWhileOpening: number;
  streamOpensPerHour: number;
  activitiesGetsPerHour: number;
  otherRequestsPerHour: number;
  logFull: boolean;
}

const DAY_EVENT_COUNT = 100_000;
const SETTLE_MS = 2_000;
const REQUEST_LOG_SIZE = 1_000;
const TAB_OPEN_TIMEOUT_MS = 8_000;

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
    const offsetMs = (before.offsetMs + after.offsetMs) / 2;
    const { latenciesMs, unmatched } = matchPaintsToSends(
      sends,
      paints,
      offsetMs,
      windowStart,
      windowEnd,
    );
    const longTasks = await longTasksBetween(bench, windowStart + offsetMs, windowEnd + offsetMs);

    return {
      p50Ms: percentile(latenciesMs, 0.5),
      p95Ms: percentile(latenciesMs, 0.95),
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

/**
 * Scenario 4: `tabCount` pages open at once on one gateway while the `demo` timeline runs.
 * Counts what reaches the simulator, from its request log, in the window after every tab's
 * stream is open, and scales it to an hour.
 */
export async function runManyTabs(
  browser: Browser,
  servers: BenchServers,
  kind: PageKind,
  durations: BenchDurations,
): Promise<TabsResult> {
  await servers.control('POST', 'reset');
  await servers.control('POST', 'scenario', { name: 'demo', speed: 1 });
  const url = servers.gateways[kind].url;
  const liveTabsInOneProfile = await countLiveTabsInOneProfile(browser, url, durations.tabCount);

  // One context per tab: each has its own connection pool, as separate browsers or devices do.
  const contexts: BrowserContext[] = [];
  try {
    for (let tab = 0; tab < durations.tabCount; tab += 1) {
      const context = await newBenchContext(browser);
      contexts.push(context);
      await openBenchPage(context, url);
    }
    await sleep(SETTLE_MS);
    const windowStart = Date.now();
    await sleep(durations.tabsMs);
    const windowEnd = Date.now();
    const state = await servers.readState();

    const inWindow = state.requests.filter(
      (request) => request.at >= windowStart && request.at <= windowEnd,
    );
    const perHour = (count: number) => (count * 3_600_000) / (windowEnd - windowStart);
    const streamOpens = inWindow.filter(isStreamOpen).length;
    const activitiesGets = inWindow.filter(isActivitiesGet).length;

    return {
      tabs: durations.tabCount,
      liveTabsInOneProfile,
      seconds: (windowEnd - windowStart) / 1_000,
      openUpstreamStreams: state.streams,
      streamOpensWhileOpening: state.requests.filter(
        (request) => request.at < windowStart && isStreamOpen(request),
      ).length,
      streamOpensPerHour: perHour(streamOpens),
      activitiesGetsPerHour: perHour(activitiesGets),
      otherRequestsPerHour: perHour(inWindow.length - streamOpens - activitiesGets),
      logFull: state.requests.length >= REQUEST_LOG_SIZE,
    };
  } finally {
    for (const context of contexts) {
      await context.close();
    }
    await servers.control('POST', 'reset');
  }
}

/**
 * Opens `tabCount` tabs in one browser context, as one person's browser would, and counts
 * those whose event stream opened within TAB_OPEN_TIMEOUT_MS of being opened.
 */
async function countLiveTabsInOneProfile(
  browser: Browser,
  url: string,
  tabCount: number,
): Promise<number> {
  const context = await newBenchContext(browser);
  try {
    const pages = [];
    for (let tab = 0; tab < tabCount; tab += 1) {
      const page = await context.newPage();
      pages.push(page);
      void page.goto(url, { timeout: TAB_OPEN_TIMEOUT_MS }).catch(() => undefined);
    }
    await sleep(TAB_OPEN_TIMEOUT_MS);

    let live = 0;
    for (const page of pages) {
      // A tab still waiting for a connection has no document to evaluate in yet.
      const opens = await Promise.race([
        page.evaluate('window.__bench?.streamOpens ?? 0').catch(() => 0),
        sleep(1_000).then(() => 0),
      ]);
      if (typeof opens === 'number' && opens > 0) {
        live += 1;
      }
    }
    return live;
  } finally {
    await context.close();
  }
}

interface MainThreadSamples {
  events: number;
  /** Medians over the sample intervals. */
  taskMsPerThousand: number;
  scriptMsPerThousand: number;
}

/** Reads Chromium's metrics and the page's event count every `sampleMs` for `totalMs`. */
async function sampleMainThread(
  bench: BenchPage,
  totalMs: number,
  sampleMs: number,
): Promise<MainThreadSamples> {
  const readings: { metrics: ChromiumMetrics; events: number }[] = [];
  const read = async () => ({
    metrics: await readChromiumMetrics(bench.cdp),
    events: await readProbe(bench.page, 'activityEvents'),
  });

  readings.push(await read());
  const intervals = Math.max(1, Math.round(totalMs / sampleMs));
  for (let interval = 0; interval < intervals; interval += 1) {
    await sleep(sampleMs);
    readings.push(await read());
  }

  const taskValues: number[] = [];
  const scriptValues: number[] = [];
  for (let index = 1; index < readings.length; index += 1) {
    const start = readings[index - 1];
    const end = readings[index];
    if (start === undefined || end === undefined) {
      continue;
    }
    const events = end.events - start.events;
    taskValues.push(busyMsPerThousand(start.metrics, end.metrics, events, 'TaskDuration'));
    scriptValues.push(busyMsPerThousand(start.metrics, end.metrics, events, 'ScriptDuration'));
  }

  const first = readings[0]?.events ?? 0;
  const last = readings.at(-1)?.events ?? 0;
  return {
    events: last - first,
    taskMsPerThousand: median(taskValues),
    scriptMsPerThousand: median(scriptValues),
  };
}

async function longTasksBetween(bench: BenchPage, fromPageMs: number, toPageMs: number) {
  const tasks = (await readProbe(bench.page, 'longTasks')).filter(
    ([startAt]) => startAt >= fromPageMs && startAt <= toPageMs,
  );
  return {
    count: tasks.length,
    maxMs: tasks.reduce((maximum, [, duration]) => Math.max(maximum, duration), 0),
  };
}

async function readHiddenCounters(bench: BenchPage) {
  return {
    metrics: await readChromiumMetrics(bench.cdp),
    bodyMutations: await readProbe(bench.page, 'bodyMutations'),
    events: await readProbe(bench.page, 'activityEvents'),
  };
}

function minimumGap(times: readonly number[]): number | null {
  let gap: number | null = null;
  for (let index = 1; index < times.length; index += 1) {
    const difference = (times[index] ?? 0) - (times[index - 1] ?? 0);
    gap = gap === null ? difference : Math.min(gap, difference);
  }
  return gap;
}

function isStreamOpen(request: LoggedRequest): boolean {
  return request.method === 'GET' && request.path.startsWith('/:/eventsource/notifications');
}

function isActivitiesGet(request: LoggedRequest): boolean {
  return request.method === 'GET' && /^\/activities(\?|$)/.test(request.path);
}

import type { Browser, BrowserContext } from '@playwright/test';
import { newBenchContext, openBenchPage, sleep } from './pages.ts';
import type { BenchDurations, TabsResult } from './scenario-results.ts';
import type { BenchServers, LoggedRequest, PageKind } from './servers.ts';

const REQUEST_LOG_SIZE = 1_000;
const TAB_OPEN_TIMEOUT_MS = 8_000;
const SETTLE_MS = 2_000;
// Time for a started activity, then its update, to reach every live tab.
const LIVE_CHECK_MS = 2_000;
const LIVE_CHECK_PROGRESS = 64;

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
  const liveTabsInOneProfile = await countLiveTabsInOneProfile(
    browser,
    servers,
    url,
    durations.tabCount,
  );

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
  servers: BenchServers,
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

    // A live tab shows a new bar value soon after the server sends it, whether the tab has an
    // event stream open itself or hears it from another tab of the same browser.
    const { uuid } = (await servers.control('POST', 'activities', {
      type: 'media.download',
      title: 'Checking which tabs are live',
      progress: 10,
    })) as { uuid: string };
    await sleep(LIVE_CHECK_MS);
    await servers.control('PATCH', `activities/${uuid}`, { progress: LIVE_CHECK_PROGRESS });
    await sleep(LIVE_CHECK_MS);

    let live = 0;
    for (const page of pages) {
      // A tab still waiting for a connection has no document to evaluate in yet.
      const value = await Promise.race([
        page.evaluate(readBarValue, uuid).catch(() => null),
        sleep(1_000).then(() => null),
      ]);
      if (value === String(LIVE_CHECK_PROGRESS)) {
        live += 1;
      }
    }
    return live;
  } finally {
    await context.close();
  }
}

function readBarValue(uuid: string): string | null {
  const bar = document.querySelector(`[data-uuid="${uuid}"] [role="progressbar"]`);
  return bar?.getAttribute('aria-valuenow') ?? null;
}

function isStreamOpen(request: LoggedRequest): boolean {
  return request.method === 'GET' && request.path.startsWith('/:/eventsource/notifications');
}

function isActivitiesGet(request: LoggedRequest): boolean {
  return request.method === 'GET' && /^\/activities(\?|$)/.test(request.path);
}

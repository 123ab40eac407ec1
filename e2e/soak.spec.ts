import { setTimeout as delay } from 'node:timers/promises';
import type { CDPSession, Page } from '@playwright/test';
import type { PlexControl, SimulatorState } from './support/plex-control';
import { expect, test } from './support/test';

// One scenario hour per real minute. Over 60 s at this speed the demo starts and ends about
// 1,200 activities and sends about 150 activity events a second, with up to six running at once.
const SOAK_SPEED = 60;
// The soak's minute begins with a connected phase and ends with drops. The page backs off more
// after every drop and resets only after 60 s connected, so under drops it is mostly offline and
// polling. The connected phase is where most events reach the page and could leak.
const CONNECTED_PHASE_MS = 20_000;
const DROP_PHASE_MS = 40_000;
// Pauses between stream drops, cycled in this order so that every run drops at the same moments.
const DROP_PAUSES_MS = [3_000, 4_500, 3_500, 5_000, 4_000];
const MAX_ROUNDS = 15;
// Rounds that restart the whole server, which clears its activities without sending `ended`.
const RESTART_ROUNDS = new Set([4, 8]);
const MIN_STREAMS_CLOSED = 3;
const MB = 1024 * 1024;
// Measured in Debian's Chromium on 2 cores: 2.6 to 2.9 MB once the idle page is live, 4.5 to
// 5.3 MB after the soak. About 4,700 activity messages reach the page, so keeping about 1 KB
// for each of them (a parsed message, a row copy) adds roughly 5 MB and fails the growth bound.
// NOTE: a leak of only the raw message strings, about 0.4 KB each, stays under it.
const HEAP_LIMIT_BYTES = 10 * MB;
const HEAP_GROWTH_LIMIT_BYTES = 5 * MB;

/** One row as the page shows it: `progress` is `aria-valuenow`, absent while indeterminate. */
interface RowSnapshot {
  uuid: string;
  progress: string | null;
}

test('accelerated hour ends exact and lean', async ({ page, plex }) => {
  test.setTimeout(150_000);
  const cdp = await page.context().newCDPSession(page);
  const status = page.getByRole('status');
  const list = page.getByRole('list', { name: 'Activities' });

  await page.goto('/');
  await expect(status).toHaveText(/^Live/);
  await expect(page.getByText('No activities')).toBeVisible();
  // The comparison with the server needs every row on screen, browsing noise included.
  await page.getByRole('checkbox', { name: 'Hide refreshes caused by browsing' }).uncheck();
  const heapAtStart = await measureHeap(cdp);

  await plex.startScenario('demo', SOAK_SPEED);
  await expect(list.locator('li[data-uuid]').first()).toBeVisible();
  await delay(CONNECTED_PHASE_MS);
  await expect(status).toHaveText(/^Live/);
  const churn = await churnWithDrops(plex);
  const stopped = await plex.stopScenarios();
  const server = await plex.state();

  expect(churn.streamsClosed, "rounds that closed the page's stream").toBeGreaterThanOrEqual(
    MIN_STREAMS_CLOSED,
  );
  expect(stopped).toBeGreaterThan(0);
  expect(server.activities.length).toBeGreaterThan(0);
  // The page may still show Live for a moment after a drop, so the server must also count its
  // stream. The backoff can reach 60 s after a run of drops.
  await expect
    .poll(() => readConnection(page, plex), { timeout: 65_000 })
    .toEqual({ live: true, streams: 1 });
  await expect.poll(() => readRows(page), { timeout: 10_000 }).toEqual(expectedRows(server));
  await expect(list.getByRole('listitem')).toHaveCount(server.activities.length);

  for (const activity of server.activities) {
    await plex.endActivity(activity.uuid, 100);
  }
  await expect(page.getByText('No activities')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(0);

  const heapAtEnd = await measureHeap(cdp);
  console.log(
    `[soak] JS heap after GC: ${toMb(heapAtStart)} MB at start, ${toMb(heapAtEnd)} MB after ${churn.rounds} rounds (${churn.streamsClosed} closed a stream)`,
  );
  expect(heapAtEnd).toBeLessThan(HEAP_LIMIT_BYTES);
  expect(heapAtEnd - heapAtStart).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
});

interface ChurnSummary {
  rounds: number;
  /** Rounds whose drop or restart closed an open event stream. */
  streamsClosed: number;
}

/** Drops the streams every few seconds, restarting the server on some rounds, for DROP_PHASE_MS. */
async function churnWithDrops(plex: PlexControl): Promise<ChurnSummary> {
  const deadline = Date.now() + DROP_PHASE_MS;
  let rounds = 0;
  let streamsClosed = 0;

  while (rounds < MAX_ROUNDS) {
    const pause = DROP_PAUSES_MS[rounds % DROP_PAUSES_MS.length] ?? 4_000;
    if (Date.now() + pause > deadline) break;
    await delay(pause);
    rounds += 1;

    let closed: number;
    if (RESTART_ROUNDS.has(rounds)) {
      closed = (await plex.state()).streams;
      await plex.restart();
      // A restart starts the configured scenario, which is idle in the e2e fixtures.
      await plex.startScenario('demo', SOAK_SPEED);
    } else {
      closed = await plex.dropStreams();
    }
    if (closed > 0) streamsClosed += 1;
  }
  return { rounds, streamsClosed };
}

/** Collects garbage, then returns the bytes the page's JS heap still uses. */
async function measureHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function readConnection(page: Page, plex: PlexControl) {
  const text = await page.getByRole('status').textContent();
  return { live: /^Live/.test(text ?? ''), streams: (await plex.state()).streams };
}

async function readRows(page: Page): Promise<RowSnapshot[]> {
  const rows = await page
    .getByRole('list', { name: 'Activities' })
    .locator('li[data-uuid]')
    .evaluateAll((items) =>
      items.map((item) => ({
        uuid: item.getAttribute('data-uuid') ?? '',
        progress: item.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? null,
      })),
    );
  return rows.sort(byUuid);
}

/** The rows the page should show for the server's list: -1, 0 and no progress are indeterminate. */
function expectedRows(state: SimulatorState): RowSnapshot[] {
  const rows = state.activities.map(({ uuid, progress }) => ({
    uuid,
    progress: progress === undefined || progress <= 0 ? null : String(Math.round(progress)),
  }));
  return rows.sort(byUuid);
}

function byUuid(a: RowSnapshot, b: RowSnapshot): number {
  return a.uuid.localeCompare(b.uuid);
}

function toMb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

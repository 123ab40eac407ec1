import type { Page } from '@playwright/test';
import type { RunningGateway } from '../gateway/server.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { findClosedPort } from './support/closed-port.ts';
import { PlexControl } from './support/plex-control.ts';
import { expect, startTestGateway, test } from './support/test.ts';

interface ThreeServers {
  attic: RunningSimulator;
  basement: RunningSimulator;
  gateway: RunningGateway;
}

async function startThreeServers(): Promise<ThreeServers> {
  const attic = await startSimulator({ scenario: 'idle', token: 'attic-token' });
  const basement = await startSimulator({ scenario: 'idle', token: 'basement-token' });
  const closedPort = await findClosedPort();
  const gateway = await startTestGateway([
    { id: 'attic', name: 'Attic', url: attic.url, token: 'attic-token', readOnly: false },
    {
      id: 'basement',
      name: 'Basement',
      url: basement.url,
      token: 'basement-token',
      readOnly: false,
    },
    {
      id: 'garage',
      name: 'Garage',
      url: `http://127.0.0.1:${closedPort}`,
      token: 'garage-token',
      readOnly: false,
    },
  ]);
  return { attic, basement, gateway };
}

test('each server has its own section, stream and status; one down blocks none', async ({
  page,
  request,
}) => {
  const servers = await startThreeServers();
  const attic = new PlexControl(request, servers.attic.url);
  const basement = new PlexControl(request, servers.basement.url);

  try {
    await attic.startActivity({
      type: 'library.update.section',
      title: 'Scanning Movies',
      progress: 20,
    });
    const download = await basement.startActivity({
      type: 'media.download',
      title: 'Downloading Media',
      progress: 40,
      cancellable: true,
    });
    await page.goto(servers.gateway.url);

    const atticSection = page.getByRole('region', { name: 'Attic' });
    const basementSection = page.getByRole('region', { name: 'Basement' });
    const garageSection = page.getByRole('region', { name: 'Garage' });
    await expect(atticSection.getByRole('status')).toHaveText(/^Live/);
    await expect(basementSection.getByRole('status')).toHaveText(/^Live/);
    await expect(garageSection.getByRole('status')).toHaveText(
      /^Reconnecting: the Plex server is unreachable/,
    );
    await expect(atticSection.getByRole('listitem')).toHaveText([/Scanning Movies/]);
    await expect(basementSection.getByRole('listitem')).toHaveText([/Downloading Media/]);
    await expect(garageSection.getByText(/Could not load activities: .*unreachable/)).toBeVisible();
    await expect(page).toHaveTitle('⚠ Reconnecting · (2) 30 % · Plex Activity Monitor');

    await basement.dropStreams();
    await expect(basementSection.getByRole('status')).toHaveText(/^Reconnecting/);
    await expect(atticSection.getByRole('status')).toHaveText(/^Live/);
    await attic.updateActivity((await attic.state()).activities[0]?.uuid ?? '', { progress: 60 });
    await expect(
      atticSection.getByRole('progressbar', { name: 'Scanning Movies' }),
    ).toHaveAttribute('aria-valuenow', '60');
    await expect(basementSection.getByRole('status')).toHaveText(/^Live/, { timeout: 10_000 });

    await basementSection.getByRole('button', { name: 'Cancel Downloading Media' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Cancel/ })
      .click();
    await expect(basementSection.getByRole('listitem')).toHaveCount(0);
    expect((await basement.requests('DELETE', '/activities/')).map((entry) => entry.path)).toEqual([
      `/activities/${download}`,
    ]);
    expect(await attic.requests('DELETE', '/activities/')).toEqual([]);
    await expect(page.getByRole('list', { name: 'Recently finished' })).toContainText('Basement');
  } finally {
    await servers.gateway.close();
    await servers.attic.close();
    await servers.basement.close();
  }
});

test('tabs share streams and hand them on', async ({ context, request }) => {
  // Counts the EventSources each page opens, and closes, on its own.
  await context.addInitScript(() => {
    const NativeEventSource = window.EventSource;
    const counts = { opened: 0, closed: 0 };
    Object.assign(window, { streamCounts: counts });
    window.EventSource = class extends NativeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        counts.opened += 1;
      }
      override close() {
        counts.closed += 1;
        super.close();
      }
    };
  });
  const servers = await startThreeServers();
  const attic = new PlexControl(request, servers.attic.url);

  try {
    const scan = await attic.startActivity({
      type: 'library.update.section',
      title: 'Scanning Movies',
      progress: 20,
    });
    // With a stream per server in every tab, two tabs would hold all six HTTP/1.1 connections
    // Chromium allows per host, and the third would never load.
    const pages: Page[] = [];
    for (let count = 0; count < 4; count += 1) {
      const page = await context.newPage();
      await page.goto(servers.gateway.url);
      await expect(page.getByRole('region', { name: 'Attic' }).getByRole('status')).toHaveText(
        /^Live/,
      );
      pages.push(page);
    }
    let openStreams = 0;
    for (const page of pages) {
      const counts = await readStreamCounts(page);
      openStreams += counts.opened - counts.closed;
    }
    // One page, the leader, has a stream open per server; the garage's closes between retries.
    expect(await countPagesWithStreams(pages)).toBe(1);
    expect(openStreams).toBeLessThanOrEqual(3);

    await attic.updateActivity(scan, { progress: 70 });
    for (const page of pages) {
      await expect(page.getByRole('progressbar', { name: 'Scanning Movies' })).toHaveAttribute(
        'aria-valuenow',
        '70',
      );
    }

    const leaderIndex = await findLeader(pages);
    await pages[leaderIndex]?.close();
    const remaining = pages.filter((page) => !page.isClosed());
    await expect.poll(() => findLeader(remaining), { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    for (const page of remaining) {
      await expect(page.getByRole('region', { name: 'Attic' }).getByRole('status')).toHaveText(
        /^Live/,
        { timeout: 10_000 },
      );
    }
    await attic.updateActivity(scan, { progress: 90 });
    for (const page of remaining) {
      await expect(page.getByRole('progressbar', { name: 'Scanning Movies' })).toHaveAttribute(
        'aria-valuenow',
        '90',
      );
    }
  } finally {
    await servers.gateway.close();
    await servers.attic.close();
    await servers.basement.close();
  }
});

async function readStreamCounts(page: Page): Promise<{ opened: number; closed: number }> {
  return (await page.evaluate('window.streamCounts')) as { opened: number; closed: number };
}

/** Returns the index of the first page that has opened event streams, or -1 when none has. */
async function findLeader(pages: Page[]): Promise<number> {
  for (const [index, page] of pages.entries()) {
    if ((await readStreamCounts(page)).opened > 0) return index;
  }
  return -1;
}

async function countPagesWithStreams(pages: Page[]): Promise<number> {
  let count = 0;
  for (const page of pages) {
    if ((await readStreamCounts(page)).opened > 0) count += 1;
  }
  return count;
}

import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { ServerTarget, UpstreamTimeouts } from '../../gateway/config.ts';
import { silentLogger } from '../../gateway/gateway-log.ts';
import { type RunningGateway, startGateway } from '../../gateway/server.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/server.ts';
import { PlexControl } from './plex-control.ts';

export const E2E_TOKEN = 'e2e-token';
export const DIST_DIR = join(import.meta.dirname, '..', '..', 'dist');
// Shorter than the gateway's defaults, so that a hanging server fails a request within a test.
export const E2E_TIMEOUTS: UpstreamTimeouts = { connectMs: 2_000, headersMs: 3_000 };

interface WorkerServers {
  simulator: RunningSimulator;
  gateway: RunningGateway;
}

/** Starts a gateway on a free loopback port for these servers, with the tests' short timeouts. */
export function startTestGateway(
  servers: ServerTarget[],
  { readOnly = false }: { readOnly?: boolean } = {},
): Promise<RunningGateway> {
  return startGateway({
    servers,
    demo: false,
    readOnly,
    host: '127.0.0.1',
    port: 0,
    publicOrigin: null,
    distDir: DIST_DIR,
    timeouts: E2E_TIMEOUTS,
    logger: silentLogger,
  });
}

/** Builds one server entry with the gateway's single-server id. */
export function mainServer(url: string, token = E2E_TOKEN): ServerTarget {
  return { id: 'main', name: null, url, token, readOnly: false };
}

/**
 * Each worker runs its own simulated Plex server and gateway on free loopback ports; each test
 * starts with an idle server, no faults and an empty request log.
 */
export const test = base.extend<{ plex: PlexControl }, { servers: WorkerServers }>({
  servers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern, and this one has none.
    async ({}, use) => {
      const simulator = await startSimulator({ scenario: 'idle', token: E2E_TOKEN });
      const gateway = await startTestGateway([mainServer(simulator.url)]);
      await use({ simulator, gateway });
      await gateway.close();
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ servers }, use) => {
    await use(servers.gateway.url);
  },
  plex: async ({ servers, request }, use) => {
    const plex = new PlexControl(request, servers.simulator.url);
    await plex.reset();
    await use(plex);
  },
});

export { expect };

/** Returns the rows of the running activities, wherever the page shows them. */
export function activityRows(page: Page) {
  return page.getByRole('list', { name: 'Activities' }).getByRole('listitem');
}

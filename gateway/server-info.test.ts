import { afterEach, describe, expect, test } from 'vitest';
import { PMS_VERSION } from '../simulator/server-info.ts';
import { lookUpPlexServer, type PlexServerStatus } from './plex-server-lookup.ts';
import { type RunningGateway, startGateway } from './server.ts';
import { createServerStatusCache } from './server-info.ts';
import {
  findClosedPort,
  sendRequest,
  startWithSimulator,
  testConfig,
  testToken,
} from './test-harness.ts';

let harness: Awaited<ReturnType<typeof startWithSimulator>> | null = null;
let gateway: RunningGateway | null = null;

afterEach(async () => {
  await harness?.close();
  await gateway?.close();
  harness = null;
  gateway = null;
});

async function getServerInfo(baseUrl: string): Promise<unknown> {
  const result = await sendRequest(`${baseUrl}/api/server`);
  expect(result.status).toBe(200);
  return JSON.parse(result.body);
}

describe('GET /api/server', () => {
  test('reports a reachable server', async () => {
    harness = await startWithSimulator();

    expect(await getServerInfo(harness.gateway.url)).toEqual({
      name: 'Plex Simulator (test)',
      version: PMS_VERSION,
      demo: false,
      readOnly: false,
      reachable: true,
      protection: 'none',
    });
  });

  test('reports demo and read-only modes', async () => {
    harness = await startWithSimulator({ demo: true, readOnly: true });

    expect(await getServerInfo(harness.gateway.url)).toEqual({
      name: 'Plex Simulator (test)',
      version: PMS_VERSION,
      demo: true,
      readOnly: true,
      reachable: true,
      protection: 'none',
    });
  });

  test('rejected token leaves the name out', async () => {
    harness = await startWithSimulator();
    await harness.control.setFaults({ unauthorized: true });

    expect(await getServerInfo(harness.gateway.url)).toEqual({
      name: null,
      version: PMS_VERSION,
      demo: false,
      readOnly: false,
      reachable: true,
      protection: 'none',
    });
  });

  test('unreachable server is reported', async () => {
    gateway = await startGateway(testConfig(`http://127.0.0.1:${await findClosedPort()}`));

    expect(await getServerInfo(gateway.url)).toEqual({
      name: null,
      version: null,
      demo: false,
      readOnly: false,
      reachable: false,
      protection: 'none',
    });
  });

  test('successful look-up is reused', async () => {
    harness = await startWithSimulator();

    await getServerInfo(harness.gateway.url);
    await getServerInfo(harness.gateway.url);

    const requests = (await harness.control.state()).requests.map(
      ({ method, path }) => `${method} ${path}`,
    );
    expect(requests).toEqual(['GET /identity', 'GET /']);
  });

  test('failed look-up is repeated', async () => {
    harness = await startWithSimulator();
    await harness.control.setFaults({ unauthorized: true });

    await getServerInfo(harness.gateway.url);
    await getServerInfo(harness.gateway.url);

    const requests = (await harness.control.state()).requests.map(
      ({ method, path }) => `${method} ${path}`,
    );
    expect(requests).toEqual(['GET /identity', 'GET /', 'GET /identity', 'GET /']);
  });
});

describe('lookUpPlexServer', () => {
  const timeouts = { connectMs: 5_000, headersMs: 300 };

  test('problem names a rejected token', async () => {
    harness = await startWithSimulator();
    await harness.control.setFaults({ unauthorized: true });
    const url = new URL(harness.simulator.url).origin;

    const status = await lookUpPlexServer({ url, token: testToken }, timeouts);

    expect(status.problem).toBe(`Plex server at ${url} rejected the token: check PLEX_TOKEN`);
  });

  test('problem names a refused connection', async () => {
    const url = `http://127.0.0.1:${await findClosedPort()}`;

    const status = await lookUpPlexServer({ url, token: testToken }, timeouts);

    expect(status.problem).toBe(`Plex server at ${url} is unreachable: connection refused`);
  });

  test('problem names a timeout', async () => {
    harness = await startWithSimulator();
    await harness.control.setFaults({ hang: true });
    const url = new URL(harness.simulator.url).origin;

    const status = await lookUpPlexServer({ url, token: testToken }, timeouts);

    expect(status).toEqual({
      name: null,
      version: null,
      reachable: false,
      problem: `Plex server at ${url} did not respond within 0.3 s`,
    });
  });
});

describe('createServerStatusCache', () => {
  const found: PlexServerStatus = { name: 'Den', version: '1.2', reachable: true, problem: null };
  const lost: PlexServerStatus = { name: null, version: null, reachable: false, problem: 'down' };

  function setUp(results: PlexServerStatus[]) {
    const clock = { now: 0 };
    const stream: { openedAt: number | null } = { openedAt: null };
    let calls = 0;
    const lookUp = async () => {
      const result = results[Math.min(calls, results.length - 1)] ?? lost;
      calls += 1;
      return result;
    };
    const getStatus = createServerStatusCache(
      lookUp,
      () => clock.now,
      () => stream.openedAt,
    );
    return { clock, stream, getStatus, calls: () => calls };
  }

  test('reuses a success for 60 s', async () => {
    const { clock, getStatus, calls } = setUp([found, found]);

    await getStatus();
    clock.now = 59_999;
    await getStatus();
    const callsWithinMinute = calls();
    clock.now = 60_000;
    await getStatus();

    expect(callsWithinMinute).toBe(1);
    expect(calls()).toBe(2);
  });

  test('reuses a success for 10 min while the stream is open', async () => {
    const { clock, stream, getStatus, calls } = setUp([found]);
    stream.openedAt = 0;

    await getStatus();
    clock.now = 599_999;
    await getStatus();
    const callsWithinTenMinutes = calls();
    clock.now = 600_000;
    await getStatus();

    expect(callsWithinTenMinutes).toBe(1);
    expect(calls()).toBe(2);
  });

  test('looks again once the stream reopens', async () => {
    const { clock, stream, getStatus, calls } = setUp([found]);
    stream.openedAt = 0;
    await getStatus();

    // Plex restarted, perhaps with a new version: the stream closed and opened again.
    stream.openedAt = 120_000;
    clock.now = 120_000;
    await getStatus();

    expect(calls()).toBe(2);
  });

  test('keeps the known name when a look-up fails', async () => {
    const { clock, getStatus } = setUp([found, lost]);

    await getStatus();
    clock.now = 60_000;
    const status = await getStatus();

    expect(status).toEqual({ name: 'Den', version: '1.2', reachable: false, problem: 'down' });
  });

  test('shares one look-up between concurrent calls', async () => {
    const { getStatus, calls } = setUp([found]);

    await Promise.all([getStatus(), getStatus(), getStatus()]);

    expect(calls()).toBe(1);
  });
});

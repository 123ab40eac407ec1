import http, { type ClientRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startSimulator } from '../simulator/server.ts';
import type { GatewayConfig, ServerTarget } from './config.ts';
import { buildPlexHeaders } from './plex-headers.ts';
import { buildGateway, type RunningGateway, startGateway } from './server.ts';
import {
  createSimulatorControl,
  describeResponses,
  findClosedPort,
  type HttpResult,
  type RunningSimulator,
  sendRequest,
  testConfig,
  waitUntil,
} from './test-harness.ts';

type SimulatorControl = ReturnType<typeof createSimulatorControl>;

const tokenA = 'token-for-simulator-a';
const tokenB = 'token-for-simulator-b';
const headersMs = 1_000;

let simulatorA: RunningSimulator;
let simulatorB: RunningSimulator;
let controlA: SimulatorControl;
let controlB: SimulatorControl;
let closedUrl: string;
let gateway: RunningGateway | null = null;
let openStreams: ClientRequest[] = [];
const seen: HttpResult[] = [];

beforeAll(async () => {
  [simulatorA, simulatorB] = await Promise.all([
    startSimulator({
      host: '127.0.0.1',
      port: 0,
      scenario: 'idle',
      token: tokenA,
      serverName: 'Simulator A',
    }),
    startSimulator({
      host: '127.0.0.1',
      port: 0,
      scenario: 'idle',
      token: tokenB,
      serverName: 'Simulator B',
    }),
  ]);
  controlA = createSimulatorControl(simulatorA);
  controlB = createSimulatorControl(simulatorB);
  closedUrl = `http://127.0.0.1:${await findClosedPort()}`;
});

afterAll(async () => {
  await Promise.all([simulatorA.close(), simulatorB.close()]);
});

beforeEach(async () => {
  await Promise.all([controlA.reset(), controlB.reset()]);
  seen.length = 0;
});

afterEach(async () => {
  for (const stream of openStreams) {
    stream.destroy();
  }
  openStreams = [];
  await gateway?.close();
  gateway = null;

  // No response may carry either token, in a header or in the body.
  expect(describeResponses(seen)).not.toContain(tokenA);
  expect(describeResponses(seen)).not.toContain(tokenB);
});

/** Living room and den are two simulators, the attic is down, and a read-only entry reaches the den. */
function fourServers(): ServerTarget[] {
  const origin = (simulator: RunningSimulator) => new URL(simulator.url).origin;
  return [
    {
      id: 'living-room',
      name: 'Living room',
      url: origin(simulatorA),
      token: tokenA,
      readOnly: false,
    },
    { id: 'den', name: null, url: origin(simulatorB), token: tokenB, readOnly: false },
    { id: 'attic', name: null, url: closedUrl, token: 'attic-token', readOnly: false },
    { id: 'den-read-only', name: null, url: origin(simulatorB), token: tokenB, readOnly: true },
  ];
}

async function startFourServerGateway(overrides: Partial<GatewayConfig> = {}) {
  gateway = await startGateway(
    testConfig('unused', {
      servers: fourServers(),
      timeouts: { connectMs: 5_000, headersMs },
      ...overrides,
    }),
  );
  return gateway;
}

async function call(path: string, options: Parameters<typeof sendRequest>[1] = {}) {
  const result = await sendRequest(`${gateway?.url}${path}`, options);
  seen.push(result);
  return result;
}

function cancel(path: string) {
  return call(path, { method: 'DELETE', headers: { origin: gateway?.url ?? '' } });
}

async function requestLog(control: SimulatorControl): Promise<string[]> {
  return (await control.state()).requests.map(({ method, path }) => `${method} ${path}`);
}

/** Opens an event stream through the gateway and collects its text. */
function openEventStream(path: string): Promise<{ status: number; text: () => string }> {
  const { hostname, port } = new URL(gateway?.url ?? '');

  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path, headers: { accept: 'text/event-stream' } });
    openStreams.push(request);
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      response.on('error', () => {});
      resolve({ status: response.statusCode ?? 0, text: () => text });
    });
  });
}

const streamPath = '/:/eventsource/notifications?filters=activity,ping';

describe('several servers in one gateway', () => {
  test('each route reaches its own server', async () => {
    await startFourServerGateway();
    const uuidA = await controlA.addActivity({ type: 'butler', title: 'A', cancellable: true });
    const uuidB = await controlB.addActivity({ type: 'butler', title: 'B', cancellable: true });

    for (const [id, uuid] of [
      ['living-room', uuidA],
      ['den', uuidB],
    ] as const) {
      const identity = await call(`/plex/${id}/identity`);
      const sections = await call(`/plex/${id}/library/sections`);
      const activities = await call(`/plex/${id}/activities`);
      const cancelled = await cancel(`/plex/${id}/activities/${uuid}`);

      expect(identity.status).toBe(200);
      expect(sections.status).toBe(200);
      expect(activities.status).toBe(200);
      expect(activities.body).toContain(uuid);
      expect(cancelled.status).toBe(200);
    }

    const expected = (uuid: string) => [
      'GET /identity',
      'GET /library/sections',
      'GET /activities',
      `DELETE /activities/${uuid}`,
    ];
    expect(await requestLog(controlA)).toEqual(expected(uuidA));
    expect(await requestLog(controlB)).toEqual(expected(uuidB));
  });

  test('each event stream reaches its own server', async () => {
    await startFourServerGateway();

    const streamA = await openEventStream(`/plex/living-room${streamPath}`);
    const streamB = await openEventStream(`/plex/den${streamPath}`);
    await waitUntil('both simulators have a stream', async () => {
      const [stateA, stateB] = await Promise.all([controlA.state(), controlB.state()]);
      return stateA.streams === 1 && stateB.streams === 1;
    });
    await controlA.sendEvent('activity', '{"from":"A"}');
    await controlB.sendEvent('activity', '{"from":"B"}');
    await waitUntil(
      'both events arrive',
      () => streamA.text().includes('"A"') && streamB.text().includes('"B"'),
    );

    expect(streamA.status).toBe(200);
    expect(streamA.text()).toBe('event: activity\ndata: {"from":"A"}\n\n');
    expect(streamB.text()).toBe('event: activity\ndata: {"from":"B"}\n\n');
  });

  test('unknown id gets 404 JSON', async () => {
    await startFourServerGateway();

    const results = [
      await call('/plex/kitchen/identity'),
      await call('/plex/kitchen/library/sections'),
      await call('/plex/kitchen/activities'),
      await cancel('/plex/kitchen/activities/abc'),
      await call(`/plex/kitchen${streamPath}`),
    ];
    const otherPath = await call('/plex/kitchen/status/sessions');

    for (const result of results) {
      expect(result.status).toBe(404);
      expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(result.body)).toEqual({ error: "No server with id 'kitchen'" });
    }
    expect(otherPath.status).toBe(404);
    expect(JSON.parse(otherPath.body)).toEqual({
      error:
        'Not found: /plex/kitchen/status/sessions is not one of the Plex paths this gateway forwards',
    });
    expect(await requestLog(controlA)).toEqual([]);
    expect(await requestLog(controlB)).toEqual([]);
  });

  test('server that is down fails alone', async () => {
    await startFourServerGateway();
    const stream = await openEventStream(`/plex/living-room${streamPath}`);

    const failures = [
      await call('/plex/attic/identity'),
      await call('/plex/attic/library/sections'),
      await call('/plex/attic/activities'),
      await cancel('/plex/attic/activities/abc'),
      await call(`/plex/attic${streamPath}`),
    ];
    const living = await call('/plex/living-room/activities');
    await controlA.sendEvent('activity', '{"still":"flowing"}');
    await waitUntil('the event arrives', () => stream.text().includes('flowing'));

    for (const result of failures) {
      expect(result.status).toBe(502);
      expect(JSON.parse(result.body)).toEqual({
        error: `Plex server at ${closedUrl} is unreachable: connection refused`,
      });
    }
    expect(living.status).toBe(200);
    expect(stream.status).toBe(200);
  });

  test('server list has every server in order', async () => {
    await startFourServerGateway();
    const started = Date.now();

    const result = await call('/api/servers');

    const elapsed = Date.now() - started;
    const entry = { version: expect.any(String), demo: false, protection: 'none' };
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      servers: [
        { id: 'living-room', name: 'Living room', readOnly: false, reachable: true, ...entry },
        { id: 'den', name: 'Simulator B', readOnly: false, reachable: true, ...entry },
        { ...entry, id: 'attic', name: null, version: null, readOnly: false, reachable: false },
        { id: 'den-read-only', name: 'Simulator B', readOnly: true, reachable: true, ...entry },
      ],
    });
    expect(elapsed).toBeLessThan(headersMs);
  });

  test('hanging server delays only its own entry', async () => {
    await startFourServerGateway({ timeouts: { connectMs: 5_000, headersMs: 500 } });
    await controlB.setFaults({ hang: true });
    const started = Date.now();

    const result = await call('/api/servers');

    // Two entries reach the hanging server, so looking them up one after the other would take 1 s.
    const elapsed = Date.now() - started;
    const servers = JSON.parse(result.body).servers as Array<{ id: string; reachable: boolean }>;
    expect(servers.map(({ id, reachable }) => [id, reachable])).toEqual([
      ['living-room', true],
      ['den', false],
      ['attic', false],
      ['den-read-only', false],
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(950);
  });

  test('read-only server rejects only its own cancels', async () => {
    await startFourServerGateway();
    const uuid = await controlB.addActivity({ type: 'butler', title: 'B', cancellable: true });

    const readOnly = await cancel(`/plex/den-read-only/activities/${uuid}`);
    const logAfterReadOnly = await requestLog(controlB);
    const writable = await cancel(`/plex/den/activities/${uuid}`);

    expect(readOnly.status).toBe(403);
    expect(JSON.parse(readOnly.body)).toEqual({ error: "Server 'den-read-only' is read-only" });
    expect(logAfterReadOnly).toEqual([]);
    expect(writable.status).toBe(200);
  });

  test('READ_ONLY covers every server', async () => {
    await startFourServerGateway({ readOnly: true });

    const cancelled = await cancel('/plex/den/activities/abc');
    const list = await call('/api/servers');

    expect(cancelled.status).toBe(403);
    expect(JSON.parse(cancelled.body)).toEqual({ error: 'This dashboard is read-only' });
    const servers = JSON.parse(list.body).servers as Array<{ readOnly: boolean }>;
    expect(servers.map((server) => server.readOnly)).toEqual([true, true, true, true]);
  });

  test('unprefixed routes serve the first server', async () => {
    await startFourServerGateway();

    const activities = await call('/plex/activities');
    const identity = await call('/plex/identity');
    const single = await call('/api/server');
    const list = await call('/api/servers');

    expect(activities.status).toBe(200);
    expect(identity.status).toBe(200);
    expect(await requestLog(controlA)).toEqual(
      expect.arrayContaining(['GET /activities', 'GET /identity']),
    );
    expect(await requestLog(controlB)).not.toContain('GET /activities');
    const { id, ...first } = JSON.parse(list.body).servers[0];
    expect(id).toBe('living-room');
    expect(JSON.parse(single.body)).toEqual(first);
  });

  test('wrong method or path under an id', async () => {
    await startFourServerGateway();

    const post = await call('/plex/den/activities', { method: 'POST' });
    const unknownPath = await call('/plex/den/:/prefs');
    const dotSegments = await call('/plex/den/activities/../identity');

    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect(JSON.parse(post.body)).toEqual({
      error: 'Method POST is not allowed on /plex/den/activities. Use GET',
    });
    expect(unknownPath.status).toBe(404);
    expect(JSON.parse(unknownPath.body)).toEqual({
      error: 'Not found: /plex/den/:/prefs is not one of the Plex paths this gateway forwards',
    });
    expect(dotSegments.status).toBe(400);
    expect(await requestLog(controlB)).toEqual([]);
  });
});

describe('server list in GatewayConfig', () => {
  test('client identifier differs per server URL', () => {
    const [living, den] = fourServers();
    if (living === undefined || den === undefined) {
      throw new Error('fourServers returned fewer than two servers');
    }

    const livingId = buildPlexHeaders(living, 'application/json')['x-plex-client-identifier'];
    const denId = buildPlexHeaders(den, 'application/json')['x-plex-client-identifier'];
    const denAgain = buildPlexHeaders({ ...den, token: 'other' }, 'application/json');

    expect(livingId).not.toBe(denId);
    expect(denAgain['x-plex-client-identifier']).toBe(denId);
  });

  test.each([
    [[], 'GatewayConfig.servers is empty: list at least one Plex server'],
    [
      [{ id: 'den' }, { id: 'den' }],
      'GatewayConfig.servers has the id "den" twice: give each server its own',
    ],
    [
      [{ id: 'Den' }],
      'GatewayConfig.servers has the invalid id "Den": use 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit',
    ],
  ])('rejects servers %j', async (partial, message) => {
    const servers = partial.map((server) => ({
      name: null,
      url: closedUrl,
      token: 'a',
      readOnly: false,
      ...server,
    }));

    await expect(buildGateway(testConfig(closedUrl, { servers }))).rejects.toThrow(message);
  });
});

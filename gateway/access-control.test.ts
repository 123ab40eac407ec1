import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readAccessConfig } from './access-config.ts';
import type { GatewayLogger } from './gateway-log.ts';
import { sendRequest, startWithSimulator, waitUntil } from './test-harness.ts';

interface OpenStream {
  request: ClientRequest;
  response: IncomingMessage;
  text(): string;
}

const password = 'correct horse battery';
const streamPath = '/plex/:/eventsource/notifications?filters=activity';
const protectedPaths = ['/', '/api/server', '/plex/activities', streamPath, '/some/page/route'];
const challenge = 'Basic realm="Plex Activity Monitor", charset="UTF-8"';

let distDir: string;
let harness: Awaited<ReturnType<typeof startWithSimulator>> | null = null;
let openStreams: OpenStream[] = [];
let logLines: string[] = [];

const recordingLogger: GatewayLogger = {
  info: (message) => logLines.push(message),
  warn: (message) => logLines.push(message),
};

beforeAll(async () => {
  distDir = await mkdtemp(path.join(os.tmpdir(), 'gateway-access-'));
  await writeFile(path.join(distDir, 'index.html'), '<!doctype html><title>Dashboard</title>');
});

afterAll(async () => {
  await rm(distDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const stream of openStreams) {
    stream.request.destroy();
  }
  openStreams = [];
  logLines = [];
  await harness?.close();
  harness = null;
});

async function startProtected(env: Record<string, string>) {
  harness = await startWithSimulator({
    access: readAccessConfig(env),
    distDir,
    logger: recordingLogger,
  });
  return harness;
}

function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

function get(url: string, headers: Record<string, string> = {}) {
  return sendRequest(url, { headers });
}

/** Opens the event stream and resolves on the response headers, leaving the body open. */
function openEventStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const { hostname, port, origin } = new URL(url);

  return new Promise((resolve, reject) => {
    const request = http.get({
      hostname,
      port,
      path: url.slice(origin.length),
      headers: { accept: 'text/event-stream', ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      response.on('error', () => {});
      const stream = { request, response, text: () => text };
      openStreams.push(stream);
      resolve(stream);
    });
  });
}

describe('password protection', () => {
  test('no credentials get 401 with a challenge', async () => {
    const { gateway, control } = await startProtected({ DASHBOARD_PASSWORD: password });

    for (const route of protectedPaths) {
      const result = await get(`${gateway.url}${route}`, { accept: 'text/event-stream' });

      expect(result.status, route).toBe(401);
      expect(result.headers['www-authenticate'], route).toBe(challenge);
      expect(result.headers['content-type'], route).toBe('text/plain; charset=utf-8');
      expect(result.headers['x-frame-options'], route).toBe('DENY');
      expect(result.body, route).toBe(
        'Login required: enter the user name and password of this dashboard',
      );
    }
    expect((await control.state()).requests).toEqual([]);
  });

  test('wrong password or user gets 401', async () => {
    const { gateway } = await startProtected({ DASHBOARD_PASSWORD: password });

    for (const authorization of [
      basic('admin', 'wrong'),
      basic('someone', password),
      basic('admin', `${password} `),
      `Bearer ${password}`,
      'Basic not-base64!',
    ]) {
      const result = await get(`${gateway.url}/api/server`, { authorization });

      expect(result.status, authorization).toBe(401);
      expect(result.headers['www-authenticate'], authorization).toBe(challenge);
      expect(result.body, authorization).toBe('Invalid user name or password');
    }
  });

  test('right password opens every route', async () => {
    const { gateway } = await startProtected({ DASHBOARD_PASSWORD: password });
    const authorization = basic('admin', password);

    const page = await get(`${gateway.url}/`, { authorization });
    const info = await get(`${gateway.url}/api/server`, { authorization });
    const activities = await get(`${gateway.url}/plex/activities`, { authorization });

    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Dashboard</title>');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ reachable: true, protection: 'password' });
    expect(activities.status).toBe(200);
    expect(JSON.parse(activities.body)).toHaveProperty('MediaContainer');
  });

  test('scheme case ignored, user case kept', async () => {
    const { gateway } = await startProtected({
      DASHBOARD_PASSWORD: 'pässwört',
      DASHBOARD_USER: 'Zoë',
    });

    const utf8 = await get(`${gateway.url}/api/server`, {
      authorization: basic('Zoë', 'pässwört').replace('Basic', 'basic'),
    });
    const otherCase = await get(`${gateway.url}/api/server`, {
      authorization: basic('zoë', 'pässwört'),
    });

    expect(utf8.status).toBe(200);
    expect(otherCase.status).toBe(401);
  });

  test('stream flows with the right password', async () => {
    const { gateway, control } = await startProtected({ DASHBOARD_PASSWORD: password });

    const stream = await openEventStream(`${gateway.url}${streamPath}`, {
      authorization: basic('admin', password),
    });
    await waitUntil(
      'the simulator has one stream',
      async () => (await control.state()).streams === 1,
    );
    await control.sendEvent('activity', '{"ActivityNotification":{"uuid":"A"}}');
    await waitUntil('the event arrives', () => stream.text().includes('"uuid":"A"'));

    expect(stream.response.statusCode).toBe(200);
    expect(stream.text()).toBe('event: activity\ndata: {"ActivityNotification":{"uuid":"A"}}\n\n');
  });

  test('repeated failures get 429', async () => {
    const { gateway } = await startProtected({ DASHBOARD_PASSWORD: password });
    const url = `${gateway.url}/api/server`;

    const failures = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      failures.push((await get(url, { authorization: basic('admin', `guess ${attempt}`) })).status);
    }
    const blockedGuess = await get(url, { authorization: basic('admin', 'guess 10') });
    const blockedRight = await get(url, { authorization: basic('admin', password) });

    expect(failures).toEqual(Array(10).fill(401));
    expect(blockedGuess.status).toBe(429);
    expect(Number(blockedGuess.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(blockedGuess.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blockedGuess.body).toMatch(
      /^Too many failed logins from this address: try again in \d+ s$/,
    );
    expect(blockedRight.status).toBe(429);
    expect(logLines).toEqual([
      'Too many failed logins from 127.0.0.1: answering 429 to it for up to a minute',
    ]);
  });

  test('requests without credentials are not failures', async () => {
    const { gateway } = await startProtected({ DASHBOARD_PASSWORD: password });
    const url = `${gateway.url}/api/server`;

    const statuses = [];
    for (let attempt = 0; attempt < 15; attempt += 1) {
      statuses.push((await get(url)).status);
    }
    const afterwards = await get(url, { authorization: basic('admin', password) });

    expect(statuses).toEqual(Array(15).fill(401));
    expect(afterwards.status).toBe(200);
  });
});

describe('trusted proxy header', () => {
  test('header from loopback is accepted', async () => {
    const { gateway } = await startProtected({ TRUSTED_AUTH_HEADER: 'Remote-User' });

    const info = await get(`${gateway.url}/api/server`, { 'remote-user': 'alice' });
    const stream = await openEventStream(`${gateway.url}${streamPath}`, { 'Remote-User': 'alice' });

    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ protection: 'proxy-header' });
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream');
  });

  test('missing or empty header gets 401', async () => {
    const { gateway } = await startProtected({ TRUSTED_AUTH_HEADER: 'Remote-User' });

    const headerSets: Record<string, string>[] = [
      {},
      { 'remote-user': '  ' },
      { 'x-remote-user': 'alice' },
    ];
    for (const headers of headerSets) {
      for (const route of protectedPaths) {
        const result = await get(`${gateway.url}${route}`, headers);

        expect(result.status, route).toBe(401);
        expect(result.headers['www-authenticate'], route).toBeUndefined();
        expect(result.body, route).toBe(
          'Login required: the login proxy sent no Remote-User header. Sign in through the proxy',
        );
      }
    }
  });

  test('untrusted address is rejected even with the header', async () => {
    // Only a configuration value: the loopback request does not come from it.
    const { gateway, control } = await startProtected({
      TRUSTED_AUTH_HEADER: 'Remote-User',
      TRUSTED_PROXIES: '10.0.0.1',
    });

    const result = await get(`${gateway.url}/plex/activities`, {
      'remote-user': 'alice',
      'x-forwarded-for': '10.0.0.1',
      forwarded: 'for=10.0.0.1',
    });

    expect(result.status).toBe(401);
    expect(result.body).toBe(
      'Rejected: this dashboard accepts requests only through its login proxy',
    );
    expect((await control.state()).requests).toEqual([]);
    expect(logLines).toEqual([
      "Rejected a request from 127.0.0.1: it is not in TRUSTED_PROXIES. Reach the dashboard through the proxy, or add the proxy's address",
    ]);
  });
});

describe('password and proxy header together', () => {
  test('each alone is not enough', async () => {
    const { gateway } = await startProtected({
      DASHBOARD_PASSWORD: password,
      TRUSTED_AUTH_HEADER: 'Remote-User',
    });
    const url = `${gateway.url}/api/server`;

    const headerOnly = await get(url, { 'remote-user': 'alice' });
    const passwordOnly = await get(url, { authorization: basic('admin', password) });
    const both = await get(url, {
      'remote-user': 'alice',
      authorization: basic('admin', password),
    });

    expect(headerOnly.status).toBe(401);
    expect(headerOnly.headers['www-authenticate']).toBe(challenge);
    expect(passwordOnly.status).toBe(401);
    expect(passwordOnly.headers['www-authenticate']).toBeUndefined();
    expect(both.status).toBe(200);
    expect(JSON.parse(both.body)).toMatchObject({ protection: 'password+proxy-header' });
  });

  test('untrusted address fails before the password', async () => {
    const { gateway } = await startProtected({
      DASHBOARD_PASSWORD: password,
      TRUSTED_AUTH_HEADER: 'Remote-User',
      TRUSTED_PROXIES: '10.0.0.1',
    });

    const result = await get(`${gateway.url}/api/server`, {
      'remote-user': 'alice',
      authorization: basic('admin', password),
    });

    expect(result.status).toBe(401);
    expect(result.headers['www-authenticate']).toBeUndefined();
  });
});

test('password reaches no response or log', async () => {
  const { gateway } = await startProtected({ DASHBOARD_PASSWORD: password });
  const authorization = basic('admin', password);

  const results = [
    await get(`${gateway.url}/api/server`, { authorization }),
    await get(`${gateway.url}/plex/activities`, { authorization }),
    ...(await Promise.all(
      Array.from({ length: 11 }, () =>
        get(`${gateway.url}/plex/identity`, { authorization: 'Basic eDp5' }),
      ),
    )),
  ];

  const everything = `${JSON.stringify(results)}\n${logLines.join('\n')}`;
  expect(results.at(-1)?.status).toBe(429);
  expect(logLines).toHaveLength(1);
  expect(everything).not.toContain(password);
  expect(everything).not.toContain(authorization.slice('Basic '.length));
});

import os from 'node:os';
import { afterEach, expect, test } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { type RunningGateway, startGateway } from './server.ts';
import { sendRequest, startRecordingUpstream, testConfig, testToken } from './test-harness.ts';

type Upstream = Awaited<ReturnType<typeof startRecordingUpstream>>;

let upstream: Upstream | null = null;
let gateway: RunningGateway | null = null;

afterEach(async () => {
  await gateway?.close();
  await upstream?.close();
  gateway = null;
  upstream = null;
});

async function startPair(respond: Parameters<typeof startRecordingUpstream>[0]) {
  upstream = await startRecordingUpstream(respond);
  gateway = await startGateway(testConfig(upstream.url));
  return { upstream, gateway };
}

test('only gateway-built headers reach Plex', async () => {
  const { upstream, gateway } = await startPair((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"MediaContainer":{"size":0}}');
  });

  const result = await sendRequest(`${gateway.url}/plex/activities`, {
    headers: {
      accept: 'application/json',
      'accept-encoding': 'gzip, br',
      cookie: 'session=browser-cookie',
      authorization: 'Bearer browser-secret',
      origin: gateway.url,
      referer: `${gateway.url}/`,
      'x-plex-token': 'browser-token',
      'x-plex-client-identifier': 'browser-client',
      'x-forwarded-for': '203.0.113.7',
    },
  });

  expect(result.status).toBe(200);
  expect(upstream.requests).toHaveLength(1);
  const { method, url, headers } = upstream.requests[0] ?? { method: '', url: '', headers: {} };
  expect(method).toBe('GET');
  expect(url).toBe('/activities');
  expect(headers).toEqual({
    host: new URL(upstream.url).host,
    connection: 'keep-alive',
    accept: 'application/json',
    'x-plex-token': testToken,
    'x-plex-client-identifier': expect.stringMatching(/^[0-9a-f]{32}$/),
    'x-plex-product': 'Plex Activity Monitor',
    'x-plex-version': packageJson.version,
    'x-plex-platform': 'Node',
    'x-plex-device-name': `Plex Activity Monitor on ${os.hostname()}`,
  });
});

test('client identifier is stable across restarts', async () => {
  const first = await startPair((_request, response) => response.end('{}'));
  await sendRequest(`${first.gateway.url}/plex/identity`);
  await first.gateway.close();

  gateway = await startGateway(testConfig(first.upstream.url));
  await sendRequest(`${gateway.url}/plex/identity`);

  const identifiers = first.upstream.requests.map(
    (request) => request.headers['x-plex-client-identifier'],
  );
  expect(identifiers).toHaveLength(2);
  expect(identifiers[0]).toBe(identifiers[1]);
});

test('cookies, CORS headers and the token are stripped from responses', async () => {
  const { gateway } = await startPair((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': 'plex=session; HttpOnly',
      'access-control-allow-origin': 'https://app.plex.tv',
      'access-control-allow-credentials': 'true',
      'x-echo': `token ${testToken}`,
      'x-plex-protocol': '1.0',
    });
    response.end(
      `{"thumb":"/library/metadata/1/thumb?X-Plex-Token=${testToken}","other":"${testToken}"}\n`,
    );
  });

  const result = await sendRequest(`${gateway.url}/plex/library/sections`);

  expect(result.status).toBe(200);
  expect(result.headers['set-cookie']).toBeUndefined();
  expect(result.headers['access-control-allow-origin']).toBeUndefined();
  expect(result.headers['access-control-allow-credentials']).toBeUndefined();
  expect(result.headers['x-echo']).toBeUndefined();
  expect(result.headers['x-plex-protocol']).toBe('1.0');
  expect(result.body).toBe(
    '{"thumb":"/library/metadata/1/thumb?X-Plex-Token=[redacted]","other":"[redacted]"}\n',
  );
});

test('security headers override Plex headers', async () => {
  const { gateway } = await startPair((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'x-frame-options': 'ALLOWALL' });
    response.end('{}');
  });

  const result = await sendRequest(`${gateway.url}/plex/identity`);

  expect(result.headers['x-frame-options']).toBe('DENY');
  expect(result.headers['x-content-type-options']).toBe('nosniff');
  expect(result.headers['referrer-policy']).toBe('no-referrer');
  expect(result.headers['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
      "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
});

test('a Plex 503 is passed through, not retried', async () => {
  const { upstream, gateway } = await startPair((_request, response) => {
    response.writeHead(503, { 'content-type': 'text/html' });
    response.end('<html><body>Maintenance</body></html>');
  });

  const result = await sendRequest(`${gateway.url}/plex/activities`);

  expect(result.status).toBe(503);
  expect(result.body).toBe('<html><body>Maintenance</body></html>');
  expect(upstream.requests).toHaveLength(1);
});

import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startWithSimulator, testToken, waitUntil } from './test-harness.ts';

type Harness = Awaited<ReturnType<typeof startWithSimulator>>;

interface OpenStream {
  request: ClientRequest;
  response: IncomingMessage;
  /** Each chunk as it arrived, decoded as UTF-8. */
  chunks: string[];
  text(): string;
}

const streamPath = '/plex/:/eventsource/notifications?filters=activity,ping';

let harness: Harness;
let openStreams: OpenStream[] = [];

beforeEach(async () => {
  harness = await startWithSimulator();
});

afterEach(async () => {
  for (const stream of openStreams) {
    stream.request.destroy();
  }
  openStreams = [];
  await harness.close();
});

function openEventStream(url: string): Promise<OpenStream> {
  const { hostname, port, origin } = new URL(url);

  return new Promise((resolve, reject) => {
    const request = http.get({
      hostname,
      port,
      path: url.slice(origin.length),
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: string[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
      response.on('error', () => {});
      const stream = { request, response, chunks, text: () => chunks.join('') };
      openStreams.push(stream);
      resolve(stream);
    });
  });
}

test('events arrive one by one while the stream stays open', async () => {
  const stream = await openEventStream(`${harness.gateway.url}${streamPath}`);
  await waitUntil(
    'the simulator has one stream',
    async () => (await harness.control.state()).streams === 1,
  );

  await harness.control.sendEvent(
    'activity',
    '{"ActivityNotification":{"event":"started","uuid":"A"}}',
  );
  await waitUntil('the first event arrives', () => stream.text().includes('"uuid":"A"'));

  expect(stream.text()).toBe(
    'event: activity\ndata: {"ActivityNotification":{"event":"started","uuid":"A"}}\n\n',
  );
  expect(stream.response.complete).toBe(false);

  await harness.control.sendEvent(
    'activity',
    '{"ActivityNotification":{"event":"ended","uuid":"A"}}',
  );
  await waitUntil('the second event arrives', () => stream.text().includes('"ended"'));

  expect(stream.chunks.filter((chunk) => chunk.startsWith('event: '))).toHaveLength(2);
  expect(stream.response.complete).toBe(false);
  expect(stream.text()).not.toContain(testToken);
});

test('stream headers allow no buffering or compression', async () => {
  const stream = await openEventStream(`${harness.gateway.url}${streamPath}`);

  const headers = stream.response.headers;
  expect(stream.response.statusCode).toBe(200);
  expect(headers['content-type']).toBe('text/event-stream');
  expect(headers['content-encoding']).toBeUndefined();
  expect(headers['content-length']).toBeUndefined();
  expect(headers['cache-control']).toBe('no-cache');
  expect(headers['x-accel-buffering']).toBe('no');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
});

test('filters are forwarded to Plex', async () => {
  await openEventStream(`${harness.gateway.url}${streamPath}`);
  await openEventStream(`${harness.gateway.url}/plex/:/eventsource/notifications`);
  await waitUntil(
    'the simulator has two streams',
    async () => (await harness.control.state()).streams === 2,
  );

  // The shared stream also lists the activities once, so only the stream requests are compared.
  const paths = (await harness.control.state()).requests
    .map((request) => request.path)
    .filter((path) => path.startsWith('/:/eventsource/'));
  expect(paths).toEqual([
    '/:/eventsource/notifications?filters=activity,ping',
    '/:/eventsource/notifications',
  ]);
});

test('browser disconnect closes the Plex stream', async () => {
  const stream = await openEventStream(`${harness.gateway.url}${streamPath}`);
  await waitUntil(
    'the simulator has one stream',
    async () => (await harness.control.state()).streams === 1,
  );

  stream.request.destroy();

  await waitUntil(
    'the simulator has no stream',
    async () => (await harness.control.state()).streams === 0,
  );
  expect((await harness.control.state()).streams).toBe(0);
});

test('a stream outlives the request timeouts', async () => {
  await harness.close();
  harness = await startWithSimulator({ timeouts: { connectMs: 5_000, headersMs: 200 } });
  const stream = await openEventStream(`${harness.gateway.url}${streamPath}`);

  // Quiet for three times the header timeout, then an event must still get through.
  await new Promise((resolve) => setTimeout(resolve, 600));
  await harness.control.sendEvent('activity', '{"late":true}');
  await waitUntil('the late event arrives', () => stream.text().includes('"late"'));

  expect(stream.text()).toBe('event: activity\ndata: {"late":true}\n\n');
});

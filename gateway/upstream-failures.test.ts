import { afterEach, expect, test } from 'vitest';
import { type RunningGateway, startGateway } from './server.ts';
import { findClosedPort, sendRequest, startWithSimulator, testConfig } from './test-harness.ts';

let gateway: RunningGateway | null = null;
let harness: Awaited<ReturnType<typeof startWithSimulator>> | null = null;

afterEach(async () => {
  await gateway?.close();
  await harness?.close();
  gateway = null;
  harness = null;
});

test('refused connection gives 502 with the reason', async () => {
  const port = await findClosedPort();
  const plexUrl = `http://127.0.0.1:${port}`;
  gateway = await startGateway(testConfig(plexUrl));

  const list = await sendRequest(`${gateway.url}/plex/activities`);
  const stream = await sendRequest(
    `${gateway.url}/plex/:/eventsource/notifications?filters=activity,ping`,
  );

  for (const result of [list, stream]) {
    expect(result.status).toBe(502);
    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(result.body)).toEqual({
      error: `Plex server at ${plexUrl} is unreachable: connection refused`,
    });
  }
});

test('hanging Plex gives 504 after the header timeout', async () => {
  harness = await startWithSimulator({ timeouts: { connectMs: 5_000, headersMs: 300 } });
  await harness.control.setFaults({ hang: true });
  const started = Date.now();

  const result = await sendRequest(`${harness.gateway.url}/plex/activities`);

  const elapsed = Date.now() - started;
  expect(result.status).toBe(504);
  expect(JSON.parse(result.body)).toEqual({
    error: `Plex server at ${new URL(harness.simulator.url).origin} did not respond within 0.3 s`,
  });
  expect(elapsed).toBeGreaterThanOrEqual(290);
  expect(elapsed).toBeLessThan(3_000);
});

test('hanging Plex stream gives 504 too', async () => {
  harness = await startWithSimulator({ timeouts: { connectMs: 5_000, headersMs: 300 } });
  await harness.control.setFaults({ hang: true });

  const result = await sendRequest(
    `${harness.gateway.url}/plex/:/eventsource/notifications?filters=activity,ping`,
  );

  expect(result.status).toBe(504);
});

test('hanging cancel gives 504 and is sent once', async () => {
  harness = await startWithSimulator({ timeouts: { connectMs: 5_000, headersMs: 300 } });
  await harness.control.setFaults({ hang: true });

  const result = await sendRequest(`${harness.gateway.url}/plex/activities/abc-123`, {
    method: 'DELETE',
  });

  expect(result.status).toBe(504);
  const requests = (await harness.control.state()).requests.map((request) => request.path);
  expect(requests).toEqual(['/activities/abc-123']);
});

import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startSimulator } from '../simulator/server.ts';
import { type RunningGateway, startGateway } from './server.ts';
import { openTestEventStream, type TestEventStream } from './stream-test-client.ts';
import {
  createSimulatorControl,
  type RunningSimulator,
  sendRequest,
  testConfig,
  waitUntil,
} from './test-harness.ts';

const tokens = { living: 'token-for-living-room', den: 'token-for-den' };

let living: RunningSimulator;
let den: RunningSimulator;
let gateway: RunningGateway;
let streams: TestEventStream[] = [];

beforeAll(async () => {
  [living, den] = await Promise.all([
    startSimulator({ host: '127.0.0.1', port: 0, scenario: 'idle', token: tokens.living }),
    startSimulator({ host: '127.0.0.1', port: 0, scenario: 'idle', token: tokens.den }),
  ]);
  gateway = await startGateway(
    testConfig('unused', {
      servers: [
        {
          id: 'living',
          name: null,
          url: new URL(living.url).origin,
          token: tokens.living,
          readOnly: false,
        },
        { id: 'den', name: null, url: new URL(den.url).origin, token: tokens.den, readOnly: false },
      ],
    }),
  );
});

afterEach(() => {
  for (const stream of streams) {
    stream.close();
  }
  streams = [];
});

afterAll(async () => {
  await gateway.close();
  await Promise.all([living.close(), den.close()]);
});

async function openStream(id: string): Promise<TestEventStream> {
  const url = `${gateway.url}/plex/${id}/:/eventsource/notifications?filters=activity,ping`;
  const stream = await openTestEventStream(url);
  streams.push(stream);
  return stream;
}

async function listingCount(simulator: RunningSimulator): Promise<number> {
  const { requests } = await createSimulatorControl(simulator).state();
  return requests.filter((entry) => entry.path === '/activities').length;
}

test('two servers share separately', async () => {
  const livingControl = createSimulatorControl(living);
  const denControl = createSimulatorControl(den);
  const livingStreams = [await openStream('living'), await openStream('living')];
  const denStreams = [await openStream('den'), await openStream('den')];
  await waitUntil('each server has one stream and one listing', async () => {
    const counts = await Promise.all([listingCount(living), listingCount(den)]);
    const [livingState, denState] = await Promise.all([livingControl.state(), denControl.state()]);
    return (
      counts.every((count) => count === 1) && livingState.streams === 1 && denState.streams === 1
    );
  });
  const denUuid = await denControl.addActivity({ type: 'butler', title: 'Den work' });
  await waitUntil('the den mirror has its activity', async () =>
    (await sendRequest(`${gateway.url}/plex/den/activities`)).body.includes(denUuid),
  );

  await livingControl.sendEvent('activity', '{"from":"living"}');
  await livingControl.dropStreams();
  await Promise.all(livingStreams.map((stream) => stream.ended));
  const denList = await sendRequest(`${gateway.url}/plex/den/activities`);
  const livingList = await sendRequest(`${gateway.url}/plex/living/activities`);

  for (const stream of livingStreams) {
    expect(stream.text()).toBe('event: activity\ndata: {"from":"living"}\n\n');
  }
  for (const stream of denStreams) {
    expect(stream.response.complete).toBe(false);
    expect(stream.text()).toContain(denUuid);
    expect(stream.text()).not.toContain('living');
  }
  expect(JSON.parse(denList.body).MediaContainer.size).toBe(1);
  expect(JSON.parse(livingList.body)).toEqual({ MediaContainer: { size: 0 } });
  expect(await listingCount(den)).toBe(1);
  expect(await listingCount(living)).toBe(2);
  expect((await denControl.state()).streams).toBe(1);
});

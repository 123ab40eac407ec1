import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { defaultSharingTimings } from './sharing-timings.ts';
import { openTestEventStream, type TestEventStream } from './stream-test-client.ts';
import {
  sendRequest,
  startWithSimulator,
  testSharingTimings,
  testToken,
  waitUntil,
} from './test-harness.ts';

type Harness = Awaited<ReturnType<typeof startWithSimulator>>;

const streamPath = '/plex/:/eventsource/notifications?filters=activity,ping';
const unauthorizedPage =
  '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>';

let harness: Harness;
let streams: TestEventStream[] = [];
const warnings: string[] = [];

beforeEach(async () => {
  warnings.length = 0;
  harness = await startWithSimulator({
    logger: { info: () => {}, warn: (message) => warnings.push(message) },
  });
});

afterEach(async () => {
  for (const stream of streams) {
    stream.close();
  }
  streams = [];
  await harness.close();
});

async function openStream(path = streamPath): Promise<TestEventStream> {
  const stream = await openTestEventStream(`${harness.gateway.url}${path}`);
  streams.push(stream);
  return stream;
}

async function openLiveStream(): Promise<TestEventStream> {
  const stream = await openStream();
  await waitForFirstListing();
  return stream;
}

/** Waits until the shared stream is open and its first listing has been requested. */
async function waitForFirstListing(): Promise<void> {
  await waitUntil('the first listing is requested', async () => (await listingCount()) >= 1);
}

async function listingCount(): Promise<number> {
  const { requests } = await harness.control.state();
  return requests.filter((entry) => entry.method === 'GET' && entry.path === '/activities').length;
}

function listActivities(accept = 'application/json') {
  return sendRequest(`${harness.gateway.url}/plex/activities`, { headers: { accept } });
}

/** Plex's own `GET /activities` response, straight from the simulator. */
async function listFromSimulator(accept = 'application/json') {
  return sendRequest(`${harness.simulator.url}/activities`, {
    headers: { accept, 'x-plex-token': testToken },
  });
}

test('ten browser streams share one Plex stream', async () => {
  const opened = await Promise.all(Array.from({ length: 10 }, () => openStream()));
  await waitUntil(
    'the simulator has a stream',
    async () => (await harness.control.state()).streams === 1,
  );

  await harness.control.sendEvent(
    'activity',
    '{"ActivityNotification":{"event":"ended","uuid":"A"}}',
  );
  await harness.control.sendEvent('ping', '{}');
  await waitUntil('every client has both events', () =>
    opened.every((stream) => stream.text().includes('event: ping')),
  );

  const expected =
    'event: activity\ndata: {"ActivityNotification":{"event":"ended","uuid":"A"}}\n\n' +
    'event: ping\ndata: {}\n\n';
  for (const stream of opened) {
    expect(stream.status).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream');
    expect(stream.response.headers['cache-control']).toBe('no-cache');
    expect(stream.response.headers['x-accel-buffering']).toBe('no');
    expect(stream.response.headers['content-encoding']).toBeUndefined();
    expect(stream.text()).toBe(expected);
  }
  const state = await harness.control.state();
  expect(state.streams).toBe(1);
  expect(state.requests.filter((entry) => entry.path.startsWith('/:/eventsource/'))).toHaveLength(
    1,
  );
});

test('a late client gets no earlier events', async () => {
  const first = await openLiveStream();
  await harness.control.sendEvent('activity', '{"before":true}');
  await waitUntil('the first client has the event', () => first.text().includes('before'));

  const late = await openStream();
  await harness.control.sendEvent('activity', '{"after":true}');
  await waitUntil('the late client has the event', () => late.text().includes('after'));

  expect(late.text()).toBe('event: activity\ndata: {"after":true}\n\n');
  expect((await harness.control.state()).streams).toBe(1);
});

test('ten concurrent listings cost one Plex request', async () => {
  await harness.control.addActivity({ type: 'butler', title: 'Optimizing' });
  await openStream();

  const answers = await Promise.all(Array.from({ length: 10 }, () => listActivities()));
  const again = await Promise.all(Array.from({ length: 10 }, () => listActivities()));

  const plex = await listFromSimulator();
  for (const answer of [...answers, ...again]) {
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toEqual(JSON.parse(plex.body));
  }
  // The simulator logs the request of `listFromSimulator` too.
  expect(await listingCount()).toBe(2);
});

test('mirror is refreshed at most once per maximum age', async () => {
  await harness.close();
  harness = await startWithSimulator({
    sharing: { ...testSharingTimings, listingMaxAgeMs: 400 },
  });
  await openLiveStream();
  const started = Date.now();

  // Ten requests at once every 100 ms for 1.2 s.
  for (let round = 0; round < 12; round += 1) {
    const answers = await Promise.all(Array.from({ length: 10 }, () => listActivities()));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const elapsed = Date.now() - started;
  const count = await listingCount();
  expect(count).toBeGreaterThanOrEqual(2);
  expect(count).toBeLessThanOrEqual(1 + Math.ceil(elapsed / 400));
});

test('default maximum age is one minute', () => {
  expect(defaultSharingTimings.listingMaxAgeMs).toBe(60_000);
  expect(defaultSharingTimings.closeGraceMs).toBe(5_000);
});

test('mirror follows started, late Context, updated and ended', async () => {
  await openLiveStream();
  const uuid = await harness.control.addActivity({
    type: 'library.update.section',
    title: 'Scanning Movies',
  });
  await harness.control.updateActivity(uuid, { Context: { librarySectionID: '1' } });
  await harness.control.updateActivity(uuid, { progress: 40, subtitle: 'Example Movie' });
  const other = await harness.control.addActivity({ type: 'butler', title: 'Optimizing' });
  const third = await harness.control.addActivity({ type: 'media.download', progress: 5 });
  await harness.control.endActivity(other);
  await waitUntil('the mirror has the last change', async () => {
    const body = (await listActivities()).body;
    return body.includes(third) && !body.includes(other);
  });

  const mirrored = await listActivities();
  const listingsBefore = await listingCount();
  const plex = await listFromSimulator();

  expect(listingsBefore).toBe(1);
  expect(JSON.parse(mirrored.body)).toEqual(JSON.parse(plex.body));
  expect(
    JSON.parse(mirrored.body).MediaContainer.Activity.map((a: { uuid: string }) => a.uuid),
  ).toEqual([uuid, third]);
});

test('mirror merges Context key by key and accepts both shapes', async () => {
  await openLiveStream();
  const notification = (event: string, activity: Record<string, unknown>) =>
    JSON.stringify({ ActivityNotification: { event, uuid: activity.uuid, Activity: activity } });

  await harness.control.sendEvent(
    'activity',
    notification('started', { uuid: 'S', type: 'library.update.section', Context: { key: '/k' } }),
  );
  await harness.control.sendEvent(
    'activity',
    notification('updated', { uuid: 'S', progress: 10, Context: { librarySectionID: 2 } }),
  );
  await harness.control.sendEvent(
    'activity',
    JSON.stringify({
      NotificationContainer: {
        type: 'activity',
        size: 1,
        ActivityNotification: [
          { event: 'started', uuid: 'W', Activity: { uuid: 'W', title: 'From a container' } },
        ],
      },
    }),
  );
  await harness.control.sendEvent('activity', 'this is not JSON');
  await harness.control.sendEvent('activity', '{"ActivityNotification":{"event":"updated"}}');
  await waitUntil('the mirror has W', async () => (await listActivities()).body.includes('"W"'));

  const body = JSON.parse((await listActivities()).body);
  expect(body).toEqual({
    MediaContainer: {
      size: 2,
      Activity: [
        {
          uuid: 'S',
          type: 'library.update.section',
          progress: 10,
          Context: { key: '/k', librarySectionID: 2 },
        },
        { uuid: 'W', title: 'From a container' },
      ],
    },
  });
  expect(warnings.filter((line) => line.includes('malformed activity message'))).toEqual([
    "Ignored 1 malformed activity message(s) from server 'main'; the shared activity list may miss their changes until the next full listing",
  ]);
});

test('upstream drop ends every browser stream and the mirror', async () => {
  const opened = [await openLiveStream(), await openStream(), await openStream()];
  const uuid = await harness.control.addActivity({ type: 'butler', title: 'Optimizing' });
  await waitUntil('the mirror has the activity', async () =>
    (await listActivities()).body.includes(uuid),
  );

  await harness.control.dropStreams();
  await Promise.all(opened.map((stream) => stream.ended));
  // Removed without an event, so only a new listing from Plex can show it is gone.
  await harness.control.forgetActivity(uuid);
  const before = await listingCount();
  const after = await listActivities();

  expect(opened.every((stream) => stream.response.complete)).toBe(true);
  expect(JSON.parse(after.body)).toEqual({ MediaContainer: { size: 0 } });
  expect(await listingCount()).toBe(before + 1);

  const reopened = await openStream();
  await waitUntil(
    'a new Plex stream opens',
    async () => (await harness.control.state()).streams === 1,
  );
  expect(reopened.status).toBe(200);
});

test('401 from Plex reaches a new browser stream', async () => {
  await harness.control.setFaults({ unauthorized: true });

  const stream = await openStream();
  await stream.ended;

  expect(stream.status).toBe(401);
  expect(stream.response.headers['content-type']).toBe('text/html');
  expect(stream.text()).toBe(unauthorizedPage);
  expect((await harness.control.state()).streams).toBe(0);
});

test('401 on any request stops the mirror', async () => {
  await openLiveStream();
  await harness.control.setFaults({ unauthorized: true });

  const sections = await sendRequest(`${harness.gateway.url}/plex/library/sections`);
  const activities = await listActivities();

  expect(sections.status).toBe(401);
  expect(activities.status).toBe(401);
  expect(activities.body).toBe(unauthorizedPage);
});

test('Plex stream closes after the grace period', async () => {
  await harness.close();
  harness = await startWithSimulator({ sharing: { ...testSharingTimings, closeGraceMs: 400 } });
  const first = await openLiveStream();

  first.close();
  await new Promise((resolve) => setTimeout(resolve, 150));
  const reload = await openStream();
  const stateDuringReload = await harness.control.state();
  reload.close();
  const leftAt = Date.now();
  await waitUntil(
    'the simulator has no stream',
    async () => (await harness.control.state()).streams === 0,
  );

  expect(stateDuringReload.streams).toBe(1);
  expect(
    stateDuringReload.requests.filter((entry) => entry.path.startsWith('/:/eventsource/')),
  ).toHaveLength(1);
  expect(Date.now() - leftAt).toBeGreaterThanOrEqual(350);
});

test('XML-only server answers are forwarded unchanged', async () => {
  await harness.control.setFormat('xml');
  await harness.control.addActivity({ type: 'butler', title: 'Optimizing' });
  await openLiveStream();

  const first = await listActivities();
  const second = await listActivities();
  const plex = await listFromSimulator();

  for (const answer of [first, second]) {
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(answer.body).toBe(plex.body);
  }
  // The first listing at stream open, the two forwarded requests and the simulator's own.
  expect(await listingCount()).toBe(4);
});

test('stream filters decide sharing', async () => {
  const activityOnly = await openStream('/plex/:/eventsource/notifications?filters=activity');
  const shared = await openLiveStream();
  const playing = await openStream('/plex/:/eventsource/notifications?filters=playing');
  await waitUntil(
    'the simulator has two streams',
    async () => (await harness.control.state()).streams === 2,
  );

  await harness.control.sendEvent('ping', '{}');
  await harness.control.sendEvent('activity', '{"n":1}');
  await waitUntil(
    'both shared clients have the activity',
    () => activityOnly.text().includes('"n"') && shared.text().includes('"n"'),
  );

  expect(activityOnly.text()).toBe('event: activity\ndata: {"n":1}\n\n');
  expect(shared.text()).toBe('event: ping\ndata: {}\n\nevent: activity\ndata: {"n":1}\n\n');
  expect(playing.status).toBe(200);
  expect(playing.text()).toBe('');
});

test('default maximum age holds for a minute', async () => {
  await harness.close();
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    harness = await startWithSimulator({ sharing: defaultSharingTimings });
    await openLiveStream();
    await listActivities();
    const first = await listingCount();

    vi.setSystemTime(Date.now() + 59_000);
    await Promise.all(Array.from({ length: 10 }, () => listActivities()));
    const within = await listingCount();
    vi.setSystemTime(Date.now() + 2_000);
    await Promise.all(Array.from({ length: 10 }, () => listActivities()));
    const after = await listingCount();

    expect(first).toBe(1);
    expect(within).toBe(1);
    expect(after).toBe(2);
  } finally {
    vi.useRealTimers();
  }
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../server.ts';
import {
  control,
  openRawStream,
  plexFetch,
  type RawStream,
  startActivity,
  startTestSimulator,
  waitFor,
} from './helpers.ts';

const PING_INTERVAL_MS = 100;

let simulator: RunningSimulator;
const openStreams: RawStream[] = [];

beforeAll(async () => {
  simulator = await startTestSimulator({ pingIntervalMs: PING_INTERVAL_MS });
});

afterEach(async () => {
  for (const stream of openStreams.splice(0)) {
    stream.close();
  }
  await control(simulator, 'POST', 'reset');
});

afterAll(async () => {
  await simulator.close();
});

async function open(query = ''): Promise<RawStream> {
  const stream = await openRawStream(simulator, query);
  openStreams.push(stream);
  return stream;
}

async function sendEvent(event: string, data: string): Promise<void> {
  await control(simulator, 'POST', 'events', { event, data });
}

describe('notification stream', () => {
  it('answers with event-stream headers', async () => {
    const stream = await open();

    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    expect(stream.headers['cache-control']).toBe('no-cache');
    expect(stream.headers.connection).toBe('keep-alive');
    expect(stream.headers['x-plex-protocol']).toBe('1.0');
    expect(stream.headers['content-encoding']).toBeUndefined();
  });

  it('frames an activity event as event and data lines', async () => {
    const stream = await open('?filters=activity');

    const uuid = await startActivity(simulator, {
      uuid: 'eb6c1e4b-9e1c-4052-9add-7b8fa3c5fc9d',
      type: 'library.update.section',
      title: 'Scanning Movies',
    });
    await waitFor(() => (stream.text.length > 0 ? true : undefined));

    expect(stream.text).toBe(
      `event: activity\ndata: {"ActivityNotification":{"event":"started","uuid":"${uuid}","Activity":{"uuid":"${uuid}","type":"library.update.section","cancellable":false,"userID":1,"title":"Scanning Movies","subtitle":"","progress":0}}}\n\n`,
    );
  });

  it('sends the whole merged activity with each update', async () => {
    const stream = await open('?filters=activity');
    const uuid = await startActivity(simulator, { type: 'library.refresh.items' });

    await control(simulator, 'PATCH', `activities/${uuid}`, {
      subtitle: 'Refreshing local metadata',
      progress: 33,
      Context: { key: '/library/metadata/3071/children' },
    });
    await control(simulator, 'PATCH', `activities/${uuid}`, { subtitle: 'Augmenting metadata' });
    const updates = await waitFor(() => {
      const found = stream.messages().filter((message) => message.data.includes('"updated"'));
      return found.length === 2 ? found : undefined;
    });

    expect(JSON.parse(updates[1]?.data ?? '')).toEqual({
      ActivityNotification: {
        event: 'updated',
        uuid,
        Activity: {
          uuid,
          type: 'library.refresh.items',
          cancellable: false,
          userID: 1,
          title: 'Refreshing',
          subtitle: 'Augmenting metadata',
          progress: 33,
          Context: { key: '/library/metadata/3071/children' },
        },
      },
    });
  });

  it('sends nothing right after connecting', async () => {
    await startActivity(simulator);

    const stream = await open('?filters=activity');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(stream.text).toBe('');
  });

  it('sends ping with empty data at the configured interval', async () => {
    const openedAt = Date.now();
    const stream = await open('?filters=activity,ping');

    await waitFor(() => (stream.messages().length >= 2 ? true : undefined));
    const elapsed = Date.now() - openedAt;

    expect(stream.text.startsWith('event: ping\ndata: {}\n\nevent: ping\ndata: {}\n\n')).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(2 * PING_INTERVAL_MS - 20);
  });
});

describe('stream filters', () => {
  async function deliveredNames(query: string): Promise<string[]> {
    const stream = await open(query);
    await sendEvent('playing', '{"PlaySessionStateNotification":{"state":"playing"}}');
    await sendEvent('log', '{"LogSentNotification":{}}');
    await sendEvent('activity', '{}');
    await sendEvent('done', '{}');
    await stream.waitForMessage((message) => message.event === 'done');
    return stream
      .messages()
      .map((message) => message.event)
      .filter((name) => name !== 'ping');
  }

  it('keeps only the listed events', async () => {
    const names = await deliveredNames('?filters=activity,ping,done');

    expect(names).toEqual(['activity', 'done']);
  });

  it('excludes log by default', async () => {
    const names = await deliveredNames('');

    expect(names).toEqual(['playing', 'activity', 'done']);
  });

  it('excludes the names after a leading minus', async () => {
    const names = await deliveredNames('?filters=-playing,log');

    expect(names).toEqual(['activity', 'done']);
  });

  it('lets everything through when empty', async () => {
    const names = await deliveredNames('?filters=');

    expect(names).toEqual(['playing', 'log', 'activity', 'done']);
  });

  it('drops ping when only activity is listed', async () => {
    const stream = await open('?filters=activity');

    await new Promise((resolve) => setTimeout(resolve, 3 * PING_INTERVAL_MS));

    expect(stream.text).toBe('');
  });
});

describe('stream control', () => {
  it('writes raw event data unchanged', async () => {
    const stream = await open('?filters=');

    const { body } = await control(simulator, 'POST', 'events', {
      event: 'activity',
      data: '{"ActivityNotification":',
    });
    await stream.waitForMessage((message) => message.event === 'activity');

    expect(body).toEqual({ delivered: 1 });
    expect(stream.text).toContain('event: activity\ndata: {"ActivityNotification":\n\n');
  });

  it('stops pings while the pings fault is off', async () => {
    await control(simulator, 'POST', 'faults', { pings: false });
    const stream = await open('?filters=ping,done');

    await new Promise((resolve) => setTimeout(resolve, 3 * PING_INTERVAL_MS));
    await sendEvent('done', '{}');
    await stream.waitForMessage((message) => message.event === 'done');

    expect(stream.messages().map((message) => message.event)).toEqual(['done']);
  });

  it('drops every stream and reports the count', async () => {
    const first = await open();
    const second = await open();

    const { body } = await control(simulator, 'POST', 'streams/drop');
    await Promise.all([first.closed, second.closed]);
    const state = await control(simulator, 'GET', 'state');

    expect(body).toEqual({ dropped: 2 });
    expect((state.body as { streams: number }).streams).toBe(0);
  });

  it('counts open streams in the state', async () => {
    const stream = await open();

    const state = await control(simulator, 'GET', 'state');
    stream.close();
    const afterClose = await waitFor(async () => {
      const { body } = await control(simulator, 'GET', 'state');
      return (body as { streams: number }).streams === 0 ? true : undefined;
    });

    expect((state.body as { streams: number }).streams).toBe(1);
    expect(afterClose).toBe(true);
  });

  it('closes streams and clears activities on restart', async () => {
    const stream = await open('?filters=activity');
    await startActivity(simulator);

    await control(simulator, 'POST', 'restart');
    await stream.closed;
    const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });

    expect(await response.text()).toBe('{"MediaContainer":{"size":0}}');
  });
});

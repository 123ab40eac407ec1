import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../server.ts';
import {
  activityNotification,
  control,
  openRawStream,
  plexFetch,
  startActivity,
  startTestSimulator,
  TOKEN,
  waitFor,
} from './helpers.ts';

interface State {
  activities: Record<string, unknown>[];
  streams: number;
  requests: { method: string; path: string; at: number }[];
  faults: Record<string, boolean>;
  format: string;
}

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startTestSimulator();
});

afterEach(async () => {
  await control(simulator, 'POST', 'reset');
});

afterAll(async () => {
  await simulator.close();
});

async function readState(): Promise<State> {
  return (await control(simulator, 'GET', 'state')).body as State;
}

describe('request log', () => {
  it('records Plex requests with the token value removed', async () => {
    const before = Date.now();
    await plexFetch(simulator, '/activities');
    await fetch(`${simulator.url}/library/sections?X-Plex-Token=${TOKEN}&x=1`);

    const { requests } = await readState();

    expect(requests.map(({ method, path }) => ({ method, path }))).toEqual([
      { method: 'GET', path: '/activities' },
      { method: 'GET', path: '/library/sections?X-Plex-Token=&x=1' },
    ]);
    expect(requests[0]?.at).toBeGreaterThanOrEqual(before);
  });

  it('leaves control requests out and clears on DELETE', async () => {
    await plexFetch(simulator, '/identity');

    const { status } = await control(simulator, 'DELETE', 'requests');
    const { requests } = await readState();

    expect(status).toBe(200);
    expect(requests).toEqual([]);
  });
});

describe('POST /__simulator/activities', () => {
  it('starts an activity with defaults and returns its uuid', async () => {
    const stream = await openRawStream(simulator, '?filters=activity');

    const { status, body } = await control(simulator, 'POST', 'activities', {
      type: 'media.generate.bif',
      subtitle: 'Example Movie Two (2011)',
    });
    const started = await stream.waitForMessage(() => true);
    stream.close();

    expect(status).toBe(201);
    const { uuid } = body as { uuid: string };
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(activityNotification(started)).toEqual({
      event: 'started',
      uuid,
      Activity: {
        uuid,
        type: 'media.generate.bif',
        cancellable: false,
        userID: 1,
        title: 'Generating video preview thumbnails',
        subtitle: 'Example Movie Two (2011)',
        progress: 0,
      },
    });
  });

  it('rejects a duplicate uuid with 409', async () => {
    await startActivity(simulator, { uuid: 'fixed-uuid' });

    const { status, body } = await control(simulator, 'POST', 'activities', { uuid: 'fixed-uuid' });

    expect(status).toBe(409);
    expect(body).toEqual({ error: expect.stringContaining('fixed-uuid already exists') });
  });

  it('rejects invalid fields with a message naming them', async () => {
    const { status, body } = await control(simulator, 'POST', 'activities', {
      progress: 150,
      colour: 'red',
    });

    expect(status).toBe(400);
    expect((body as { error: string }).error).toContain('progress');
    expect((body as { error: string }).error).toContain('colour');
  });

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${simulator.url}/__simulator/activities`, {
      method: 'POST',
      body: '{not json',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringContaining('Request body is not valid JSON'),
    });
  });
});

describe('activity changes', () => {
  it('merges a PATCH and returns the whole activity', async () => {
    const uuid = await startActivity(simulator, { type: 'library.update.section' });

    const { status, body } = await control(simulator, 'PATCH', `activities/${uuid}`, {
      Context: { librarySectionID: '1' },
      progress: 17,
    });

    expect(status).toBe(200);
    expect(body).toEqual({
      activity: {
        uuid,
        type: 'library.update.section',
        cancellable: false,
        userID: 1,
        title: 'Scanning',
        subtitle: '',
        progress: 17,
        Context: { librarySectionID: '1' },
      },
    });
  });

  it('ends an activity with the given progress', async () => {
    const stream = await openRawStream(simulator, '?filters=activity');
    const uuid = await startActivity(simulator, { type: 'media.download', progress: 40 });

    const { status } = await control(simulator, 'POST', `activities/${uuid}/end`, { progress: 55 });
    const ended = await stream.waitForMessage((message) => message.data.includes('"ended"'));
    stream.close();

    expect(status).toBe(200);
    expect(activityNotification(ended).Activity.progress).toBe(55);
    expect((await readState()).activities).toEqual([]);
  });

  it('forgets an activity without any event', async () => {
    const stream = await openRawStream(simulator, '?filters=activity,done');
    const uuid = await startActivity(simulator);

    const { status } = await control(simulator, 'POST', `activities/${uuid}/forget`);
    await control(simulator, 'POST', 'events', { event: 'done', data: '{}' });
    await stream.waitForMessage((message) => message.event === 'done');
    stream.close();

    expect(status).toBe(200);
    expect(stream.messages().map((message) => message.event)).toEqual(['activity', 'done']);
    expect((await readState()).activities).toEqual([]);
  });

  it('answers 404 for changes to an unknown activity', async () => {
    const patched = await control(simulator, 'PATCH', 'activities/unknown', { progress: 1 });
    const ended = await control(simulator, 'POST', 'activities/unknown/end');
    const forgotten = await control(simulator, 'POST', 'activities/unknown/forget');

    expect(patched.status).toBe(404);
    expect(ended.status).toBe(404);
    expect(forgotten.status).toBe(404);
  });
});

describe('scenarios, format and reset', () => {
  it('starts a named scenario at the given speed', async () => {
    const { status, body } = await control(simulator, 'POST', 'scenario', {
      name: 'subscriptions',
      speed: 50,
    });
    const running = await readState();

    expect(status).toBe(202);
    expect(body).toEqual({ name: 'subscriptions', speed: 50 });
    expect(running.activities.map((activity) => activity.type)).toEqual([
      'provider.subscriptions.process',
    ]);
  });

  it('stops scenarios and keeps their activities frozen', async () => {
    await control(simulator, 'POST', 'scenario', { name: 'thumbnails', speed: 20 });
    await waitFor(async () => {
      const [activity] = (await readState()).activities;
      return typeof activity?.progress === 'number' && activity.progress > 0 ? activity : undefined;
    });

    const { status, body } = await control(simulator, 'POST', 'scenario/stop');
    const stopped = await readState();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await readState();

    expect(status).toBe(200);
    expect(body).toEqual({ stopped: 1 });
    expect(stopped.activities).toHaveLength(1);
    expect(later.activities).toEqual(stopped.activities);
  });

  it('rejects an unknown scenario name', async () => {
    const { status, body } = await control(simulator, 'POST', 'scenario', { name: 'nope' });

    expect(status).toBe(400);
    expect((body as { error: string }).error).toContain('name');
  });

  it('answers XML whatever Accept says in xml mode', async () => {
    await control(simulator, 'POST', 'format', { mode: 'xml' });

    const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });

    expect(response.headers.get('content-type')).toBe('text/xml;charset=utf-8');
  });

  it('clears activities, faults, format and log on reset', async () => {
    await control(simulator, 'POST', 'scenario', { name: 'demo' });
    await control(simulator, 'POST', 'format', { mode: 'xml' });
    await control(simulator, 'POST', 'faults', { unauthorized: true });
    await plexFetch(simulator, '/activities');

    await control(simulator, 'POST', 'reset');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = await readState();

    expect(state.activities).toEqual([]);
    expect(state.requests).toEqual([]);
    expect(state.format).toBe('auto');
    expect(state.faults).toEqual({
      unauthorized: false,
      status500: false,
      hang: false,
      pings: true,
    });
  });

  it('answers 404 and 405 on the control API as JSON', async () => {
    const unknown = await control(simulator, 'GET', 'nothing-here');
    const wrongMethod = await control(simulator, 'GET', 'reset');

    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ error: 'Use POST for /__simulator/reset' });
  });
});

describe('faults', () => {
  it('answers 401 on protected paths while unauthorized', async () => {
    const { body } = await control(simulator, 'POST', 'faults', { unauthorized: true });

    const activities = await plexFetch(simulator, '/activities');
    const identity = await fetch(`${simulator.url}/identity`);

    expect(body).toEqual({ unauthorized: true, status500: false, hang: false, pings: true });
    expect(activities.status).toBe(401);
    expect(identity.status).toBe(200);
  });

  it('answers 500 as HTML while status500 is on', async () => {
    await control(simulator, 'POST', 'faults', { status500: true });

    const response = await plexFetch(simulator, '/activities');

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe(
      '<html><head><title>Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>',
    );
  });

  it('keeps other fault switches when one changes', async () => {
    await control(simulator, 'POST', 'faults', { status500: true });

    const { body } = await control(simulator, 'POST', 'faults', { pings: false });

    expect(body).toEqual({ unauthorized: false, status500: true, hang: false, pings: false });
  });

  it('holds requests while hang is on and answers them once cleared', async () => {
    await control(simulator, 'POST', 'faults', { hang: true });

    let settled = false;
    const pending = plexFetch(simulator, '/activities').then((response) => {
      settled = true;
      return response;
    });
    await waitFor(async () => ((await readState()).requests.length === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const settledWhileHanging = settled;
    await control(simulator, 'POST', 'faults', { hang: false });
    const response = await pending;

    expect(settledWhileHanging).toBe(false);
    expect(response.status).toBe(200);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BURST_ACTIVITY_COUNT } from '../scenarios/burst.ts';
import { BUSY_DAY, planBusyDay } from '../scenarios/busy-day.ts';
import type { RunningSimulator } from '../server.ts';
import {
  activityNotification,
  control,
  openRawStream,
  startActivity,
  startTestSimulator,
  waitFor,
} from './helpers.ts';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startTestSimulator();
});

afterEach(async () => {
  await control(simulator, 'POST', 'send-log', { enabled: false });
  await control(simulator, 'POST', 'reset');
});

afterAll(async () => {
  await simulator.close();
});

describe('burst scenario', () => {
  it('starts 200 activities, then updates them in turn', async () => {
    const stream = await openRawStream(simulator, '?filters=activity');

    await control(simulator, 'POST', 'scenario', { name: 'burst', speed: 1 });
    const lastNeeded = BURST_ACTIVITY_COUNT * 2;
    await waitFor(() => (stream.messages().length >= lastNeeded ? true : undefined), 5_000);
    await control(simulator, 'POST', 'scenario/stop');
    stream.close();

    const notifications = stream.messages().map(activityNotification);
    const started = notifications.slice(0, BURST_ACTIVITY_COUNT);
    const updates = notifications.slice(BURST_ACTIVITY_COUNT, lastNeeded);
    expect(started.every((notification) => notification.event === 'started')).toBe(true);
    expect(new Set(started.map((notification) => notification.uuid)).size).toBe(200);
    expect(updates.every((notification) => notification.event === 'updated')).toBe(true);
    expect(updates.map((notification) => notification.uuid)).toEqual(
      started.map((notification) => notification.uuid),
    );
    expect(new Set(updates.map((notification) => notification.Activity.progress))).toEqual(
      new Set([1]),
    );
  });

  it('sends about 1,000 updates a second', async () => {
    await control(simulator, 'POST', 'send-log', { enabled: true });

    await control(simulator, 'POST', 'scenario', { name: 'burst', speed: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await control(simulator, 'POST', 'scenario/stop');

    const { body } = await control(simulator, 'GET', 'send-log');
    const { sends } = body as { sends: [string, string, number | null, number][] };
    const updates = sends.filter(([event]) => event === 'updated');
    const seconds = ((updates.at(-1)?.[3] ?? 0) - (updates[0]?.[3] ?? 0)) / 1_000;
    expect(seconds).toBeGreaterThan(0.5);
    expect(updates.length / seconds).toBeGreaterThan(900);
    expect(updates.length / seconds).toBeLessThan(1_100);
  });
});

describe('busy day plan', () => {
  it('has 10,000 activities and 100,000 events', () => {
    const plan = planBusyDay();

    expect(plan).toHaveLength(10_000);
    expect(plan.reduce((sum, activity) => sum + activity.updates + 2, 0)).toBe(100_000);
  });

  it('starts everything within the day, in order', () => {
    const plan = planBusyDay();

    const starts = plan.map((activity) => activity.startAt);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...starts)).toBeLessThan(BUSY_DAY.dayMs);
    expect(starts).toEqual([...starts].sort((first, second) => first - second));
  });

  it('is the same on every call', () => {
    expect(planBusyDay()).toEqual(planBusyDay());
  });

  it('fits a smaller day exactly', () => {
    const plan = planBusyDay({ activityCount: 30, eventCount: 250, dayMs: 60_000, seed: 7 });

    expect(plan).toHaveLength(30);
    expect(plan.reduce((sum, activity) => sum + activity.updates + 2, 0)).toBe(250);
  });
});

describe('day scenario', () => {
  it('starts, updates and ends each activity in order', async () => {
    const stream = await openRawStream(simulator, '?filters=activity');

    // At this speed the whole day takes 10 seconds; its first 2,000 events are enough to check.
    await control(simulator, 'POST', 'scenario', { name: 'day', speed: 8_640 });
    await waitFor(() => (stream.messages().length >= 2_000 ? true : undefined), 5_000);
    await control(simulator, 'POST', 'scenario/stop');
    stream.close();

    const seen = new Map<string, { event: string; progress: unknown }>();
    for (const notification of stream.messages().map(activityNotification)) {
      const previous = seen.get(notification.uuid);
      const progress = notification.Activity.progress;
      if (previous === undefined) {
        expect(notification.event).toBe('started');
      } else {
        expect(previous.event).not.toBe('ended');
        if (typeof progress === 'number' && typeof previous.progress === 'number') {
          expect(progress === -1 || progress >= previous.progress).toBe(true);
        }
      }
      seen.set(notification.uuid, { event: notification.event, progress });
    }
    expect([...seen.values()].some((entry) => entry.event === 'ended')).toBe(true);
  });
});

describe('send log', () => {
  it('records activity events only while enabled', async () => {
    const before = await startActivity(simulator, { title: 'Before', progress: 5 });
    await control(simulator, 'POST', 'send-log', { enabled: true });

    const uuid = await startActivity(simulator, { title: 'Logged', progress: 10 });
    await control(simulator, 'PATCH', `activities/${uuid}`, { progress: 20 });
    await control(simulator, 'POST', `activities/${before}/end`);

    const { body } = await control(simulator, 'GET', 'send-log');
    const { sends, enabled, dropped } = body as {
      sends: [string, string, number | null, number][];
      enabled: boolean;
      dropped: number;
    };
    expect(enabled).toBe(true);
    expect(dropped).toBe(0);
    expect(sends.map(([event, id, progress]) => [event, id, progress])).toEqual([
      ['started', uuid, 10],
      ['updated', uuid, 20],
      ['ended', before, 5],
    ]);
    expect(Math.abs((sends[0]?.[3] ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it('empties and stops when disabled', async () => {
    await control(simulator, 'POST', 'send-log', { enabled: true });
    await startActivity(simulator);

    await control(simulator, 'POST', 'send-log', { enabled: false });
    await startActivity(simulator);

    const { body } = await control(simulator, 'GET', 'send-log');
    expect(body).toEqual({ enabled: false, sends: [], dropped: 0 });
  });

  it('rejects a body without enabled', async () => {
    const { status } = await control(simulator, 'POST', 'send-log', {});

    expect(status).toBe(400);
  });
});

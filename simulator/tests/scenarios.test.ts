import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../server.ts';
import {
  activityNotification,
  control,
  openRawStream,
  plexFetch,
  type RawStream,
  startTestSimulator,
  waitFor,
} from './helpers.ts';

const FAST = 100;

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

async function runScenario(name: string, type: string, speed = FAST) {
  const stream = await openRawStream(simulator, '?filters=activity');
  await control(simulator, 'POST', 'scenario', { name, speed });
  await stream.waitForMessage(
    (message) =>
      activityNotification(message).event === 'ended' &&
      activityNotification(message).Activity.type === type,
    5_000,
  );
  stream.close();
  return notificationsOf(stream, type);
}

function notificationsOf(stream: RawStream, type: string) {
  return stream
    .messages()
    .map(activityNotification)
    .filter((notification) => notification.Activity.type === type);
}

describe('scan scenario', () => {
  it('starts without Context and gets it a moment later', async () => {
    const scan = await runScenario('scan', 'library.update.section');

    const [started, firstUpdate] = scan;
    expect(started?.event).toBe('started');
    expect(started?.Activity.title).toBe('Scanning Movies');
    expect(started?.Activity.subtitle).toBe('');
    expect(started?.Activity.progress).toBe(0);
    expect(started?.Activity.Context).toBeUndefined();
    expect(firstUpdate?.Activity.Context).toEqual({ librarySectionID: '1' });
    expect(firstUpdate?.Activity.subtitle).toBe('Example Movie One (2008)');
  });

  it('walks through items with rising progress and ends at 100', async () => {
    const scan = await runScenario('scan', 'library.update.section');

    const updates = scan.filter((notification) => notification.event === 'updated');
    expect(updates.map((update) => update.Activity.progress)).toEqual([0, 17, 33, 50, 67, 83]);
    expect(updates.map((update) => update.Activity.subtitle)).toEqual([
      'Example Movie One (2008)',
      'Example Movie Two (2011)',
      'Example Movie Three (2013)',
      'Example Movie Four (2016)',
      'Example Movie Five (2019)',
      'Example Movie Six (2021)',
    ]);
    expect(scan.at(-1)?.event).toBe('ended');
    expect(scan.at(-1)?.Activity.progress).toBe(100);
  });

  it('marks Movies refreshing before Context arrives', async () => {
    await control(simulator, 'POST', 'scenario', { name: 'scan', speed: 1 });

    const response = await plexFetch(simulator, '/library/sections', {
      accept: 'application/json',
    });
    const body = (await response.json()) as {
      MediaContainer: { Directory: { key: string; refreshing: boolean }[] };
    };

    expect(body.MediaContainer.Directory[0]).toMatchObject({ key: '1', refreshing: true });
  });

  it('sends the TV Shows section id as a number', async () => {
    const scan = await runScenario('scan-tv', 'library.update.section');

    expect(scan[1]?.Activity.Context).toEqual({ librarySectionID: 2 });
  });

  it('leaves metadata updates running after the scan ends', async () => {
    await runScenario('scan', 'library.update.section');

    const running = await waitFor(async () => {
      const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });
      const body = (await response.json()) as { MediaContainer: { Activity?: { type: string }[] } };
      return body.MediaContainer.Activity;
    });

    expect(running.map((activity) => activity.type)).toContain('library.update.item.metadata');
  });
});

describe('single scenarios', () => {
  it('refresh adds Context with its third step', async () => {
    const refresh = await runScenario('refresh', 'library.refresh.items');

    const steps = refresh.map(({ event, Activity }) => [
      event,
      Activity.subtitle,
      Activity.progress,
    ]);
    expect(steps).toEqual([
      ['started', '', 0],
      ['updated', 'Checking files', 0],
      ['updated', 'Refreshing local metadata', 33],
      ['updated', 'Augmenting metadata', 66],
      ['ended', 'Augmenting metadata', 100],
    ]);
    expect(refresh[1]?.Activity.Context).toBeUndefined();
    expect(refresh[2]?.Activity.Context).toEqual({
      accessible: true,
      exists: true,
      key: expect.stringMatching(/^\/library\/metadata\/\d+\/children$/),
    });
  });

  it('browse refresh carries refreshed false', async () => {
    const refresh = await runScenario('browse', 'library.refresh.items');

    expect(refresh[0]?.Activity.Context).toMatchObject({ refreshed: false });
    expect(refresh.slice(0, -1).every((step) => step.Activity.progress === 0)).toBe(true);
  });

  it('intros stay indeterminate throughout', async () => {
    const intros = await runScenario('intros', 'media.generate.intros');

    expect(intros[0]?.Activity.title).toBe('Detecting intros');
    expect(intros.every((step) => step.Activity.progress === -1)).toBe(true);
  });

  it('credits progress rises', async () => {
    const credits = await runScenario('credits', 'media.generate.credits');

    const progress = credits.map((step) => step.Activity.progress as number);
    expect(credits[0]?.Activity.title).toBe('Detecting credits');
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
  });

  it('subscriptions are cancellable and jump from 0 to 100', async () => {
    const subscriptions = await runScenario('subscriptions', 'provider.subscriptions.process');

    expect(subscriptions.map(({ event, Activity }) => [event, Activity.progress])).toEqual([
      ['started', 0],
      ['ended', 100],
    ]);
    expect(subscriptions[0]?.Activity).toMatchObject({
      title: 'Processing subscriptions',
      subtitle: '',
      cancellable: true,
    });
    expect(subscriptions[0]?.Activity.Context).toBeUndefined();
  });

  it('thumbnails and downloads move towards 100', async () => {
    const thumbnails = await runScenario('thumbnails', 'media.generate.bif', 500);
    const downloads = await runScenario('download', 'media.download', 500);

    expect(thumbnails[0]?.Activity.title).toBe('Generating video preview thumbnails');
    expect(thumbnails.length).toBeGreaterThan(5);
    expect(downloads[0]?.Activity).toMatchObject({ title: 'Downloading Media', cancellable: true });
    expect(downloads.at(-1)?.Activity.progress).toBe(100);
  });

  it('a cancelled download ends below 100 and stops updating', async () => {
    const stream = await openRawStream(simulator, '?filters=activity');
    await control(simulator, 'POST', 'scenario', { name: 'download', speed: 5 });
    const started = await stream.waitForMessage(() => true);
    const { uuid } = activityNotification(started);

    await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });
    await stream.waitForMessage((message) => activityNotification(message).event === 'ended');
    await new Promise((resolve) => setTimeout(resolve, 300));
    stream.close();

    const events = stream.messages().map(activityNotification);
    expect(events.at(-1)?.event).toBe('ended');
    expect(events.at(-1)?.Activity.progress).toBeLessThan(100);
  });
});

describe('demo scenario', () => {
  it('keeps several activities running and moving', async () => {
    const stream = await openRawStream(simulator, '?filters=');
    await control(simulator, 'POST', 'scenario', { name: 'demo', speed: 20 });

    // The mix is random, so one moment may show a single activity; the middle of many samples
    // over 40 simulated seconds may not.
    const sizes: number[] = [];
    for (let sample = 0; sample < 20; sample += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });
      const body = (await response.json()) as { MediaContainer: { size: number } };
      sizes.push(body.MediaContainer.size);
    }
    stream.close();

    const names = new Set(stream.messages().map((message) => message.event));
    const sorted = [...sizes].sort((a, b) => a - b);
    expect(sorted[10]).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(names.has('activity')).toBe(true);
    expect([...names].some((name) => name !== 'activity')).toBe(true);
  });
});

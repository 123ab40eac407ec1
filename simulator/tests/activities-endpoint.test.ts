import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../server.ts';
import {
  activityNotification,
  control,
  openRawStream,
  plexFetch,
  startActivity,
  startTestSimulator,
} from './helpers.ts';

const BAD_REQUEST_BODY =
  '<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>';
const NOT_FOUND_BODY =
  '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>';
const SCAN_UUID = '87be2e09-7123-45c7-ad9d-0d5550ce3949';
const REFRESH_UUID = '6073e976-a370-450e-9a7a-b1bf6fbaa00e';

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

async function startFixtureActivities() {
  await startActivity(simulator, {
    uuid: SCAN_UUID,
    type: 'library.update.section',
    title: 'Scanning Movies',
    subtitle: 'Example Movie Four (2016)',
    progress: 42,
    Context: { librarySectionID: '1' },
  });
  await startActivity(simulator, {
    uuid: REFRESH_UUID,
    type: 'library.refresh.items',
    title: 'Refreshing',
    subtitle: 'Refreshing local metadata',
    progress: 33,
    cancellable: true,
    Context: { accessible: true, exists: true, key: '/library/metadata/2150/children' },
  });
}

describe('GET /activities', () => {
  it('answers an empty JSON container without an Activity key', async () => {
    const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });

    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"MediaContainer":{"size":0}}');
  });

  it('answers an empty XML container', async () => {
    const response = await plexFetch(simulator, '/activities');

    expect(response.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0">\n</MediaContainer>\n',
    );
  });

  it('lists running activities as JSON', async () => {
    await startFixtureActivities();

    const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });

    expect(await response.json()).toEqual({
      MediaContainer: {
        size: 2,
        Activity: [
          {
            uuid: SCAN_UUID,
            type: 'library.update.section',
            cancellable: false,
            userID: 1,
            title: 'Scanning Movies',
            subtitle: 'Example Movie Four (2016)',
            progress: 42,
            Context: { librarySectionID: '1' },
          },
          {
            uuid: REFRESH_UUID,
            type: 'library.refresh.items',
            cancellable: true,
            userID: 1,
            title: 'Refreshing',
            subtitle: 'Refreshing local metadata',
            progress: 33,
            Context: { accessible: true, exists: true, key: '/library/metadata/2150/children' },
          },
        ],
      },
    });
  });

  it('lists running activities as XML attributes', async () => {
    await startFixtureActivities();

    const response = await plexFetch(simulator, '/activities');

    expect(await response.text()).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<MediaContainer size="2">',
        `<Activity uuid="${SCAN_UUID}" type="library.update.section" cancellable="0" userID="1" title="Scanning Movies" subtitle="Example Movie Four (2016)" progress="42">`,
        '<Context librarySectionID="1" />',
        '</Activity>',
        `<Activity uuid="${REFRESH_UUID}" type="library.refresh.items" cancellable="1" userID="1" title="Refreshing" subtitle="Refreshing local metadata" progress="33">`,
        '<Context accessible="1" exists="1" key="/library/metadata/2150/children" />',
        '</Activity>',
        '</MediaContainer>',
        '',
      ].join('\n'),
    );
  });

  it('escapes special characters in XML attributes', async () => {
    await startActivity(simulator, { title: 'Tom & "Jerry" <1>', subtitle: 'line\nbreak' });

    const text = await (await plexFetch(simulator, '/activities')).text();

    expect(text).toContain(
      'title="Tom &amp; &quot;Jerry&quot; &lt;1&gt;" subtitle="line&#10;break"',
    );
  });

  it('leaves out progress and subtitle once removed', async () => {
    const uuid = await startActivity(simulator, { type: 'media.generate.credits' });
    await control(simulator, 'PATCH', `activities/${uuid}`, { progress: null, subtitle: null });

    const response = await plexFetch(simulator, '/activities', { accept: 'application/json' });
    const body = (await response.json()) as { MediaContainer: { Activity: object[] } };

    expect(body.MediaContainer.Activity[0]).toEqual({
      uuid,
      type: 'media.generate.credits',
      cancellable: false,
      userID: 1,
      title: 'Detecting credits',
    });
  });
});

describe('DELETE /activities/{uuid}', () => {
  it('accepts a cancellable activity and ends it on the stream', async () => {
    const stream = await openRawStream(simulator, '?filters=activity');
    const uuid = await startActivity(simulator, {
      type: 'media.download',
      cancellable: true,
      progress: 37,
    });

    const response = await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });
    const cancelledAt = Date.now();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const ended = await stream.waitForMessage(
      (message) => activityNotification(message).event === 'ended',
    );
    expect(Date.now() - cancelledAt).toBeGreaterThanOrEqual(250);
    expect(activityNotification(ended).uuid).toBe(uuid);
    expect(activityNotification(ended).Activity.progress).toBe(37);
    stream.close();
  });

  it('keeps listing the activity while the cancel is pending', async () => {
    const uuid = await startActivity(simulator, { cancellable: true });

    await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });
    const again = await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });
    const listed = await plexFetch(simulator, '/activities', { accept: 'application/json' });

    expect(again.status).toBe(200);
    expect(await listed.text()).toContain(uuid);
  });

  it('rejects an activity that cannot be cancelled with 400', async () => {
    const uuid = await startActivity(simulator, { cancellable: false });

    const response = await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe(BAD_REQUEST_BODY);
  });

  it('rejects a cancellable activity with refuseCancel with 400', async () => {
    const uuid = await startActivity(simulator, { cancellable: true, refuseCancel: true });

    const response = await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });

    expect(response.status).toBe(400);
    expect(await response.text()).toBe(BAD_REQUEST_BODY);
  });

  it('answers 404 for an unknown or finished activity', async () => {
    const uuid = await startActivity(simulator, { cancellable: true });
    await control(simulator, 'POST', `activities/${uuid}/end`);

    const finished = await plexFetch(simulator, `/activities/${uuid}`, { method: 'DELETE' });
    const unknown = await plexFetch(simulator, '/activities/no-such-uuid', { method: 'DELETE' });

    expect(finished.status).toBe(404);
    expect(finished.headers.get('content-type')).toBe('text/html');
    expect(await finished.text()).toBe(NOT_FOUND_BODY);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(NOT_FOUND_BODY);
  });
});

import { describe, expect, test } from 'vitest';
import { ActivityMirror } from './activity-mirror.ts';
import { parseActivityListing, parseActivityMessage } from './activity-notifications.ts';

function uuids(mirror: ActivityMirror): string[] {
  return (mirror.toContainer().MediaContainer.Activity ?? []).map((activity) => activity.uuid);
}

describe('activity mirror', () => {
  test('empty mirror has no Activity key', () => {
    expect(new ActivityMirror().toContainer()).toEqual({ MediaContainer: { size: 0 } });
  });

  test('updates merge, Context key by key', () => {
    const mirror = new ActivityMirror();

    mirror.apply({
      event: 'started',
      uuid: 'A',
      activity: { uuid: 'A', title: 'Scan', subtitle: '' },
    });
    mirror.apply({ event: 'updated', uuid: 'A', activity: { uuid: 'A', Context: { key: '/k' } } });
    mirror.apply({
      event: 'updated',
      uuid: 'A',
      activity: { uuid: 'A', subtitle: 'Item', Context: { librarySectionID: '1' } },
    });

    expect(mirror.toContainer()).toEqual({
      MediaContainer: {
        size: 1,
        Activity: [
          {
            uuid: 'A',
            title: 'Scan',
            subtitle: 'Item',
            Context: { key: '/k', librarySectionID: '1' },
          },
        ],
      },
    });
  });

  test('ended removes, and a late updated stays out', () => {
    const mirror = new ActivityMirror();
    mirror.apply({ event: 'started', uuid: 'A', activity: { uuid: 'A' } });
    mirror.apply({ event: 'started', uuid: 'B', activity: { uuid: 'B' } });

    mirror.apply({ event: 'ended', uuid: 'A' });
    mirror.apply({ event: 'updated', uuid: 'A', activity: { uuid: 'A', progress: 100 } });

    expect(uuids(mirror)).toEqual(['B']);
  });

  test('order follows the listing, then starts', () => {
    const mirror = new ActivityMirror();
    mirror.replaceWithListing([{ uuid: 'C' }, { uuid: 'A' }], mirror.sequence);

    mirror.apply({ event: 'started', uuid: 'B', activity: { uuid: 'B' } });
    mirror.apply({ event: 'updated', uuid: 'C', activity: { uuid: 'C', progress: 5 } });

    expect(uuids(mirror)).toEqual(['C', 'A', 'B']);
  });

  test('changes during the listing request win', () => {
    const mirror = new ActivityMirror();
    mirror.replaceWithListing([{ uuid: 'Gone' }, { uuid: 'Kept', progress: 1 }], mirror.sequence);
    const requestedAt = mirror.sequence;

    mirror.apply({ event: 'ended', uuid: 'Gone' });
    mirror.apply({ event: 'updated', uuid: 'Kept', activity: { uuid: 'Kept', progress: 50 } });
    mirror.apply({ event: 'started', uuid: 'New', activity: { uuid: 'New' } });
    mirror.replaceWithListing(
      [{ uuid: 'Gone' }, { uuid: 'Kept', progress: 10 }, { uuid: 'Listed' }],
      requestedAt,
    );

    expect(mirror.toContainer().MediaContainer.Activity).toEqual([
      { uuid: 'Kept', progress: 50 },
      { uuid: 'Listed' },
      { uuid: 'New' },
    ]);
  });

  test('listing drops activities it no longer lists', () => {
    const mirror = new ActivityMirror();
    mirror.apply({ event: 'started', uuid: 'Lost', activity: { uuid: 'Lost' } });

    mirror.replaceWithListing([{ uuid: 'Other' }], mirror.sequence);

    expect(uuids(mirror)).toEqual(['Other']);
  });
});

describe('activity messages', () => {
  const cases: Array<[string, string, number, number]> = [
    ['unwrapped entry', '{"ActivityNotification":{"event":"ended","uuid":"A"}}', 1, 0],
    [
      'container of two',
      '{"NotificationContainer":{"ActivityNotification":[{"event":"ended","uuid":"A"},{"event":"started","uuid":"B","Activity":{"uuid":"B"}}]}}',
      2,
      0,
    ],
    ['not JSON', 'this is not JSON', 0, 1],
    ['other object', '{"Something":{"else":true}}', 0, 1],
    ['array', '[1,2,3]', 0, 1],
    ['unknown event', '{"ActivityNotification":{"event":"exploded","uuid":"A"}}', 0, 1],
    ['no uuid', '{"ActivityNotification":{"event":"updated","Activity":{"title":"x"}}}', 0, 1],
    ['started without Activity', '{"ActivityNotification":{"event":"started","uuid":"A"}}', 0, 1],
    [
      'uuids differ',
      '{"ActivityNotification":{"event":"updated","uuid":"A","Activity":{"uuid":"B"}}}',
      0,
      1,
    ],
    [
      'one bad entry of two',
      '{"NotificationContainer":{"ActivityNotification":[{"event":"ended","uuid":"A"},{"event":"ended"}]}}',
      1,
      1,
    ],
  ];

  test.each(cases)('%s', (_name, data, valid, invalid) => {
    const result = parseActivityMessage(data);

    expect(result.changes).toHaveLength(valid);
    expect(result.invalid).toBe(invalid);
  });

  test('listing accepts only Plex JSON', () => {
    expect(parseActivityListing('{"MediaContainer":{"size":0}}')).toEqual([]);
    expect(parseActivityListing('{"MediaContainer":{"size":1,"Activity":[{"uuid":"A"}]}}')).toEqual(
      [{ uuid: 'A' }],
    );
    expect(parseActivityListing('<MediaContainer size="0"/>')).toBeNull();
    expect(
      parseActivityListing('{"MediaContainer":{"Activity":[{"title":"no uuid"}]}}'),
    ).toBeNull();
  });
});

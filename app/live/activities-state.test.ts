import { describe, expect, it } from 'vitest';
import { type Activity, type ActivityFields, completeActivity } from '../api/activity';
import { readJsonFixture, readSseFixture } from '../test/fixtures';
import {
  type ActivitiesState,
  applyNotifications,
  emptyActivitiesState,
  reconcileWithList,
  selectRows,
} from './activities-state';
import {
  type ActivityEventName,
  type ActivityNotification,
  parseActivityMessage,
} from './parse-notification';

function note(
  event: ActivityEventName,
  uuid: string,
  fields: Partial<ActivityFields> = {},
): ActivityNotification {
  return { event, uuid, fields: { uuid, ...fields } };
}

function activity(uuid: string, fields: Partial<Activity> = {}): Activity {
  return { ...completeActivity({ uuid, type: 'media.download', title: uuid }), ...fields };
}

function stateOf(...activities: Activity[]): ActivitiesState {
  return reconcileWithList(emptyActivitiesState, activities, 0, 0);
}

function summary(state: ActivitiesState) {
  return selectRows(state).map(({ activity: a }) => `${a.uuid}:${a.progress}:${a.subtitle}`);
}

describe('applyNotifications', () => {
  it.each<[string, ActivitiesState, ActivityNotification[], string[]]>([
    [
      'started adds a row',
      emptyActivitiesState,
      [note('started', 'a', { progress: 0, subtitle: '' })],
      ['a:0:'],
    ],
    [
      'updated moves progress',
      stateOf(activity('a', { progress: 10 })),
      [note('updated', 'a', { progress: 20 })],
      ['a:20:'],
    ],
    [
      'updated keeps fields it lacks',
      stateOf(activity('a', { progress: 10, subtitle: 'x' })),
      [note('updated', 'a', { progress: 11 })],
      ['a:11:x'],
    ],
    [
      'ended removes the row',
      stateOf(activity('a'), activity('b')),
      [note('ended', 'a', { progress: 100 })],
      ['b:null:'],
    ],
    [
      'updated for an unknown uuid adds it',
      emptyActivitiesState,
      [note('updated', 'z', { progress: 40 })],
      ['z:40:'],
    ],
    [
      'ended for an unknown uuid changes no row',
      stateOf(activity('a')),
      [note('ended', 'z')],
      ['a:null:'],
    ],
    [
      'updated after ended is ignored',
      emptyActivitiesState,
      [note('started', 'a'), note('ended', 'a'), note('updated', 'a', { progress: 50 })],
      [],
    ],
    [
      'a duplicated ended is harmless',
      stateOf(activity('a')),
      [note('ended', 'a'), note('ended', 'a')],
      [],
    ],
    [
      'order stays the start order',
      stateOf(activity('a'), activity('b')),
      [note('updated', 'b', { progress: 5 }), note('started', 'c')],
      ['a:null:', 'b:5:', 'c:null:'],
    ],
  ])('%s', (_name, before, notifications, expected) => {
    expect(summary(applyNotifications(before, notifications, 1000))).toEqual(expected);
  });

  it('merges a late Context into the row', () => {
    const started = applyNotifications(
      emptyActivitiesState,
      [note('started', 'a', { subtitle: '' })],
      1,
    );

    const updated = applyNotifications(
      started,
      [note('updated', 'a', { context: { librarySectionID: 1 }, librarySectionID: '1' })],
      2,
    );
    const later = applyNotifications(updated, [note('updated', 'a', { subtitle: 'Item' })], 3);

    expect(later.rows.a?.activity.librarySectionID).toBe('1');
    expect(later.rows.a?.activity.context).toEqual({ librarySectionID: 1 });
    expect(later.rows.a?.activity.subtitle).toBe('Item');
  });

  it('marks a row seen from started with its start time', () => {
    const state = applyNotifications(
      emptyActivitiesState,
      [note('started', 'a'), note('updated', 'b')],
      500,
    );

    expect(state.rows.a).toMatchObject({ firstSeenAt: 500, sawStart: true });
    expect(state.rows.b).toMatchObject({ firstSeenAt: 500, sawStart: false });
  });

  it('returns the same state when nothing applies', () => {
    const before = stateOf(activity('a'));

    expect(applyNotifications(before, [], 1)).toBe(before);
  });

  it('keeps unchanged activities by reference', () => {
    const before = stateOf(activity('a'), activity('b'));

    const after = applyNotifications(before, [note('updated', 'a', { progress: 70 })], 1);

    expect(after.rows.b).toBe(before.rows.b);
    expect(after.rows.a?.activity).not.toBe(before.rows.a?.activity);
  });

  it('bounds the list of ended uuids', () => {
    const notifications = Array.from({ length: 1200 }, (_, index) =>
      note('ended', `gone-${index}`),
    );

    const state = applyNotifications(emptyActivitiesState, notifications, 1);

    expect(state.ended).toHaveLength(500);
    expect(state.ended.at(-1)?.uuid).toBe('gone-1199');
  });
});

describe('reconcileWithList', () => {
  it('drops rows the server no longer lists and adds new ones', () => {
    const before = stateOf(activity('a'), activity('b'));

    const after = reconcileWithList(
      before,
      [activity('b', { progress: 30 }), activity('c')],
      100,
      200,
    );

    expect(summary(after)).toEqual(['b:30:', 'c:null:']);
    expect(after.rows.c).toMatchObject({ firstSeenAt: 200, sawStart: false });
  });

  it('keeps a row that started after the request began', () => {
    const before = applyNotifications(stateOf(activity('a')), [note('started', 'new')], 150);

    const after = reconcileWithList(before, [activity('a')], 100, 200);

    expect(summary(after)).toEqual(['a:null:', 'new:null:']);
  });

  it('keeps an update newer than the listing', () => {
    const before = applyNotifications(
      stateOf(activity('a', { progress: 20 })),
      [note('updated', 'a', { progress: 30 })],
      150,
    );

    const after = reconcileWithList(before, [activity('a', { progress: 20 })], 100, 200);

    expect(summary(after)).toEqual(['a:30:']);
  });

  it('takes the listing over an update older than it', () => {
    const before = applyNotifications(
      stateOf(activity('a', { progress: 20 })),
      [note('updated', 'a', { progress: 30 })],
      50,
    );

    const after = reconcileWithList(before, [activity('a', { progress: 40 })], 100, 200);

    expect(summary(after)).toEqual(['a:40:']);
  });

  it('does not revive a row that ended after the request began', () => {
    const before = applyNotifications(
      stateOf(activity('a'), activity('b')),
      [note('ended', 'a')],
      150,
    );

    const after = reconcileWithList(before, [activity('a'), activity('b')], 100, 200);

    expect(summary(after)).toEqual(['b:null:']);
  });

  it('keeps the first-seen time of rows it already had', () => {
    const before = applyNotifications(emptyActivitiesState, [note('started', 'a')], 10);

    const after = reconcileWithList(before, [activity('a', { progress: 50 })], 100, 200);

    expect(after.rows.a).toMatchObject({ firstSeenAt: 10, sawStart: true });
    expect(after.rows.a?.activity.progress).toBe(50);
  });

  it('returns the same state when the list changes nothing', () => {
    const before = stateOf(activity('a'), activity('b'));

    expect(reconcileWithList(before, [activity('a'), activity('b')], 100, 200)).toBe(before);
  });

  it('ends with exactly the listed rows after a restart', () => {
    const before = stateOf(activity('a'), activity('b'), activity('c'));

    const after = reconcileWithList(before, [activity('x'), activity('y')], 100, 200);

    expect(summary(after)).toEqual(['x:null:', 'y:null:']);
  });
});

describe('stream captures through the reducer', () => {
  function replaySse(name: string): ActivitiesState[] {
    const states: ActivitiesState[] = [];
    let state = emptyActivitiesState;
    readSseFixture(name)
      .filter((message) => message.event === 'activity')
      .forEach((message, index) => {
        state = applyNotifications(state, parseActivityMessage(message.data), index);
        states.push(state);
      });
    return states;
  }

  it('follows the refresh sequence to its end', () => {
    const states = replaySse('sse-refresh-sequence.sse');
    const uuid = '10fcedb7-d124-4ec7-84ba-d6f7b4e4b9e0';

    expect(states.map((state) => state.rows[uuid]?.activity.subtitle ?? 'gone')).toEqual([
      '',
      'Checking files',
      'Refreshing local metadata',
      'Augmenting metadata',
      'gone',
    ]);
    expect(states[2]?.rows[uuid]?.activity.context.key).toBe('/library/metadata/3071/children');
    expect(states[3]?.rows[uuid]?.activity.progress).toBe(66);
  });

  it('follows the scan sequence and names its section once Context arrives', () => {
    const states = replaySse('sse-scan-sequence.sse');
    const uuid = 'eb6c1e4b-9e1c-4052-9add-7b8fa3c5fc9d';

    expect(states.map((state) => state.rows[uuid]?.activity.progress ?? 'gone')).toEqual([
      0,
      0,
      17,
      33,
      50,
      67,
      83,
      'gone',
    ]);
    expect(states[0]?.rows[uuid]?.activity.librarySectionID).toBeNull();
    expect(states[1]?.rows[uuid]?.activity.librarySectionID).toBe('1');
    expect(states[6]?.rows[uuid]?.activity.subtitle).toBe('Example Movie Six (2021)');
  });

  it('leaves two activities running after the websocket frames', () => {
    let state = emptyActivitiesState;
    for (const frame of readJsonFixture('ws-notification-container.json') as unknown[]) {
      state = applyNotifications(state, parseActivityMessage(JSON.stringify(frame)), 1);
    }

    expect(summary(state)).toEqual([
      'a07675a1-ba69-40f4-9d3f-6e6eed78028b:61:Example Movie Five (2019)',
      '751478b2-cddf-48f9-ac41-26f8b1210235:0:',
    ]);
  });
});

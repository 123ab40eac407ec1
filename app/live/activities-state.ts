import { type Activity, completeActivity, mergeActivity } from '../api/activity';
import type { ActivityNotification } from './parse-notification';

/** One running activity and what the dashboard observed of it. */
export interface ActivityRow {
  activity: Activity;
  /** When this page first saw the activity, in epoch milliseconds. */
  firstSeenAt: number;
  /** True when the page saw `started`, so `firstSeenAt` is the real start time. */
  sawStart: boolean;
  /** When a payload last changed or confirmed the row, in epoch milliseconds. */
  updatedAt: number;
  /** When progress or subtitle last changed, in epoch milliseconds; shows work that hangs. */
  movedAt: number;
}

/** The activities cache entry: running rows by uuid, their display order, and recent ends. */
export interface ActivitiesState {
  rows: Readonly<Record<string, ActivityRow>>;
  /** Uuids in the order they were first seen, which is their start order. */
  order: readonly string[];
  /** Recently ended uuids with the time they ended, oldest first. */
  ended: readonly EndedMark[];
}

export interface EndedMark {
  uuid: string;
  /** When the page learned of the end, in epoch milliseconds. */
  at: number;
  /** The row as last known, with the `ended` payload merged in; absent when never shown. */
  row?: ActivityRow;
  /** True when `ended` arrived; false when the activity left a listing while the page was away. */
  sawEnd: boolean;
}

// Enough to ignore late events for every activity that ended in the last minutes of a busy server.
const MAX_ENDED_MARKS = 500;

export const emptyActivitiesState: ActivitiesState = { rows: {}, order: [], ended: [] };

/**
 * Applies a batch of stream notifications. `updated` on an unknown uuid adds the row, because
 * its `started` may have been sent while the page was not connected; any event for a uuid that
 * already ended is ignored. Returns the same state object when nothing changed.
 */
export function applyNotifications(
  state: ActivitiesState,
  notifications: readonly ActivityNotification[],
  now: number,
): ActivitiesState {
  let rows: Record<string, ActivityRow> | null = null;
  let order: string[] | null = null;
  let ended: EndedMark[] | null = null;

  for (const { event, uuid, fields } of notifications) {
    const current = (rows ?? state.rows)[uuid];
    if (!current && hasEnded(ended ?? state.ended, uuid)) continue;

    if (event === 'ended') {
      const row = current && { ...current, activity: mergeActivity(current.activity, fields) };
      const mark: EndedMark = row
        ? { uuid, at: now, row, sawEnd: true }
        : { uuid, at: now, sawEnd: true };
      ended = [...(ended ?? state.ended), mark].slice(-MAX_ENDED_MARKS);
      if (!current) continue;
      rows ??= { ...state.rows };
      delete rows[uuid];
      order = (order ?? state.order).filter((id) => id !== uuid);
      continue;
    }

    rows ??= { ...state.rows };
    if (current) {
      const activity = mergeActivity(current.activity, fields);
      const movedAt = hasMoved(current.activity, activity) ? now : current.movedAt;
      rows[uuid] = { ...current, activity, updatedAt: now, movedAt };
    } else {
      rows[uuid] = newRow(completeActivity(fields), now, event === 'started');
      order = [...(order ?? state.order), uuid];
    }
  }

  if (!rows && !ended) return state;
  return { rows: rows ?? state.rows, order: order ?? state.order, ended: ended ?? state.ended };
}

/**
 * Makes the rows match a `GET /activities` response whose request began at `requestedAt`: listed
 * activities are added or refreshed, unlisted rows leave. The stream has no replay, so this is
 * how ends missed while disconnected are found. Stream events newer than the request win: a row
 * started or updated after the request stays as the stream left it, and a row ended after it is
 * not brought back.
 */
export function reconcileWithList(
  state: ActivitiesState,
  listed: readonly Activity[],
  requestedAt: number,
  now: number,
): ActivitiesState {
  const rows: Record<string, ActivityRow> = {};
  const listedIds = new Set<string>();

  for (const activity of listed) {
    listedIds.add(activity.uuid);
    const current = state.rows[activity.uuid];
    if (current && current.updatedAt > requestedAt) {
      // The listing was taken before this update; every later change comes on the stream too.
      rows[activity.uuid] = current;
    } else if (current) {
      const merged = mergeActivity(current.activity, activity);
      const movedAt = hasMoved(current.activity, merged) ? now : current.movedAt;
      rows[activity.uuid] =
        merged === current.activity ? current : { ...current, activity: merged, movedAt };
    } else if (!endedSince(state.ended, activity.uuid, requestedAt)) {
      rows[activity.uuid] = newRow(activity, now, false);
    }
  }

  const gone: EndedMark[] = [];
  for (const uuid of state.order) {
    const row = state.rows[uuid];
    if (!row || listedIds.has(uuid)) continue;
    if (row.updatedAt > requestedAt) rows[uuid] = row;
    else gone.push({ uuid, at: now, row, sawEnd: false });
  }

  const kept = state.order.filter((uuid) => rows[uuid]);
  const added = [...listedIds].filter((uuid) => rows[uuid] && !state.rows[uuid]);
  const unchanged =
    added.length === 0 &&
    kept.length === state.order.length &&
    kept.every((uuid) => rows[uuid] === state.rows[uuid]);
  if (unchanged) return state;

  const ended = gone.length ? [...state.ended, ...gone].slice(-MAX_ENDED_MARKS) : state.ended;
  return { rows, order: [...kept, ...added], ended };
}

/** Returns the running activities in display order. */
export function selectRows(state: ActivitiesState): ActivityRow[] {
  const result: ActivityRow[] = [];
  for (const uuid of state.order) {
    const row = state.rows[uuid];
    if (row) result.push(row);
  }
  return result;
}

function newRow(activity: Activity, now: number, sawStart: boolean): ActivityRow {
  return { activity, firstSeenAt: now, sawStart, updatedAt: now, movedAt: now };
}

function hasMoved(before: Activity, after: Activity): boolean {
  return before.progress !== after.progress || before.subtitle !== after.subtitle;
}

function hasEnded(ended: readonly EndedMark[], uuid: string): boolean {
  return ended.some((mark) => mark.uuid === uuid);
}

function endedSince(ended: readonly EndedMark[], uuid: string, since: number): boolean {
  return ended.some((mark) => mark.uuid === uuid && mark.at >= since);
}

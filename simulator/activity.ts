import { randomUUID } from 'node:crypto';
import type { JsonObject } from './json-value.ts';

/** One Plex background task as `GET /activities` and the event stream carry it. */
export interface Activity {
  uuid: string;
  type: string;
  cancellable: boolean;
  userID: number;
  title: string;
  subtitle?: string;
  progress?: number;
  Context?: JsonObject;
  Response?: JsonObject;
}

export type ActivityEvent = 'started' | 'updated' | 'ended';

type OptionalField = 'subtitle' | 'progress' | 'Context' | 'Response';

/** Changes to merge into an activity. `null` removes an optional field. */
export type ActivityPatch = Partial<Pick<Activity, 'type' | 'cancellable' | 'userID' | 'title'>> & {
  [Key in OptionalField]?: Activity[Key] | null;
};

const OWNER_USER_ID = 1;

const TITLES_BY_TYPE: Record<string, string> = {
  'library.update.section': 'Scanning',
  'library.refresh.items': 'Refreshing',
  'library.update.item.metadata': 'Updating metadata',
  'provider.subscriptions.process': 'Processing subscriptions',
  'provider.epg.load': 'Refreshing EPG',
  'media.download': 'Downloading Media',
  'media.generate.bif': 'Generating video preview thumbnails',
  'media.generate.intros': 'Detecting intros',
  'media.generate.credits': 'Detecting credits',
};

/**
 * Creates an activity from the given fields. Missing fields get the values a fresh
 * Plex task shows: the owner's user id, an empty subtitle and progress 0.
 */
export function createActivity(fields: ActivityPatch, uuid: string = randomUUID()): Activity {
  const type = fields.type ?? 'library.refresh.items';
  const base: Activity = {
    uuid,
    type,
    cancellable: false,
    userID: OWNER_USER_ID,
    title: TITLES_BY_TYPE[type] ?? type,
    subtitle: '',
    progress: 0,
  };

  return mergeActivity(base, fields);
}

/**
 * Returns a copy of `current` with `patch` applied. Fields keep the order Plex sends
 * them in, so the JSON and the XML attributes read in a stable order.
 */
export function mergeActivity(current: Activity, patch: ActivityPatch): Activity {
  const merged: Activity = {
    uuid: current.uuid,
    type: patch.type ?? current.type,
    cancellable: patch.cancellable ?? current.cancellable,
    userID: patch.userID ?? current.userID,
    title: patch.title ?? current.title,
  };

  copyOptional(merged, 'subtitle', choose(patch.subtitle, current.subtitle));
  copyOptional(merged, 'progress', choose(patch.progress, current.progress));
  copyOptional(merged, 'Context', choose(patch.Context, current.Context));
  copyOptional(merged, 'Response', choose(patch.Response, current.Response));

  return merged;
}

function choose<Value>(next: Value | null | undefined, current: Value | undefined) {
  if (next === null) {
    return undefined;
  }
  return next ?? current;
}

function copyOptional<Key extends OptionalField>(
  target: Activity,
  key: Key,
  value: Activity[Key] | undefined,
): void {
  if (value !== undefined) {
    target[key] = value;
  }
}

/** Returns the activity as a JSON object, leaving out absent optional fields. */
export function activityToJson(activity: Activity): JsonObject {
  const json: JsonObject = {
    uuid: activity.uuid,
    type: activity.type,
    cancellable: activity.cancellable,
    userID: activity.userID,
    title: activity.title,
  };

  if (activity.subtitle !== undefined) json.subtitle = activity.subtitle;
  if (activity.progress !== undefined) json.progress = activity.progress;
  if (activity.Context !== undefined) json.Context = activity.Context;
  if (activity.Response !== undefined) json.Response = activity.Response;

  return json;
}

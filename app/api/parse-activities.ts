import { type Activity, completeActivity, readActivityFields } from './activity';

const reportedInvalid = new Set<string>();
const MAX_REPORTED = 1000;

/**
 * Reads `GET /activities` in Plex's JSON shape. `Activity` is absent when nothing runs. A record
 * that fails validation is dropped and logged once per uuid; the others are kept.
 */
export function parseActivityList(body: unknown): Activity[] {
  const container = readContainer(body);
  const records = toArray(container.Activity);
  const activities: Activity[] = [];

  for (const record of records) {
    const result = readActivityFields(record);
    if (result.ok) activities.push(completeActivity(result.fields));
    else reportInvalidRecord(record, result.reason);
  }
  return activities;
}

/** Reads `GET /library/sections` into a map from section key (a string) to its title. */
export function parseLibrarySections(body: unknown): Record<string, string> {
  const names: Record<string, string> = {};
  for (const directory of toArray(readContainer(body).Directory)) {
    if (directory === null || typeof directory !== 'object') continue;
    const { key, title } = directory as { key?: unknown; title?: unknown };
    if ((typeof key === 'string' || typeof key === 'number') && typeof title === 'string') {
      names[String(key)] = title;
    }
  }
  return names;
}

/** Logs a dropped record once per uuid, so a record that stays broken does not flood the console. */
export function reportInvalidRecord(record: unknown, reason: string): void {
  const uuid = (record as { uuid?: unknown } | null)?.uuid;
  const id = typeof uuid === 'string' ? uuid : '(no uuid)';
  if (reportedInvalid.has(id)) return;
  if (reportedInvalid.size >= MAX_REPORTED) reportedInvalid.clear();
  reportedInvalid.add(id);
  console.warn(`[api] dropped an activity record that failed validation (uuid ${id}): ${reason}`);
}

function readContainer(body: unknown): Record<string, unknown> {
  const container = (body as { MediaContainer?: unknown } | null)?.MediaContainer;
  if (container === null || typeof container !== 'object' || Array.isArray(container)) {
    throw new TypeError('expected a Plex MediaContainer in the response');
  }
  return container as Record<string, unknown>;
}

function toArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

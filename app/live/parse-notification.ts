import { type ActivityFields, readActivityFields } from '../api/activity';
import { reportInvalidRecord } from '../api/parse-activities';

export type ActivityEventName = 'started' | 'updated' | 'ended';

/** One entry of an `activity` message on the notification stream. */
export interface ActivityNotification {
  event: ActivityEventName;
  uuid: string;
  fields: ActivityFields;
}

const EVENT_NAMES = new Set<string>(['started', 'updated', 'ended']);

/**
 * Reads the `data:` of an `activity` message. Plex's SSE stream sends one unwrapped
 * `{"ActivityNotification":{…}}`, its websocket wraps an array in `NotificationContainer`;
 * both are accepted. Entries with an unknown `event`, no uuid or an invalid `Activity` are
 * dropped; throws a SyntaxError when `data` is not JSON at all.
 */
export function parseActivityMessage(data: string): ActivityNotification[] {
  const body: unknown = JSON.parse(data);
  const notifications: ActivityNotification[] = [];

  for (const entry of readEntries(body)) {
    const notification = readEntry(entry);
    if (notification) notifications.push(notification);
  }
  return notifications;
}

function readEntries(body: unknown): unknown[] {
  if (body === null || typeof body !== 'object') return [];
  const container = (body as { NotificationContainer?: unknown }).NotificationContainer;
  const holder = container && typeof container === 'object' ? container : body;
  const entries = (holder as { ActivityNotification?: unknown }).ActivityNotification;
  if (entries === undefined || entries === null) return [];
  return Array.isArray(entries) ? entries : [entries];
}

function readEntry(entry: unknown): ActivityNotification | null {
  if (entry === null || typeof entry !== 'object') return null;
  const { event, uuid, Activity: record } = entry as Record<string, unknown>;
  if (typeof event !== 'string' || !EVENT_NAMES.has(event)) return null;

  // The outer uuid equals Activity.uuid on the wire; either one is enough to place the event.
  const withUuid =
    record && typeof record === 'object' && !('uuid' in record) ? { ...record, uuid } : record;
  const result = readActivityFields(withUuid ?? { uuid });
  if (!result.ok) {
    reportInvalidRecord(withUuid ?? { uuid }, result.reason);
    return null;
  }
  return { event: event as ActivityEventName, uuid: result.fields.uuid, fields: result.fields };
}

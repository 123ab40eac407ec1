import { z } from 'zod';

/** One activity as Plex lists it: any JSON object with a `uuid`. Unknown fields are kept. */
export type ActivityRecord = { uuid: string } & Record<string, unknown>;

/** One entry of an `activity` message, checked so that the mirror can apply it as it is. */
export type ActivityChange =
  | { event: 'started' | 'updated'; uuid: string; activity: ActivityRecord }
  | { event: 'ended'; uuid: string };

const jsonObjectSchema = z.record(z.string(), z.unknown());
const activitySchema = z.looseObject({ uuid: z.string().min(1) });
const entrySchema = z.object({
  event: z.enum(['started', 'updated', 'ended']),
  uuid: z.string().min(1),
  Activity: activitySchema.optional(),
});

// The event stream sends one unwrapped entry. The WebSocket wraps an array in
// `NotificationContainer`, and both shapes are accepted.
const messageSchema = z.union([
  z.object({ NotificationContainer: z.object({ ActivityNotification: z.array(z.unknown()) }) }),
  z.object({ ActivityNotification: z.unknown() }),
]);

const listingSchema = z.object({
  MediaContainer: z.object({ Activity: z.array(activitySchema).optional() }),
});

/**
 * Reads the `data` of one `activity` message. Returns the valid changes and how many entries
 * were invalid. A message that is no JSON or has neither shape counts as one invalid entry.
 */
export function parseActivityMessage(data: string): { changes: ActivityChange[]; invalid: number } {
  const message = messageSchema.safeParse(parseJson(data));
  if (!message.success) {
    return { changes: [], invalid: 1 };
  }

  const entries =
    'NotificationContainer' in message.data
      ? message.data.NotificationContainer.ActivityNotification
      : [message.data.ActivityNotification];
  const changes: ActivityChange[] = [];
  let invalid = 0;

  for (const entry of entries) {
    const change = toChange(entry);
    if (change === null) {
      invalid += 1;
    } else {
      changes.push(change);
    }
  }

  return { changes, invalid };
}

/** Reads a `GET /activities` JSON body. Returns null for anything else, such as XML. */
export function parseActivityListing(body: string): ActivityRecord[] | null {
  const listing = listingSchema.safeParse(parseJson(body));
  return listing.success ? (listing.data.MediaContainer.Activity ?? []) : null;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return jsonObjectSchema.safeParse(value).success;
}

function toChange(value: unknown): ActivityChange | null {
  const entry = entrySchema.safeParse(value);
  if (!entry.success) {
    return null;
  }

  const { event, uuid, Activity: activity } = entry.data;
  if (event === 'ended') {
    return { event, uuid };
  }
  // `started` and `updated` carry the whole activity. Plex sends the same uuid inside and out.
  if (activity === undefined || activity.uuid !== uuid) {
    return null;
  }
  return { event, uuid, activity };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

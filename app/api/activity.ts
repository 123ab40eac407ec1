import * as v from 'valibot';

/** One Plex activity as the dashboard shows it, after lenient normalising. */
export interface Activity {
  uuid: string;
  type: string;
  title: string;
  subtitle: string;
  cancellable: boolean;
  /** Percent from 0 to 100, or null when Plex reports -1, nothing, or something unreadable. */
  progress: number | null;
  userID: number | null;
  librarySectionID: string | null;
  context: Record<string, unknown>;
}

/** The fields one payload carried; an absent field is undefined so that a merge keeps the old value. */
export type ActivityFields = Pick<Activity, 'uuid'> & Partial<Omit<Activity, 'uuid'>>;

// Plex sends booleans as true/false in JSON, "0"/"1" in XML, and 1 or "1" in some clients.
const booleanish = v.pipe(
  v.unknown(),
  v.transform((value) => value === true || value === 1 || value === '1' || value === 'true'),
);

// Progress may be a number, a string (XML), -1 (indeterminate) or something broken.
const progressish = v.pipe(
  v.unknown(),
  v.transform((value): number | null => {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return null;
    return Math.min(number, 100);
  }),
);

const numberish = v.pipe(
  v.unknown(),
  v.transform((value): number | null => {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isFinite(number) ? number : null;
  }),
);

const textish = v.pipe(
  v.unknown(),
  v.transform((value) => {
    if (typeof value === 'string') return value;
    return value == null ? '' : String(value);
  }),
);

const contextSchema = v.pipe(
  v.unknown(),
  v.transform(
    (value): Record<string, unknown> =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {},
  ),
);

/** Validates one raw `Activity` record from JSON or XML; unknown fields are ignored. */
export const activityFieldsSchema = v.pipe(
  v.looseObject({
    uuid: v.pipe(v.string(), v.minLength(1)),
    type: v.optional(v.string()),
    title: v.optional(textish),
    subtitle: v.optional(textish),
    cancellable: v.optional(booleanish),
    progress: v.optional(progressish),
    userID: v.optional(numberish),
    Context: v.optional(contextSchema),
  }),
  v.transform((raw): ActivityFields => {
    const fields: ActivityFields = { uuid: raw.uuid };
    if (raw.type) fields.type = raw.type;
    if (raw.title !== undefined) fields.title = raw.title;
    if (raw.subtitle !== undefined) fields.subtitle = raw.subtitle;
    if (raw.cancellable !== undefined) fields.cancellable = raw.cancellable;
    if ('progress' in raw) fields.progress = raw.progress ?? null;
    if (raw.userID !== undefined) fields.userID = raw.userID;
    if (raw.Context !== undefined) {
      fields.context = raw.Context;
      fields.librarySectionID = readSectionId(raw.Context.librarySectionID);
    }
    return fields;
  }),
);

/** Builds a whole activity from the fields of its first payload. */
export function completeActivity(fields: ActivityFields): Activity {
  return mergeActivity(
    {
      uuid: fields.uuid,
      type: 'unknown',
      title: '',
      subtitle: '',
      cancellable: false,
      progress: null,
      userID: null,
      librarySectionID: null,
      context: {},
    },
    fields,
  );
}

/**
 * Overlays the fields a later payload carried. `Context` keys merge one by one, because Plex
 * often sends `librarySectionID` a second after `started` and may leave it out again later.
 */
export function mergeActivity(previous: Activity, fields: ActivityFields): Activity {
  const context = fields.context ? { ...previous.context, ...fields.context } : previous.context;
  const next: Activity = {
    uuid: previous.uuid,
    type: fields.type ?? previous.type,
    title: fields.title ?? previous.title,
    subtitle: fields.subtitle ?? previous.subtitle,
    cancellable: fields.cancellable ?? previous.cancellable,
    progress: fields.progress !== undefined ? fields.progress : previous.progress,
    userID: fields.userID ?? previous.userID,
    librarySectionID: fields.librarySectionID ?? previous.librarySectionID,
    context,
  };
  return isSameActivity(previous, next) ? previous : next;
}

/** Returns whether the bar should move without a percentage. */
export function isIndeterminate(progress: number | null): boolean {
  // Plex leaves some work at 0 until `ended` brings 100, so 0 carries as little information as -1.
  return progress === null || progress === 0;
}

function isSameActivity(a: Activity, b: Activity): boolean {
  return (
    a.type === b.type &&
    a.title === b.title &&
    a.subtitle === b.subtitle &&
    a.cancellable === b.cancellable &&
    a.progress === b.progress &&
    a.userID === b.userID &&
    a.librarySectionID === b.librarySectionID &&
    (a.context === b.context || JSON.stringify(a.context) === JSON.stringify(b.context))
  );
}

function readSectionId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

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

/** An activity record read from a payload, or why it cannot be used. */
export type ActivityFieldsResult =
  | { ok: true; fields: ActivityFields }
  | { ok: false; reason: string };

/**
 * Reads one raw `Activity` record from JSON or XML. Only a missing or empty `uuid`, or a `type`
 * that is not text, makes a record unusable. Real servers differ, so every other field is read
 * leniently; unknown fields are ignored.
 */
export function readActivityFields(record: unknown): ActivityFieldsResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { ok: false, reason: 'the record is not an object' };
  }
  const raw = record as Record<string, unknown>;
  if (typeof raw.uuid !== 'string' || raw.uuid === '') {
    return { ok: false, reason: 'uuid is missing or not a non-empty string' };
  }
  if (raw.type !== undefined && typeof raw.type !== 'string') {
    return { ok: false, reason: 'type is not a string' };
  }

  // A field the payload left out stays undefined, so that a merge keeps the earlier value.
  const fields: ActivityFields = { uuid: raw.uuid };
  if (raw.type) fields.type = raw.type;
  if (raw.title !== undefined) fields.title = readText(raw.title);
  if (raw.subtitle !== undefined) fields.subtitle = readText(raw.subtitle);
  if (raw.cancellable !== undefined) fields.cancellable = readBoolean(raw.cancellable);
  if ('progress' in raw) fields.progress = readProgress(raw.progress);
  if (raw.userID !== undefined) fields.userID = readNumber(raw.userID);
  if (raw.Context !== undefined) {
    const context = readContext(raw.Context);
    fields.context = context;
    fields.librarySectionID = readSectionId(context.librarySectionID);
  }
  return { ok: true, fields };
}

// Plex sends booleans as true/false in JSON, "0"/"1" in XML, and 1 or "1" in some clients.
function readBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

// Progress may be a number, a string (XML), -1 (indeterminate) or something broken.
function readProgress(value: unknown): number | null {
  const number = readNumber(value);
  return number === null || number < 0 ? null : Math.min(number, 100);
}

function readNumber(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

function readText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value == null ? '' : String(value);
}

function readContext(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

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

import {
  type ActivityChange,
  type ActivityRecord,
  isJsonObject,
} from './activity-notifications.ts';

// Ended uuids are remembered so that a late `updated` does not bring a finished activity back.
const maxRememberedEnds = 1_000;

interface MirrorEntry {
  activity: ActivityRecord;
  /** Sequence number of the last change applied from the event stream, 0 for a listed one. */
  changedAt: number;
}

/** Plex's JSON shape of `GET /activities`. `Activity` is absent when nothing runs. */
export interface ActivityContainer {
  MediaContainer: { size: number; Activity?: ActivityRecord[] };
}

/**
 * One server's running activities, built from a full listing and kept current by the changes of
 * the event stream. Activities keep the order in which Plex listed or started them.
 */
export class ActivityMirror {
  #entries = new Map<string, MirrorEntry>();
  readonly #endedAt = new Map<string, number>();
  #sequence = 0;

  /** Sequence number of the latest change. Pass it to `replaceWithListing` for a listing requested now. */
  get sequence(): number {
    return this.#sequence;
  }

  /**
   * Applies one change. `started` and `updated` merge the activity into its record, `Context` key
   * by key because Plex often adds it a second after `started`. `ended` removes the record.
   */
  apply(change: ActivityChange): void {
    this.#sequence += 1;

    if (change.event === 'ended') {
      this.#entries.delete(change.uuid);
      this.#rememberEnd(change.uuid);
      return;
    }
    if (change.event === 'updated' && this.#endedAt.has(change.uuid)) {
      return;
    }

    this.#endedAt.delete(change.uuid);
    const current = this.#entries.get(change.uuid)?.activity;
    this.#entries.set(change.uuid, {
      activity: mergeActivity(current, change.activity),
      changedAt: this.#sequence,
    });
  }

  /**
   * Replaces the records with a full listing whose request started at `requestedAt` (a value of
   * `sequence`). Changes that arrived while the request ran are newer than the listing, so they
   * are kept: records changed since then stay as they are, and activities ended since then stay out.
   */
  replaceWithListing(listed: readonly ActivityRecord[], requestedAt: number): void {
    const next = new Map<string, MirrorEntry>();

    for (const activity of listed) {
      const endedAt = this.#endedAt.get(activity.uuid);
      if (endedAt !== undefined && endedAt > requestedAt) {
        continue;
      }

      const current = this.#entries.get(activity.uuid);
      if (current !== undefined && current.changedAt > requestedAt) {
        next.set(activity.uuid, current);
        continue;
      }
      this.#endedAt.delete(activity.uuid);
      next.set(activity.uuid, { activity, changedAt: 0 });
    }

    for (const [uuid, entry] of this.#entries) {
      if (entry.changedAt > requestedAt && !next.has(uuid)) {
        next.set(uuid, entry);
      }
    }
    this.#entries = next;
  }

  clear(): void {
    this.#entries.clear();
    this.#endedAt.clear();
  }

  toContainer(): ActivityContainer {
    const activities = [...this.#entries.values()].map((entry) => entry.activity);
    return activities.length === 0
      ? { MediaContainer: { size: 0 } }
      : { MediaContainer: { size: activities.length, Activity: activities } };
  }

  #rememberEnd(uuid: string): void {
    this.#endedAt.delete(uuid);
    this.#endedAt.set(uuid, this.#sequence);
    if (this.#endedAt.size > maxRememberedEnds) {
      const oldest = this.#endedAt.keys().next().value;
      if (oldest !== undefined) {
        this.#endedAt.delete(oldest);
      }
    }
  }
}

function mergeActivity(current: ActivityRecord | undefined, next: ActivityRecord): ActivityRecord {
  if (current === undefined) {
    return next;
  }

  const merged: ActivityRecord = { ...current, ...next };
  if (isJsonObject(current.Context) && isJsonObject(next.Context)) {
    merged.Context = { ...current.Context, ...next.Context };
  }
  return merged;
}

import {
  type Activity,
  type ActivityEvent,
  type ActivityPatch,
  createActivity,
  mergeActivity,
} from './activity.ts';

export type ActivityListener = (event: ActivityEvent, activity: Activity) => void;

export type CancelResult = 'cancelling' | 'not-cancellable' | 'not-found';

export interface StartOptions {
  uuid?: string;
  /** Makes `DELETE /activities/{uuid}` return 400 even though the activity is cancellable. */
  refuseCancel?: boolean;
  /** Section key of a scan, so `GET /library/sections` can report it before Context arrives. */
  sectionKey?: string;
}

interface ActivityRecord {
  activity: Activity;
  refuseCancel: boolean;
  sectionKey: string | undefined;
  cancelling: boolean;
}

/** Raised when code updates an activity that has ended, was removed or is being cancelled. */
export class ActivityGoneError extends Error {
  constructor(uuid: string) {
    super(`Activity ${uuid} is no longer running`);
    this.name = 'ActivityGoneError';
  }
}

/**
 * Time between an accepted cancel and its `ended` event, in real milliseconds. It is not
 * scaled by the scenario speed, so a client always has a moment to show "Cancelling…".
 */
export const CANCEL_DELAY_MS = 300;

/** Running activities in start order. Every change goes to the listener as a Plex event. */
export class ActivityStore {
  readonly #records = new Map<string, ActivityRecord>();
  readonly #cancelTimers = new Set<NodeJS.Timeout>();
  readonly #listener: ActivityListener;

  constructor(listener: ActivityListener) {
    this.#listener = listener;
  }

  list(): Activity[] {
    return [...this.#records.values()].map((record) => record.activity);
  }

  get(uuid: string): Activity | undefined {
    return this.#records.get(uuid)?.activity;
  }

  /** Returns whether the activity exists and no cancel is pending for it. */
  isRunning(uuid: string): boolean {
    const record = this.#records.get(uuid);
    return record !== undefined && !record.cancelling;
  }

  isSectionScanning(sectionKey: string): boolean {
    for (const { activity, sectionKey: recordSection } of this.#records.values()) {
      if (activity.type !== 'library.update.section') {
        continue;
      }
      const contextSection = activity.Context?.librarySectionID;
      if (recordSection === sectionKey || String(contextSection) === sectionKey) {
        return true;
      }
    }
    return false;
  }

  /** Adds an activity and emits `started`. Throws when the uuid is already in use. */
  start(fields: ActivityPatch, options: StartOptions = {}): Activity {
    const activity = createActivity(fields, options.uuid);
    if (this.#records.has(activity.uuid)) {
      throw new Error(`Activity ${activity.uuid} already exists`);
    }

    this.#records.set(activity.uuid, {
      activity,
      refuseCancel: options.refuseCancel ?? false,
      sectionKey: options.sectionKey,
      cancelling: false,
    });
    this.#listener('started', activity);
    return activity;
  }

  /** Merges the patch and emits `updated` with the whole activity. */
  update(uuid: string, patch: ActivityPatch, refuseCancel?: boolean): Activity {
    const record = this.#requireRecord(uuid);

    record.activity = mergeActivity(record.activity, patch);
    if (refuseCancel !== undefined) {
      record.refuseCancel = refuseCancel;
    }

    this.#listener('updated', record.activity);
    return record.activity;
  }

  /** Emits `ended` with the whole activity, then removes it. */
  end(uuid: string, patch: ActivityPatch = {}): Activity {
    const record = this.#requireRecord(uuid);
    const activity = mergeActivity(record.activity, patch);

    this.#records.delete(uuid);
    this.#listener('ended', activity);
    return activity;
  }

  /** Removes an activity without any event, as if a client had missed its `ended`. */
  forget(uuid: string): Activity {
    const record = this.#requireRecord(uuid);
    this.#records.delete(uuid);
    return record.activity;
  }

  /**
   * Accepts a cancel and ends the activity with its current progress after
   * CANCEL_DELAY_MS. A repeated cancel of the same activity is accepted again.
   */
  requestCancel(uuid: string): CancelResult {
    const record = this.#records.get(uuid);
    if (record === undefined) {
      return 'not-found';
    }
    if (!record.activity.cancellable || record.refuseCancel) {
      return 'not-cancellable';
    }
    if (record.cancelling) {
      return 'cancelling';
    }

    record.cancelling = true;
    const timer = setTimeout(() => {
      this.#cancelTimers.delete(timer);
      if (this.#records.get(uuid) === record) {
        this.end(uuid);
      }
    }, CANCEL_DELAY_MS);
    this.#cancelTimers.add(timer);
    return 'cancelling';
  }

  /** Removes every activity and pending cancel without emitting events. */
  clear(): void {
    for (const timer of this.#cancelTimers) {
      clearTimeout(timer);
    }
    this.#cancelTimers.clear();
    this.#records.clear();
  }

  #requireRecord(uuid: string): ActivityRecord {
    const record = this.#records.get(uuid);
    if (record === undefined) {
      throw new ActivityGoneError(uuid);
    }
    return record;
  }
}

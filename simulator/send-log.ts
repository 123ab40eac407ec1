import { performance } from 'node:perf_hooks';
import type { Activity, ActivityEvent } from './activity.ts';

/**
 * One activity event as it left the server: event, uuid, progress (null when absent) and the
 * write time in milliseconds since the Unix epoch with sub-millisecond precision
 * (`performance.timeOrigin + performance.now()`).
 */
export type SentActivityEvent = [
  event: ActivityEvent,
  uuid: string,
  progress: number | null,
  sentAt: number,
];

/** Enough for a benchmark window of a few minutes at several thousand events a second. */
const MAX_ENTRIES = 500_000;

/**
 * Send times of activity events, off by default. A benchmark turns it on to match what a page
 * paints with the moment the server wrote it. Entries past MAX_ENTRIES are counted, not kept.
 */
export class SendLog {
  #enabled = false;
  #entries: SentActivityEvent[] = [];
  #dropped = 0;

  get enabled(): boolean {
    return this.#enabled;
  }

  /** Turns recording on or off. Either way the log starts empty. */
  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    this.#entries = [];
    this.#dropped = 0;
  }

  record(event: ActivityEvent, activity: Activity): void {
    if (!this.#enabled) {
      return;
    }
    if (this.#entries.length >= MAX_ENTRIES) {
      this.#dropped += 1;
      return;
    }
    const sentAt = performance.timeOrigin + performance.now();
    this.#entries.push([event, activity.uuid, activity.progress ?? null, sentAt]);
  }

  snapshot(): { enabled: boolean; sends: SentActivityEvent[]; dropped: number } {
    return { enabled: this.#enabled, sends: [...this.#entries], dropped: this.#dropped };
  }
}

/** A painted bar value: activity uuid, whole percent, paint time (page epoch milliseconds). */
export type PaintRecord = [uuid: string, value: number, paintedAt: number];

/** An `activity` message as the page received it: uuid, whole percent, arrival time. */
export type ArrivalRecord = [uuid: string, value: number, arrivedAt: number];

/** A long task: start and duration in page epoch milliseconds. */
export type LongTaskRecord = [startAt: number, durationMs: number];

/** The probe object at `window.__bench` in every benchmarked page. */
export interface BenchProbe {
  /** `activity` messages received on all of the page's EventSources. */
  activityEvents: number;
  /** EventSource `open` events, counting reconnects. */
  streamOpens: number;
  /** Mutations under `<body>`: attribute, text and child-list records. */
  bodyMutations: number;
  /** Times the `<title>` text changed, in page epoch milliseconds. */
  titleChanges: number[];
  /** Times the `<link rel="icon">` href changed, in page epoch milliseconds. */
  iconChanges: number[];
  longTasks: LongTaskRecord[];
  /** Filled only between `startPaintRecording` and `stopPaintRecording`. */
  paints: PaintRecord[];
  /** `updated` messages with a progress value, filled only while paints are recorded. */
  arrivals: ArrivalRecord[];
  startPaintRecording(): void;
  stopPaintRecording(): void;
  /** Makes the page report itself hidden (or visible again) and delays animation frames. */
  setHidden(hidden: boolean): void;
  /** `performance.timeOrigin + performance.now()`. */
  now(): number;
}

declare global {
  interface Window {
    __bench?: BenchProbe;
  }
}

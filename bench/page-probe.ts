import type { ArrivalRecord, BenchProbe, PaintRecord } from './page-probe-types.ts';

/*
 * Installed as an init script in the dashboard and the baseline page alike, before any page
 * script runs. A bar is any `[role="progressbar"]` inside an element with `data-uuid`; its
 * value is `aria-valuenow`.
 *
 * Paint time: a mutation that changes a bar queues the value. The next animation frame
 * callback takes the queue and posts a MessageChannel task, which runs once that frame's
 * rendering (style, layout, paint) is done. That task's time is the paint time of every value
 * in the taken queue. When a bar changes twice before a frame, only the later value is painted
 * and only it is recorded.
 *
 * A page may also change bars inside an animation frame callback, as the dashboard does. Such
 * a change is painted by the rendering step of that same frame, so waiting for the next frame
 * would add a whole frame to its time. The probe therefore keeps a frame loop whose callback
 * runs first in every frame and marks the frame phase until the frame's rendering is done; a
 * mutation seen in that phase is taken at once, and its MessageChannel task runs after this
 * frame's rendering.
 */

const now = () => performance.timeOrigin + performance.now();
const nativeRequestFrame = window.requestAnimationFrame.bind(window);
const nativeCancelFrame = window.cancelAnimationFrame.bind(window);

let recording = false;
let queued = new Map<string, number>();
let frameRequested = false;
const takenQueues: Map<string, number>[] = [];
const afterPaint = new MessageChannel();
const afterFrame = new MessageChannel();
let inFramePhase = false;

const probe: BenchProbe = {
  activityEvents: 0,
  streamOpens: 0,
  bodyMutations: 0,
  titleChanges: [],
  iconChanges: [],
  longTasks: [],
  paints: [],
  arrivals: [],
  startPaintRecording() {
    probe.paints = [];
    probe.arrivals = [];
    recording = true;
  },
  stopPaintRecording() {
    recording = false;
  },
  setHidden,
  now,
};
window.__bench = probe;

countStreamEvents();
watchLongTasks();
new MutationObserver(readMutations).observe(document, {
  subtree: true,
  childList: true,
  attributes: true,
  characterData: true,
});

afterPaint.port1.onmessage = () => {
  const paintedAt = now();
  const taken = takenQueues.shift();
  if (taken === undefined) {
    return;
  }
  for (const [uuid, value] of taken) {
    const record: PaintRecord = [uuid, value, paintedAt];
    probe.paints.push(record);
  }
};

function readMutations(records: MutationRecord[]): void {
  for (const record of records) {
    const target = record.target;
    const element = target instanceof Element ? target : target.parentElement;
    if (element === null) {
      continue;
    }

    if (element.closest('title') !== null) {
      probe.titleChanges.push(now());
    } else if (isIconLink(element) && record.attributeName === 'href') {
      probe.iconChanges.push(now());
    } else if (element.closest('body') !== null) {
      probe.bodyMutations += 1;
      if (recording) {
        queueBarValues(record, element);
      }
    }
  }

  if (queued.size > 0 && inFramePhase) {
    takenQueues.push(queued);
    queued = new Map();
    afterPaint.port2.postMessage(null);
  } else if (queued.size > 0 && !frameRequested) {
    frameRequested = true;
    nativeRequestFrame(takeQueue);
  }
}

// Registered during each frame's callbacks, the loop's callback is the first one of the next
// frame; callbacks the page registers between frames run after it.
function markFramePhase(): void {
  inFramePhase = true;
  afterFrame.port2.postMessage(null);
  nativeRequestFrame(markFramePhase);
}
afterFrame.port1.onmessage = () => {
  inFramePhase = false;
};
nativeRequestFrame(markFramePhase);

function queueBarValues(record: MutationRecord, element: Element): void {
  if (record.type === 'attributes' && record.attributeName === 'aria-valuenow') {
    queueBar(element);
    return;
  }
  for (const node of record.addedNodes) {
    if (!(node instanceof Element)) {
      continue;
    }
    if (node.matches('[role="progressbar"]')) {
      queueBar(node);
    }
    for (const bar of node.querySelectorAll('[role="progressbar"]')) {
      queueBar(bar);
    }
  }
}

function queueBar(bar: Element): void {
  const uuid = bar.closest<HTMLElement>('[data-uuid]')?.dataset.uuid;
  const value = Number(bar.getAttribute('aria-valuenow'));
  if (uuid !== undefined && bar.hasAttribute('aria-valuenow') && Number.isFinite(value)) {
    queued.set(uuid, value);
  }
}

function takeQueue(): void {
  frameRequested = false;
  takenQueues.push(queued);
  queued = new Map();
  afterPaint.port2.postMessage(null);
}

function isIconLink(element: Element): boolean {
  return element instanceof HTMLLinkElement && element.relList.contains('icon');
}

/** Wraps EventSource so every stream the page opens reports its `activity` messages. */
function countStreamEvents(): void {
  const NativeEventSource = window.EventSource;
  class CountingEventSource extends NativeEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      // Added before any listener of the page, so it runs first and times the arrival.
      this.addEventListener('activity', (event) => {
        probe.activityEvents += 1;
        if (recording) {
          recordArrival((event as MessageEvent<string>).data);
        }
      });
      this.addEventListener('open', () => {
        probe.streamOpens += 1;
      });
    }
  }
  window.EventSource = CountingEventSource;
}

/** Keeps the uuid and progress of an `updated` message, as Plex's stream sends it. */
function recordArrival(data: string): void {
  const arrivedAt = now();
  let notification: unknown;
  try {
    notification = (JSON.parse(data) as { ActivityNotification?: unknown }).ActivityNotification;
  } catch {
    return;
  }
  const { event, uuid, Activity } = (notification ?? {}) as {
    event?: unknown;
    uuid?: unknown;
    Activity?: { progress?: unknown };
  };
  const progress = Activity?.progress;
  if (event === 'updated' && typeof uuid === 'string' && typeof progress === 'number') {
    const record: ArrivalRecord = [uuid, Math.round(progress), arrivedAt];
    probe.arrivals.push(record);
  }
}

function watchLongTasks(): void {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
    }
  }).observe({ type: 'longtask', buffered: true });
}

/*
 * Headless Chromium keeps every page visible: a second tab brought to the front, a new tab in
 * the same window and a minimised window all leave `visibilityState` at 'visible'. So the
 * bench reports hidden through the document, fires `visibilitychange`, and delays animation
 * frames as a hidden tab does. Timers are not throttled the way a real hidden tab's are.
 */
let hidden = false;
let nextHeldId = -1;
const heldFrames = new Map<number, FrameRequestCallback>();

Object.defineProperty(document, 'visibilityState', {
  configurable: true,
  get: () => (hidden ? 'hidden' : 'visible'),
});
Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });

window.requestAnimationFrame = (callback) => {
  if (!hidden) {
    return nativeRequestFrame(callback);
  }
  const id = nextHeldId;
  nextHeldId -= 1;
  heldFrames.set(id, callback);
  return id;
};
window.cancelAnimationFrame = (id) => {
  if (id < 0) {
    heldFrames.delete(id);
  } else {
    nativeCancelFrame(id);
  }
};

function setHidden(value: boolean): void {
  if (value === hidden) {
    return;
  }
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
  if (!hidden) {
    for (const callback of heldFrames.values()) {
      nativeRequestFrame(callback);
    }
    heldFrames.clear();
  }
}

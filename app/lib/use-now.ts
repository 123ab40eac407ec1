import { useSyncExternalStore } from 'react';

// One shared one-second clock for the whole page, started only while something reads it.
const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

/** Returns the current time, re-rendering the caller once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    document.addEventListener('visibilitychange', tick);
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      document.removeEventListener('visibilitychange', tick);
      clearInterval(timer);
      timer = null;
    }
  };
}

function getNow(): number {
  return now;
}

function tick(): void {
  // A hidden page shows nothing, so its clocks need not re-render; they catch up when shown.
  if (document.visibilityState === 'hidden') return;
  now = Date.now();
  for (const listener of listeners) listener();
}

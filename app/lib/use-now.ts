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
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getNow(): number {
  return now;
}

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
}

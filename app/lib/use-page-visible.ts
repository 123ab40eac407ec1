import { useRef, useSyncExternalStore } from 'react';

/** Returns whether the page is visible, re-rendering the caller when that changes. */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, isPageVisible, () => true);
}

/**
 * Returns `value` while the page is visible and the last visible value while it is hidden, so
 * that a hidden tab renders nothing new until someone looks at it again.
 */
export function useFrozenWhileHidden<T>(value: T): T {
  const visible = usePageVisible();
  const lastVisible = useRef(value);
  if (visible) lastVisible.current = value;
  return lastVisible.current;
}

export function isPageVisible(): boolean {
  return document.visibilityState !== 'hidden';
}

function subscribe(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

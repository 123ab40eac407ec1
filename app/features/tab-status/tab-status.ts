import type { QueryClient } from '@tanstack/react-query';
import { activityKeys } from '../../api/activity-queries';
import type { ActivitiesState } from '../../live/activities-state';
import { getWorstState, useConnectionStore } from '../../live/connection-store';
import { describeTab } from './describe-tab';
import { drawFavicon } from './favicon';

// Browsers throttle hidden tabs anyway; one write a second is plenty for a title.
const MIN_INTERVAL_MS = 1_000;

/**
 * Keeps the document title and favicon in step with the activities and the connection, also
 * while the tab is hidden. Writes at most once a second, and only when the text changed.
 * Returns a function that stops it.
 */
export function startTabStatus(client: QueryClient): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWriteAt = 0;
  let lastTitle = '';
  let lastIcon = '';
  const link = findOrCreateIconLink();

  const write = () => {
    timer = null;
    lastWriteAt = Date.now();
    const states = client
      .getQueriesData<ActivitiesState>({ queryKey: activityKeys.all })
      .map(([, state]) => state);
    const status = describeTab(states, getWorstState(useConnectionStore.getState().servers));
    if (status.title !== lastTitle) {
      lastTitle = status.title;
      document.title = status.title;
    }
    const icon = drawFavicon(status);
    if (icon !== lastIcon) {
      lastIcon = icon;
      link.href = icon;
    }
  };
  const schedule = () => {
    if (timer !== null) return;
    timer = setTimeout(write, Math.max(0, lastWriteAt + MIN_INTERVAL_MS - Date.now()));
  };

  const unsubscribeCache = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.query.queryKey[0] === activityKeys.all[0]) schedule();
  });
  const unsubscribeConnection = useConnectionStore.subscribe(schedule);
  write();

  return () => {
    unsubscribeCache();
    unsubscribeConnection();
    if (timer !== null) clearTimeout(timer);
  };
}

function findOrCreateIconLink(): HTMLLinkElement {
  const existing = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (existing) return existing;
  const link = document.createElement('link');
  link.rel = 'icon';
  document.head.append(link);
  return link;
}

import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { activitiesQuery, activityKeys } from '../api/activity-queries';
import { RequestError } from '../api/http';
import { type ActivitiesState, applyNotifications, emptyActivitiesState } from './activities-state';
import {
  type ConnectionState,
  markUpdated,
  setConnection,
  useConnectionStore,
} from './connection-store';
import { type ActivityNotification, parseActivityMessage } from './parse-notification';
import { type ProbeResult, StreamSupervisor } from './stream-supervisor';

export const STREAM_URL = '/plex/:/eventsource/notifications?filters=activity,ping';

// Polling is the safety net: slow while the stream delivers, fast while it is down, and
// slower again while the token is refused so that a wrong token causes no request storm.
const POLL_INTERVAL_MS: Record<ConnectionState, number> = {
  connecting: 5_000,
  live: 60_000,
  reconnecting: 5_000,
  offline: 5_000,
  unauthorized: 30_000,
};
// A hidden tab gets no animation frames, so its batches are flushed on a timer instead.
const HIDDEN_FLUSH_MS = 1_000;

/**
 * Runs the page's live connection and returns the activities query. Call it once, near the
 * root: it opens the one EventSource and writes its events into the query cache.
 */
export function useLiveActivities() {
  const client = useQueryClient();
  const state = useConnectionStore((store) => store.state);
  const query = useQuery({
    ...activitiesQuery,
    refetchInterval: POLL_INTERVAL_MS[state],
    refetchIntervalInBackground: true,
    retry: false,
  });

  useEffect(() => startLiveStream(client), [client]);

  useEffect(() => {
    if (query.isSuccess) markUpdated(query.dataUpdatedAt);
  }, [query.isSuccess, query.dataUpdatedAt]);

  return query;
}

function startLiveStream(client: QueryClient): () => void {
  const batch = createBatcher((notifications) => {
    client.setQueryData<ActivitiesState>(activityKeys.all, (previous) =>
      applyNotifications(previous ?? emptyActivitiesState, notifications, Date.now()),
    );
    markUpdated(Date.now());
  });

  const supervisor = new StreamSupervisor({
    url: STREAM_URL,
    onActivity: (data) => batch.add(readNotifications(data)),
    onConnected: () => void client.refetchQueries({ queryKey: activityKeys.all }),
    probe: () => probeActivities(client),
    onStateChange: (state, reason, retryAt) => setConnection({ state, reason, retryAt }),
  });

  // Once the API answers again after a refused token, the stream is worth another try.
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryKey[0] !== activityKeys.all[0]) return;
    const { state } = useConnectionStore.getState();
    if (state === 'unauthorized' && event.query.state.status === 'success') supervisor.retryNow();
  });

  supervisor.start();
  return () => {
    unsubscribe();
    supervisor.stop();
    batch.cancel();
  };
}

let malformedMessages = 0;

function readNotifications(data: string): ActivityNotification[] {
  try {
    return parseActivityMessage(data);
  } catch (error) {
    malformedMessages += 1;
    // Logged on the 1st, 10th, 100th … message, so a broken stream cannot flood the console.
    if (Number.isInteger(Math.log10(malformedMessages))) {
      console.warn(
        `[live] ignored ${malformedMessages} activity message(s) that were not JSON: ${String(error)}`,
      );
    }
    return [];
  }
}

async function probeActivities(client: QueryClient): Promise<ProbeResult> {
  await client.refetchQueries({ queryKey: activityKeys.all });
  const { status, error } = client.getQueryState(activityKeys.all) ?? {};
  if (status !== 'error' || !error) return 'ok';
  if (error instanceof RequestError && error.status === 401) return 'unauthorized';
  if (error instanceof RequestError && (error.status === null || error.status >= 502))
    return 'unreachable';
  return 'error';
}

/** Collects notifications and hands them over at most once per animation frame. */
function createBatcher(flush: (notifications: ActivityNotification[]) => void) {
  let pending: ActivityNotification[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    frame = null;
    timer = null;
    const notifications = pending;
    pending = [];
    if (notifications.length > 0) flush(notifications);
  };

  return {
    add(notifications: ActivityNotification[]) {
      if (notifications.length === 0) return;
      pending.push(...notifications);
      if (frame !== null || timer !== null) return;
      if (document.visibilityState === 'hidden') timer = setTimeout(run, HIDDEN_FLUSH_MS);
      else frame = requestAnimationFrame(run);
    },
    cancel() {
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      pending = [];
    },
  };
}

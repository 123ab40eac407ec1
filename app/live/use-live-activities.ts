import { hashKey, type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { activitiesQuery, activityKeys } from '../api/activity-queries';
import { plexPath, RequestError } from '../api/http';
import { type ActivitiesState, applyNotifications, emptyActivitiesState } from './activities-state';
import {
  type ConnectionState,
  getConnection,
  markUpdated,
  useConnection,
} from './connection-store';
import { type ActivityNotification, parseActivityMessage } from './parse-notification';
import { getStreamHub } from './stream-sharing';
import type { ProbeResult } from './stream-supervisor';

// Plex may drop `ping` when asked for `activity` alone, so both are named.
const STREAM_PATH = '/:/eventsource/notifications?filters=activity,ping';

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
 * Runs the live connection to one server and returns its activities query. Call it once per
 * server: it follows that server's event stream, which one tab of the browser holds for all of
 * them, and writes its events into this tab's query cache.
 */
export function useLiveActivities(serverId: string) {
  const client = useQueryClient();
  const { state } = useConnection(serverId);
  const query = useQuery({
    ...activitiesQuery(serverId),
    refetchInterval: POLL_INTERVAL_MS[state],
    refetchIntervalInBackground: true,
    retry: false,
  });

  useEffect(() => startLiveStream(client, serverId), [client, serverId]);

  useEffect(() => {
    if (query.isSuccess) markUpdated(serverId, query.dataUpdatedAt);
  }, [serverId, query.isSuccess, query.dataUpdatedAt]);

  return query;
}

function startLiveStream(client: QueryClient, serverId: string): () => void {
  const queryKey = activityKeys.server(serverId);
  const queryHash = hashKey(queryKey);
  const batch = createBatcher((notifications) => {
    client.setQueryData<ActivitiesState>(queryKey, (previous) =>
      applyNotifications(previous ?? emptyActivitiesState, notifications, Date.now()),
    );
    markUpdated(serverId, Date.now());
  });

  const hub = getStreamHub();
  const leave = hub.join(serverId, {
    url: plexPath(serverId, STREAM_PATH),
    onActivity: (data) => batch.add(readNotifications(data)),
    onConnected: () => void client.refetchQueries({ queryKey, exact: true }),
    probe: () => probeActivities(client, queryKey),
  });

  // Once the API responds again after a rejected token, the stream is worth another try.
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryHash !== queryHash) return;
    const { state } = getConnection(serverId);
    if (state === 'unauthorized' && event.query.state.status === 'success') hub.retryNow(serverId);
  });

  return () => {
    unsubscribe();
    leave();
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

async function probeActivities(
  client: QueryClient,
  queryKey: readonly unknown[],
): Promise<ProbeResult> {
  await client.refetchQueries({ queryKey, exact: true });
  const { status, error } = client.getQueryState(queryKey) ?? {};
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

import type { EndedMark } from '../../live/activities-state';
import { getConnection, useConnectionStore } from '../../live/connection-store';
import { getTypeLabel } from '../activities/activity-types';
import { useSettingsStore } from '../settings/settings-store';
import { canNotify } from './notification-switch';

// Short work ending is no news; only activities that ran longer than this are reported.
export const NOTIFY_MIN_DURATION_MS = 60_000;
// A blip is no news either; the connection must stay down this long.
export const NOTIFY_DOWN_AFTER_MS = 60_000;
const MAX_SEPARATE_NOTIFICATIONS = 3;

/** Shows a notification for each long activity that ended, or one summary for many. */
export function notifyEnded(marks: readonly EndedMark[]): void {
  if (!isEnabled()) return;

  const long = marks.filter(
    (mark) => mark.row && mark.at - mark.row.firstSeenAt >= NOTIFY_MIN_DURATION_MS,
  );
  if (long.length > MAX_SEPARATE_NOTIFICATIONS) {
    show(`${long.length} activities ended`, long.map((mark) => nameOf(mark)).join(', '));
    return;
  }
  for (const mark of long) {
    const early = isEarly(mark);
    show(
      early ? `Ended early: ${nameOf(mark)}` : `Finished: ${nameOf(mark)}`,
      mark.row?.activity.subtitle ?? '',
    );
  }
}

/**
 * Watches every server's connection and notifies once when one has been down for a minute.
 * Returns a function that stops watching.
 */
export function watchConnectionForNotifications(
  getServerName: (serverId: string) => string,
): () => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const unsubscribe = useConnectionStore.subscribe((store, previous) => {
    for (const [serverId, connection] of Object.entries(store.servers)) {
      const before = previous.servers[serverId]?.state;
      if (connection.state === before) continue;

      const timer = timers.get(serverId);
      if (connection.state === 'live' || connection.state === 'connecting') {
        if (timer !== undefined) clearTimeout(timer);
        timers.delete(serverId);
        continue;
      }
      if (before !== 'live' || timer !== undefined) continue;

      timers.set(
        serverId,
        setTimeout(() => {
          timers.delete(serverId);
          const state = getConnection(serverId).state;
          if (state === 'live' || state === 'connecting' || !isEnabled()) return;
          show(`Lost the connection to ${getServerName(serverId)}`, describeDown(state));
        }, NOTIFY_DOWN_AFTER_MS),
      );
    }
  });

  return () => {
    unsubscribe();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}

function isEnabled(): boolean {
  return canNotify() && useSettingsStore.getState().notify && Notification.permission === 'granted';
}

function show(title: string, body: string): void {
  try {
    new Notification(title, { body, icon: '/icon-192.png', tag: title });
  } catch (error) {
    // Some mobile browsers allow notifications only from a service worker; the page still works.
    console.warn(`[notify] could not show a notification: ${String(error)}`);
  }
}

function nameOf(mark: EndedMark): string {
  const activity = mark.row?.activity;
  return activity ? activity.title || getTypeLabel(activity.type) : mark.uuid;
}

function isEarly(mark: EndedMark): boolean {
  const progress = mark.row?.activity.progress ?? null;
  return progress !== null && progress > 0 && progress < 95;
}

function describeDown(state: string): string {
  return state === 'unauthorized'
    ? 'Plex rejected the token. Check PLEX_TOKEN where the gateway runs.'
    : 'Updates have not arrived for a minute; the list may be out of date.';
}

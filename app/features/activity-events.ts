import type { QueryClient } from '@tanstack/react-query';
import { forgetSamples } from '../lib/progress-samples';
import type { ActivityRow, EndedMark } from '../live/activities-state';
import { watchActivityChanges } from '../live/watch-activity-changes';
import { takeAcceptedCancels } from './activities/accepted-cancels';
import { getTypeLabel } from './activities/activity-types';
import { announce } from './announcer/announcer-store';
import { addToHistory, type HistoryEntry, toHistoryEntry } from './history/history-store';
import { type Notifier, whileNotificationsOn } from './notify/notification-switch';

/**
 * Feeds activity starts and ends on every server to the history, the live region and
 * notifications. `nameOf` returns the name people know a server by. Returns a function that
 * stops it.
 */
export function startActivityEvents(
  client: QueryClient,
  nameOf: (serverId: string) => string,
): () => void {
  let notifier: Notifier | null = null;
  const stopNotifying = whileNotificationsOn((loaded) => {
    notifier = loaded;
    const stopConnectionWatch = loaded.watchConnectionForNotifications(nameOf);
    return () => {
      notifier = null;
      stopConnectionWatch();
    };
  });

  const stopWatching = watchActivityChanges(client, {
    onStarted: (_serverId, rows, initial) => {
      if (!initial) announce(describeStarts(rows));
    },
    onEnded: (serverId, marks) => {
      const cancelled = takeAcceptedCancels(
        serverId,
        marks.map((mark) => mark.uuid),
      );
      const entries = marks.map((mark) =>
        toHistoryEntry(mark, serverId, nameOf(serverId), cancelled.has(mark.uuid)),
      );
      addToHistory(entries.filter((entry): entry is HistoryEntry => entry !== null));
      const shown = marks.filter((mark) => mark.row);
      if (shown.length) announce(describeEnds(shown));
      // The person who cancelled needs no notification that it ended.
      notifier?.notifyEnded(marks.filter((mark) => !cancelled.has(mark.uuid)));
      for (const mark of marks) forgetSamples(mark.uuid);
    },
  });

  return () => {
    stopWatching();
    stopNotifying();
  };
}

function rowName(row: ActivityRow): string {
  return row.activity.title || getTypeLabel(row.activity.type);
}

function describeStarts(rows: ActivityRow[]): string {
  const [first] = rows;
  return rows.length === 1 && first
    ? `Started: ${rowName(first)}`
    : `${rows.length} activities started`;
}

function describeEnds(marks: EndedMark[]): string {
  const [first] = marks;
  return marks.length === 1 && first?.row
    ? `Ended: ${rowName(first.row)}`
    : `${marks.length} activities ended`;
}

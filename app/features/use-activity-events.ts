import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { forgetSamples } from '../lib/progress-samples';
import type { ActivityRow, EndedMark } from '../live/activities-state';
import { watchActivityChanges } from '../live/watch-activity-changes';
import { getTypeLabel } from './activities/activity-types';
import { announce } from './announcer/announcer-store';
import { addToHistory, type HistoryEntry, toHistoryEntry } from './history/history-store';
import { notifyEnded, watchConnectionForNotifications } from './notify/notifier';

/**
 * Feeds activity starts and ends on every server to the history, the live region and
 * notifications. `serverNames` maps server ids to the names people know them by.
 */
export function useActivityEvents(serverNames: Readonly<Record<string, string>>): void {
  const client = useQueryClient();
  const names = useRef(serverNames);
  names.current = serverNames;

  useEffect(() => {
    const nameOf = (serverId: string) => names.current[serverId] ?? serverId;
    const stopWatching = watchActivityChanges(client, {
      onStarted: (_serverId, rows, initial) => {
        if (!initial) announce(describeStarts(rows));
      },
      onEnded: (serverId, marks) => {
        const entries = marks.map((mark) => toHistoryEntry(mark, serverId, nameOf(serverId)));
        addToHistory(entries.filter((entry): entry is HistoryEntry => entry !== null));
        const shown = marks.filter((mark) => mark.row);
        if (shown.length) announce(describeEnds(shown));
        notifyEnded(marks);
        for (const mark of marks) forgetSamples(mark.uuid);
      },
    });
    const stopNotifying = watchConnectionForNotifications(nameOf);
    return () => {
      stopWatching();
      stopNotifying();
    };
  }, [client]);
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

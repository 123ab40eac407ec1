import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { forgetSamples } from '../lib/progress-samples';
import type { ActivityRow, EndedMark } from '../live/activities-state';
import { watchActivityChanges } from '../live/watch-activity-changes';
import { getTypeLabel } from './activities/activity-types';
import { announce } from './announcer/announcer-store';
import { addToHistory, type HistoryEntry, toHistoryEntry } from './history/history-store';
import { notifyEnded, watchConnectionForNotifications } from './notify/notifier';

/** Feeds activity starts and ends to the history, the live region and notifications. */
export function useActivityEvents(): void {
  const client = useQueryClient();

  useEffect(() => {
    const stopWatching = watchActivityChanges(client, {
      onStarted: (rows, initial) => {
        if (!initial) announce(describeStarts(rows));
      },
      onEnded: (marks) => {
        addToHistory(
          marks.map(toHistoryEntry).filter((entry): entry is HistoryEntry => entry !== null),
        );
        const shown = marks.filter((mark) => mark.row);
        if (shown.length) announce(describeEnds(shown));
        notifyEnded(marks);
        for (const mark of marks) forgetSamples(mark.uuid);
      },
    });
    const stopNotifying = watchConnectionForNotifications();
    return () => {
      stopWatching();
      stopNotifying();
    };
  }, [client]);
}

function nameOf(row: ActivityRow): string {
  return row.activity.title || getTypeLabel(row.activity.type);
}

function describeStarts(rows: ActivityRow[]): string {
  const [first] = rows;
  return rows.length === 1 && first
    ? `Started: ${nameOf(first)}`
    : `${rows.length} activities started`;
}

function describeEnds(marks: EndedMark[]): string {
  const [first] = marks;
  return marks.length === 1 && first?.row
    ? `Ended: ${nameOf(first.row)}`
    : `${marks.length} activities ended`;
}

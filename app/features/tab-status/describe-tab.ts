import { isIndeterminate } from '../../api/activity';
import type { ActivitiesState } from '../../live/activities-state';
import type { ConnectionState } from '../../live/connection-store';

export const APP_TITLE = 'Plex Activity Monitor';

/** Content of the browser tab: its title, and the figures the favicon draws. */
export interface TabStatus {
  title: string;
  running: number;
  /** Mean percent of the activities that report one, or null when none does. */
  percent: number | null;
  connection: ConnectionState;
}

const CONNECTION_MARKS: Partial<Record<ConnectionState, string>> = {
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  unauthorized: 'Unauthorized',
};

/**
 * Describes the page for a pinned tab: the count of running activities on all servers and their
 * overall progress while work runs, a mark when any server's updates are not live, and the plain
 * name when idle.
 */
export function describeTab(
  states: readonly (ActivitiesState | undefined)[],
  connection: ConnectionState,
): TabStatus {
  let running = 0;
  let total = 0;
  let measured = 0;
  for (const state of states) {
    for (const uuid of state?.order ?? []) {
      const activity = state?.rows[uuid]?.activity;
      if (!activity) continue;
      running += 1;
      if (!isIndeterminate(activity.progress)) {
        total += activity.progress ?? 0;
        measured += 1;
      }
    }
  }

  const percent = measured ? Math.round(total / measured) : null;
  const mark = CONNECTION_MARKS[connection];
  let work = '';
  if (running > 0 && percent === null) work = `(${running}) `;
  if (running > 0 && percent !== null) work = `(${running}) ${percent} % · `;
  const title = mark ? `⚠ ${mark} · ${work}${APP_TITLE}` : `${work}${APP_TITLE}`;
  return { title, running, percent, connection };
}

import type { QueryClient } from '@tanstack/react-query';
import { activityKeys } from '../api/activity-queries';
import type { ActivitiesState, ActivityRow, EndedMark } from './activities-state';

export interface ActivityChangeHandlers {
  /** Rows new to the page; `initial` is true for the rows of a server's first listing. */
  onStarted: (serverId: string, rows: ActivityRow[], initial: boolean) => void;
  onEnded: (serverId: string, marks: EndedMark[]) => void;
}

/**
 * Reports activities that appear in or leave any server's activities cache, whichever path
 * changed it (a stream event, a poll, a reconcile after reconnecting). It compares only when a
 * cache entry's order or ended list changed, which progress updates never do.
 */
export function watchActivityChanges(
  client: QueryClient,
  handlers: ActivityChangeHandlers,
): () => void {
  const previousByServer = new Map<string, ActivitiesState | undefined>();
  const reported = new WeakSet<EndedMark>();
  for (const [key, state] of client.getQueriesData<ActivitiesState>({
    queryKey: activityKeys.all,
  })) {
    previousByServer.set(String(key[1]), state);
    for (const mark of state?.ended ?? []) reported.add(mark);
  }

  return client.getQueryCache().subscribe((event) => {
    const [scope, serverId] = event.query.queryKey;
    if (event.type !== 'updated' || scope !== activityKeys.all[0] || typeof serverId !== 'string')
      return;
    const previous = previousByServer.get(serverId);
    const next = event.query.state.data as ActivitiesState | undefined;
    if (!next || next === previous) return;

    if (next.order !== previous?.order) {
      const known = previous?.rows ?? {};
      const started = next.order.filter((uuid) => !known[uuid]).map((uuid) => next.rows[uuid]);
      const rows = started.filter((row): row is ActivityRow => row !== undefined);
      if (rows.length) handlers.onStarted(serverId, rows, previous === undefined);
    }

    if (next.ended !== previous?.ended) {
      const ended = next.ended.filter((mark) => !reported.has(mark));
      for (const mark of ended) reported.add(mark);
      if (ended.length) handlers.onEnded(serverId, ended);
    }
    previousByServer.set(serverId, next);
  });
}

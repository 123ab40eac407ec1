import type { QueryClient } from '@tanstack/react-query';
import { activityKeys } from '../api/activity-queries';
import type { ActivitiesState, ActivityRow, EndedMark } from './activities-state';

export interface ActivityChangeHandlers {
  /** Rows new to the page; `initial` is true for the rows of the first listing. */
  onStarted: (rows: ActivityRow[], initial: boolean) => void;
  onEnded: (marks: EndedMark[]) => void;
}

/**
 * Reports activities that appear in or leave the activities cache, whichever path changed it
 * (a stream event, a poll, a reconcile after reconnecting). It compares only when the cache
 * entry's order or ended list changed, which progress updates never do.
 */
export function watchActivityChanges(
  client: QueryClient,
  handlers: ActivityChangeHandlers,
): () => void {
  let previous: ActivitiesState | undefined = client.getQueryData(activityKeys.all);
  const reported = new WeakSet<EndedMark>(previous?.ended ?? []);

  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryKey[0] !== activityKeys.all[0]) return;
    const next = event.query.state.data as ActivitiesState | undefined;
    if (!next || next === previous) return;

    if (next.order !== previous?.order) {
      const known = previous?.rows ?? {};
      const started = next.order.filter((uuid) => !known[uuid]).map((uuid) => next.rows[uuid]);
      const rows = started.filter((row): row is ActivityRow => row !== undefined);
      if (rows.length) handlers.onStarted(rows, previous === undefined);
    }

    if (next.ended !== previous?.ended) {
      const ended = next.ended.filter((mark) => !reported.has(mark));
      for (const mark of ended) reported.add(mark);
      if (ended.length) handlers.onEnded(ended);
    }
    previous = next;
  });
}

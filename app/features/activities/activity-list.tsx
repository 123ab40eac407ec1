import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { librarySectionsQuery } from '../../api/activity-queries';
import {
  type ActivitiesState,
  type ActivityRow as Row,
  selectRows,
} from '../../live/activities-state';
import { ActivityRow } from './activity-row';

interface ActivityListProps {
  state: ActivitiesState | undefined;
  error: Error | null;
  canCancel: boolean;
  /** True while updates are not arriving live, so the rows are shown as possibly out of date. */
  stale: boolean;
}

// A library added after the names were fetched shows up as an unknown section id; asking again
// at most this often keeps a stray id from causing a request per update.
const SECTIONS_RECHECK_MS = 30_000;

/** The running activities, or a sentence saying why there are none to show. */
export function ActivityList({ state, error, canCancel, stale }: ActivityListProps) {
  const sections = useQuery(librarySectionsQuery);
  const rows = state ? selectRows(state) : [];
  const unknownSection = rows.some(
    (row) =>
      row.activity.librarySectionID !== null && !sections.data?.[row.activity.librarySectionID],
  );
  const { refetch, dataUpdatedAt, isFetching } = sections;

  useEffect(() => {
    if (unknownSection && !isFetching && Date.now() - dataUpdatedAt > SECTIONS_RECHECK_MS)
      void refetch();
  }, [unknownSection, isFetching, dataUpdatedAt, refetch]);

  if (!state) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">
        {error ? `Could not load activities: ${error.message}` : 'Loading activities…'}
      </p>
    );
  }

  return (
    <section aria-labelledby="activities-heading" className="flex flex-col gap-3">
      <h2
        id="activities-heading"
        className="text-sm font-medium text-slate-600 dark:text-slate-400"
      >
        {rows.length === 1 ? '1 activity running' : `${rows.length} activities running`}
      </h2>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No activities. Plex is idle.
        </p>
      ) : null}
      <ul
        aria-label="Activities"
        data-state={stale ? 'stale' : 'current'}
        className="flex flex-col gap-3 transition-opacity data-[state=stale]:opacity-60"
      >
        {rows.map((row) => (
          <ActivityRow
            key={row.activity.uuid}
            row={row}
            canCancel={canCancel}
            libraryName={getLibraryName(row, sections.data)}
          />
        ))}
      </ul>
    </section>
  );
}

function getLibraryName(row: Row, names: Record<string, string> | undefined): string | null {
  const id = row.activity.librarySectionID;
  if (id === null) return null;
  return names?.[id] ?? `Library ${id}`;
}

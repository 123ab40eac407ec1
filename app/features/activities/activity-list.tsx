import { useQuery } from '@tanstack/react-query';
import { librarySectionsQuery } from '../../api/activity-queries';
import { type ActivitiesState, selectRows } from '../../live/activities-state';
import { ActivityRow } from './activity-row';

interface ActivityListProps {
  state: ActivitiesState | undefined;
  error: Error | null;
  canCancel: boolean;
}

/** The running activities, or a sentence saying why there are none to show. */
export function ActivityList({ state, error, canCancel }: ActivityListProps) {
  const sections = useQuery(librarySectionsQuery);

  if (!state) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">
        {error ? `Could not load activities: ${error.message}` : 'Loading activities…'}
      </p>
    );
  }

  const rows = selectRows(state);
  return (
    <section aria-labelledby="activities-heading">
      <h2 id="activities-heading" className="sr-only">
        Activities
      </h2>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No activities. Plex is idle.
        </p>
      ) : null}
      <ul aria-label="Activities" className="flex flex-col gap-3">
        {rows.map((row) => (
          <ActivityRow
            key={row.activity.uuid}
            row={row}
            canCancel={canCancel}
            libraryName={
              row.activity.librarySectionID
                ? (sections.data?.[row.activity.librarySectionID] ??
                  `Library ${row.activity.librarySectionID}`)
                : null
            }
          />
        ))}
      </ul>
    </section>
  );
}

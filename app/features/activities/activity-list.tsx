import { useQuery } from '@tanstack/react-query';
import { memo, useEffect } from 'react';
import { librarySectionsQuery } from '../../api/activity-queries';
import {
  type ActivitiesState,
  type ActivityRow as Row,
  selectRows,
} from '../../live/activities-state';
import { useSettingsStore } from '../settings/settings-store';
import { ActivityRow } from './activity-row';
import { arrangeRows } from './arrange-rows';
import { ListToolbar } from './list-toolbar';

interface ActivityListProps {
  serverId: string;
  state: ActivitiesState | undefined;
  error: Error | null;
  canCancel: boolean;
  /** True while updates are not arriving live, so the rows are shown as possibly out of date. */
  stale: boolean;
}

// A library added after the names were fetched shows up as an unknown section id; asking again
// at most this often keeps a stray id from causing a request per update.
const SECTIONS_RECHECK_MS = 30_000;

/** The running activities, filtered and grouped as chosen, or a sentence saying why there are none. */
export const ActivityList = memo(function ActivityList({
  serverId,
  state,
  error,
  canCancel,
  stale,
}: ActivityListProps) {
  const sections = useQuery(librarySectionsQuery(serverId));
  const groupBy = useSettingsStore((settings) => settings.groupBy);
  const typeFilter = useSettingsStore((settings) => settings.typeFilter);
  const hideBrowseRefreshes = useSettingsStore((settings) => settings.hideBrowseRefreshes);
  const rows = state ? selectRows(state) : [];
  const arranged = arrangeRows(rows, { groupBy, typeFilter, hideBrowseRefreshes }, sections.data);
  const types = [...new Set(rows.map((row) => row.activity.type))].sort();
  useSectionNamesRefresh(rows, sections);

  if (!state) {
    return (
      <p className="rounded-xl border border-dashed border-edge p-8 text-center text-muted">
        {error ? `Could not load activities: ${error.message}` : 'Loading activities…'}
      </p>
    );
  }

  const shownCount = rows.length - arranged.hiddenByType - arranged.hiddenAsNoise;
  return (
    <section aria-labelledby="activities-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="activities-heading" className="text-lg font-semibold">
          {rows.length === 1 ? '1 activity running' : `${rows.length} activities running`}
        </h2>
        <ListToolbar
          types={types}
          hiddenByType={arranged.hiddenByType}
          hiddenAsNoise={arranged.hiddenAsNoise}
        />
      </div>
      {shownCount === 0 ? (
        <p className="rounded-xl border border-dashed border-edge p-8 text-center text-faint">
          {rows.length === 0 ? 'No activities. Plex is idle.' : 'No activities match the filter.'}
        </p>
      ) : null}
      <div data-state={stale ? 'stale' : 'current'} className="activity-groups flex flex-col gap-4">
        {arranged.groups.length <= 1 && groupBy === 'none' ? (
          <RowList
            serverId={serverId}
            label="Activities"
            rows={arranged.groups[0]?.rows ?? []}
            canCancel={canCancel}
            names={sections.data}
          />
        ) : (
          arranged.groups.map((group) => (
            <section key={group.key} aria-label={group.label} className="flex flex-col gap-2">
              <h3 className="text-sm font-semibold uppercase tracking-wide text-faint">
                {group.label} <span className="font-normal">({group.rows.length})</span>
              </h3>
              <RowList
                serverId={serverId}
                label={group.label}
                rows={group.rows}
                canCancel={canCancel}
                names={sections.data}
              />
            </section>
          ))
        )}
      </div>
    </section>
  );
});

interface RowListProps {
  serverId: string;
  label: string;
  rows: readonly Row[];
  canCancel: boolean;
  names: Record<string, string> | undefined;
}

function RowList({ serverId, label, rows, canCancel, names }: RowListProps) {
  return (
    <ul aria-label={label} className="grid grid-cols-1 gap-3 2xl:grid-cols-2">
      {rows.map((row) => (
        <ActivityRow
          serverId={serverId}
          key={row.activity.uuid}
          row={row}
          canCancel={canCancel}
          libraryName={getLibraryName(row, names)}
        />
      ))}
    </ul>
  );
}

function getLibraryName(row: Row, names: Record<string, string> | undefined): string | null {
  const id = row.activity.librarySectionID;
  if (id === null) return null;
  return names?.[id] ?? `Library ${id}`;
}

function useSectionNamesRefresh(
  rows: readonly Row[],
  sections: {
    data: Record<string, string> | undefined;
    dataUpdatedAt: number;
    isFetching: boolean;
    refetch: () => unknown;
  },
): void {
  const unknownSection = rows.some(
    (row) =>
      row.activity.librarySectionID !== null && !sections.data?.[row.activity.librarySectionID],
  );
  const { refetch, dataUpdatedAt, isFetching } = sections;

  useEffect(() => {
    if (unknownSection && !isFetching && Date.now() - dataUpdatedAt > SECTIONS_RECHECK_MS)
      void refetch();
  }, [unknownSection, isFetching, dataUpdatedAt, refetch]);
}

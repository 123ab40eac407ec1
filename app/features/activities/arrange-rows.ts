import type { Activity } from '../../api/activity';
import type { ActivityRow } from '../../live/activities-state';
import type { Settings } from '../settings/settings-store';
import { getTypeLabel } from './activity-types';

/** Rows under one heading; the key is stable across updates. */
export interface RowGroup {
  key: string;
  label: string;
  rows: ActivityRow[];
}

export interface ArrangedRows {
  groups: RowGroup[];
  /** Rows left out by the type filter. */
  hiddenByType: number;
  /** Rows left out as refreshes caused by browsing (counted only among those of the chosen type). */
  hiddenAsNoise: number;
}

type ArrangeSettings = Pick<Settings, 'groupBy' | 'typeFilter' | 'hideBrowseRefreshes'>;

/**
 * Filters and groups rows for display. Rows keep their start order inside each group, and
 * groups appear in the order of their first row, so nothing jumps while progress changes.
 */
export function arrangeRows(
  rows: readonly ActivityRow[],
  settings: ArrangeSettings,
  sectionNames: Readonly<Record<string, string>> | undefined,
): ArrangedRows {
  const ofType = rows.filter(
    (row) => settings.typeFilter === null || row.activity.type === settings.typeFilter,
  );
  const shown = settings.hideBrowseRefreshes
    ? ofType.filter((row) => !isBrowseRefresh(row.activity))
    : ofType;
  const hiddenByType = rows.length - ofType.length;
  const hiddenAsNoise = ofType.length - shown.length;
  if (settings.groupBy === 'none') {
    return {
      groups: shown.length ? [{ key: 'all', label: 'All activities', rows: shown }] : [],
      hiddenByType,
      hiddenAsNoise,
    };
  }

  const groups = new Map<string, RowGroup>();
  for (const row of shown) {
    const { key, label } =
      settings.groupBy === 'type'
        ? typeGroup(row.activity)
        : libraryGroup(row.activity, sectionNames);
    let group = groups.get(key);
    if (!group) {
      group = { key, label, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return { groups: [...groups.values()], hiddenByType, hiddenAsNoise };
}

/**
 * Returns whether an activity is a metadata refresh that opening an item in a Plex app starts
 * and that refreshes nothing (`Context.refreshed` false; "0" in XML).
 */
export function isBrowseRefresh(activity: Activity): boolean {
  const refreshed = activity.context.refreshed;
  return (
    activity.type === 'library.refresh.items' &&
    (refreshed === false || refreshed === 'false' || refreshed === '0' || refreshed === 0)
  );
}

function typeGroup(activity: Activity) {
  return { key: `type:${activity.type}`, label: getTypeLabel(activity.type) };
}

function libraryGroup(
  activity: Activity,
  sectionNames: Readonly<Record<string, string>> | undefined,
) {
  const id = activity.librarySectionID;
  if (id === null) return { key: 'library:none', label: 'Not tied to a library' };
  return { key: `library:${id}`, label: sectionNames?.[id] ?? `Library ${id}` };
}

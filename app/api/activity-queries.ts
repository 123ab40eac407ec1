import { queryOptions } from '@tanstack/react-query';
import {
  type ActivitiesState,
  emptyActivitiesState,
  reconcileWithList,
} from '../live/activities-state';
import { fetchPlex } from './http';
import { parseActivityList, parseLibrarySections } from './parse-activities';

export const activityKeys = {
  /** Every server's activities; for code that looks at all of them. */
  all: ['activities'] as const,
  server: (serverId: string) => ['activities', serverId] as const,
  sections: (serverId: string) => ['library-sections', serverId] as const,
};

/**
 * One server's running activities. Each fetch of `GET /activities` is reconciled with what the
 * stream already wrote into the cache, so polling and the stream never undo each other.
 */
export function activitiesQuery(serverId: string) {
  return queryOptions({
    queryKey: activityKeys.server(serverId),
    queryFn: async ({ client, signal }): Promise<ActivitiesState> => {
      const requestedAt = Date.now();
      const listed = parseActivityList(await fetchPlex(serverId, '/activities', { signal }));
      const current = client.getQueryData<ActivitiesState>(activityKeys.server(serverId));
      return reconcileWithList(current ?? emptyActivitiesState, listed, requestedAt, Date.now());
    },
    // The reducer keeps unchanged rows by reference already; a deep compare per update costs more.
    structuralSharing: false,
  });
}

/** Library section names by key, for naming the library an activity works on. */
export function librarySectionsQuery(serverId: string) {
  return queryOptions({
    queryKey: activityKeys.sections(serverId),
    queryFn: async ({ signal }) =>
      parseLibrarySections(await fetchPlex(serverId, '/library/sections', { signal })),
    staleTime: 5 * 60_000,
  });
}

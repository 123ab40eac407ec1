import { queryOptions } from '@tanstack/react-query';
import {
  type ActivitiesState,
  emptyActivitiesState,
  reconcileWithList,
} from '../live/activities-state';
import { fetchPlex } from './http';
import { parseActivityList, parseLibrarySections } from './parse-activities';

export const activityKeys = {
  all: ['activities'] as const,
  sections: ['library-sections'] as const,
};

/**
 * The running activities. Each fetch of `GET /activities` is reconciled with what the stream
 * already wrote into the cache, so polling and the stream never undo each other.
 */
export const activitiesQuery = queryOptions({
  queryKey: activityKeys.all,
  queryFn: async ({ client, signal }): Promise<ActivitiesState> => {
    const requestedAt = Date.now();
    const listed = parseActivityList(await fetchPlex('/activities', { signal }));
    const current = client.getQueryData<ActivitiesState>(activityKeys.all);
    return reconcileWithList(current ?? emptyActivitiesState, listed, requestedAt, Date.now());
  },
  // The reducer keeps unchanged rows by reference already; a deep compare per update costs more.
  structuralSharing: false,
});

/** Library section names by key, for naming the library an activity works on. */
export const librarySectionsQuery = queryOptions({
  queryKey: activityKeys.sections,
  queryFn: async ({ signal }) =>
    parseLibrarySections(await fetchPlex('/library/sections', { signal })),
  staleTime: 5 * 60_000,
});

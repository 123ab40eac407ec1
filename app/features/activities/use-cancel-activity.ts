import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Activity } from '../../api/activity';
import { activityKeys } from '../../api/activity-queries';
import { RequestError, sendPlex } from '../../api/http';
import { type ActivitiesState, applyNotifications } from '../../live/activities-state';
import { addNotice } from '../notices/notices-store';
import { noteCancelAccepted } from './accepted-cancels';

/**
 * Cancels one activity with `DELETE /activities/{uuid}`. Success only means Plex accepted the
 * request: the row shows "Cancelling…" until `ended` arrives or the list drops the uuid.
 */
export function useCancelActivity(serverId: string, activity: Activity) {
  const client = useQueryClient();

  return useMutation({
    mutationKey: ['cancel', serverId, activity.uuid],
    mutationFn: () =>
      sendPlex(serverId, `/activities/${encodeURIComponent(activity.uuid)}`, { method: 'DELETE' }),
    onSuccess: () => noteCancelAccepted(serverId, activity.uuid),
    onError: (error) => {
      if (error instanceof RequestError && error.status === 404) {
        // Plex no longer knows the uuid, so the activity finished before the cancel arrived.
        client.setQueryData<ActivitiesState>(activityKeys.server(serverId), (previous) =>
          previous
            ? applyNotifications(
                previous,
                [{ event: 'ended', uuid: activity.uuid, fields: { uuid: activity.uuid } }],
                Date.now(),
              )
            : previous,
        );
        addNotice(
          `“${activity.title || activity.type}” had already finished, so there was nothing to cancel.`,
        );
      }
    },
  });
}

/** Returns the sentence shown under a row whose cancel failed. */
export function describeCancelError(error: unknown): string {
  if (!(error instanceof RequestError)) return 'Could not cancel: an unexpected error occurred.';
  switch (error.status) {
    case 400:
      return 'Plex refused: this activity cannot be cancelled.';
    case 401:
      return 'Plex rejected the token, so nothing was cancelled. Check PLEX_TOKEN on the gateway.';
    case 403:
      return `The gateway refused the cancel: ${error.message}.`;
    case 404:
      return 'This activity had already finished.';
    case null:
      return `Could not reach the server, so nothing was cancelled (${error.message}). Try again.`;
    default:
      return `Could not cancel: ${error.message}. The activity is still running; try again.`;
  }
}

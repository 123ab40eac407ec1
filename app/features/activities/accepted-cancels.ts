// Cancels Plex accepted whose `ended` has not arrived yet, by server and uuid. Plex's events give
// no reason for an end, so only the page that sent the cancel can tell a cancel from a failure.
const acceptedCancels = new Set<string>();
// A cancel whose end never arrives (the server restarted) must not keep its entry for ever.
const MAX_ACCEPTED_CANCELS = 100;

/** Records that Plex accepted this page's cancel of an activity. */
export function noteCancelAccepted(serverId: string, uuid: string): void {
  if (acceptedCancels.size >= MAX_ACCEPTED_CANCELS) acceptedCancels.clear();
  acceptedCancels.add(`${serverId}/${uuid}`);
}

/** Returns which of these ended activities this page cancelled, and removes them from the record. */
export function takeAcceptedCancels(serverId: string, uuids: readonly string[]): Set<string> {
  const cancelled = new Set<string>();
  for (const uuid of uuids) {
    if (acceptedCancels.delete(`${serverId}/${uuid}`)) cancelled.add(uuid);
  }
  return cancelled;
}

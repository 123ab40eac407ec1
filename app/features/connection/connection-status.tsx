import { useNow } from '../../lib/use-now';
import { type ConnectionState, type DownReason, useConnection } from '../../live/connection-store';

/** Renders the connection state. The text begins with the state's name, which tests and people rely on. */
export function ConnectionStatus({
  serverId,
  serverName,
}: {
  serverId: string;
  serverName: string;
}) {
  const { state, reason, retryAt } = useConnection(serverId);
  const now = useNow();

  return (
    <p
      role="status"
      data-state={state}
      title={`Connection to ${serverName}`}
      className="connection-status flex items-center gap-2 rounded-full border border-edge px-3 py-1 text-sm"
    >
      <span aria-hidden="true" className="status-dot size-2.5 rounded-full" />
      {describeConnection(
        state,
        reason,
        retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000)),
      )}
    </p>
  );
}

function describeConnection(
  state: ConnectionState,
  reason: DownReason,
  secondsLeft: number | null,
): string {
  const retry =
    secondsLeft === null
      ? ''
      : secondsLeft === 0
        ? ', retrying now'
        : `, retrying in ${secondsLeft} s`;
  const cause =
    reason === 'unreachable'
      ? 'the Plex server is unreachable'
      : reason === 'stalled'
        ? 'no events for 30 s'
        : 'the update stream closed';

  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Live';
    case 'reconnecting':
      return `Reconnecting: ${cause}${retry}`;
    case 'offline':
      return `Offline: ${cause}${retry}`;
    case 'unauthorized':
      return 'Unauthorized: Plex rejected the token. Check PLEX_TOKEN where the gateway runs.';
  }
}

import { formatDuration } from '../../lib/format-duration';
import { useNow } from '../../lib/use-now';
import { useConnection } from '../../live/connection-store';

/**
 * Says how old the list is whenever updates are not arriving live, and why the last check of
 * the server failed when it did.
 */
export function StaleNotice({
  serverId,
  lastError,
}: {
  serverId: string;
  lastError: Error | null;
}) {
  const { state, lastUpdateAt } = useConnection(serverId);
  const now = useNow();

  if (state === 'live' || state === 'connecting') return null;

  const age =
    lastUpdateAt === null ? 'Never updated' : `Updated ${formatDuration(now - lastUpdateAt)} ago`;
  return (
    <div
      data-testid="stale-notice"
      data-tone="warn"
      className="tinted rounded-lg border px-4 py-2 text-sm"
    >
      <p>Not live: this list may be out of date. {age}.</p>
      {lastError ? <p className="mt-1">Last check failed: {lastError.message}.</p> : null}
    </div>
  );
}

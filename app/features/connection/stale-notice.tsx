import { formatDuration } from '../../lib/format-duration';
import { useNow } from '../../lib/use-now';
import { useConnectionStore } from '../../live/connection-store';

/** Says how old the list is whenever updates are not arriving live. */
export function StaleNotice() {
  const state = useConnectionStore((store) => store.state);
  const lastUpdateAt = useConnectionStore((store) => store.lastUpdateAt);
  const now = useNow();

  if (state === 'live' || state === 'connecting') return null;

  const age =
    lastUpdateAt === null ? 'never updated' : `Updated ${formatDuration(now - lastUpdateAt)} ago`;
  return (
    <p
      data-testid="stale-notice"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      Not live: this list may be out of date. {age}.
    </p>
  );
}

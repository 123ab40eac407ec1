import { isIndeterminate } from '../../api/activity';
import { formatDuration } from '../../lib/format-duration';
import { estimateProgress } from '../../lib/progress-estimate';
import { recordSample } from '../../lib/progress-samples';
import { useNow } from '../../lib/use-now';
import type { ActivityRow } from '../../live/activities-state';

// Plex scans can hang on one item until the server restarts; this long without a change is worth a word.
export const STALLED_AFTER_MS = 2 * 60_000;

/** How long the activity has run, and either its estimated time left or how long it has not moved. */
export function RowTiming({ row }: { row: ActivityRow }) {
  const now = useNow();
  const { activity } = row;
  const running = formatDuration(now - row.firstSeenAt);
  const stalledFor = now - row.movedAt;
  const estimate =
    activity.progress === null || isIndeterminate(activity.progress)
      ? null
      : estimateProgress(recordSample(activity.uuid, row.movedAt, activity.progress), now);

  return (
    <p className="mt-2 flex flex-wrap gap-x-3 text-xs text-faint">
      <span>{row.sawStart ? `Running for ${running}` : `Running for at least ${running}`}</span>
      {stalledFor >= STALLED_AFTER_MS ? (
        <span data-state="stalled" className="font-medium text-warn">
          No progress for {formatDuration(stalledFor)}
        </span>
      ) : estimate ? (
        <span data-testid="estimate">
          About {formatDuration(estimate.remainingMs)} left · {formatRate(estimate.ratePerMinute)}
        </span>
      ) : null}
    </p>
  );
}

function formatRate(percentPerMinute: number): string {
  return percentPerMinute >= 10
    ? `${Math.round(percentPerMinute)} % per min`
    : `${percentPerMinute.toFixed(1)} % per min`;
}

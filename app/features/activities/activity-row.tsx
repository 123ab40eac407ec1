import { lazy, memo, Suspense } from 'react';
import { isIndeterminate } from '../../api/activity';
import { ProgressBar } from '../../components/progress-bar';
import type { ActivityRow as Row } from '../../live/activities-state';
import { getTypeLabel } from './activity-types';
import { RowTiming } from './row-timing';

// Most activities cannot be cancelled, so the cancel code loads only when one can.
const CancelControl = lazy(() => import('./cancel-control'));

interface ActivityRowProps {
  serverId: string;
  row: Row;
  libraryName: string | null;
  canCancel: boolean;
}

/** One running activity: what it is, where, for how long, and how far along. */
export const ActivityRow = memo(function ActivityRow({
  serverId,
  row,
  libraryName,
  canCancel,
}: ActivityRowProps) {
  const { activity } = row;
  const progress = isIndeterminate(activity.progress) ? null : Math.round(activity.progress ?? 0);
  const name = activity.title || getTypeLabel(activity.type);

  return (
    <li
      className="activity-row min-w-0 rounded-xl border border-line bg-surface p-4 shadow-sm"
      data-uuid={activity.uuid}
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <h3 className="min-w-0 max-w-full truncate font-semibold text-strong">{name}</h3>
            <span className="rounded-full bg-chip px-2 py-0.5 text-xs text-soft">
              {getTypeLabel(activity.type)}
            </span>
            {libraryName ? (
              <span data-tone="library" className="tinted rounded-full px-2 py-0.5 text-xs">
                {libraryName}
              </span>
            ) : null}
          </div>
          <p dir="auto" className="mt-1 min-h-5 truncate text-sm text-muted">
            {activity.subtitle}
          </p>
        </div>
        {canCancel && activity.cancellable ? (
          <Suspense fallback={null}>
            <CancelControl serverId={serverId} activity={activity} />
          </Suspense>
        ) : null}
      </div>
      <div className="mt-3 flex items-center gap-3">
        <ProgressBar label={name} value={progress} />
        <span className="w-12 shrink-0 text-right text-sm tabular-nums text-soft">
          {progress === null ? '—' : `${progress} %`}
        </span>
      </div>
      <RowTiming row={row} />
    </li>
  );
});

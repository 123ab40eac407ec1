import { useState } from 'react';
import { Button } from '../../components/button';
import { formatDuration } from '../../lib/format-duration';
import { getTypeLabel } from '../activities/activity-types';
import { clearHistory, type HistoryEntry, useHistoryStore } from './history-store';

const COLLAPSED_COUNT = 10;
// The browser's locale decides the format; a range on one day names the day once.
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Activities that ended recently, newest first, kept across reloads. */
export function HistoryPanel({ showServer }: { showServer: boolean }) {
  const entries = useHistoryStore((store) => store.entries);
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? entries : entries.slice(0, COLLAPSED_COUNT);

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          Recently finished
        </h2>
        {entries.length ? <Button onClick={clearHistory}>Clear history</Button> : null}
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-faint">Nothing has finished while this page was open.</p>
      ) : (
        <ul
          aria-label="Recently finished"
          className="divide-y divide-line rounded-xl border border-line bg-surface"
        >
          {shown.map((entry) => (
            <HistoryItem
              key={`${entry.serverId}-${entry.uuid}-${entry.endedAt}`}
              entry={entry}
              showServer={showServer}
            />
          ))}
        </ul>
      )}
      {entries.length > COLLAPSED_COUNT ? (
        <Button className="self-start" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${entries.length}`}
        </Button>
      ) : null}
    </section>
  );
}

function HistoryItem({ entry, showServer }: { entry: HistoryEntry; showServer: boolean }) {
  const duration = formatDuration(entry.endedAt - entry.startedAt);
  const outcome = describeOutcome(entry);
  const lastProgress =
    !outcome && entry.lastProgress !== null && entry.lastProgress > 0
      ? ` · last ${Math.round(entry.lastProgress)} %`
      : '';

  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-2 text-sm">
      <div className="flex min-w-0 flex-wrap items-baseline gap-2">
        <span className="truncate font-medium">{entry.title || getTypeLabel(entry.type)}</span>
        <span className="text-xs text-faint">
          {getTypeLabel(entry.type)}
          {showServer && entry.serverName ? ` · ${entry.serverName}` : ''}
        </span>
        {outcome ? (
          <span data-tone={outcome.tone} className="tinted rounded-full px-2 py-0.5 text-xs">
            {outcome.text}
          </span>
        ) : null}
      </div>
      <span className="text-xs tabular-nums text-faint">
        {timeFormat.formatRange(entry.startedAt, entry.endedAt)} ·{' '}
        {describeDuration(entry, duration)}
        {lastProgress}
      </span>
    </li>
  );
}

// A cancel from this page is the user's own doing; any other early end may be a failure.
function describeOutcome(entry: HistoryEntry): { text: string; tone: string } | null {
  const at = entry.lastProgress === null ? '' : ` at ${Math.round(entry.lastProgress)} %`;
  if (entry.cancelled) return { text: `Cancelled${at}`, tone: 'neutral' };
  if (entry.endedEarly) return { text: `Ended early${at}`, tone: 'danger' };
  return null;
}

// A start seen late makes the real duration longer; an end seen late makes it shorter.
function describeDuration(entry: HistoryEntry, duration: string): string {
  if (entry.exactStart && entry.exactEnd) return duration;
  if (entry.exactEnd) return `at least ${duration}`;
  if (entry.exactStart) return `at most ${duration}`;
  return `about ${duration}`;
}

import { create } from 'zustand';
import { loadPersisted, persistStore } from '../../lib/persisted-state';
import type { EndedMark } from '../../live/activities-state';

/** One activity that ended, as the page saw it. */
export interface HistoryEntry {
  uuid: string;
  /** The gateway's id of the server, and its name when the activity ended. */
  serverId: string;
  serverName: string;
  type: string;
  title: string;
  subtitle: string;
  librarySectionID: string | null;
  /** When the page first saw it, in epoch milliseconds; the real start when `exactStart`. */
  startedAt: number;
  exactStart: boolean;
  /** When the page learned of the end, in epoch milliseconds; the real end when `exactEnd`. */
  endedAt: number;
  exactEnd: boolean;
  /** The last progress seen, in percent, or null when Plex never gave one. */
  lastProgress: number | null;
  /** Ended well below 100 %: Plex does not say whether it was cancelled or failed. */
  endedEarly: boolean;
  /** Ended after this browser sent a cancel that Plex accepted. */
  cancelled: boolean;
}

export const HISTORY_STORAGE_KEY = 'plex-activity-monitor.history';
export const MAX_HISTORY = 100;
// Below this, an activity that reported real progress did not get to the end.
const EARLY_END_BELOW_PERCENT = 95;

interface HistoryStore {
  entries: HistoryEntry[];
}

const HISTORY_VERSION = 1;

export const useHistoryStore = create<HistoryStore>()(() => ({
  entries: loadPersisted(HISTORY_STORAGE_KEY, readEntries),
}));
persistStore(useHistoryStore, HISTORY_STORAGE_KEY, HISTORY_VERSION);

/** Reads the history from localStorage again, as a page load does. */
export function reloadHistory(): void {
  useHistoryStore.setState({ entries: loadPersisted(HISTORY_STORAGE_KEY, readEntries) });
}

/** Adds ended activities, newest first, keeping the newest `MAX_HISTORY`. */
export function addToHistory(entries: HistoryEntry[]): void {
  if (entries.length === 0) return;
  useHistoryStore.setState((store) => ({
    entries: [...entries.reverse(), ...store.entries].slice(0, MAX_HISTORY),
  }));
}

export function clearHistory(): void {
  useHistoryStore.setState({ entries: [] });
}

/**
 * Builds the history entry of an ended activity, or null when the page never showed it.
 * `cancelled` says whether this page's cancel ended it.
 */
export function toHistoryEntry(
  mark: EndedMark,
  serverId: string,
  serverName: string,
  cancelled = false,
): HistoryEntry | null {
  const row = mark.row;
  if (!row) return null;

  const { activity } = row;
  const lastProgress = activity.progress;
  return {
    uuid: activity.uuid,
    serverId,
    serverName,
    type: activity.type,
    title: activity.title,
    subtitle: activity.subtitle,
    librarySectionID: activity.librarySectionID,
    startedAt: row.firstSeenAt,
    exactStart: row.sawStart,
    endedAt: mark.at,
    exactEnd: mark.sawEnd,
    lastProgress,
    endedEarly: lastProgress !== null && lastProgress > 0 && lastProgress < EARLY_END_BELOW_PERCENT,
    cancelled,
  };
}

function readEntries(persisted: unknown): HistoryEntry[] {
  const entries = (persisted as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return [];
  // Entries stored before the page knew several servers belong to the single one it had.
  return entries
    .filter(isHistoryEntry)
    .slice(0, MAX_HISTORY)
    .map((entry) => ({
      ...entry,
      serverId: entry.serverId ?? '',
      serverName: entry.serverName ?? '',
      cancelled: entry.cancelled === true,
    }));
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  const entry = value as Partial<HistoryEntry> | null;
  return (
    entry !== null &&
    typeof entry === 'object' &&
    typeof entry.uuid === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.type === 'string' &&
    typeof entry.startedAt === 'number' &&
    typeof entry.endedAt === 'number'
  );
}

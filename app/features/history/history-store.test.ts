// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { completeActivity } from '../../api/activity';
import type { EndedMark } from '../../live/activities-state';
import {
  addToHistory,
  clearHistory,
  HISTORY_STORAGE_KEY,
  MAX_HISTORY,
  reloadHistory,
  toHistoryEntry,
  useHistoryStore,
} from './history-store';

function mark(uuid: string, progress: number | null, sawEnd = true): EndedMark {
  const activity = {
    ...completeActivity({ uuid, type: 'media.download', title: `Download ${uuid}` }),
    progress,
  };
  return {
    uuid,
    at: 5_000,
    sawEnd,
    row: { activity, firstSeenAt: 1_000, sawStart: true, updatedAt: 4_000, movedAt: 4_000 },
  };
}

describe('toHistoryEntry', () => {
  it.each<[number | null, boolean]>([
    [100, false],
    [96, false],
    [55, true],
    [0, false],
    [null, false],
  ])('marks an end at %j as early: %s', (progress, early) => {
    expect(toHistoryEntry(mark('a', progress), 'main', 'Home')?.endedEarly).toBe(early);
  });

  it('keeps times, exactness and the last progress', () => {
    expect(toHistoryEntry(mark('a', 55, false), 'main', 'Home')).toEqual({
      uuid: 'a',
      serverId: 'main',
      serverName: 'Home',
      type: 'media.download',
      title: 'Download a',
      subtitle: '',
      librarySectionID: null,
      startedAt: 1_000,
      exactStart: true,
      endedAt: 5_000,
      exactEnd: false,
      lastProgress: 55,
      endedEarly: true,
      cancelled: false,
    });
  });

  it('marks a cancel this page sent', () => {
    expect(toHistoryEntry(mark('a', 40), 'main', 'Home', true)?.cancelled).toBe(true);
    expect(toHistoryEntry(mark('a', 40), 'main', 'Home')?.cancelled).toBe(false);
  });

  it('skips an end the page never showed', () => {
    expect(toHistoryEntry({ uuid: 'x', at: 1, sawEnd: true }, 'main', 'Home')).toBeNull();
  });
});

describe('history store', () => {
  beforeEach(() => clearHistory());

  it('keeps the newest entries first, bounded', () => {
    const entries = Array.from({ length: MAX_HISTORY + 20 }, (_, index) =>
      toHistoryEntry(mark(`u${index}`, 100), 'main', 'Home'),
    );

    addToHistory(entries.filter((entry) => entry !== null));

    const kept = useHistoryStore.getState().entries;
    expect(kept).toHaveLength(MAX_HISTORY);
    expect(kept[0]?.uuid).toBe(`u${MAX_HISTORY + 19}`);
  });

  it('survives a reload through localStorage and drops broken entries', () => {
    const entry = toHistoryEntry(mark('kept', 100), 'main', 'Home');
    localStorage.setItem(
      HISTORY_STORAGE_KEY,
      JSON.stringify({ state: { entries: [entry, { uuid: 3 }] }, version: 1 }),
    );

    reloadHistory();

    expect(useHistoryStore.getState().entries.map((item) => item.uuid)).toEqual(['kept']);
  });

  it('reads entries stored before cancels were marked', () => {
    const { cancelled: _, ...older } = toHistoryEntry(mark('old', 40), 'main', 'Home') ?? {};
    localStorage.setItem(
      HISTORY_STORAGE_KEY,
      JSON.stringify({ state: { entries: [older] }, version: 1 }),
    );

    reloadHistory();

    expect(useHistoryStore.getState().entries[0]?.cancelled).toBe(false);
  });
});

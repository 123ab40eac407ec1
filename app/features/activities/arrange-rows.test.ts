import { describe, expect, it } from 'vitest';
import { type Activity, completeActivity } from '../../api/activity';
import type { ActivityRow } from '../../live/activities-state';
import { defaultSettings } from '../settings/settings-store';
import { arrangeRows, isBrowseRefresh } from './arrange-rows';

function row(uuid: string, fields: Partial<Activity>): ActivityRow {
  const activity = {
    ...completeActivity({ uuid, type: 'media.download', title: uuid }),
    ...fields,
  };
  return { activity, firstSeenAt: 0, sawStart: true, updatedAt: 0, movedAt: 0 };
}

const names = { '1': 'Movies', '2': 'TV Shows' };
const rows = [
  row('scan-movies', { type: 'library.update.section', librarySectionID: '1' }),
  row('download', { type: 'media.download' }),
  row('browse', { type: 'library.refresh.items', context: { refreshed: false } }),
  row('scan-tv', { type: 'library.update.section', librarySectionID: '2' }),
  row('refresh', {
    type: 'library.refresh.items',
    librarySectionID: '1',
    context: { refreshed: true },
  }),
];

function summary(result: ReturnType<typeof arrangeRows>) {
  return result.groups.map(
    (group) => `${group.label}: ${group.rows.map((entry) => entry.activity.uuid).join(' ')}`,
  );
}

describe('arrangeRows', () => {
  it('hides browsing refreshes by default and keeps start order', () => {
    const result = arrangeRows(rows, defaultSettings, names);

    expect(summary(result)).toEqual(['All activities: scan-movies download scan-tv refresh']);
    expect(result.hiddenAsNoise).toBe(1);
    expect(result.hiddenByType).toBe(0);
  });

  it('shows browsing refreshes when the setting is off', () => {
    const result = arrangeRows(rows, { ...defaultSettings, hideBrowseRefreshes: false }, names);

    expect(result.groups[0]?.rows).toHaveLength(5);
    expect(result.hiddenAsNoise).toBe(0);
  });

  it('groups by library in order of first appearance', () => {
    const result = arrangeRows(rows, { ...defaultSettings, groupBy: 'library' }, names);

    expect(summary(result)).toEqual([
      'Movies: scan-movies refresh',
      'Not tied to a library: download',
      'TV Shows: scan-tv',
    ]);
  });

  it('groups by type under readable labels', () => {
    const result = arrangeRows(rows, { ...defaultSettings, groupBy: 'type' }, names);

    expect(summary(result)).toEqual([
      'Library scan: scan-movies scan-tv',
      'Download: download',
      'Metadata refresh: refresh',
    ]);
  });

  it('filters by type and counts what it hides', () => {
    const result = arrangeRows(
      rows,
      { ...defaultSettings, typeFilter: 'library.update.section' },
      names,
    );

    expect(summary(result)).toEqual(['All activities: scan-movies scan-tv']);
    expect(result.hiddenByType).toBe(3);
    expect(result.hiddenAsNoise).toBe(0);
  });

  it('names a library it does not know by its id', () => {
    const result = arrangeRows(
      rows.slice(0, 1),
      { ...defaultSettings, groupBy: 'library' },
      undefined,
    );

    expect(result.groups[0]?.label).toBe('Library 1');
  });
});

describe('isBrowseRefresh', () => {
  it.each([
    [{ refreshed: false }, true],
    [{ refreshed: '0' }, true],
    [{ refreshed: true }, false],
    [{}, false],
  ])('reads Context %j as %s', (context, expected) => {
    expect(isBrowseRefresh(row('x', { type: 'library.refresh.items', context }).activity)).toBe(
      expected,
    );
  });

  it('applies only to metadata refreshes', () => {
    expect(
      isBrowseRefresh(row('x', { type: 'media.download', context: { refreshed: false } }).activity),
    ).toBe(false);
  });
});

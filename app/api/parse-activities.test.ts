// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { readFixture, readJsonFixture } from '../test/fixtures';
import { isIndeterminate, readActivityFields } from './activity';
import { parseActivityList, parseLibrarySections } from './parse-activities';
import { parseXmlContainer } from './xml-container';

describe('parseActivityList', () => {
  it('reads the four running activities from JSON', () => {
    const activities = parseActivityList(readJsonFixture('activities-running.json'));

    expect(activities.map((activity) => activity.type)).toEqual([
      'library.update.section',
      'library.refresh.items',
      'provider.epg.load',
      'provider.subscriptions.process',
    ]);
    expect(activities[0]).toEqual({
      uuid: '87be2e09-7123-45c7-ad9d-0d5550ce3949',
      type: 'library.update.section',
      title: 'Scanning Movies',
      subtitle: 'Example Movie Four (2016)',
      cancellable: false,
      progress: 42,
      userID: 1,
      librarySectionID: '1',
      context: { librarySectionID: '1' },
    });
    expect(activities[3]?.cancellable).toBe(true);
  });

  it('reads XML to the same values as JSON', () => {
    const fromJson = parseActivityList(readJsonFixture('activities-running.json'));
    const fromXml = parseActivityList(parseXmlContainer(readFixture('activities-running.xml')));

    const withoutContext = (list: typeof fromJson) =>
      list.map(({ context: _context, ...rest }) => rest);
    expect(withoutContext(fromXml)).toEqual(withoutContext(fromJson));
    expect(fromXml[1]?.context).toEqual({
      accessible: '1',
      exists: '1',
      key: '/library/metadata/2150/children',
    });
  });

  it('returns an empty list when Activity is absent', () => {
    expect(parseActivityList(readJsonFixture('activities-empty.json'))).toEqual([]);
    expect(parseActivityList(parseXmlContainer(readFixture('activities-empty.xml')))).toEqual([]);
  });

  it('normalises the lenient variants', () => {
    const byUuid = Object.fromEntries(
      parseActivityList(readJsonFixture('activities-variants.json')).map((activity) => [
        activity.uuid.slice(0, 8),
        activity,
      ]),
    );

    expect(byUuid['6b4ba105']?.cancellable).toBe(true);
    expect(byUuid['6b4ba105']?.progress).toBe(18);
    expect(byUuid.e23c97ff?.cancellable).toBe(true);
    expect(byUuid.e23c97ff?.userID).toBe(23456789);
    expect(byUuid['17abc39e']?.progress).toBeNull();
    expect(byUuid['43711fd3']?.progress).toBeNull();
    expect(byUuid.f56f8f7a?.librarySectionID).toBe('2');
    expect(byUuid['82fdd8a6']?.type).toBe('example.future.task');
    expect(byUuid['82fdd8a6']?.subtitle).toBe('');
    expect(byUuid.cffb3a37?.title).toBe('Refreshing');
    expect(byUuid.cffb3a37?.context.refreshed).toBe(false);
    expect(Object.keys(byUuid)).toHaveLength(7);
  });

  it('drops an invalid record, keeps the rest and logs once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const body = {
      MediaContainer: {
        size: 3,
        Activity: [
          { uuid: 'good-1', type: 'media.download', title: 'Downloading Media', progress: 5 },
          { uuid: 42, type: 'broken' },
          { uuid: 'good-2', type: 'butler', title: 'Optimizing database' },
        ],
      },
    };

    const first = parseActivityList(body);
    parseActivityList(body);

    expect(first.map((activity) => activity.uuid)).toEqual(['good-1', 'good-2']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('[api] dropped an activity record');
  });

  it.each([
    ['a uuid that is not text', { uuid: 42, type: 'butler' }, 'uuid is missing'],
    ['an empty uuid', { uuid: '', type: 'butler' }, 'uuid is missing'],
    ['a type that is not text', { uuid: 'typed-by-number', type: 7 }, 'type is not a string'],
    ['a record that is not an object', 'scan', 'the record is not an object'],
  ])('explains dropping %s', (_name, record, reason) => {
    const result = readActivityFields(record);

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('reads one Activity given as an object instead of an array', () => {
    const body = {
      MediaContainer: { size: 1, Activity: { uuid: 'solo', type: 'butler', title: 'Backup' } },
    };

    expect(parseActivityList(body).map((activity) => activity.uuid)).toEqual(['solo']);
  });

  it('throws on a body without a MediaContainer', () => {
    expect(() => parseActivityList({ error: 'nope' })).toThrow(/MediaContainer/);
    expect(() => parseXmlContainer('<html><body>Not Found</body></html>')).toThrow(
      /MediaContainer/,
    );
  });
});

describe('progress normalising', () => {
  it.each([
    [42, 42],
    ['42', 42],
    [-1, null],
    [-5, null],
    [150, 100],
    [Number.NaN, null],
    ['abc', null],
    ['', null],
    [null, null],
    [12.5, 12.5],
  ])('reads %j as %j', (raw, expected) => {
    const [activity] = parseActivityList({
      MediaContainer: { Activity: [{ uuid: 'u', type: 't', progress: raw }] },
    });

    expect(activity?.progress).toBe(expected);
  });

  it('treats null and 0 as indeterminate, anything above as a value', () => {
    expect(isIndeterminate(null)).toBe(true);
    expect(isIndeterminate(0)).toBe(true);
    expect(isIndeterminate(1)).toBe(false);
    expect(isIndeterminate(100)).toBe(false);
  });
});

describe('parseLibrarySections', () => {
  it('maps section keys to titles', () => {
    expect(parseLibrarySections(readJsonFixture('library-sections.json'))).toEqual({
      '1': 'Movies',
      '2': 'TV Shows',
      '3': 'Music',
      '4': 'Photos',
    });
  });
});

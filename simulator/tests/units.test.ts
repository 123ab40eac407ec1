import { describe, expect, it } from 'vitest';
import { createActivity, mergeActivity } from '../activity.ts';
import { parseEventFilter } from '../event-filter.ts';
import { redactToken } from '../request-log.ts';
import { escapeAttribute, renderXml } from '../xml.ts';

describe('parseEventFilter', () => {
  const cases: [string | null, string, boolean][] = [
    [null, 'activity', true],
    [null, 'log', false],
    ['', 'log', true],
    ['activity,ping', 'activity', true],
    ['activity,ping', 'ping', true],
    ['activity,ping', 'playing', false],
    ['-log', 'playing', true],
    ['-log,playing', 'playing', false],
    ['-log,-playing', 'playing', false],
    [' activity , ping ', 'ping', true],
  ];

  it.each(cases)('filters=%j lets %s through: %s', (filters, name, expected) => {
    expect(parseEventFilter(filters)(name)).toBe(expected);
  });
});

describe('escapeAttribute', () => {
  it('escapes markup characters and line breaks', () => {
    expect(escapeAttribute('a&b<c>d"e\tf\ng\rh')).toBe('a&amp;b&lt;c&gt;d&quot;e&#9;f&#10;g&#13;h');
  });

  it('replaces control characters that XML cannot carry', () => {
    expect(escapeAttribute('a\u0001b\u001Fc')).toBe('a\uFFFDb\uFFFDc');
  });
});

describe('renderXml', () => {
  it('renders nested objects and arrays as child elements', () => {
    const xml = renderXml('MediaContainer', {
      size: 1,
      Activity: [{ uuid: 'u', cancellable: true, Context: { key: '/k', empty: null } }],
    });

    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="1">\n<Activity uuid="u" cancellable="1">\n<Context key="/k" />\n</Activity>\n</MediaContainer>\n',
    );
  });
});

describe('mergeActivity', () => {
  it('keeps the Plex field order and removes null fields', () => {
    const activity = createActivity({ type: 'media.download' }, 'u');

    const merged = mergeActivity(activity, { Context: { key: '/k' }, progress: null, title: 'T' });

    expect(Object.keys(merged)).toEqual([
      'uuid',
      'type',
      'cancellable',
      'userID',
      'title',
      'subtitle',
      'Context',
    ]);
    expect(merged.title).toBe('T');
  });
});

describe('redactToken', () => {
  it('blanks token values in any letter case', () => {
    expect(redactToken('/a?X-Plex-Token=secret&b=1&x-plex-token=other')).toBe(
      '/a?X-Plex-Token=&b=1&x-plex-token=',
    );
  });

  it('keeps a path without a query', () => {
    expect(redactToken('/activities')).toBe('/activities');
  });
});

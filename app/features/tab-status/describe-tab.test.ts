import { describe, expect, it } from 'vitest';
import { completeActivity } from '../../api/activity';
import { emptyActivitiesState, reconcileWithList } from '../../live/activities-state';
import { describeTab } from './describe-tab';
import { drawFavicon } from './favicon';

function stateWith(...progresses: (number | null)[]) {
  const activities = progresses.map((progress, index) => ({
    ...completeActivity({ uuid: `u${index}`, type: 'butler', title: `Task ${index}` }),
    progress,
  }));
  return reconcileWithList(emptyActivitiesState, activities, 0, 0);
}

describe('describeTab', () => {
  it.each([
    ['idle', stateWith(), 'live', 'Plex Activity Monitor'],
    ['running with progress', stateWith(20, 40, null), 'live', '(3) 30 % · Plex Activity Monitor'],
    ['running without progress', stateWith(null, 0), 'live', '(2) Plex Activity Monitor'],
    [
      'reconnecting',
      stateWith(50),
      'reconnecting',
      '⚠ Reconnecting · (1) 50 % · Plex Activity Monitor',
    ],
    ['offline and idle', stateWith(), 'offline', '⚠ Offline · Plex Activity Monitor'],
    ['unauthorized', undefined, 'unauthorized', '⚠ Unauthorized · Plex Activity Monitor'],
    ['connecting', undefined, 'connecting', 'Plex Activity Monitor'],
  ] as const)('titles the tab when %s', (_name, state, connection, title) => {
    expect(describeTab([state], connection).title).toBe(title);
  });
});

describe('describeTab across servers', () => {
  it('adds the work of every server', () => {
    expect(describeTab([stateWith(10), stateWith(30, null), undefined], 'live').title).toBe(
      '(3) 20 % · Plex Activity Monitor',
    );
  });
});

describe('drawFavicon', () => {
  it('draws the count, the ring and a state dot', () => {
    const svg = decodeURIComponent(
      drawFavicon(describeTab([stateWith(50), stateWith(50)], 'offline')),
    );

    expect(svg.startsWith('data:image/svg+xml,<svg')).toBe(true);
    expect(svg).toContain('>2</text>');
    expect(svg).toContain('fill="#dc2626"');
    expect(svg).toContain('stroke-dasharray="37.7 75.4"');
  });

  it('draws the plain mark when idle and live', () => {
    const svg = decodeURIComponent(drawFavicon(describeTab([stateWith()], 'live')));

    expect(svg).not.toContain('<text');
    expect(svg).not.toContain('#dc2626');
  });
});

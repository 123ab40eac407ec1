import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { activityKeys } from '../api/activity-queries';
import { type ActivitiesState, applyNotifications, emptyActivitiesState } from './activities-state';
import { watchActivityChanges } from './watch-activity-changes';

describe('watchActivityChanges', () => {
  it('reports starts and ends once, and no progress updates', () => {
    const client = new QueryClient();
    const log: string[] = [];
    const stop = watchActivityChanges(client, {
      onStarted: (serverId, rows, initial) =>
        log.push(
          `${serverId} started ${rows.map((row) => row.activity.uuid).join(',')} ${initial}`,
        ),
      onEnded: (serverId, marks) =>
        log.push(
          `${serverId} ended ${marks.map((mark) => `${mark.uuid}:${mark.row?.activity.progress}`).join(',')}`,
        ),
    });
    const apply = (notifications: Parameters<typeof applyNotifications>[1]) =>
      client.setQueryData<ActivitiesState>(activityKeys.server('main'), (previous) =>
        applyNotifications(previous ?? emptyActivitiesState, notifications, Date.now()),
      );

    apply([{ event: 'started', uuid: 'a', fields: { uuid: 'a', progress: 0 } }]);
    apply([{ event: 'started', uuid: 'b', fields: { uuid: 'b' } }]);
    apply([{ event: 'updated', uuid: 'a', fields: { uuid: 'a', progress: 50 } }]);
    apply([{ event: 'ended', uuid: 'a', fields: { uuid: 'a', progress: 100 } }]);
    apply([{ event: 'updated', uuid: 'b', fields: { uuid: 'b', progress: 5 } }]);
    stop();
    apply([{ event: 'ended', uuid: 'b', fields: { uuid: 'b' } }]);

    expect(log).toEqual(['main started a true', 'main started b false', 'main ended a:100']);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { readSseFixture } from '../test/fixtures';
import { parseActivityMessage } from './parse-notification';

describe('parseActivityMessage', () => {
  it('reads the unwrapped SSE form', () => {
    const [, started] = readSseFixture('sse-refresh-sequence.sse');

    const notifications = parseActivityMessage(started?.data ?? '');

    expect(notifications).toEqual([
      {
        event: 'started',
        uuid: '10fcedb7-d124-4ec7-84ba-d6f7b4e4b9e0',
        fields: {
          uuid: '10fcedb7-d124-4ec7-84ba-d6f7b4e4b9e0',
          type: 'library.refresh.items',
          title: 'Refreshing',
          subtitle: '',
          cancellable: false,
          progress: 0,
          userID: 1,
        },
      },
    ]);
  });

  it('reads every entry of a NotificationContainer array', () => {
    const frame = {
      NotificationContainer: {
        type: 'activity',
        size: 2,
        ActivityNotification: [
          {
            event: 'updated',
            uuid: 'a',
            Activity: { uuid: 'a', type: 'media.generate.bif', progress: 61 },
          },
          {
            event: 'started',
            uuid: 'b',
            Activity: { uuid: 'b', type: 'media.generate.intros', progress: 0 },
          },
        ],
      },
    };

    const notifications = parseActivityMessage(JSON.stringify(frame));

    expect(
      notifications.map((entry) => `${entry.event}:${entry.uuid}:${entry.fields.progress}`),
    ).toEqual(['updated:a:61', 'started:b:0']);
  });

  it('counts the captures by event', () => {
    const messages = readSseFixture('sse-scan-sequence.sse');
    const activity = messages.filter((message) => message.event === 'activity');

    expect(messages).toHaveLength(14);
    expect(
      activity.flatMap((message) => parseActivityMessage(message.data)).map((entry) => entry.event),
    ).toEqual([
      'started',
      'updated',
      'updated',
      'updated',
      'updated',
      'updated',
      'updated',
      'ended',
    ]);
  });

  it.each([
    [
      'an unknown event value',
      { ActivityNotification: { event: 'paused', uuid: 'a', Activity: { uuid: 'a' } } },
    ],
    ['a missing uuid', { ActivityNotification: { event: 'updated', Activity: { type: 'x' } } }],
    [
      'a number as uuid',
      { ActivityNotification: { event: 'updated', uuid: 7, Activity: { uuid: 7 } } },
    ],
    ['a payload of another kind', { PlaySessionStateNotification: { state: 'playing' } }],
    ['an array at the top', [1, 2, 3]],
    ['null', null],
  ])('drops %s', (_name, payload) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    expect(parseActivityMessage(JSON.stringify(payload))).toEqual([]);
  });

  it('takes the outer uuid when Activity has none', () => {
    const payload = {
      ActivityNotification: { event: 'ended', uuid: 'outer', Activity: { type: 'butler' } },
    };

    expect(parseActivityMessage(JSON.stringify(payload))[0]?.uuid).toBe('outer');
  });

  it('throws a SyntaxError on data that is not JSON', () => {
    expect(() => parseActivityMessage('{"ActivityNotification":')).toThrow(SyntaxError);
  });

  it('keeps text with markup, emoji and right-to-left script as plain strings', () => {
    const title = '<script>alert(1)</script> 🎬 فيلم';
    const payload = {
      ActivityNotification: { event: 'started', uuid: 'a', Activity: { uuid: 'a', title } },
    };

    expect(parseActivityMessage(JSON.stringify(payload))[0]?.fields.title).toBe(title);
  });
});

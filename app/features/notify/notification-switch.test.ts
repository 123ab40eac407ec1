// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateSettings } from '../settings/settings-store';
import { type Notifier, whileNotificationsOn } from './notification-switch';

// Resolves once the notifier module has loaded, as the switch's own import does.
const loaded = () => import('./notifier');

function follow() {
  const events: string[] = [];
  const stop = whileNotificationsOn((notifier: Notifier) => {
    events.push(typeof notifier.notifyEnded === 'function' ? 'start' : 'start without notifier');
    return () => events.push('stop');
  });
  return { events, stop };
}

describe('whileNotificationsOn', () => {
  afterEach(() => updateSettings({ notify: false }));

  it('stays unloaded while off', async () => {
    const { events, stop } = follow();
    await loaded();

    expect(events).toEqual([]);
    stop();
  });

  it('follows the setting on and off', async () => {
    updateSettings({ notify: true });
    const { events, stop } = follow();
    await vi.waitFor(() => expect(events).toEqual(['start']));

    updateSettings({ notify: false });
    expect(events).toEqual(['start', 'stop']);

    updateSettings({ notify: true });
    await vi.waitFor(() => expect(events).toEqual(['start', 'stop', 'start']));
    stop();
    expect(events).toEqual(['start', 'stop', 'start', 'stop']);
  });

  it('ignores a module that arrives late', async () => {
    const { events, stop } = follow();
    updateSettings({ notify: true });
    updateSettings({ notify: false });
    await loaded();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(events).toEqual([]);
    stop();
  });
});

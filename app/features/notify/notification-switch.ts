import { updateSettings, useSettingsStore } from '../settings/settings-store';

/** The notifier's code, which loads only once notifications are on. */
export type Notifier = typeof import('./notifier');

/** Returns whether this browser can show notifications at all. */
export function canNotify(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** Asks for permission (only ever from a click) and turns notifications on when granted. */
export async function enableNotifications(): Promise<NotificationPermission> {
  if (!canNotify()) return 'denied';
  const permission = await Notification.requestPermission();
  updateSettings({ notify: permission === 'granted' });
  return permission;
}

/**
 * Runs `start` with the notifier while the notify setting is on, and the function it returns
 * when the setting goes off. Notifications are opt-in and off by default, so most visits never
 * load their code. Returns a function that stops it.
 */
export function whileNotificationsOn(start: (notifier: Notifier) => () => void): () => void {
  let stopNotifier: (() => void) | null = null;
  // Counts switches, so that a module arriving after the setting went off again is not used.
  let generation = 0;

  const follow = (on: boolean) => {
    generation += 1;
    stopNotifier?.();
    stopNotifier = null;
    if (!on) return;

    const started = generation;
    import('./notifier').then(
      (notifier) => {
        if (started === generation) stopNotifier = start(notifier);
      },
      (error: unknown) => {
        console.warn(`[notify] could not load the notifier; no notifications: ${String(error)}`);
      },
    );
  };

  follow(useSettingsStore.getState().notify);
  const unsubscribe = useSettingsStore.subscribe((settings, previous) => {
    if (settings.notify !== previous.notify) follow(settings.notify);
  });

  return () => {
    unsubscribe();
    follow(false);
  };
}

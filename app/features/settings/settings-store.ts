import { create } from 'zustand';
import { loadPersisted, persistStore } from '../../lib/persisted-state';

export type GroupBy = 'none' | 'library' | 'type';
export type Theme = 'system' | 'light' | 'dark';

/** Every choice a user can make on the page; kept in localStorage across reloads. */
export interface Settings {
  groupBy: GroupBy;
  /** Show only activities of this type; null shows all. */
  typeFilter: string | null;
  /** Hide the metadata refreshes that merely opening items in a Plex app starts. */
  hideBrowseRefreshes: boolean;
  theme: Theme;
  /** Desktop notifications for long activities ending and lost connections. */
  notify: boolean;
}

export const SETTINGS_STORAGE_KEY = 'plex-activity-monitor.settings';
export const SETTINGS_VERSION = 1;

export const defaultSettings: Settings = {
  groupBy: 'none',
  typeFilter: null,
  hideBrowseRefreshes: true,
  theme: 'system',
  notify: false,
};

// Stored values of every version pass the same checks, so a hand-edited entry cannot break the page.
export const useSettingsStore = create<Settings>()(() =>
  loadPersisted(SETTINGS_STORAGE_KEY, (stored) => migrateSettings(stored)),
);
persistStore(useSettingsStore, SETTINGS_STORAGE_KEY, SETTINGS_VERSION);

export function updateSettings(patch: Partial<Settings>): void {
  useSettingsStore.setState(patch);
}

/**
 * Turns settings stored by any earlier release into the current shape: each known field is kept
 * when its value is still valid, and every other field takes its default. Nothing a user chose
 * is dropped unless the current release has no place for it.
 */
export function migrateSettings(persisted: unknown): Settings {
  const stored = (persisted !== null && typeof persisted === 'object' ? persisted : {}) as Record<
    string,
    unknown
  >;
  const settings = { ...defaultSettings };

  if (isOneOf(stored.groupBy, ['none', 'library', 'type'])) settings.groupBy = stored.groupBy;
  if (typeof stored.typeFilter === 'string' || stored.typeFilter === null) {
    settings.typeFilter = stored.typeFilter || null;
  }
  if (typeof stored.hideBrowseRefreshes === 'boolean') {
    settings.hideBrowseRefreshes = stored.hideBrowseRefreshes;
  }
  if (isOneOf(stored.theme, ['system', 'light', 'dark'])) settings.theme = stored.theme;
  if (typeof stored.notify === 'boolean') settings.notify = stored.notify;
  return settings;
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

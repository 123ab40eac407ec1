// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  migrateSettings,
  SETTINGS_STORAGE_KEY,
  SETTINGS_VERSION,
  updateSettings,
  useSettingsStore,
} from './settings-store';

describe('migrateSettings', () => {
  it('keeps every valid choice of an older release', () => {
    const stored = {
      groupBy: 'library',
      typeFilter: 'media.download',
      hideBrowseRefreshes: false,
      theme: 'dark',
      notify: true,
    };

    expect(migrateSettings(stored)).toEqual(stored);
  });

  it('fills fields an older release did not have with defaults', () => {
    expect(migrateSettings({ groupBy: 'type' })).toEqual({ ...defaultSettings, groupBy: 'type' });
  });

  it.each([
    ['a removed group', { groupBy: 'server' }],
    ['a wrong type', { hideBrowseRefreshes: 'yes', notify: 1 }],
    ['an unknown theme', { theme: 'sepia' }],
    ['an empty filter', { typeFilter: '' }],
  ])('replaces %s with the default', (_name, stored) => {
    expect(migrateSettings(stored)).toEqual(defaultSettings);
  });

  it.each([null, 'text', 42, []])('starts from defaults for %j', (stored) => {
    expect(migrateSettings(stored)).toEqual(defaultSettings);
  });
});

describe('settings store', () => {
  it('persists choices with a version', () => {
    updateSettings({ groupBy: 'type', theme: 'light' });

    const stored = JSON.parse(localStorage.getItem(SETTINGS_STORAGE_KEY) ?? '{}');
    expect(stored.version).toBe(SETTINGS_VERSION);
    expect(stored.state.groupBy).toBe('type');
    expect(stored.state.theme).toBe('light');
    expect(useSettingsStore.getState().groupBy).toBe('type');
  });
});

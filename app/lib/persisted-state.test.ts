// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { loadPersisted, persistStore } from './persisted-state';

describe('persisted state', () => {
  afterEach(() => localStorage.clear());

  it('hands the stored state and its version to migrate', () => {
    localStorage.setItem('key', JSON.stringify({ state: { a: 1 }, version: 3 }));
    const migrate = vi.fn((state: unknown, version: number) => ({ state, version }));

    expect(loadPersisted('key', migrate)).toEqual({ state: { a: 1 }, version: 3 });
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"state":'],
    ['not an object', '42'],
  ])('starts from migrate(undefined, 0) when the entry is %s', (_name, stored) => {
    if (stored !== null) localStorage.setItem('key', stored);
    vi.spyOn(console, 'warn').mockImplementation(() => {});

    expect(loadPersisted('key', (state, version) => ({ state, version }))).toEqual({
      state: undefined,
      version: 0,
    });
  });

  it('writes every change with the version', () => {
    const store = createStore(() => ({ count: 0 }));
    const stop = persistStore(store, 'key', 2);

    store.setState({ count: 5 });
    stop();
    store.setState({ count: 6 });

    expect(JSON.parse(localStorage.getItem('key') ?? '')).toEqual({
      state: { count: 5 },
      version: 2,
    });
  });

  it('keeps working when storage rejects a write', () => {
    const store = createStore(() => ({ count: 0 }));
    persistStore(store, 'key', 1);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota exceeded', 'QuotaExceededError');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    store.setState({ count: 1 });

    expect(store.getState().count).toBe(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('could not save key');
  });
});

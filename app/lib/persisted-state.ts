import type { StoreApi } from 'zustand';

/** The localStorage entry: the state and the version of the release that wrote it. */
interface StoredEntry {
  state: unknown;
  version: number;
}

/**
 * Reads a versioned localStorage entry and passes it to `migrate` with the version that wrote
 * it, or returns `migrate(undefined, 0)` when the entry is missing or unreadable. Storage that
 * the browser blocks counts as missing, so private windows still get a working page.
 */
export function loadPersisted<T>(key: string, migrate: (state: unknown, version: number) => T): T {
  try {
    const text = localStorage.getItem(key);
    const entry = text === null ? null : (JSON.parse(text) as Partial<StoredEntry> | null);
    if (entry && typeof entry === 'object') {
      return migrate(entry.state, typeof entry.version === 'number' ? entry.version : 0);
    }
  } catch (error) {
    console.warn(`[settings] ignored the unreadable localStorage entry ${key}: ${String(error)}`);
  }
  return migrate(undefined, 0);
}

/** Writes the store's state to localStorage with `version` whenever it changes. */
export function persistStore<T>(store: StoreApi<T>, key: string, version: number): () => void {
  return store.subscribe((state) => {
    try {
      localStorage.setItem(key, JSON.stringify({ state, version } satisfies StoredEntry));
    } catch (error) {
      // A full or blocked storage loses only the choice; the page keeps working.
      console.warn(`[settings] could not save ${key}: ${String(error)}`);
    }
  });
}

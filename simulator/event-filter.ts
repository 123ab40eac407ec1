/** Decides whether a stream receives an event with the given name. */
export type EventFilter = (eventName: string) => boolean;

/** Plex leaves `log` events out unless a client asks for them. */
const DEFAULT_FILTERS = '-log';

/**
 * Parses the `filters` query parameter of the notification stream: comma-separated event
 * names, where a leading `-` turns the list into exclusions. An absent parameter means
 * `-log`, and an empty one lets every event through.
 */
export function parseEventFilter(filters: string | null): EventFilter {
  const value = (filters ?? DEFAULT_FILTERS).trim();
  if (value === '') {
    return () => true;
  }

  const excluding = value.startsWith('-');
  const names = new Set(
    value
      .split(',')
      .map((name) => name.trim().replace(/^-/, ''))
      .filter((name) => name !== ''),
  );

  return excluding ? (name) => !names.has(name) : (name) => names.has(name);
}

const serverIdPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;
const maxIdLength = 32;

// The first segments of the unprefixed `/plex/…` routes, which serve the first server. A server
// with one of these ids would share its paths with those routes.
const reservedIds = new Set(['activities', 'identity', 'library']);

/** Returns why `id` cannot name a server, or null when it can. */
export function findServerIdProblem(id: string): string | null {
  if (!serverIdPattern.test(id)) {
    return 'use 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit';
  }
  if (reservedIds.has(id)) {
    return `"${id}" is reserved for the routes of the first server`;
  }
  return null;
}

/**
 * Derives an id from a display name: lowercase ASCII letters and digits, with a hyphen for each
 * run of other characters, at most 32 long. Returns null when nothing usable is left.
 */
export function slugifyServerName(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxIdLength)
    .replace(/-+$/, '');

  return slug === '' ? null : slug;
}

/** Throws when a server list is empty or has an invalid or repeated id. */
export function assertValidServerIds(ids: readonly string[]): void {
  if (ids.length === 0) {
    throw new Error('GatewayConfig.servers is empty: list at least one Plex server');
  }

  const seen = new Set<string>();
  for (const id of ids) {
    const problem = findServerIdProblem(id);
    if (problem !== null) {
      throw new Error(`GatewayConfig.servers has the invalid id "${id}": ${problem}`);
    }
    if (seen.has(id)) {
      throw new Error(`GatewayConfig.servers has the id "${id}" twice: give each server its own`);
    }
    seen.add(id);
  }
}

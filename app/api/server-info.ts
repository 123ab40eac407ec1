import { queryOptions } from '@tanstack/react-query';

/** One Plex server the gateway forwards to, as the gateway reports it. */
export interface ServerInfo {
  id: string;
  name: string | null;
  version: string | null;
  demo: boolean;
  readOnly: boolean;
  reachable: boolean;
}

/** The configured servers in the gateway's order; the page shows one section per server. */
export const serversQuery = queryOptions({
  queryKey: ['servers'],
  queryFn: async ({ signal }): Promise<ServerInfo[]> => {
    const response = await fetch('/api/servers', { signal });
    if (!response.ok)
      throw new Error(`the gateway's /api/servers returned HTTP ${response.status}`);
    return readServerList(await response.json());
  },
  staleTime: 60_000,
  refetchInterval: 60_000,
});

/** Returns the name to show for a server: Plex's own, else its id in the gateway's configuration. */
export function getServerName(server: ServerInfo): string {
  return server.name ?? server.id;
}

/** Checks the gateway's `/api/servers` response and throws a TypeError naming the first invalid field. */
export function readServerList(body: unknown): ServerInfo[] {
  const servers = (body as { servers?: unknown } | null)?.servers;
  if (!Array.isArray(servers)) {
    throw new TypeError("the gateway's /api/servers response is missing the servers list");
  }
  return servers.map((server: unknown, index): ServerInfo => {
    const fail = (field: string) =>
      new TypeError(
        `the gateway's /api/servers response has an invalid ${field} in server ${index}`,
      );
    if (server === null || typeof server !== 'object') throw fail('entry');
    const { id, name, version, demo, readOnly, reachable } = server as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') throw fail('id');
    if (name !== null && typeof name !== 'string') throw fail('name');
    if (version !== null && typeof version !== 'string') throw fail('version');
    if (typeof demo !== 'boolean') throw fail('demo');
    if (typeof readOnly !== 'boolean') throw fail('readOnly');
    if (typeof reachable !== 'boolean') throw fail('reachable');
    return { id, name, version, demo, readOnly, reachable };
  });
}

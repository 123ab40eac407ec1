import { queryOptions } from '@tanstack/react-query';
import * as v from 'valibot';

/** One Plex server the gateway forwards to, as the gateway reports it. */
export type ServerInfo = v.InferOutput<typeof serverInfoSchema>;

const serverInfoSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.nullable(v.string()),
  version: v.nullable(v.string()),
  demo: v.boolean(),
  readOnly: v.boolean(),
  reachable: v.boolean(),
});

const serverListSchema = v.object({ servers: v.array(serverInfoSchema) });

/** The configured servers in the gateway's order; the page shows one section per server. */
export const serversQuery = queryOptions({
  queryKey: ['servers'],
  queryFn: async ({ signal }): Promise<ServerInfo[]> => {
    const response = await fetch('/api/servers', { signal });
    if (!response.ok)
      throw new Error(`the gateway's /api/servers returned HTTP ${response.status}`);
    return v.parse(serverListSchema, await response.json()).servers;
  },
  staleTime: 60_000,
  refetchInterval: 60_000,
});

/** Returns the name to show for a server: Plex's own, else its id in the gateway's configuration. */
export function getServerName(server: ServerInfo): string {
  return server.name ?? server.id;
}

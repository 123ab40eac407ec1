import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';

/** One Plex server the gateway forwards to, as the gateway reports it. */
export type ServerInfo = z.infer<typeof serverInfoSchema>;

const serverInfoSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.nullable(z.string()),
  version: z.nullable(z.string()),
  demo: z.boolean(),
  readOnly: z.boolean(),
  reachable: z.boolean(),
});

const serverListSchema = z.object({ servers: z.array(serverInfoSchema) });

/** The configured servers in the gateway's order; the page shows one section per server. */
export const serversQuery = queryOptions({
  queryKey: ['servers'],
  queryFn: async ({ signal }): Promise<ServerInfo[]> => {
    const response = await fetch('/api/servers', { signal });
    if (!response.ok)
      throw new Error(`the gateway's /api/servers answered HTTP ${response.status}`);
    return serverListSchema.parse(await response.json()).servers;
  },
  staleTime: 60_000,
  refetchInterval: 60_000,
});

/** Returns the name to show for a server: Plex's own, else its id in the gateway's configuration. */
export function getServerName(server: ServerInfo): string {
  return server.name ?? server.id;
}

import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';

/** What the gateway reports about itself and the Plex server it talks to. */
export type ServerInfo = z.infer<typeof serverInfoSchema>;

const serverInfoSchema = z.object({
  name: z.nullable(z.string()),
  version: z.nullable(z.string()),
  demo: z.boolean(),
  readOnly: z.boolean(),
  reachable: z.boolean(),
});

export const serverInfoQuery = queryOptions({
  queryKey: ['server-info'],
  queryFn: async ({ signal }): Promise<ServerInfo> => {
    const response = await fetch('/api/server', { signal });
    if (!response.ok) throw new Error(`The gateway's /api/server answered HTTP ${response.status}`);
    return serverInfoSchema.parse(await response.json());
  },
  staleTime: 60_000,
  refetchInterval: 60_000,
});

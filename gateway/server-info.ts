import type { FastifyInstance } from 'fastify';
import { getProtectionMode, noAccessProtection, type ProtectionMode } from './access-config.ts';
import type { GatewayConfig, ServerTarget } from './config.ts';
import type { PlexServerStatus } from './plex-server-lookup.ts';

const maxAgeMs = 60_000;
// While the server's event stream stays open, the server is up and its name rarely changes.
const maxAgeWhileStreamOpenMs = 10 * 60_000;

/** Body of `GET /api/server`, which describes the first server. */
export interface ServerInfo {
  name: string | null;
  version: string | null;
  demo: boolean;
  readOnly: boolean;
  reachable: boolean;
  protection: ProtectionMode;
}

/** One entry of `GET /api/servers`. */
export interface ServerListEntry extends ServerInfo {
  id: string;
}

/**
 * Creates a cached look-up. A successful result is reused for a minute, or for ten minutes when
 * the server's event stream opened before the look-up and is still open (`streamOpenedAt`
 * returns when it opened, or null while it is closed). After a failure the next call looks
 * again. Concurrent calls share one look-up. A failed look-up keeps the name and version
 * learned earlier, so the page can still show which server is unreachable.
 */
export function createServerStatusCache(
  lookUp: () => Promise<PlexServerStatus>,
  now: () => number = Date.now,
  streamOpenedAt: () => number | null = () => null,
): () => Promise<PlexServerStatus> {
  let last: { status: PlexServerStatus; at: number } | null = null;
  let pending: Promise<PlexServerStatus> | null = null;

  const isFresh = (entry: { status: PlexServerStatus; at: number }) => {
    if (entry.status.problem !== null) return false;
    const openedAt = streamOpenedAt();
    const streamVouches = openedAt !== null && openedAt <= entry.at;
    return now() - entry.at < (streamVouches ? maxAgeWhileStreamOpenMs : maxAgeMs);
  };

  return () => {
    if (last !== null && isFresh(last)) {
      return Promise.resolve(last.status);
    }

    pending ??= lookUp()
      .then((status) => {
        const merged = {
          ...status,
          name: status.name ?? last?.status.name ?? null,
          version: status.version ?? last?.status.version ?? null,
        };
        last = { status: merged, at: now() };
        return merged;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
}

/**
 * Registers `GET /api/servers`, which describes every server in configuration order, and
 * `GET /api/server`, which describes the first. The look-ups run in parallel, so a slow server
 * delays the list by at most its own look-up timeout.
 */
export function registerServerInfo(
  app: FastifyInstance,
  config: GatewayConfig,
  getStatus: (server: ServerTarget) => Promise<PlexServerStatus>,
): void {
  const protection = getProtectionMode(config.access ?? noAccessProtection);

  const describeServer = async (server: ServerTarget): Promise<ServerInfo> => {
    const status = await getStatus(server);

    return {
      name: server.name ?? status.name,
      version: status.version,
      demo: config.demo,
      readOnly: config.readOnly || server.readOnly,
      reachable: status.reachable,
      protection,
    };
  };

  app.get('/api/servers', async (): Promise<{ servers: ServerListEntry[] }> => {
    const servers = await Promise.all(
      config.servers.map(async (server) => ({ id: server.id, ...(await describeServer(server)) })),
    );
    return { servers };
  });

  app.get('/api/server', async (): Promise<ServerInfo> => {
    const [first] = config.servers;
    if (first === undefined) {
      throw new Error('GatewayConfig.servers is empty: list at least one Plex server');
    }
    return describeServer(first);
  });
}

import type { FastifyInstance } from 'fastify';
import { getProtectionMode, noAccessProtection, type ProtectionMode } from './access-config.ts';
import type { GatewayConfig } from './config.ts';
import type { PlexServerStatus } from './plex-server-lookup.ts';

const maxAgeMs = 60_000;

/** Body of `GET /api/server`. */
export interface ServerInfo {
  name: string | null;
  version: string | null;
  demo: boolean;
  readOnly: boolean;
  reachable: boolean;
  protection: ProtectionMode;
}

/**
 * Creates a cached look-up. A successful result is reused for a minute; after a failure the
 * next call looks again. Concurrent calls share one look-up. A failed look-up keeps the name
 * and version learned earlier, so the page can still show which server is unreachable.
 */
export function createServerStatusCache(
  lookUp: () => Promise<PlexServerStatus>,
  now: () => number = Date.now,
): () => Promise<PlexServerStatus> {
  let last: { status: PlexServerStatus; at: number } | null = null;
  let pending: Promise<PlexServerStatus> | null = null;

  return () => {
    if (last !== null && last.status.problem === null && now() - last.at < maxAgeMs) {
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

/** Registers `GET /api/server`. */
export function registerServerInfo(
  app: FastifyInstance,
  config: GatewayConfig,
  getStatus: () => Promise<PlexServerStatus>,
): void {
  const protection = getProtectionMode(config.access ?? noAccessProtection);

  app.get('/api/server', async (): Promise<ServerInfo> => {
    const status = await getStatus();

    return {
      name: status.name,
      version: status.version,
      demo: config.demo,
      readOnly: config.readOnly,
      reachable: status.reachable,
      protection,
    };
  });
}

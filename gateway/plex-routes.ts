import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from './config.ts';
import { plexProxy } from './plex-proxy.ts';
import type { ServerSharing } from './server-sharing.ts';
import { rejectUnforwardedPath, rejectUnknownServer } from './unforwarded-paths.ts';

export const plexPrefix = '/plex';

/**
 * Registers the forwarded Plex paths of every server under `/plex/{id}/…`, the same paths of the
 * first server under `/plex/…`, and JSON 404 or 405 for every other path under `/plex`. Each
 * server gets its own connection pool, so a server that hangs holds up only its own requests, and
 * its own shared event stream and `GET /activities` response, which both prefixes of the first server use.
 */
export async function registerPlexRoutes(
  app: FastifyInstance,
  config: GatewayConfig,
  warn: (message: string) => void,
  sharings: ReadonlyMap<string, ServerSharing>,
): Promise<void> {
  const targets = config.servers.map((server) => {
    const sharing = sharings.get(server.id);
    if (sharing === undefined) throw new Error(`No shared state for server "${server.id}"`);
    return { server, sharing };
  });
  app.addHook('onClose', async () => {
    for (const { sharing } of targets) {
      sharing.close();
    }
  });

  const [first] = targets;
  if (first === undefined) {
    throw new Error('GatewayConfig.servers is empty: list at least one Plex server');
  }

  for (const { server, sharing } of targets) {
    const prefix = `${plexPrefix}/${server.id}`;
    await app.register(plexProxy, { prefix, server, config, warn, sharing });
    app.all(`${prefix}/*`, (request, reply) => rejectUnforwardedPath(request, reply, prefix));
  }

  await app.register(plexProxy, { prefix: plexPrefix, ...first, config, warn });
  app.all(`${plexPrefix}/*`, (request, reply) => rejectUnknownServer(request, reply, plexPrefix));
}

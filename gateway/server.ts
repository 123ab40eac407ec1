import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { noAccessProtection } from './access-config.ts';
import { createAccessHook } from './access-control.ts';
import type { GatewayConfig, ServerTarget } from './config.ts';
import { consoleLogger, createRepeatLimitedWarn, redactTokenInUrl } from './gateway-log.ts';
import { rejectAmbiguousPath } from './path-guard.ts';
import { registerPlexRoutes } from './plex-routes.ts';
import { lookUpPlexServer, type PlexServerStatus } from './plex-server-lookup.ts';
import { addSecurityHeaders } from './security-headers.ts';
import { assertValidServerIds } from './server-id.ts';
import { createServerStatusCache, registerServerInfo } from './server-info.ts';
import { createServerSharing, type ServerSharing } from './server-sharing.ts';
import { registerStaticFiles } from './static-files.ts';

// The gateway forwards no request bodies, so this only bounds what a client can make it read.
const bodyLimitBytes = 16 * 1024;

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Builds the gateway without listening, for `inject` tests and for `startGateway`. */
export async function buildGateway(config: GatewayConfig): Promise<FastifyInstance> {
  assertValidServerIds(config.servers.map((server) => server.id));
  const logger = config.logger ?? consoleLogger;
  const warn = createRepeatLimitedWarn(logger);

  // Open event streams would otherwise keep `close()` waiting for hours.
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: bodyLimitBytes });

  // The login checks run first, so a client without access learns nothing about the routes.
  const checkAccess = createAccessHook(config.access ?? noAccessProtection, warn);
  if (checkAccess !== null) {
    app.addHook('onRequest', checkAccess);
  }
  app.addHook('onRequest', rejectAmbiguousPath);
  app.addHook('onSend', addSecurityHeaders);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode =
      error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (statusCode >= 500) {
      warn(`${request.method} ${redactTokenInUrl(request.url)} failed: ${error.message}`);
    }
    return reply.code(statusCode).send({
      error:
        statusCode >= 500
          ? 'The gateway failed to handle this request; see its log'
          : error.message,
    });
  });

  const sharings = new Map<string, ServerSharing>(
    config.servers.map((server) => [server.id, createServerSharing(server, config, warn)]),
  );
  registerServerInfo(app, config, createStatusCaches(config, sharings));
  await registerPlexRoutes(app, config, warn, sharings);
  await registerStaticFiles(app, config.distDir);

  return app;
}

/** Starts the gateway on `config.host` and `config.port` (0 picks a free port). */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const app = await buildGateway(config);
  await app.listen({ host: config.host, port: config.port });

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;

  return {
    url: `http://${formatHost(config.host)}:${port}`,
    port,
    close: () => app.close(),
  };
}

/**
 * Creates one status cache per server, so each server's look-ups and failures stay its own. A
 * server whose event stream is open is known to be up, so its name and version are looked up
 * again only every ten minutes, or when the stream reopens (after a restart or an update).
 */
function createStatusCaches(config: GatewayConfig, sharings: ReadonlyMap<string, ServerSharing>) {
  const caches = new Map<string, () => Promise<PlexServerStatus>>();
  for (const server of config.servers) {
    const eventStream = sharings.get(server.id)?.eventStream;
    caches.set(
      server.id,
      createServerStatusCache(
        () => lookUpPlexServer(server, config.timeouts),
        Date.now,
        () => eventStream?.openedAt ?? null,
      ),
    );
  }

  return (server: ServerTarget): Promise<PlexServerStatus> => {
    const getStatus = caches.get(server.id);
    if (getStatus === undefined) {
      throw new Error(`No status cache for server "${server.id}"`);
    }
    return getStatus();
  };
}

function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    return 'localhost';
  }
  return host.includes(':') ? `[${host}]` : host;
}

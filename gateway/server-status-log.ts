import type { ServerSource, ServerTarget, UpstreamTimeouts } from './config.ts';
import type { GatewayLogger } from './gateway-log.ts';
import { lookUpPlexServer } from './plex-server-lookup.ts';

/**
 * Looks up every server in parallel and logs one line for each, in configuration order. The line
 * contains the name and version after a successful look-up, else the reason it failed.
 */
export async function logServerStatuses(
  source: ServerSource,
  servers: ServerTarget[],
  timeouts: UpstreamTimeouts,
  log: GatewayLogger,
): Promise<void> {
  const tokenSetting =
    source.kind === 'servers-file' ? 'its token in PLEX_SERVERS_FILE' : 'PLEX_TOKEN';
  const statuses = await Promise.all(
    servers.map((server) => lookUpPlexServer(server, timeouts, tokenSetting)),
  );
  const kind = source.kind === 'demo' ? 'simulated Plex server' : 'Plex server';

  servers.forEach((server, index) => {
    const status = statuses[index];
    if (status === undefined || status.problem !== null) {
      const problem = status?.problem ?? 'no look-up result';
      log.warn(
        `Server "${server.id}": ${problem}. The dashboard shows the error and keeps retrying`,
      );
      return;
    }

    const shownAs =
      server.name !== null && server.name !== status.name ? `, shown as "${server.name}"` : '';
    log.info(
      `Server "${server.id}": ${kind} "${status.name}" (version ${status.version}) at ${server.url} is reachable${shownAs}`,
    );
  });
}

/** Warns about each configured server without a token, because Plex then usually returns 401. */
export function warnAboutMissingTokens(source: ServerSource, log: GatewayLogger): void {
  if (source.kind === 'demo') {
    return;
  }

  for (const server of source.servers.filter(({ token }) => token === '')) {
    const setting =
      source.kind === 'plex-url'
        ? 'PLEX_TOKEN is not set'
        : `Server "${server.id}" has an empty token in PLEX_SERVERS_FILE`;
    log.warn(
      `${setting}: Plex rejects requests with 401 unless it allows this network without a token`,
    );
  }
}

import { randomBytes } from 'node:crypto';
import { startSimulator } from '../simulator/server.ts';
import { describeAccessProtection } from './access-config.ts';
import {
  ConfigError,
  type EnvConfig,
  type GatewayConfig,
  type PlexTarget,
  readEnvConfig,
} from './config.ts';
import { consoleLogger } from './gateway-log.ts';
import { lookUpPlexServer } from './plex-server-lookup.ts';
import { type RunningGateway, startGateway } from './server.ts';

interface Upstream {
  plex: PlexTarget;
  close(): Promise<void>;
}

const log = consoleLogger;

await main();

async function main(): Promise<void> {
  const env = readEnvOrExit();
  const upstream =
    env.plexUrl === null ? await startDemoUpstream(env) : realUpstream(env, env.plexUrl);

  const gateway = await startGatewayOrExit(env, upstream, {
    plex: upstream.plex,
    demo: env.plexUrl === null,
    readOnly: env.readOnly,
    host: env.host,
    port: env.port,
    publicOrigin: env.publicOrigin,
    distDir: env.distDir,
    timeouts: env.timeouts,
    access: env.access,
    logger: log,
  });

  await logPlexStatus(env, upstream.plex);
  log.info(describeAccessProtection(env.access));
  if (env.readOnly) {
    log.info('READ_ONLY is set: cancelling activities is disabled');
  }
  log.info(`Open ${gateway.url}/`);

  const shutDown = async (signal: NodeJS.Signals) => {
    log.info(`${signal} received: stopping`);
    await gateway.close();
    await upstream.close();
    log.info('stopped');
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

async function startGatewayOrExit(
  env: EnvConfig,
  upstream: Upstream,
  config: GatewayConfig,
): Promise<RunningGateway> {
  try {
    return await startGateway(config);
  } catch (error) {
    if (!(error instanceof Error && Reflect.get(error, 'code') === 'EADDRINUSE')) {
      throw error;
    }
    log.warn(`Port ${env.port} on ${env.host} is already in use: set PORT to a free port`);
    await upstream.close();
    process.exit(1);
  }
}

function readEnvOrExit(): EnvConfig {
  try {
    return readEnvConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      log.warn(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function startDemoUpstream(env: EnvConfig): Promise<Upstream> {
  log.info('PLEX_URL is not set, so this is the demo: built-in simulated Plex server');

  const simulator = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    scenario: 'demo',
    // A fresh random token, so the demo exercises the same token handling as a real server.
    token: randomBytes(16).toString('hex'),
    serverName: 'Plex Simulator (demo)',
    ...(env.simulatorSpeed === null ? {} : { speed: env.simulatorSpeed }),
  });

  const url = new URL(simulator.url).origin;
  return { plex: { url, token: simulator.token }, close: () => simulator.close() };
}

function realUpstream(env: EnvConfig, plexUrl: string): Upstream {
  if (env.plexToken === '') {
    log.warn(
      'PLEX_TOKEN is not set: Plex rejects requests with 401 unless it allows this network without a token',
    );
  }
  return { plex: { url: plexUrl, token: env.plexToken }, close: async () => {} };
}

async function logPlexStatus(env: EnvConfig, plex: PlexTarget): Promise<void> {
  const status = await lookUpPlexServer(plex, env.timeouts);
  const label = env.plexUrl === null ? 'Simulated Plex server' : 'Plex server';

  if (status.problem !== null) {
    log.warn(`${status.problem}. The dashboard shows the error and keeps retrying`);
    return;
  }
  log.info(`${label} "${status.name}" (version ${status.version}) at ${plex.url} is reachable`);
}

import { describeAccessProtection } from './access-config.ts';
import { ConfigError, type EnvConfig, type GatewayConfig, readEnvConfig } from './config.ts';
import { startDemoServers, type Upstreams } from './demo-servers.ts';
import { consoleLogger } from './gateway-log.ts';
import { type RunningGateway, startGateway } from './server.ts';
import { logServerStatuses, warnAboutMissingTokens } from './server-status-log.ts';

const log = consoleLogger;

await main();

async function main(): Promise<void> {
  const env = readEnvOrExit();
  const upstreams = await startUpstreams(env);
  warnAboutMissingTokens(env.source, log);

  const gateway = await startGatewayOrExit(env, upstreams, {
    servers: upstreams.servers,
    demo: env.source.kind === 'demo',
    readOnly: env.readOnly,
    host: env.host,
    port: env.port,
    publicOrigin: env.publicOrigin,
    distDir: env.distDir,
    timeouts: env.timeouts,
    access: env.access,
    logger: log,
  });

  await logServerStatuses(env.source, upstreams.servers, env.timeouts, log);
  log.info(describeAccessProtection(env.access));
  if (env.readOnly) {
    log.info('READ_ONLY is set: cancelling activities is disabled');
  }
  log.info(`Open ${gateway.url}/`);

  const shutDown = async (signal: NodeJS.Signals) => {
    log.info(`${signal} received: stopping`);
    await gateway.close();
    await upstreams.close();
    log.info('stopped');
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

async function startUpstreams(env: EnvConfig): Promise<Upstreams> {
  const { source } = env;
  if (source.kind !== 'demo') {
    return { servers: source.servers, close: async () => {} };
  }

  const count = source.simulatorCount;
  const simulators = count === 1 ? 'one simulated Plex server' : `${count} simulated Plex servers`;
  log.info(`PLEX_URL and PLEX_SERVERS_FILE are not set, so this is the demo: ${simulators}`);
  return startDemoServers(count, source.simulatorSpeed);
}

async function startGatewayOrExit(
  env: EnvConfig,
  upstreams: Upstreams,
  config: GatewayConfig,
): Promise<RunningGateway> {
  try {
    return await startGateway(config);
  } catch (error) {
    if (!(error instanceof Error && Reflect.get(error, 'code') === 'EADDRINUSE')) {
      throw error;
    }
    log.warn(`Port ${env.port} on ${env.host} is already in use: set PORT to a free port`);
    await upstreams.close();
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

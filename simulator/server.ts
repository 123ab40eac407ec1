import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControlRequest } from './control-routes.ts';
import { sendHtmlError } from './plex-responses.ts';
import { handlePlexRequest } from './plex-routes.ts';
import { isScenarioName, SCENARIO_NAMES } from './scenarios/registry.ts';
import { Simulation, type SimulationSettings } from './simulation.ts';

export interface SimulatorOptions {
  /** Port to listen on. 0 picks any free port. Default 0. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The only accepted X-Plex-Token. Default 'simulator-token'. */
  token?: string;
  /** Time factor for scenario timelines, where 1 is real time. Default 1. */
  speed?: number;
  /** 'demo' (default), 'idle' or a single scenario such as 'scan'. */
  scenario?: string;
  /** Time between `ping` events on each stream, in real milliseconds. Default 10_000. */
  pingIntervalMs?: number;
  /** friendlyName on `GET /`. Default 'Plex Simulator'. */
  serverName?: string;
  /** Logs each Plex API request to the console. Default false. */
  verbose?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  token: string;
  /** Ends open streams, held requests, timers and the listener. */
  close(): Promise<void>;
}

/**
 * Starts a simulated Plex Media Server that speaks the Plex wire format over HTTP, with
 * a test control API under `/__simulator/`. Throws on invalid options.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const settings = resolveSettings(options);
  const host = options.host ?? '127.0.0.1';
  const simulation = new Simulation(settings);
  const server = createServer((request, response) => {
    routeRequest(request, response, simulation);
  });

  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  simulation.startConfiguredScenario();

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    token: settings.token,
    close: () => {
      closing ??= closeServer(server, simulation);
      return closing;
    },
  };
}

function resolveSettings(options: SimulatorOptions): SimulationSettings {
  const scenario = options.scenario ?? 'demo';
  if (!isScenarioName(scenario)) {
    throw new Error(`Unknown scenario "${scenario}". Use one of: ${SCENARIO_NAMES.join(', ')}`);
  }

  const speed = options.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new Error(`Invalid speed ${speed}. Use a number above 0, where 1 is real time`);
  }

  const pingIntervalMs = options.pingIntervalMs ?? 10_000;
  if (!(Number.isFinite(pingIntervalMs) && pingIntervalMs > 0)) {
    throw new Error(
      `Invalid pingIntervalMs ${pingIntervalMs}. Use a number of milliseconds above 0`,
    );
  }

  return {
    token: options.token ?? 'simulator-token',
    speed,
    scenario,
    serverName: options.serverName ?? 'Plex Simulator',
    pingIntervalMs,
    verbose: options.verbose ?? false,
  };
}

function routeRequest(
  request: IncomingMessage,
  response: ServerResponse,
  simulation: Simulation,
): void {
  if (request.url?.startsWith(CONTROL_PREFIX)) {
    handleControlRequest(request, response, simulation).catch((error: unknown) => {
      console.error(`[simulator] control request ${request.method} ${request.url} failed:`, error);
      if (!response.headersSent) {
        sendHtmlError(response, 500);
      }
    });
    return;
  }

  if (simulation.settings.verbose) {
    console.log(`[simulator] ${request.method} ${redactForLog(request.url ?? '/')}`);
  }
  handlePlexRequest(request, response, simulation);
}

function redactForLog(rawUrl: string): string {
  return rawUrl.replace(/(X-Plex-Token=)[^&]*/gi, '$1');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server, simulation: Simulation): Promise<void> {
  simulation.shutDown();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

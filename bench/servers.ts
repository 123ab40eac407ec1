import { join } from 'node:path';
import { defaultTimeouts } from '../gateway/config.ts';
import { silentLogger } from '../gateway/gateway-log.ts';
import { type RunningGateway, startGateway } from '../gateway/server.ts';
import type { SentActivityEvent } from '../simulator/send-log.ts';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';

const TOKEN = 'bench-token';
export const SERVER_ID = 'main';
export const REPO_DIR = join(import.meta.dirname, '..');
export const DASHBOARD_DIST = join(REPO_DIR, 'dist');
export const BENCH_DIST = join(REPO_DIR, 'dist-bench');

export type PageKind = 'dashboard' | 'baseline';

export interface LoggedRequest {
  method: string;
  path: string;
  at: number;
}

export interface SimulatorState {
  activities: unknown[];
  streams: number;
  requests: LoggedRequest[];
}

/** One simulated Plex server and two gateways in front of it, all on 127.0.0.1. */
export interface BenchServers {
  simulator: RunningSimulator;
  gateways: Record<PageKind, RunningGateway>;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  readState(): Promise<SimulatorState>;
  readSendLog(): Promise<SentActivityEvent[]>;
  close(): Promise<void>;
}

/**
 * Starts an idle simulator and two gateways with the same code and settings, one serving the
 * dashboard build (dist/) and one the baseline build (dist-bench/).
 */
export async function startBenchServers(): Promise<BenchServers> {
  const simulator = await startSimulator({ scenario: 'idle', token: TOKEN });
  const startFor = (distDir: string) =>
    startGateway({
      servers: [{ id: SERVER_ID, name: null, url: simulator.url, token: TOKEN, readOnly: false }],
      demo: false,
      readOnly: false,
      host: '127.0.0.1',
      port: 0,
      publicOrigin: null,
      distDir,
      timeouts: defaultTimeouts,
      logger: silentLogger,
    });
  const gateways = {
    dashboard: await startFor(DASHBOARD_DIST),
    baseline: await startFor(BENCH_DIST),
  };

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${simulator.url}/__simulator/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`Simulator control ${method} ${path} failed with HTTP ${response.status}`);
    }
    return response.json();
  };

  return {
    simulator,
    gateways,
    control,
    readState: async () => (await control('GET', 'state')) as SimulatorState,
    readSendLog: async () => {
      const log = (await control('GET', 'send-log')) as {
        sends: SentActivityEvent[];
        dropped: number;
      };
      if (log.dropped > 0) {
        console.warn(`[bench] the simulator's send log dropped ${log.dropped} events`);
      }
      return log.sends;
    },
    close: async () => {
      await gateways.dashboard.close();
      await gateways.baseline.close();
      await simulator.close();
    },
  };
}

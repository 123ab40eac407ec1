import { randomBytes } from 'node:crypto';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import type { ServerTarget } from './config.ts';

/** Servers the gateway forwards to, and how to stop whatever was started for them. */
export interface Upstreams {
  servers: ServerTarget[];
  close(): Promise<void>;
}

/**
 * Starts `count` simulated Plex servers on free ports of 127.0.0.1, with the ids `demo`,
 * `demo-2`, … and the names "Plex Simulator (demo)", "Plex Simulator 2 (demo)", ….
 */
export async function startDemoServers(count: number, speed: number | null): Promise<Upstreams> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => startDemoSimulator(index, speed)),
  );
  const simulators = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const close = async () => {
    await Promise.all(simulators.map((simulator) => simulator.close()));
  };

  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await close();
    throw failure.reason;
  }

  const servers = simulators.map((simulator, index) => ({
    id: index === 0 ? 'demo' : `demo-${index + 1}`,
    // Null shows the simulator's own friendlyName, as a real server's name would be shown.
    name: null,
    url: new URL(simulator.url).origin,
    token: simulator.token,
    readOnly: false,
  }));
  return { servers, close };
}

function startDemoSimulator(index: number, speed: number | null): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    host: '127.0.0.1',
    scenario: 'demo',
    // A fresh random token, so the demo exercises the same token handling as a real server.
    token: randomBytes(16).toString('hex'),
    serverName: index === 0 ? 'Plex Simulator (demo)' : `Plex Simulator ${index + 1} (demo)`,
    ...(speed === null ? {} : { speed }),
  });
}

import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { type RunningSimulator, startSimulator } from '../simulator/server.ts';
import { defaultTimeouts, type GatewayConfig } from './config.ts';
import { silentLogger } from './gateway-log.ts';
import { type RunningGateway, startGateway } from './server.ts';
import { defaultSharingTimings, type SharingTimings } from './sharing-timings.ts';

export const testToken = 'test-token';

/** Sharing timings for tests: a short grace period, so a closed stream need not be awaited long. */
export const testSharingTimings: SharingTimings = {
  closeGraceMs: 100,
  listingMaxAgeMs: defaultSharingTimings.listingMaxAgeMs,
};

const simulatorStateSchema = z.object({
  activities: z.array(z.object({ uuid: z.string() }).passthrough()),
  streams: z.number(),
  requests: z.array(z.object({ method: z.string(), path: z.string(), at: z.number() })),
});

export type SimulatorState = z.infer<typeof simulatorStateSchema>;

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * Builds a gateway configuration for tests: port 0 on 127.0.0.1, silent log, no dist build and
 * `testSharingTimings`.
 */
export function testConfig(plexUrl: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    servers: [{ id: 'main', name: null, url: plexUrl, token: testToken, readOnly: false }],
    demo: false,
    readOnly: false,
    host: '127.0.0.1',
    port: 0,
    publicOrigin: null,
    distDir: '/nonexistent/plex-activity-monitor-dist',
    timeouts: defaultTimeouts,
    logger: silentLogger,
    sharing: testSharingTimings,
    ...overrides,
  };
}

/** Starts the simulator (idle, token `test-token`) and a gateway in front of it. */
export async function startWithSimulator(overrides: Partial<GatewayConfig> = {}) {
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    scenario: 'idle',
    token: testToken,
    serverName: 'Plex Simulator (test)',
  });
  const gateway = await startGateway(testConfig(new URL(simulator.url).origin, overrides));

  return {
    simulator,
    gateway,
    control: createSimulatorControl(simulator),
    close: async () => {
      await gateway.close();
      await simulator.close();
    },
  };
}

/** Calls the simulator's test control API under `/__simulator/`. */
export function createSimulatorControl(simulator: RunningSimulator) {
  const post = async (path: string, body: unknown, method = 'POST') => {
    const result = await sendRequest(`${simulator.url}/__simulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (result.status >= 300) {
      throw new Error(`Simulator control ${path} returned HTTP ${result.status}: ${result.body}`);
    }
    return JSON.parse(result.body) as unknown;
  };

  return {
    addActivity: async (fields: Record<string, unknown>) =>
      z.object({ uuid: z.string() }).parse(await post('activities', fields)).uuid,
    updateActivity: (uuid: string, fields: Record<string, unknown>) =>
      post(`activities/${uuid}`, fields, 'PATCH'),
    endActivity: (uuid: string) => post(`activities/${uuid}/end`, {}),
    forgetActivity: (uuid: string) => post(`activities/${uuid}/forget`, {}),
    dropStreams: () => post('streams/drop', {}),
    setFormat: (mode: 'auto' | 'xml') => post('format', { mode }),
    setFaults: (faults: Record<string, boolean>) => post('faults', faults),
    sendEvent: (event: string, data: string) => post('events', { event, data }),
    reset: () => post('reset', {}),
    state: async (): Promise<SimulatorState> => {
      const result = await sendRequest(`${simulator.url}/__simulator/state`);
      return simulatorStateSchema.parse(JSON.parse(result.body));
    },
  };
}

/**
 * Sends one HTTP request with node:http and reads the whole body. The path goes out exactly as
 * written, without the dot-segment normalisation that parsing it as a URL would apply.
 */
export function sendRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult> {
  const { origin, hostname, port } = new URL(url);

  return new Promise((resolve, reject) => {
    const request = http.request({
      hostname,
      port,
      path: url.slice(origin.length),
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(options.body);
  });
}

/** Starts a plain HTTP server on 127.0.0.1 that records each request and responds with `respond`. */
export async function startRecordingUpstream(
  respond: (request: IncomingMessage, response: ServerResponse) => void,
) {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
    });
    respond(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => closeServer(server),
  };
}

/** Returns a 127.0.0.1 port that was free a moment ago and has nothing listening on it now. */
export async function findClosedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

/** Polls `check` every 20 ms until it returns true. Throws after `timeoutMs`. */
export async function waitUntil(
  description: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting until ${description}`);
}

/** Joins the headers and body of each result into one string, to search it for a secret. */
export function describeResponses(results: HttpResult[]): string {
  return results.map((result) => `${JSON.stringify(result.headers)}\n${result.body}`).join('\n');
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

export type { RunningGateway, RunningSimulator };

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  findClosedPort,
  sendRequest,
  startWithSimulator,
  testToken,
  waitUntil,
} from './test-harness.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

interface GatewayProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

let distDir: string;
let running: GatewayProcess | null = null;
let harness: Awaited<ReturnType<typeof startWithSimulator>> | null = null;

beforeEach(async () => {
  distDir = await mkdtemp(path.join(os.tmpdir(), 'gateway-main-'));
});

afterEach(async () => {
  if (running?.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  running = null;
  await harness?.close();
  harness = null;
  await rm(distDir, { recursive: true, force: true });
});

/** Runs `gateway/main.ts` in its own Node process with only the given variables set. */
function runMain(env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DIST_DIR: distDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  running = { child, output: () => output, exited };
  return running;
}

async function waitForUrl(gateway: GatewayProcess): Promise<string> {
  await waitUntil(
    'the gateway logs its URL',
    () => /Open http:\/\/\S+\//.test(gateway.output()),
    15_000,
  );
  return /Open (http:\/\/\S+)\//.exec(gateway.output())?.[1] ?? '';
}

test('demo mode runs the simulators and stops on SIGTERM', async () => {
  const gateway = runMain({ SIMULATOR_SPEED: '4', SIMULATOR_SERVERS: '2' });
  const url = await waitForUrl(gateway);

  const info = await sendRequest(`${url}/api/server`);
  const list = await sendRequest(`${url}/api/servers`);
  const activities = await sendRequest(`${url}/plex/activities`);
  const secondActivities = await sendRequest(`${url}/plex/demo-2/activities`);
  gateway.child.kill('SIGTERM');
  const exitCode = await gateway.exited;

  const demoServer = {
    name: 'Plex Simulator (demo)',
    version: '1.43.4.10903-e5521bd8c',
    demo: true,
    readOnly: false,
    reachable: true,
    protection: 'none',
  };
  expect(JSON.parse(info.body)).toEqual(demoServer);
  expect(JSON.parse(list.body)).toEqual({
    servers: [
      { id: 'demo', ...demoServer },
      { id: 'demo-2', ...demoServer, name: 'Plex Simulator 2 (demo)' },
    ],
  });
  expect(activities.status).toBe(200);
  expect(JSON.parse(activities.body)).toHaveProperty('MediaContainer');
  expect(secondActivities.status).toBe(200);
  expect(exitCode).toBe(0);
  expect(gateway.output()).toContain(
    '[gateway] PLEX_URL and PLEX_SERVERS_FILE are not set, so this is the demo: 2 simulated Plex servers',
  );
  expect(gateway.output()).toMatch(
    /\[gateway\] Server "demo": simulated Plex server "Plex Simulator \(demo\)" \(version 1\.43\.4\.10903-e5521bd8c\) at http:\/\/127\.0\.0\.1:\d+ is reachable\n/,
  );
  expect(gateway.output()).toMatch(
    /\[gateway\] Server "demo-2": simulated Plex server "Plex Simulator 2 \(demo\)" \(version 1\.43\.4\.10903-e5521bd8c\) at http:\/\/127\.0\.0\.1:\d+ is reachable\n/,
  );
  expect(gateway.output()).toContain('[gateway] SIGTERM received: stopping');
  expect(gateway.output()).toContain('[gateway] stopped');
  // The demo tokens are 32 random hex digits, and no log line may contain such a value.
  expect(gateway.output()).not.toMatch(/[0-9a-f]{32}/);
}, 30_000);

test('servers file logs one line per server', async () => {
  harness = await startWithSimulator();
  const plexUrl = new URL(harness.simulator.url).origin;
  const closedUrl = `http://127.0.0.1:${await findClosedPort()}`;
  const serversFile = path.join(distDir, 'servers.json');
  await writeFile(
    serversFile,
    JSON.stringify({
      servers: [
        { name: 'Living room', url: plexUrl, tokenEnv: 'LIVING_ROOM_TOKEN' },
        { id: 'attic', url: closedUrl, token: 'attic-token' },
      ],
    }),
  );
  const gateway = runMain({ PLEX_SERVERS_FILE: serversFile, LIVING_ROOM_TOKEN: testToken });

  const url = await waitForUrl(gateway);
  const list = await sendRequest(`${url}/api/servers`);

  expect(JSON.parse(list.body)).toMatchObject({
    servers: [
      { id: 'living-room', name: 'Living room', reachable: true },
      { id: 'attic', name: null, reachable: false },
    ],
  });
  expect(gateway.output()).toContain(
    `[gateway] Server "living-room": Plex server "Plex Simulator (test)" (version 1.43.4.10903-e5521bd8c) at ${plexUrl} is reachable, shown as "Living room"`,
  );
  expect(gateway.output()).toContain(
    `[gateway] Server "attic": Plex server at ${closedUrl} is unreachable: connection refused. The dashboard shows the error and keeps retrying`,
  );
  expect(gateway.output()).not.toContain(testToken);
  expect(gateway.output()).not.toContain('attic-token');
}, 30_000);

test('rejected token is logged with the fix', async () => {
  harness = await startWithSimulator();
  const plexUrl = new URL(harness.simulator.url).origin;
  const gateway = runMain({ PLEX_URL: plexUrl, PLEX_TOKEN: 'wrong-token' });

  await waitForUrl(gateway);

  expect(gateway.output()).toContain(
    `[gateway] Server "main": Plex server at ${plexUrl} rejected the token: check PLEX_TOKEN. The dashboard shows the error and keeps retrying`,
  );
  expect(gateway.output()).not.toContain('wrong-token');
}, 30_000);

test('unreachable server is logged with the reason', async () => {
  const plexUrl = `http://127.0.0.1:${await findClosedPort()}`;
  const gateway = runMain({ PLEX_URL: plexUrl, PLEX_TOKEN: 'some-token', READ_ONLY: '1' });

  await waitForUrl(gateway);

  expect(gateway.output()).toContain(
    `[gateway] Server "main": Plex server at ${plexUrl} is unreachable: connection refused`,
  );
  expect(gateway.output()).toContain(
    '[gateway] READ_ONLY is set: cancelling activities is disabled',
  );
}, 30_000);

test('busy port exits with the fix', async () => {
  harness = await startWithSimulator();
  const gateway = runMain({ PORT: String(harness.simulator.port) });

  const exitCode = await gateway.exited;

  expect(exitCode).toBe(1);
  expect(gateway.output()).toContain(
    `[gateway] Port ${harness.simulator.port} on 127.0.0.1 is already in use: set PORT to a free port`,
  );
}, 30_000);

test('invalid PLEX_URL exits with the example', async () => {
  const gateway = runMain({ PLEX_URL: 'plex.home.arpa:32400' });

  const exitCode = await gateway.exited;

  expect(exitCode).toBe(1);
  expect(gateway.output().trim()).toBe(
    '[gateway] PLEX_URL "plex.home.arpa:32400" is invalid: it must start with http:// or https://. ' +
      "Set it to the server's address, e.g. http://plex.home.arpa:32400",
  );
}, 30_000);

test('password protection is logged and enforced', async () => {
  const gateway = runMain({ DASHBOARD_PASSWORD: 'correct horse', DASHBOARD_USER: 'viewer' });
  const url = await waitForUrl(gateway);
  const authorization = `Basic ${Buffer.from('viewer:correct horse').toString('base64')}`;

  const withoutLogin = await sendRequest(`${url}/api/server`);
  const withLogin = await sendRequest(`${url}/api/server`, { headers: { authorization } });

  expect(withoutLogin.status).toBe(401);
  expect(withLogin.status).toBe(200);
  expect(JSON.parse(withLogin.body)).toMatchObject({ protection: 'password' });
  expect(gateway.output()).toContain(
    '[gateway] Access protection: password (HTTP Basic authentication, user "viewer")',
  );
  expect(gateway.output()).not.toContain('correct horse');
}, 30_000);

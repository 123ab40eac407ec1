import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AccessConfig, readAccessConfig } from './access-config.ts';
import { ConfigError } from './config-error.ts';
import type { GatewayLogger } from './gateway-log.ts';
import { parsePlexToken, parsePlexUrl } from './plex-target.ts';
import { readServersFile } from './servers-file.ts';
import type { SharingTimings } from './sharing-timings.ts';

export { ConfigError };

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const maxSimulators = 10;

/** Upstream time limits, in milliseconds. */
export interface UpstreamTimeouts {
  connectMs: number;
  headersMs: number;
}

/** Address and token of one Plex server. An empty token sends no `X-Plex-Token`. */
export interface PlexTarget {
  url: string;
  token: string;
}

/**
 * One Plex server the gateway forwards to, under `/plex/{id}/…`. `name` is the display name from
 * the servers file, or null to show Plex's own `friendlyName`. `readOnly` turns cancelling off for
 * this server only, in addition to the global `readOnly`.
 */
export interface ServerTarget {
  id: string;
  name: string | null;
  url: string;
  token: string;
  readOnly: boolean;
}

export interface GatewayConfig {
  /** At least one server, with unique ids. The unprefixed `/plex/…` routes serve the first. */
  servers: ServerTarget[];
  demo: boolean;
  readOnly: boolean;
  host: string;
  port: number;
  /** Public origin of the dashboard behind a reverse proxy, e.g. `https://plex-activity.home.arpa`. */
  publicOrigin: string | null;
  distDir: string;
  timeouts: UpstreamTimeouts;
  /** Login checks on every route. Absent means none, as with `noAccessProtection`. */
  access?: AccessConfig;
  logger?: GatewayLogger;
  /** Timings of the shared event stream and activity mirror. Absent means `defaultSharingTimings`. */
  sharing?: SharingTimings;
}

/** Source of the Plex servers: the demo's simulators, `PLEX_URL` or `PLEX_SERVERS_FILE`. */
export type ServerSource =
  | { kind: 'demo'; simulatorCount: number; simulatorSpeed: number | null }
  | { kind: 'plex-url'; servers: ServerTarget[] }
  | { kind: 'servers-file'; path: string; servers: ServerTarget[] };

/** Settings read from the environment. */
export interface EnvConfig {
  source: ServerSource;
  readOnly: boolean;
  host: string;
  port: number;
  publicOrigin: string | null;
  distDir: string;
  timeouts: UpstreamTimeouts;
  access: AccessConfig;
}

export const defaultTimeouts = { connectMs: 5_000, headersMs: 10_000 } satisfies UpstreamTimeouts;

/** Reads and validates the gateway settings. Throws `ConfigError` naming the invalid variable. */
export function readEnvConfig(env: NodeJS.ProcessEnv): EnvConfig {
  return {
    source: readServerSource(env),
    readOnly: parseFlag('READ_ONLY', env.READ_ONLY),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    port: parsePort(env.PORT),
    publicOrigin: parsePublicOrigin(env.PUBLIC_ORIGIN),
    distDir: path.resolve(nonEmpty(env.DIST_DIR) ?? path.join(repoRoot, 'dist')),
    timeouts: defaultTimeouts,
    access: readAccessConfig(env),
  };
}

function readServerSource(env: NodeJS.ProcessEnv): ServerSource {
  const serversFile = nonEmpty(env.PLEX_SERVERS_FILE);
  const plexUrl = nonEmpty(env.PLEX_URL);
  // Both are checked in every mode, so a typo fails at start rather than when the mode changes.
  const token = parsePlexToken(env.PLEX_TOKEN ?? '', 'PLEX_TOKEN');
  const simulatorCount = parseSimulatorCount(env.SIMULATOR_SERVERS);
  const simulatorSpeed = parseSpeed(env.SIMULATOR_SPEED);

  if (serversFile !== null && plexUrl !== null) {
    throw new ConfigError(
      'PLEX_SERVERS_FILE and PLEX_URL are both set: use PLEX_SERVERS_FILE for several servers or PLEX_URL for one, and unset the other',
    );
  }
  if (serversFile !== null) {
    return { kind: 'servers-file', path: serversFile, servers: readServersFile(serversFile, env) };
  }
  if (plexUrl !== null) {
    const server = { id: 'main', name: null, url: parsePlexUrl(plexUrl), token, readOnly: false };
    return { kind: 'plex-url', servers: [server] };
  }
  return { kind: 'demo', simulatorCount, simulatorSpeed };
}

function parseFlag(name: string, value: string | undefined): boolean {
  const normalized = value?.trim().toLowerCase() ?? '';

  if (['', '0', 'false', 'no'].includes(normalized)) {
    return false;
  }
  if (['1', 'true', 'yes'].includes(normalized)) {
    return true;
  }
  throw new ConfigError(
    `${name} "${value}" is invalid: use 1, true or yes to turn it on, 0, false or no to turn it off`,
  );
}

function parsePort(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === null) {
    return 8080;
  }

  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT "${text}" is invalid: use a whole number from 0 to 65535`);
  }

  return port;
}

function parsePublicOrigin(value: string | undefined): string | null {
  const text = nonEmpty(value);
  if (text === null) {
    return null;
  }

  const url = URL.canParse(text) ? new URL(text) : null;
  const isOrigin =
    url !== null && /^https?:$/.test(url.protocol) && url.origin === text.replace(/\/$/, '');
  if (!isOrigin) {
    throw new ConfigError(
      `PUBLIC_ORIGIN "${text}" is invalid: use a scheme and host only, e.g. https://plex-activity.home.arpa`,
    );
  }

  return url.origin;
}

function parseSpeed(value: string | undefined): number | null {
  const text = nonEmpty(value);
  if (text === null) {
    return null;
  }

  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new ConfigError(`SIMULATOR_SPEED "${text}" is invalid: use a positive number, e.g. 2`);
  }

  return speed;
}

function parseSimulatorCount(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === null) {
    return 1;
  }

  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > maxSimulators) {
    throw new ConfigError(
      `SIMULATOR_SERVERS "${text}" is invalid: use a whole number from 1 to ${maxSimulators}, e.g. 2`,
    );
  }

  return count;
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

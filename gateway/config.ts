import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AccessConfig, readAccessConfig } from './access-config.ts';
import { ConfigError } from './config-error.ts';
import type { GatewayLogger } from './gateway-log.ts';

export { ConfigError };

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const plexUrlExample = 'http://plex.home.arpa:32400';

/** Upstream time limits, in milliseconds. */
export interface UpstreamTimeouts {
  connectMs: number;
  headersMs: number;
}

/** The one Plex server the gateway forwards to. An empty token sends no `X-Plex-Token`. */
export interface PlexTarget {
  url: string;
  token: string;
}

export interface GatewayConfig {
  plex: PlexTarget;
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
}

/** Settings read from the environment. `plexUrl` is null in demo mode. */
export interface EnvConfig {
  plexUrl: string | null;
  plexToken: string;
  readOnly: boolean;
  host: string;
  port: number;
  publicOrigin: string | null;
  distDir: string;
  simulatorSpeed: number | null;
  timeouts: UpstreamTimeouts;
  access: AccessConfig;
}

export const defaultTimeouts = { connectMs: 5_000, headersMs: 10_000 } satisfies UpstreamTimeouts;

/** Reads and validates the gateway settings. Throws `ConfigError` naming the invalid variable. */
export function readEnvConfig(env: NodeJS.ProcessEnv): EnvConfig {
  const plexUrl = nonEmpty(env.PLEX_URL);

  return {
    plexUrl: plexUrl === null ? null : parsePlexUrl(plexUrl),
    plexToken: parseToken(env.PLEX_TOKEN),
    readOnly: parseFlag('READ_ONLY', env.READ_ONLY),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    port: parsePort(env.PORT),
    publicOrigin: parsePublicOrigin(env.PUBLIC_ORIGIN),
    distDir: path.resolve(nonEmpty(env.DIST_DIR) ?? path.join(repoRoot, 'dist')),
    simulatorSpeed: parseSpeed(env.SIMULATOR_SPEED),
    timeouts: defaultTimeouts,
    access: readAccessConfig(env),
  };
}

/** Returns the origin of a valid Plex server URL. A path, query or credentials are rejected. */
export function parsePlexUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  const problem = url === null ? 'it is not a URL' : findPlexUrlProblem(url);

  if (url === null || problem !== null) {
    throw new ConfigError(
      `PLEX_URL "${value}" is invalid: ${problem}. Set it to the server's address, e.g. ${plexUrlExample}`,
    );
  }

  return url.origin;
}

function findPlexUrlProblem(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'it must start with http:// or https://';
  }
  if (url.username !== '' || url.password !== '') {
    return 'it must not contain a user name or password';
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return 'it must not contain a path, query or fragment (put the token in PLEX_TOKEN)';
  }
  return null;
}

function parseToken(value: string | undefined): string {
  const token = value?.trim() ?? '';

  // The token goes into a header, so only visible ASCII is allowed. The message leaves the value out.
  if (!/^[\x21-\x7e]*$/.test(token)) {
    throw new ConfigError('PLEX_TOKEN is invalid: it may contain only visible ASCII characters');
  }

  return token;
}

function parseFlag(name: string, value: string | undefined): boolean {
  const normalized = value?.trim().toLowerCase() ?? '';

  if (['', '0', 'false', 'no'].includes(normalized)) {
    return false;
  }
  if (['1', 'true', 'yes'].includes(normalized)) {
    return true;
  }
  throw new ConfigError(`${name} "${value}" is invalid: use 1 or 0`);
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

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

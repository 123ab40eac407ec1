import { ConfigError } from './config-error.ts';
import { type ProxyAddressRange, parseProxyAddressRange } from './trusted-proxies.ts';

const defaultUser = 'admin';
const defaultTrustedProxies = '127.0.0.1,::1';
const proxiesExample = 'e.g. 127.0.0.1,::1 or 172.18.0.0/16';
// A header name is an HTTP token, so only these characters are allowed.
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Browsers send these by themselves, so their presence proves no login at the proxy.
const browserHeaderNames = new Set(['authorization', 'cookie', 'host', 'origin', 'user-agent']);
const controlCharacterPattern = /\p{Cc}/u;

/** Login checks in force, as reported in the `protection` field of `GET /api/server`. */
export type ProtectionMode = 'none' | 'password' | 'proxy-header' | 'password+proxy-header';

/** User name and password for HTTP Basic authentication. */
export interface BasicAuthCredentials {
  user: string;
  password: string;
}

/** Header that an authenticating reverse proxy sets, and the addresses that proxy connects from. */
export interface TrustedHeaderConfig {
  /** Header name as configured, e.g. `Remote-User`. */
  headerName: string;
  proxies: ProxyAddressRange[];
}

/** Login checks on every route. With both set, a request must pass both. */
export interface AccessConfig {
  basicAuth: BasicAuthCredentials | null;
  trustedHeader: TrustedHeaderConfig | null;
}

export const noAccessProtection = {
  basicAuth: null,
  trustedHeader: null,
} satisfies AccessConfig;

/**
 * Reads the login settings. Throws `ConfigError` naming the invalid variable, never the password.
 */
export function readAccessConfig(env: NodeJS.ProcessEnv): AccessConfig {
  return {
    basicAuth: readBasicAuth(env),
    trustedHeader: readTrustedHeader(env),
  };
}

export function getProtectionMode(access: AccessConfig): ProtectionMode {
  if (access.basicAuth !== null && access.trustedHeader !== null) {
    return 'password+proxy-header';
  }
  if (access.basicAuth !== null) {
    return 'password';
  }
  return access.trustedHeader === null ? 'none' : 'proxy-header';
}

/** Describes the protection for the start log, with the user and header names but no password. */
export function describeAccessProtection(access: AccessConfig): string {
  const checks: string[] = [];

  if (access.basicAuth !== null) {
    checks.push(`password (HTTP Basic authentication, user "${access.basicAuth.user}")`);
  }
  if (access.trustedHeader !== null) {
    const proxies = access.trustedHeader.proxies.map(formatProxyAddressRange).join(', ');
    checks.push(`the ${access.trustedHeader.headerName} header from a trusted proxy (${proxies})`);
  }

  if (checks.length === 0) {
    return 'Access protection: none. Anyone who can reach this address can use the dashboard. Set DASHBOARD_PASSWORD or TRUSTED_AUTH_HEADER to require a login';
  }
  return `Access protection: ${checks.join(' and ')}`;
}

function readBasicAuth(env: NodeJS.ProcessEnv): BasicAuthCredentials | null {
  const password = nonEmpty(env.DASHBOARD_PASSWORD);
  const user = nonEmpty(env.DASHBOARD_USER);

  if (password === null) {
    if (user !== null) {
      throw new ConfigError(
        "DASHBOARD_USER is set but DASHBOARD_PASSWORD is not: set DASHBOARD_PASSWORD, e.g. DASHBOARD_PASSWORD='four random words', or unset DASHBOARD_USER",
      );
    }
    return null;
  }

  // The message leaves the password out, because it would end up in a log.
  if (controlCharacterPattern.test(password)) {
    throw new ConfigError(
      'DASHBOARD_PASSWORD is invalid: it must not contain control characters such as a tab or line break',
    );
  }
  if (user !== null && (user.includes(':') || controlCharacterPattern.test(user))) {
    throw new ConfigError(
      `DASHBOARD_USER "${user}" is invalid: it must not contain a colon or control characters, e.g. ${defaultUser}`,
    );
  }

  return { user: user ?? defaultUser, password };
}

function readTrustedHeader(env: NodeJS.ProcessEnv): TrustedHeaderConfig | null {
  const headerName = nonEmpty(env.TRUSTED_AUTH_HEADER);
  const proxiesText = nonEmpty(env.TRUSTED_PROXIES);

  if (headerName === null) {
    if (proxiesText !== null) {
      throw new ConfigError(
        'TRUSTED_PROXIES is set but TRUSTED_AUTH_HEADER is not: set TRUSTED_AUTH_HEADER to the header your proxy sets after login, e.g. Remote-User, or unset TRUSTED_PROXIES',
      );
    }
    return null;
  }

  if (!headerNamePattern.test(headerName)) {
    throw new ConfigError(
      `TRUSTED_AUTH_HEADER "${headerName}" is invalid: use a header name, e.g. Remote-User`,
    );
  }
  if (browserHeaderNames.has(headerName.toLowerCase())) {
    throw new ConfigError(
      `TRUSTED_AUTH_HEADER "${headerName}" is invalid: browsers send it by themselves. Use the header your proxy sets after login, e.g. Remote-User`,
    );
  }

  return { headerName, proxies: parseTrustedProxies(proxiesText ?? defaultTrustedProxies) };
}

function parseTrustedProxies(text: string): ProxyAddressRange[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    throw new ConfigError(
      `TRUSTED_PROXIES "${text}" is invalid: it lists no address, ${proxiesExample}`,
    );
  }

  return entries.map((entry) => {
    const range = parseProxyAddressRange(entry);
    if (range === null) {
      throw new ConfigError(
        `TRUSTED_PROXIES entry "${entry}" is invalid: use IP addresses or subnets, ${proxiesExample}`,
      );
    }
    // A zero-length prefix matches every address, so any client could send the header.
    if (range.prefixLength === 0) {
      throw new ConfigError(
        `TRUSTED_PROXIES entry "${entry}" is invalid: it trusts every address. List only your proxy, ${proxiesExample}`,
      );
    }
    return range;
  });
}

function formatProxyAddressRange(range: ProxyAddressRange): string {
  return range.prefixLength === null ? range.address : `${range.address}/${range.prefixLength}`;
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

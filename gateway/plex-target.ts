import { ConfigError } from './config-error.ts';
import { redactTokenInUrl } from './gateway-log.ts';

const plexUrlExample = 'http://plex.home.arpa:32400';
// The token goes into a header, so only visible ASCII is allowed.
const visibleAsciiPattern = /^[\x21-\x7e]*$/;
const passwordInUrlPattern = /^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i;

/** Origin of a Plex URL or token setting, for error messages. */
export interface SettingLabels {
  /** Name of the setting that contains the URL, e.g. `PLEX_URL`. */
  url: string;
  /** Name of the setting that should hold the token instead of the URL, e.g. `PLEX_TOKEN`. */
  token: string;
}

const envLabels = { url: 'PLEX_URL', token: 'PLEX_TOKEN' } satisfies SettingLabels;

/**
 * Returns the origin of a valid Plex server URL. A path, query or credentials are rejected, and
 * the message shows the value with any password or `X-Plex-Token` replaced by `[redacted]`.
 */
export function parsePlexUrl(value: string, labels: SettingLabels = envLabels): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  const problem = url === null ? 'it is not a URL' : findPlexUrlProblem(url, labels.token);

  if (url === null || problem !== null) {
    throw new ConfigError(
      `${labels.url} "${redactUrlSecrets(value)}" is invalid: ${problem}. Set it to the server's address, e.g. ${plexUrlExample}`,
    );
  }

  return url.origin;
}

/** Returns the trimmed token. Throws `ConfigError` naming `label`, never the value. */
export function parsePlexToken(value: string, label: string): string {
  const token = value.trim();

  if (!visibleAsciiPattern.test(token)) {
    throw new ConfigError(`${label} is invalid: it may contain only visible ASCII characters`);
  }

  return token;
}

function findPlexUrlProblem(url: URL, tokenLabel: string): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'it must start with http:// or https://';
  }
  if (url.username !== '' || url.password !== '') {
    return 'it must not contain a user name or password';
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return `it must not contain a path, query or fragment (put the token in ${tokenLabel})`;
  }
  return null;
}

function redactUrlSecrets(value: string): string {
  return redactTokenInUrl(value).replace(passwordInUrlPattern, '$1:[redacted]@');
}

import { createHash } from 'node:crypto';
import os from 'node:os';
import packageJson from '../package.json' with { type: 'json' };
import type { PlexTarget } from './config.ts';

const productName = 'Plex Activity Monitor';
const jsonMediaType = 'application/json';
const xmlMediaTypes = new Set(['application/xml', 'text/xml']);

/**
 * Builds the token and identification headers sent with every request to Plex.
 * Plex registers a device per client identifier, so the identifier is derived from the
 * server URL and stays the same across restarts.
 */
export function buildPlexHeaders(target: PlexTarget, accept: string): Record<string, string> {
  const headers: Record<string, string> = {
    accept,
    'x-plex-client-identifier': deriveClientIdentifier(target.url),
    'x-plex-product': productName,
    'x-plex-version': packageJson.version,
    'x-plex-platform': 'Node',
    'x-plex-device-name': `${productName} on ${os.hostname()}`,
  };

  if (target.token !== '') {
    headers['x-plex-token'] = target.token;
  }

  return headers;
}

/**
 * Chooses the `Accept` value for Plex from the browser's header: its first media type when
 * that is JSON or XML, else JSON. Plex returns XML when `*\/*` is listed too, so one value is sent.
 */
export function chooseAccept(browserAccept: string | undefined): string {
  const firstMediaType = browserAccept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() ?? '';

  if (firstMediaType === jsonMediaType || xmlMediaTypes.has(firstMediaType)) {
    return firstMediaType;
  }

  return jsonMediaType;
}

function deriveClientIdentifier(plexUrl: string): string {
  return createHash('sha256').update(`plex-activity-monitor ${plexUrl}`).digest('hex').slice(0, 32);
}

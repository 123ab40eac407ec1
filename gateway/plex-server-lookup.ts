import { z } from 'zod';
import type { PlexTarget, UpstreamTimeouts } from './config.ts';
import { buildPlexHeaders } from './plex-headers.ts';
import { describeUpstreamFailure } from './upstream-errors.ts';

const identitySchema = z.object({ MediaContainer: z.object({ version: z.string().optional() }) });
const rootSchema = z.object({ MediaContainer: z.object({ friendlyName: z.string().optional() }) });

/** Name, version and reachability of the Plex server, from the latest look-up. */
export interface PlexServerStatus {
  name: string | null;
  version: string | null;
  /** Whether Plex sent any HTTP response, even a rejection. */
  reachable: boolean;
  /** Sentence for the log that explains why the look-up failed, or null after a success. */
  problem: string | null;
}

type PlexReply =
  | { kind: 'ok'; body: unknown }
  | { kind: 'rejected'; status: number }
  | { kind: 'failed'; problem: string };

/**
 * Looks up the server's version (`GET /identity`, no token needed) and name (`GET /` with the
 * token, because `/identity` carries no name). `tokenSetting` names where the token is set, for
 * the problem sentence after a 401.
 */
export async function lookUpPlexServer(
  target: PlexTarget,
  timeouts: UpstreamTimeouts,
  tokenSetting = 'PLEX_TOKEN',
): Promise<PlexServerStatus> {
  const identityReply = await requestPlexJson(target, '/identity', timeouts);
  if (identityReply.kind !== 'ok') {
    return failedStatus(target, '/identity', identityReply, null, tokenSetting);
  }

  const identity = identitySchema.safeParse(identityReply.body);
  const version = identity.success ? (identity.data.MediaContainer.version ?? null) : null;

  const rootReply = await requestPlexJson(target, '/', timeouts);
  if (rootReply.kind !== 'ok') {
    return failedStatus(target, '/', rootReply, version, tokenSetting);
  }

  const root = rootSchema.safeParse(rootReply.body);
  const name = root.success ? (root.data.MediaContainer.friendlyName ?? null) : null;
  const problem =
    name !== null && version !== null
      ? null
      : `Plex server at ${target.url} sent a reply without a name or version`;

  return { name, version, reachable: true, problem };
}

async function requestPlexJson(
  target: PlexTarget,
  path: string,
  timeouts: UpstreamTimeouts,
): Promise<PlexReply> {
  try {
    // Redirects are not followed, so the token never goes to another host.
    const response = await fetch(new URL(path, target.url), {
      headers: buildPlexHeaders(target, 'application/json'),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeouts.headersMs),
    });

    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'rejected', status: response.status };
    }
    return { kind: 'ok', body: await response.json() };
  } catch (error) {
    if (error instanceof SyntaxError) {
      return {
        kind: 'failed',
        problem: `Plex server at ${target.url} sent invalid JSON for GET ${path}`,
      };
    }
    return {
      kind: 'failed',
      problem: describeUpstreamFailure(error, target.url, timeouts.headersMs).message,
    };
  }
}

function failedStatus(
  target: PlexTarget,
  path: string,
  reply: Exclude<PlexReply, { kind: 'ok' }>,
  version: string | null,
  tokenSetting: string,
): PlexServerStatus {
  if (reply.kind === 'failed') {
    return { name: null, version, reachable: false, problem: reply.problem };
  }

  const problem =
    reply.status === 401
      ? `Plex server at ${target.url} rejected the token: check ${tokenSetting}`
      : `Plex server at ${target.url} answered HTTP ${reply.status} to GET ${path}`;
  return { name: null, version, reachable: true, problem };
}

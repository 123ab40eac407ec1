import type { IncomingMessage } from 'node:http';
import {
  type BufferedResponse,
  bufferPlexResponse,
  describeFailedRequest,
} from './buffered-response.ts';
import { eventStreamMediaType, eventStreamPath } from './event-stream-http.ts';
import { type PlexConnection, requestPlex } from './plex-request.ts';

/** The events that the shared stream requests from Plex, and so all that clients can share. */
const sharedEventNames: ReadonlySet<string> = new Set(['activity', 'ping']);
const sharedQuery = 'filters=activity,ping';

export type SharedStreamRequestResult =
  | { kind: 'open'; upstream: IncomingMessage }
  | { kind: 'failed'; answer: BufferedResponse };

/**
 * Returns the events that a browser's stream request names when the shared stream can serve it:
 * `filters` lists only names of `sharedEventNames`. Returns null for no `filters` (which Plex
 * reads as every event but `log`), an exclusion list or any other name.
 */
export function findSharedEvents(filters: string | undefined): ReadonlySet<string> | null {
  if (filters === undefined || filters.startsWith('-')) {
    return null;
  }

  const names = filters.split(',');
  return names.every((name) => sharedEventNames.has(name)) ? new Set(names) : null;
}

/**
 * Opens the event stream that the browser clients share. Any status other than 200 and any
 * failed request become the response that each waiting client gets, as a pass-through would send it.
 */
export async function requestSharedStream(
  connection: PlexConnection,
  warn: (message: string) => void,
): Promise<SharedStreamRequestResult> {
  let upstream: IncomingMessage;
  try {
    upstream = await requestPlex(connection, eventStreamPath, {
      accept: eventStreamMediaType,
      query: sharedQuery,
    });
  } catch (error) {
    const failed = describeFailedRequest(connection, error, eventStreamPath);
    warn(failed.logLine);
    return { kind: 'failed', answer: failed.answer };
  }

  if (upstream.statusCode !== 200) {
    return {
      kind: 'failed',
      answer: await bufferPlexResponse(connection, upstream, eventStreamPath),
    };
  }
  return { kind: 'open', upstream };
}

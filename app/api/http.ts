const REQUEST_TIMEOUT_MS = 15_000;

/** A failed request to the gateway, with the HTTP status when there was one. */
export class RequestError extends Error {
  readonly status: number | null;

  constructor(message: string, status: number | null) {
    super(message);
    this.name = 'RequestError';
    this.status = status;
  }
}

/** Returns the gateway path that forwards `path` to one Plex server. */
export function plexPath(serverId: string, path: string): string {
  return `/plex/${encodeURIComponent(serverId)}${path}`;
}

/**
 * Fetches a Plex path of one server through the gateway and returns its body as Plex's JSON
 * shape. Plex may return XML even when asked for JSON, so the body is read by its content type
 * or first character.
 */
export async function fetchPlex(
  serverId: string,
  path: string,
  init: RequestInit = {},
): Promise<unknown> {
  const response = await send(plexPath(serverId, path), {
    ...init,
    headers: { Accept: 'application/json' },
  });
  const text = await response.text();
  if (!response.ok) throw toRequestError(response, text);
  if (text.trim() === '') return null;

  const contentType = response.headers.get('content-type') ?? '';
  const looksLikeXml = contentType.includes('xml') || text.trimStart().startsWith('<');
  try {
    if (!looksLikeXml) return JSON.parse(text);
    // Most servers return JSON when asked, so the XML reader loads only for one that does not.
    const { parseXmlContainer } = await import('./xml-container');
    return parseXmlContainer(text);
  } catch (error) {
    throw new RequestError(
      `${path} returned an unreadable body: ${String(error)}`,
      response.status,
    );
  }
}

/** Sends a request to one Plex server without reading a body, as a cancel needs. */
export async function sendPlex(serverId: string, path: string, init: RequestInit): Promise<void> {
  const response = await send(plexPath(serverId, path), init);
  const text = await response.text();
  if (!response.ok) throw toRequestError(response, text);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    return await fetch(path, { ...init, signal: init.signal ?? signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new RequestError(
        `The gateway did not respond within ${REQUEST_TIMEOUT_MS / 1000} s`,
        null,
      );
    }
    throw new RequestError('The gateway cannot be reached; check that it is running', null);
  }
}

function toRequestError(response: Response, text: string): RequestError {
  // The gateway explains its own failures (502, 504, 403) in JSON; Plex's bodies are text/html.
  let detail =
    response.status === 401
      ? 'Plex rejected the token (HTTP 401); check PLEX_TOKEN where the gateway runs'
      : `HTTP ${response.status}`;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = JSON.parse(text) as { error?: unknown };
      if (typeof body.error === 'string') detail = body.error;
    } catch {
      // An unreadable error body still leaves the status code, which is what callers act on.
    }
  }
  return new RequestError(detail, response.status);
}

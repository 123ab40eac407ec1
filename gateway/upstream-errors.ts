const timeoutCodes = new Set([
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
  'FST_REPLY_FROM_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const reasonsByCode: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** A failed upstream request turned into the status and message the browser receives. */
export interface UpstreamFailure {
  statusCode: 502 | 504;
  message: string;
}

/**
 * Describes why a request to Plex failed. Errors from @fastify/reply-from wrap the
 * undici or socket error in `cause`, and fetch wraps it in a `TypeError`, so the chain is searched.
 */
export function describeUpstreamFailure(
  error: unknown,
  plexUrl: string,
  headersTimeoutMs: number,
): UpstreamFailure {
  const codes = collectCodes(error);

  if (codes.some((code) => timeoutCodes.has(code))) {
    return {
      statusCode: 504,
      message: `Plex server at ${plexUrl} did not respond within ${formatSeconds(headersTimeoutMs)}`,
    };
  }

  const knownCode = codes.find((code) => reasonsByCode[code] !== undefined);
  const reason = knownCode === undefined ? deepestMessage(error) : reasonsByCode[knownCode];
  return { statusCode: 502, message: `Plex server at ${plexUrl} is unreachable: ${reason}` };
}

/** Formats milliseconds as seconds for messages: 10000 → "10 s", 250 → "0.25 s". */
export function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(2))} s`;
}

function collectCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;

  // The depth limit guards against a cause chain that loops back on itself.
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string') {
      codes.push(code);
    }
    if (current.name === 'TimeoutError') {
      codes.push('UND_ERR_HEADERS_TIMEOUT');
    }
    if (current instanceof AggregateError) {
      codes.push(...current.errors.flatMap((inner) => collectCodes(inner)));
    }
    current = current.cause;
  }

  return codes;
}

function deepestMessage(error: unknown): string {
  let message = 'unknown error';
  let current: unknown = error;

  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    message = current.message;
    current = current.cause;
  }

  return message;
}

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { PlexConnection } from './plex-request.ts';
import { readBody } from './plex-request.ts';
import { filterResponseHeaders, redactToken } from './token-redaction.ts';
import { describeUpstreamFailure } from './upstream-errors.ts';

// Bounds memory per shared response. A listing of 2,000 activities is about half a megabyte.
const maxBodyBytes = 16 * 1024 * 1024;

/**
 * A whole Plex response with filtered headers and a redacted body, or the gateway's JSON error
 * for a request that failed. It can be sent to any number of browser requests.
 */
export interface BufferedResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Buffer | { error: string };
}

/** Reads the whole response. A body that fails to arrive becomes the gateway's JSON error. */
export async function bufferPlexResponse(
  connection: PlexConnection,
  response: IncomingMessage,
  path: string,
): Promise<BufferedResponse> {
  const { server, timeouts } = connection;

  try {
    const body = await readBody(response, maxBodyBytes, timeouts.headersMs);
    return {
      statusCode: response.statusCode ?? 502,
      headers: filterResponseHeaders(response.headers, server.token),
      body: redactToken(body, server.token),
    };
  } catch (error) {
    return describeFailedRequest(connection, error, path).answer;
  }
}

/** Describes a request that got no response, as the response to send and as a line for the log. */
export function describeFailedRequest(
  { server, timeouts }: PlexConnection,
  error: unknown,
  path: string,
): { answer: BufferedResponse; logLine: string } {
  const failure = describeUpstreamFailure(error, server.url, timeouts.headersMs);
  return {
    answer: { statusCode: failure.statusCode, headers: {}, body: { error: failure.message } },
    logLine: `GET ${path} on server '${server.id}' failed: ${failure.message}`,
  };
}

export function sendBufferedResponse(reply: FastifyReply, answer: BufferedResponse): FastifyReply {
  return reply.code(answer.statusCode).headers(answer.headers).send(answer.body);
}

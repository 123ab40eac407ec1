import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { ServerTarget, UpstreamTimeouts } from './config.ts';
import { buildPlexHeaders } from './plex-headers.ts';

/** One server's own connection pool and time limits, for the requests the gateway shares. */
export interface PlexConnection {
  server: ServerTarget;
  agent: http.Agent;
  timeouts: UpstreamTimeouts;
}

export interface PlexRequestOptions {
  accept: string;
  query?: string;
}

/** Creates the keep-alive connection pool for one server. HTTPS certificates are always checked. */
export function createPlexConnection(
  server: ServerTarget,
  timeouts: UpstreamTimeouts,
): PlexConnection {
  const agent = server.url.startsWith('https:')
    ? new https.Agent({ keepAlive: true, rejectUnauthorized: true })
    : new http.Agent({ keepAlive: true });
  return { server, agent, timeouts };
}

/**
 * Sends `GET path` to the server with the gateway-built headers and resolves with the response
 * as soon as its headers arrive. Connecting may take `connectMs`, and the headers must follow
 * within `headersMs`. The body has no time limit here, because the event stream stays open.
 * Rejects with the socket error, or with a `TimeoutError`, which `describeUpstreamFailure` turns into 504.
 */
export function requestPlex(
  connection: PlexConnection,
  path: string,
  options: PlexRequestOptions,
): Promise<IncomingMessage> {
  const { server, agent, timeouts } = connection;
  const url = new URL(options.query ? `${path}?${options.query}` : path, server.url);
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: 'GET',
      agent,
      headers: buildPlexHeaders(server, options.accept),
    });
    let timer: NodeJS.Timeout | null = null;
    const startTimer = (milliseconds: number, error: () => Error) => {
      clearTimer();
      timer = setTimeout(() => request.destroy(error()), milliseconds);
    };
    const clearTimer = () => {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    };
    const startHeadersTimer = () => startTimer(timeouts.headersMs, () => headersTimeoutError(path));

    request.on('socket', (socket: Socket) => {
      if (!socket.connecting) {
        startHeadersTimer();
        return;
      }
      startTimer(timeouts.connectMs, connectTimeoutError);
      socket.once('connect', startHeadersTimer);
    });
    request.on('response', (response) => {
      clearTimer();
      resolve(response);
    });
    request.on('error', (error) => {
      clearTimer();
      reject(error);
    });
    request.end();
  });
}

/**
 * Reads a whole response body. Rejects when it exceeds `maxBytes` or when no data arrives for
 * `idleMs`, and destroys the response then, which closes its connection.
 */
export function readBody(
  response: IncomingMessage,
  maxBytes: number,
  idleMs: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let timer = setTimeout(onIdle, idleMs);

    function onIdle() {
      response.destroy(headersTimeoutError('the response body'));
    }

    response.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        response.destroy(new Error(`Plex sent a body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(onIdle, idleMs);
    });
    response.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    response.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    response.on('close', () => {
      clearTimeout(timer);
      if (!response.complete) {
        reject(
          Object.assign(new Error('Plex closed the connection early'), { code: 'ECONNRESET' }),
        );
      }
    });
  });
}

function headersTimeoutError(what: string): Error {
  const error = new Error(`Plex did not respond in time for ${what}`);
  error.name = 'TimeoutError';
  return error;
}

function connectTimeoutError(): Error {
  return Object.assign(new Error('Connecting to Plex timed out'), { code: 'ETIMEDOUT' });
}

import { pipeline, type Readable } from 'node:stream';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayConfig, ServerTarget } from './config.ts';
import { eventStreamHeaders, eventStreamMediaType, eventStreamPath } from './event-stream-http.ts';
import { findCrossOriginProblem } from './origin-check.ts';
import { buildPlexHeaders, chooseAccept } from './plex-headers.ts';
import type { ServerSharing } from './server-sharing.ts';
import { findSharedEvents } from './shared-stream-request.ts';
import { createTokenRedactor, filterResponseHeaders } from './token-redaction.ts';
import { describeUpstreamFailure } from './upstream-errors.ts';

const uuidPattern = /^[0-9A-Za-z-]{1,64}$/;
const filtersPattern = /^-?[A-Za-z.]+(,[A-Za-z.]+)*$/;

export interface PlexProxyOptions {
  server: ServerTarget;
  config: GatewayConfig;
  warn: (message: string) => void;
  /** The server's shared event stream and `GET /activities` response, one per server for every prefix. */
  sharing: ServerSharing;
}

interface ForwardOptions {
  query: string;
  stream: boolean;
  /** Called with Plex's status code once its response headers arrive. */
  onStatus?: (statusCode: number) => void;
}

/**
 * Registers the few Plex paths the dashboard uses under the plugin's prefix, each forwarded to
 * `server` with its token added. `GET /activities` and event streams that request only `activity`
 * and `ping` use the server's shared connections instead. Other paths under the prefix are left
 * to `registerPlexRoutes`.
 */
export async function plexProxy(app: FastifyInstance, options: PlexProxyOptions): Promise<void> {
  const { config, server, sharing } = options;

  await app.register(replyFrom, {
    base: server.url,
    undici: {
      connect: { timeout: config.timeouts.connectMs, rejectUnauthorized: true },
      headersTimeout: config.timeouts.headersMs,
      // Zero disables the body timeout: the event stream stays open for hours between events.
      // The other routes set their own per-request timeout.
      bodyTimeout: 0,
    },
    retryMethods: [],
    disableRequestLogging: true,
    destroyAgent: true,
  });

  const forward = createForwarder(app, options);
  const noQuery: ForwardOptions = { query: '', stream: false };
  const getOnly = { exposeHeadRoute: false };

  app.get('/identity', getOnly, (request, reply) => forward(request, reply, '/identity', noQuery));
  app.get('/library/sections', getOnly, (request, reply) =>
    forward(request, reply, '/library/sections', noQuery),
  );
  app.get('/activities', getOnly, (request, reply) => sharing.listing.handle(request, reply));

  app.delete<{ Params: { uuid: string } }>('/activities/:uuid', async (request, reply) => {
    const problem = findCancelProblem(request, options, request.params.uuid);
    if (problem !== null) {
      return reply.code(problem.statusCode).send({ error: problem.message });
    }
    const uuid = request.params.uuid;
    // Plex has no such activity, so the shared list must not show it either.
    const onStatus = (statusCode: number) => {
      if (statusCode === 404) {
        sharing.listing.removeActivity(uuid);
      }
    };
    return forward(request, reply, `/activities/${uuid}`, { ...noQuery, onStatus });
  });

  // A double colon is find-my-way's escape for a literal colon.
  app.get<{ Querystring: Record<string, unknown> }>(
    '/::/eventsource/notifications',
    getOnly,
    async (request, reply) => {
      const filters = request.query.filters;
      if (filters !== undefined && (typeof filters !== 'string' || !filtersPattern.test(filters))) {
        return reply.code(400).send({
          error: 'Invalid filters: use comma-separated event names, e.g. filters=activity,ping',
        });
      }

      const sharedEvents = findSharedEvents(filters);
      if (sharedEvents !== null) {
        return sharing.eventStream.join(request, reply, sharedEvents);
      }

      // Other filters, or none (which Plex reads as every event but `log`), get a stream of their own.
      const query = filters === undefined ? '' : `filters=${filters}`;
      return forward(request, reply, eventStreamPath, { query, stream: true });
    },
  );
}

function createForwarder(
  app: FastifyInstance,
  { server, config, warn, sharing }: PlexProxyOptions,
) {
  const token = server.token;

  return (request: FastifyRequest, reply: FastifyReply, path: string, options: ForwardOptions) =>
    reply.from(path, {
      // Only the headers built here reach Plex: no cookies, Authorization, Origin or X-Plex-* from the browser.
      rewriteRequestHeaders: () =>
        buildPlexHeaders(
          server,
          // The stream requests what a browser's EventSource requests, and the other routes JSON or XML.
          options.stream ? eventStreamMediaType : chooseAccept(request.headers.accept),
        ),
      queryString: () => options.query,
      body: null,
      // Undefined keeps the plugin-wide limits: headers within the limit, then no body timeout.
      timeout: options.stream ? undefined : config.timeouts.headersMs,

      rewriteHeaders: (headers) => {
        const filtered = filterResponseHeaders(headers, token);
        return options.stream ? { ...filtered, ...eventStreamHeaders } : filtered;
      },

      onResponse: (_request, _reply, response) => {
        if (response.statusCode === 401) {
          // The token no longer works, so the shared list may be wrong; Plex must list again.
          // NOTE: a 401 to the look-ups behind /api/servers does not reach the mirror yet.
          sharing.listing.invalidate();
        }
        options.onStatus?.(response.statusCode);
        sendRedacted(reply, response.stream, token, options.stream);
      },

      onError: (errorReply, { error }) => {
        const failure = describeUpstreamFailure(error, server.url, config.timeouts.headersMs);
        warn(`${request.method} ${app.prefix}${path} failed: ${failure.message}`);
        errorReply.code(failure.statusCode).send({ error: failure.message });
      },
    });
}

function sendRedacted(
  reply: FastifyReply,
  upstream: Readable,
  token: string,
  isStream: boolean,
): void {
  const redactor = createTokenRedactor(token);

  // Destroying the redactor (Fastify does so when the browser disconnects) destroys the upstream
  // body too, which aborts the request to Plex. The error that reports it needs no handling.
  pipeline(upstream, redactor, () => {});

  if (isStream) {
    // Fastify writes the headers with the first chunk, but Plex may send nothing for about 10 s,
    // and EventSource opens only on headers. Fastify starts piping right after setting them.
    reply.raw.once('pipe', () => reply.raw.flushHeaders());
  }
  reply.send(redactor);
}

function findCancelProblem(
  request: FastifyRequest,
  { config, server }: PlexProxyOptions,
  uuid: string,
): { statusCode: 400 | 403; message: string } | null {
  if (config.readOnly) {
    return { statusCode: 403, message: 'This dashboard is read-only' };
  }
  if (server.readOnly) {
    return { statusCode: 403, message: `Server '${server.id}' is read-only` };
  }

  const originProblem = findCrossOriginProblem(request, config.publicOrigin);
  if (originProblem !== null) {
    return { statusCode: 403, message: originProblem };
  }

  if (!uuidPattern.test(uuid)) {
    return {
      statusCode: 400,
      message: 'Invalid activity id: use 1 to 64 letters, digits or hyphens',
    };
  }
  return null;
}

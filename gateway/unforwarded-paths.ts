import type { FastifyReply, FastifyRequest } from 'fastify';

// Every forwarded path with its one method, to tell a wrong method (405) from an unknown path (404).
const forwardedRoutes = [
  { pattern: /^\/identity$/, method: 'GET' },
  { pattern: /^\/library\/sections$/, method: 'GET' },
  { pattern: /^\/activities$/, method: 'GET' },
  { pattern: /^\/activities\/[^/]+$/, method: 'DELETE' },
  { pattern: /^\/:\/eventsource\/notifications$/, method: 'GET' },
] as const;

/**
 * Sends 405 with `Allow` for a forwarded path under `prefix` with the wrong method, and 404 for a
 * path under `prefix` that is not forwarded at all.
 */
export async function rejectUnforwardedPath(
  request: FastifyRequest,
  reply: FastifyReply,
  prefix: string,
): Promise<FastifyReply> {
  const path = readPath(request).slice(prefix.length);
  const methods = forwardedRoutes
    .filter((route) => route.pattern.test(path))
    .map((route) => route.method);

  if (methods.length > 0) {
    return reply
      .code(405)
      .header('allow', methods.join(', '))
      .send({
        error: `Method ${request.method} is not allowed on ${prefix}${path}. Use ${methods.join(' or ')}`,
      });
  }

  return reply.code(404).send({
    error: `Not found: ${prefix}${path} is not one of the Plex paths this gateway forwards`,
  });
}

/**
 * Sends 404 naming the server when the path is `{prefix}/{id}/…`, with a forwarded path after an
 * id that no server has. Any other path gets the response of `rejectUnforwardedPath`.
 */
export async function rejectUnknownServer(
  request: FastifyRequest,
  reply: FastifyReply,
  prefix: string,
): Promise<FastifyReply> {
  const match = /^\/([^/]+)(\/.*)$/.exec(readPath(request).slice(prefix.length));
  const forwardedPath = match?.[2] ?? '';

  if (match !== null && forwardedRoutes.some((route) => route.pattern.test(forwardedPath))) {
    return reply.code(404).send({ error: `No server with id '${match[1]}'` });
  }
  return rejectUnforwardedPath(request, reply, prefix);
}

function readPath(request: FastifyRequest): string {
  return request.url.split('?', 1)[0] ?? '';
}

import type { FastifyReply, FastifyRequest } from 'fastify';

// Dot segments, encoded dots, slashes or backslashes, raw backslashes and empty segments could change
// what a path means once it is decoded or normalised. Such paths are rejected rather than cleaned.
const ambiguousPathPattern = /\.\.|%2e|%2f|%5c|\\|\/\//i;

/** Rejects, with 400, any request whose path contains a sequence that could escape its route. */
export async function rejectAmbiguousPath(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const path = request.url.split('?', 1)[0] ?? '';

  if (ambiguousPathPattern.test(path)) {
    return reply.code(400).send({
      error:
        "Invalid path: it must not contain '..', '//', a backslash, or an encoded '.', '/' or '\\'",
    });
  }
  return undefined;
}

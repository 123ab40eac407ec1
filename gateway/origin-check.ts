import type { FastifyRequest } from 'fastify';

/**
 * Returns why a state-changing request must be rejected, or null when it comes from the
 * dashboard's own page. Browsers send `Origin` with every fetch that is not GET or HEAD,
 * and `Sec-Fetch-Site` with the requests they start.
 */
export function findCrossOriginProblem(
  request: FastifyRequest,
  publicOrigin: string | null,
): string | null {
  const ownOrigin = publicOrigin ?? `${request.protocol}://${request.headers.host ?? ''}`;
  const origin = request.headers.origin;

  if (origin !== undefined) {
    return origin === ownOrigin
      ? null
      : `Only the dashboard's own page (${ownOrigin}) may cancel activities, not ${origin}`;
  }

  if (request.headers['sec-fetch-site'] === 'cross-site') {
    return "Only the dashboard's own page may cancel activities, not a page on another site";
  }

  return null;
}

import type { FastifyReply, FastifyRequest } from 'fastify';

const securityHeaders = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} satisfies Record<string, string>;

/**
 * Sets the security headers on a response. It runs as an `onSend` hook, after headers copied
 * from Plex, so a Plex response cannot weaken them.
 */
export async function addSecurityHeaders(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  reply.headers(securityHeaders);
  return payload;
}

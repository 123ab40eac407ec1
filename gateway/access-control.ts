import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessConfig, TrustedHeaderConfig } from './access-config.ts';
import { createBasicAuthCheck } from './basic-auth.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { createTrustedProxyCheck, normalizeRemoteAddress } from './trusted-proxies.ts';

const basicChallenge = 'Basic realm="Plex Activity Monitor", charset="UTF-8"';
const textMediaType = 'text/plain; charset=utf-8';

type AccessHook = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply | undefined>;

/**
 * Creates the `onRequest` hook that applies the configured login checks to every route, or
 * returns null when none is configured. The proxy check uses the socket's remote address and
 * never `X-Forwarded-For`, which any client can set.
 */
export function createAccessHook(
  access: AccessConfig,
  warn: (message: string) => void,
): AccessHook | null {
  const { basicAuth, trustedHeader } = access;
  if (basicAuth === null && trustedHeader === null) {
    return null;
  }

  const checkProxy = trustedHeader === null ? null : createProxyHeaderCheck(trustedHeader, warn);
  const checkPassword = basicAuth === null ? null : createBasicAuthCheck(basicAuth);
  const throttle = createLoginThrottle();

  return async (request, reply) => {
    const client = normalizeRemoteAddress(request.socket.remoteAddress);

    const proxyProblem = checkProxy?.(request, client) ?? null;
    if (proxyProblem !== null) {
      return reply.code(401).type(textMediaType).send(proxyProblem);
    }
    if (checkPassword === null) {
      return undefined;
    }

    // A blocked client gets 429 even with the right password, or it could keep guessing.
    const retryAfterMs = throttle.getRetryAfterMs(client);
    if (retryAfterMs > 0) {
      const seconds = Math.ceil(retryAfterMs / 1000);
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .type(textMediaType)
        .send(`Too many failed logins from this address: try again in ${seconds} s`);
    }

    const result = checkPassword(request.headers.authorization);
    if (result === 'valid') {
      return undefined;
    }

    // A request without credentials is how a browser learns that it must ask for them, so only
    // wrong credentials count as failures.
    if (result === 'wrong' && throttle.recordFailure(client)) {
      warn(`Too many failed logins from ${client}: answering 429 to it for up to a minute`);
    }
    return reply
      .code(401)
      .header('www-authenticate', basicChallenge)
      .type(textMediaType)
      .send(
        result === 'missing'
          ? 'Login required: enter the user name and password of this dashboard'
          : 'Invalid user name or password',
      );
  };
}

function createProxyHeaderCheck(
  trustedHeader: TrustedHeaderConfig,
  warn: (message: string) => void,
): (request: FastifyRequest, client: string) => string | null {
  const isTrustedProxy = createTrustedProxyCheck(trustedHeader.proxies);
  const headerKey = trustedHeader.headerName.toLowerCase();

  return (request, client) => {
    if (!isTrustedProxy(client)) {
      warn(
        `Rejected a request from ${client}: it is not in TRUSTED_PROXIES. Reach the dashboard through the proxy, or add the proxy's address`,
      );
      return 'Rejected: this dashboard accepts requests only through its login proxy';
    }

    const value = request.headers[headerKey];
    if (typeof value !== 'string' || value.trim() === '') {
      return `Login required: the login proxy sent no ${trustedHeader.headerName} header. Sign in through the proxy`;
    }
    return null;
  };
}

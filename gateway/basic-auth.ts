import { createHash, timingSafeEqual } from 'node:crypto';
import type { BasicAuthCredentials } from './access-config.ts';

const basicCredentialsPattern = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i;

/** Result of checking an `Authorization` header. */
export type CredentialCheck = 'missing' | 'wrong' | 'valid';

/**
 * Creates a check of an `Authorization` header against one user name and password. The decoded
 * bytes are compared as UTF-8, which browsers use when the challenge contains `charset="UTF-8"`.
 */
export function createBasicAuthCheck(
  credentials: BasicAuthCredentials,
): (authorization: string | undefined) => CredentialCheck {
  const expected = sha256(Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8'));

  return (authorization) => {
    if (authorization === undefined) {
      return 'missing';
    }

    const match = basicCredentialsPattern.exec(authorization);
    // Digests have equal length whatever was sent, so timingSafeEqual never throws and the
    // time taken does not depend on how much of the password was right.
    const supplied = sha256(Buffer.from(match?.[1] ?? '', 'base64'));
    const equal = timingSafeEqual(supplied, expected);

    return equal && match !== null ? 'valid' : 'wrong';
  };
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

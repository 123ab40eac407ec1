import { describe, expect, test } from 'vitest';
import { describeUpstreamFailure, formatSeconds } from './upstream-errors.ts';

const plexUrl = 'http://plex.home.arpa:32400';

function errorWithCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeUpstreamFailure', () => {
  test.each([
    [errorWithCode('ECONNREFUSED'), 502, 'connection refused'],
    [new Error('wrapped', { cause: errorWithCode('ENOTFOUND') }), 502, 'host name not found'],
    [
      new TypeError('fetch failed', { cause: errorWithCode('ECONNRESET') }),
      502,
      'connection reset',
    ],
    [new AggregateError([errorWithCode('EHOSTUNREACH')]), 502, 'host unreachable'],
    [errorWithCode('UND_ERR_CONNECT_TIMEOUT'), 502, 'connection timed out'],
    [
      new Error('outer', { cause: new Error('certificate has expired') }),
      502,
      'certificate has expired',
    ],
  ])('%s is unreachable', (error, statusCode, reason) => {
    expect(describeUpstreamFailure(error, plexUrl, 10_000)).toEqual({
      statusCode,
      message: `Plex server at ${plexUrl} is unreachable: ${reason}`,
    });
  });

  test.each([
    errorWithCode('FST_REPLY_FROM_GATEWAY_TIMEOUT'),
    new Error('outer', { cause: errorWithCode('UND_ERR_HEADERS_TIMEOUT') }),
    new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
  ])('%s is a timeout', (error) => {
    expect(describeUpstreamFailure(error, plexUrl, 10_000)).toEqual({
      statusCode: 504,
      message: `Plex server at ${plexUrl} did not respond within 10 s`,
    });
  });
});

test.each([
  [10_000, '10 s'],
  [300, '0.3 s'],
  [1_250, '1.25 s'],
])('formatSeconds(%i) is %s', (milliseconds, expected) => {
  expect(formatSeconds(milliseconds)).toBe(expected);
});

import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';

const replacement = Buffer.from('[redacted]');
const newline = 0x0a;
// A body without newlines is released in pieces of about this size, so memory stays bounded.
const maxHeldBytes = 64 * 1024;

const droppedResponseHeaders = new Set([
  'set-cookie',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * Creates a stream that replaces every occurrence of the token. It releases data at each
 * newline, so SSE events (which end in a blank line) pass through without delay, and holds
 * back only the unfinished last line, where a token could be split across two chunks.
 */
export function createTokenRedactor(token: string): Transform {
  if (token === '') {
    return new PassThrough();
  }

  const tokenBytes = Buffer.from(token);
  let held: Buffer = Buffer.alloc(0);

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const data = Buffer.concat([held, chunk]);
      const [released, rest] = splitReleasable(data, tokenBytes);

      held = rest;
      if (released.length > 0) {
        this.push(released);
      }
      callback();
    },

    flush(callback: TransformCallback) {
      if (held.length > 0) {
        this.push(replaceToken(held, tokenBytes));
      }
      callback();
    },
  });
}

/** Returns a copy of a complete body with every occurrence of the token replaced. */
export function redactToken(data: Buffer, token: string): Buffer {
  return token === '' ? data : replaceToken(data, Buffer.from(token));
}

/**
 * Filters Plex's response headers: drops cookies, CORS headers, hop-by-hop headers,
 * `Content-Length` (redaction may change the length) and any header whose value contains the token.
 */
export function filterResponseHeaders(
  headers: IncomingHttpHeaders,
  token: string,
): IncomingHttpHeaders {
  const filtered: IncomingHttpHeaders = {};

  for (const [name, value] of Object.entries(headers)) {
    const lowerName = name.toLowerCase();
    const containsToken = token !== '' && String(value).includes(token);

    if (
      droppedResponseHeaders.has(lowerName) ||
      lowerName.startsWith('access-control-') ||
      containsToken
    ) {
      continue;
    }
    filtered[lowerName] = value;
  }

  return filtered;
}

/** Splits data into a redacted part that can be sent now and a part to hold for the next chunk. */
function splitReleasable(data: Buffer, tokenBytes: Buffer): [Buffer, Buffer] {
  // A token contains no newline, so it never spans one.
  const lastNewline = data.lastIndexOf(newline);
  if (lastNewline !== -1) {
    return [
      replaceToken(data.subarray(0, lastNewline + 1), tokenBytes),
      data.subarray(lastNewline + 1),
    ];
  }

  if (data.length <= maxHeldBytes) {
    return [Buffer.alloc(0), data];
  }

  // Every whole token is replaced. The held tail is just long enough for the start of one more.
  const redacted = replaceToken(data, tokenBytes);
  const releaseEnd = redacted.length - (tokenBytes.length - 1);
  return [redacted.subarray(0, releaseEnd), redacted.subarray(releaseEnd)];
}

function replaceToken(data: Buffer, tokenBytes: Buffer): Buffer {
  let index = data.indexOf(tokenBytes);
  if (index === -1) {
    return data;
  }

  const parts: Buffer[] = [];
  let start = 0;
  while (index !== -1) {
    parts.push(data.subarray(start, index), replacement);
    start = index + tokenBytes.length;
    index = data.indexOf(tokenBytes, start);
  }
  parts.push(data.subarray(start));

  return Buffer.concat(parts);
}

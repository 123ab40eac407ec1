import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, test } from 'vitest';
import { createTokenRedactor, filterResponseHeaders } from './token-redaction.ts';

const token = 'abcTOKEN123';

async function redact(chunks: string[]): Promise<string> {
  return text(
    Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(createTokenRedactor(token)),
  );
}

describe('createTokenRedactor', () => {
  test.each([
    [['no secret here\n'], 'no secret here\n'],
    [[`a=${token}\n`], 'a=[redacted]\n'],
    [[`${token}${token}`], '[redacted][redacted]'],
    [['a=abcTO', 'KEN123&b\n'], 'a=[redacted]&b\n'],
    [['a=abcTOKEN', '12'], 'a=abcTOKEN12'],
  ])('%j becomes %j', async (chunks, expected) => {
    expect(await redact(chunks)).toBe(expected);
  });

  test('releases each complete line at once', async () => {
    const redactor = createTokenRedactor(token);
    const released: string[] = [];
    redactor.on('data', (chunk: Buffer) => released.push(chunk.toString()));

    redactor.write('event: ping\ndata: {}\n\nevent: act');
    await new Promise((resolve) => setImmediate(resolve));

    expect(released).toEqual(['event: ping\ndata: {}\n\n']);
  });

  test('splits a long line without losing a token', async () => {
    const filler = 'x'.repeat(70 * 1024 - 5);

    const result = await redact([`${filler}${token.slice(0, 5)}`, `${token.slice(5)}end`]);

    expect(result).toBe(`${filler}[redacted]end`);
  });

  test('empty token passes data unchanged', async () => {
    const chunks = ['any', 'thing\n'];

    const result = await text(Readable.from(chunks).pipe(createTokenRedactor('')));

    expect(result).toBe('anything\n');
  });
});

describe('filterResponseHeaders', () => {
  test('keeps only safe headers', () => {
    const filtered = filterResponseHeaders(
      {
        'content-type': 'application/json',
        'content-length': '12',
        'set-cookie': ['a=1'],
        'access-control-allow-origin': '*',
        connection: 'keep-alive',
        location: `/x?X-Plex-Token=${token}`,
        'x-plex-protocol': '1.0',
      },
      token,
    );

    expect(filtered).toEqual({ 'content-type': 'application/json', 'x-plex-protocol': '1.0' });
  });
});

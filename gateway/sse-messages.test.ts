import { expect, test } from 'vitest';
import { SseMessageSplitter, SseMessageTooLargeError } from './sse-messages.ts';

const message = 'event: activity\ndata: {"a":1}\n\n';

test('splitter returns whole messages only', () => {
  const splitter = new SseMessageSplitter(1024);

  const first = splitter.push(Buffer.from(message.slice(0, 20)));
  const second = splitter.push(Buffer.from(`${message.slice(20)}event: ping\ndata: {}\n`));
  const third = splitter.push(Buffer.from('\n'));

  expect(first).toEqual([]);
  expect(second.map((entry) => entry.raw.toString())).toEqual([message]);
  expect(second[0]?.event).toBe('activity');
  expect(second[0]?.data).toBe('{"a":1}');
  expect(third.map((entry) => entry.raw.toString())).toEqual(['event: ping\ndata: {}\n\n']);
});

test('splitter reads CRLF, comments and several data lines', () => {
  const splitter = new SseMessageSplitter(1024);

  const [entry] = splitter.push(Buffer.from(': comment\r\nevent: x\r\ndata: 1\r\ndata:2\r\n\r\n'));

  expect(entry?.event).toBe('x');
  expect(entry?.data).toBe('1\n2');
});

test('splitter keeps multi-byte characters whole', () => {
  const splitter = new SseMessageSplitter(1024);
  const bytes = Buffer.from('event: activity\ndata: {"title":"Scan 🎬"}\n\n');

  const messages = [...splitter.push(bytes.subarray(0, 33)), ...splitter.push(bytes.subarray(33))];

  expect(messages[0]?.data).toBe('{"title":"Scan 🎬"}');
  expect(Buffer.compare(messages[0]?.raw ?? Buffer.alloc(0), bytes)).toBe(0);
});

test('splitter rejects an endless message', () => {
  const splitter = new SseMessageSplitter(16);

  expect(() => splitter.push(Buffer.from('data: 0123456789abcdef'))).toThrow(
    SseMessageTooLargeError,
  );
});

// Plex frames every message as one `event:` line, one `data:` line and a blank line, with LF
// line ends. CRLF is accepted too, as the SSE standard allows it.
const blankLinePattern = /\r?\n\r?\n/g;

/** One SSE message: its raw bytes, blank line included, and its decoded fields. */
export interface SseMessage {
  raw: Buffer;
  event: string;
  data: string;
}

/** Raised when the stream sends more than the held maximum without a blank line. */
export class SseMessageTooLargeError extends Error {
  constructor(maxBytes: number) {
    super(`Plex sent an event-stream message longer than ${maxBytes} bytes`);
    this.name = 'SseMessageTooLargeError';
  }
}

/**
 * Cuts a byte stream into whole SSE messages, so that each one can be written to every browser
 * client in one piece. It keeps at most `maxHeldBytes` of an unfinished message.
 */
export class SseMessageSplitter {
  readonly #maxHeldBytes: number;
  #held: Buffer = Buffer.alloc(0);

  constructor(maxHeldBytes: number) {
    this.#maxHeldBytes = maxHeldBytes;
  }

  /** Adds a chunk and returns the messages it completes. Throws `SseMessageTooLargeError`. */
  push(chunk: Buffer): SseMessage[] {
    const data = this.#held.length === 0 ? chunk : Buffer.concat([this.#held, chunk]);
    // latin1 maps each byte to one character, so string offsets are byte offsets.
    const text = data.toString('latin1');
    const messages: SseMessage[] = [];
    let start = 0;

    for (const match of text.matchAll(blankLinePattern)) {
      const end = match.index + match[0].length;
      const raw = data.subarray(start, end);
      start = end;
      if (raw.toString('latin1').trim() !== '') {
        messages.push(parseSseMessage(raw));
      }
    }

    this.#held = Buffer.from(data.subarray(start));
    if (this.#held.length > this.#maxHeldBytes) {
      throw new SseMessageTooLargeError(this.#maxHeldBytes);
    }
    return messages;
  }
}

/**
 * Reads the `event` and `data` fields of one message. Several `data` lines are joined with a
 * line feed, comment lines are skipped, and a message without `event` is named `message`.
 */
export function parseSseMessage(raw: Buffer): SseMessage {
  let event = 'message';
  const dataLines: string[] = [];

  for (const line of raw.toString('utf8').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (line === '' || colon === 0) {
      continue;
    }

    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      event = value;
    } else if (field === 'data') {
      dataLines.push(value);
    }
  }

  return { raw, event, data: dataLines.join('\n') };
}

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { PassThrough, pipeline, type Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type BufferedResponse, sendBufferedResponse } from './buffered-response.ts';
import { eventStreamHeaders, eventStreamMediaType } from './event-stream-http.ts';
import type { PlexConnection } from './plex-request.ts';
import { requestSharedStream } from './shared-stream-request.ts';
import type { SharingTimings } from './sharing-timings.ts';
import { type SseMessage, SseMessageSplitter } from './sse-messages.ts';
import { createTokenRedactor, filterResponseHeaders } from './token-redaction.ts';

// Plex's messages are a few kilobytes. A longer unfinished one means the stream is broken.
const maxMessageBytes = 1024 * 1024;
// A browser that reads this far behind is dropped. It reconnects and re-lists, as after a drop.
const maxBufferedBytesPerClient = 1024 * 1024;

/** Callbacks through which the activity mirror follows the stream. */
export interface SharedStreamListener {
  onOpen(): void;
  onActivity(data: string): void;
  onEnd(): void;
  onUnauthorized(): void;
}

interface Client {
  events: ReadonlySet<string>;
  output: PassThrough;
}

type StreamState =
  | { kind: 'closed' }
  | {
      kind: 'open';
      upstream: IncomingMessage;
      headers: IncomingHttpHeaders;
      clients: Set<Client>;
      graceTimer: NodeJS.Timeout | null;
    };

type OpenResult = { kind: 'open' } | { kind: 'failed'; answer: BufferedResponse };

/**
 * One server's event stream from Plex, shared by all its browser clients. The first client opens
 * it, and clients that come while it opens wait for it. Later clients join and get every message
 * from then on, whole and unchanged apart from token redaction: Plex replays nothing, and neither
 * does the gateway. When Plex ends the stream, every client's stream ends too. When the last client
 * leaves, the stream stays open for `closeGraceMs`, so a page reload reuses it.
 */
export class SharedEventStream {
  readonly #connection: PlexConnection;
  readonly #timings: SharingTimings;
  readonly #warn: (message: string) => void;
  readonly #listener: SharedStreamListener;
  #state: StreamState = { kind: 'closed' };
  #opening: Promise<OpenResult> | null = null;
  #shutDown = false;
  #openedAt: number | null = null;

  constructor(
    connection: PlexConnection,
    timings: SharingTimings,
    warn: (message: string) => void,
    listener: SharedStreamListener,
  ) {
    this.#connection = connection;
    this.#timings = timings;
    this.#warn = warn;
    this.#listener = listener;
  }

  /** When the stream from Plex opened, in epoch milliseconds, or null while it is closed. */
  get openedAt(): number | null {
    return this.#state.kind === 'open' ? this.#openedAt : null;
  }

  /** Number of browser clients now joined, for tests and logs. */
  get clientCount(): number {
    return this.#state.kind === 'open' ? this.#state.clients.size : 0;
  }

  /** Responds to a browser's stream request with the shared stream, or with Plex's failure. */
  async join(
    request: FastifyRequest,
    reply: FastifyReply,
    events: ReadonlySet<string>,
  ): Promise<FastifyReply> {
    if (this.#state.kind !== 'open') {
      const result = await this.#open();
      if (result.kind === 'failed') {
        return sendBufferedResponse(reply, result.answer);
      }
    }

    const state = this.#state;
    if (state.kind !== 'open' || request.raw.destroyed) {
      // Plex ended the stream in the moment it opened, or the browser left while it waited.
      return reply.code(502).send({ error: 'Plex closed the event stream as soon as it opened' });
    }

    const client: Client = { events, output: new PassThrough() };
    state.clients.add(client);
    this.#stopGraceTimer(state);
    const leave = () => this.#leave(client);
    client.output.once('close', leave);
    reply.raw.once('close', leave);

    // EventSource opens on the headers, and Plex may send nothing for about 10 s.
    reply.raw.once('pipe', () => reply.raw.flushHeaders());
    return reply.code(200).headers(state.headers).send(client.output);
  }

  /** Ends the stream and every client's stream, as the gateway does when it stops. */
  shutDown(): void {
    this.#shutDown = true;
    if (this.#state.kind === 'open') {
      this.#end(this.#state.upstream);
    }
  }

  #open(): Promise<OpenResult> {
    if (this.#opening === null) {
      this.#opening = this.#connect().finally(() => {
        this.#opening = null;
      });
    }
    return this.#opening;
  }

  async #connect(): Promise<OpenResult> {
    const result = await requestSharedStream(this.#connection, this.#warn);
    if (result.kind === 'failed') {
      if (result.answer.statusCode === 401) {
        this.#listener.onUnauthorized();
      }
      return result;
    }
    if (this.#shutDown) {
      result.upstream.destroy();
      return {
        kind: 'failed',
        answer: { statusCode: 503, headers: {}, body: { error: 'The gateway is stopping' } },
      };
    }

    this.#start(result.upstream);
    return { kind: 'open' };
  }

  #start(upstream: IncomingMessage): void {
    const { token } = this.#connection.server;
    const redactor: Transform = createTokenRedactor(token);
    const splitter = new SseMessageSplitter(maxMessageBytes);

    // Ending or destroying either side ends the shared stream. The error needs no other handling.
    pipeline(upstream, redactor, () => {
      if (this.#isCurrent(upstream)) {
        this.#warn(
          `Plex ended the shared event stream of server '${this.#connection.server.id}'; its browser clients reconnect`,
        );
      }
      this.#end(upstream);
    });
    redactor.on('data', (chunk: Buffer) => {
      try {
        this.#broadcast(upstream, splitter.push(chunk));
      } catch (error) {
        this.#warn(`Event stream of server '${this.#connection.server.id}' failed: ${error}`);
        this.#end(upstream);
      }
    });

    const headers = {
      ...filterResponseHeaders(upstream.headers, token),
      'content-type': eventStreamMediaType,
      ...eventStreamHeaders,
    };
    this.#state = { kind: 'open', upstream, headers, clients: new Set(), graceTimer: null };
    this.#openedAt = Date.now();
    this.#listener.onOpen();
    // Clients that waited join right after this, which stops the timer again.
    this.#startGraceTimer(this.#state);
  }

  #broadcast(upstream: IncomingMessage, messages: SseMessage[]): void {
    for (const message of messages) {
      const state = this.#state;
      if (state.kind !== 'open' || state.upstream !== upstream) {
        return;
      }

      if (message.event === 'activity') {
        this.#listener.onActivity(message.data);
      }
      for (const client of state.clients) {
        if (!client.events.has(message.event)) {
          continue;
        }
        client.output.write(message.raw);
        if (client.output.writableLength > maxBufferedBytesPerClient) {
          client.output.end();
        }
      }
    }
  }

  #leave(client: Client): void {
    const state = this.#state;
    if (state.kind === 'open' && state.clients.delete(client) && state.clients.size === 0) {
      this.#startGraceTimer(state);
    }
  }

  #startGraceTimer(state: StreamState & { kind: 'open' }): void {
    this.#stopGraceTimer(state);
    state.graceTimer = setTimeout(() => this.#end(state.upstream), this.#timings.closeGraceMs);
  }

  #stopGraceTimer(state: StreamState & { kind: 'open' }): void {
    if (state.graceTimer !== null) {
      clearTimeout(state.graceTimer);
      state.graceTimer = null;
    }
  }

  #isCurrent(upstream: IncomingMessage): boolean {
    return this.#state.kind === 'open' && this.#state.upstream === upstream;
  }

  /** Ends the stream from `upstream`, unless a newer stream has replaced it already. */
  #end(upstream: IncomingMessage): void {
    const state = this.#state;
    if (state.kind !== 'open' || state.upstream !== upstream) {
      return;
    }

    this.#stopGraceTimer(state);
    this.#state = { kind: 'closed' };
    upstream.destroy();
    for (const client of state.clients) {
      client.output.end();
    }
    this.#listener.onEnd();
  }
}

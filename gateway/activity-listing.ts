import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActivityMirror } from './activity-mirror.ts';
import { parseActivityListing, parseActivityMessage } from './activity-notifications.ts';
import {
  type BufferedResponse,
  bufferPlexResponse,
  describeFailedRequest,
  sendBufferedResponse,
} from './buffered-response.ts';
import { createCountingWarn } from './counting-warn.ts';
import { chooseAccept } from './plex-headers.ts';
import { type PlexConnection, requestPlex } from './plex-request.ts';
import type { SharingTimings } from './sharing-timings.ts';

const jsonMediaType = 'application/json';
const listingPath = '/activities';

/**
 * Serves one server's `GET /activities` to all browser clients. While the shared event stream
 * is open and the mirror has a JSON listing younger than `listingMaxAgeMs`, the response comes
 * from the mirror. Otherwise the request goes to Plex, and concurrent requests with the same
 * `Accept` share one request to Plex and get the same response. A JSON listing that arrives while
 * the stream is open becomes the mirror's new base.
 */
export class ActivityListing {
  readonly #mirror = new ActivityMirror();
  readonly #connection: PlexConnection;
  readonly #timings: SharingTimings;
  readonly #warn: (message: string) => void;
  readonly #countMalformed: (count: number) => void;
  readonly #now: () => number;
  readonly #flights = new Map<string, Promise<BufferedResponse>>();
  #streamOpen = false;
  /** When the listing behind the mirror arrived, or null while the mirror must not be served. */
  #listedAt: number | null = null;
  /** Increased on every invalidation, so that a listing requested before it is not used. */
  #generation = 0;

  constructor(
    connection: PlexConnection,
    timings: SharingTimings,
    warn: (message: string) => void,
    now: () => number = () => Date.now(),
  ) {
    this.#connection = connection;
    this.#timings = timings;
    this.#warn = warn;
    this.#now = now;
    this.#countMalformed = createCountingWarn(
      warn,
      (count) =>
        `Ignored ${count} malformed activity message(s) from server '${connection.server.id}'; the shared activity list may miss their changes until the next full listing`,
      60_000,
      now,
    );
  }

  /** Starts a mirror for a newly opened event stream and requests its first listing. */
  streamOpened(): void {
    this.invalidate();
    this.#streamOpen = true;
    void this.#request(jsonMediaType);
  }

  /** Drops the mirror: without the stream it can no longer follow Plex. */
  streamEnded(): void {
    this.invalidate();
    this.#streamOpen = false;
  }

  /** Stops serving the mirror until a new listing arrives, e.g. after a 401 from Plex. */
  invalidate(): void {
    this.#generation += 1;
    this.#listedAt = null;
    this.#mirror.clear();
  }

  applyActivityMessage(data: string): void {
    const { changes, invalid } = parseActivityMessage(data);
    for (const change of changes) {
      this.#mirror.apply(change);
    }
    if (invalid > 0) {
      this.#countMalformed(invalid);
    }
  }

  /** Removes an activity that Plex reported as unknown, as an `ended` event would. */
  removeActivity(uuid: string): void {
    this.#mirror.apply({ event: 'ended', uuid });
  }

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const accept = chooseAccept(request.headers.accept);
    if (accept === jsonMediaType && this.#isMirrorCurrent()) {
      return sendBufferedResponse(reply, this.#mirrorResponse());
    }
    return sendBufferedResponse(reply, await this.#request(accept));
  }

  #isMirrorCurrent(): boolean {
    return (
      this.#streamOpen &&
      this.#listedAt !== null &&
      this.#now() - this.#listedAt < this.#timings.listingMaxAgeMs
    );
  }

  /**
   * Requests the listing from Plex, or joins the running request for the same `Accept`. A request
   * started before the last invalidation is not joined, because its listing cannot feed the mirror.
   */
  #request(accept: string): Promise<BufferedResponse> {
    const key = `${accept} ${this.#generation}`;
    const running = this.#flights.get(key);
    if (running !== undefined) {
      return running;
    }

    const flight = this.#fetchListing(accept).finally(() => this.#flights.delete(key));
    this.#flights.set(key, flight);
    return flight;
  }

  async #fetchListing(accept: string): Promise<BufferedResponse> {
    const generation = this.#generation;
    const requestedAt = this.#mirror.sequence;
    const answer = await this.#fetchFromPlex(accept);

    if (answer.statusCode === 401) {
      this.invalidate();
    }
    const feedsMirror =
      accept === jsonMediaType && this.#streamOpen && generation === this.#generation;
    if (!feedsMirror) {
      return answer;
    }

    const listed = readListing(answer);
    if (listed === null) {
      // XML or an error: the mirror stays unserved, and browsers get what Plex sent.
      this.#listedAt = null;
      return answer;
    }
    this.#mirror.replaceWithListing(listed, requestedAt);
    this.#listedAt = this.#now();
    return this.#mirrorResponse();
  }

  async #fetchFromPlex(accept: string): Promise<BufferedResponse> {
    try {
      const response = await requestPlex(this.#connection, listingPath, { accept });
      return await bufferPlexResponse(this.#connection, response, listingPath);
    } catch (error) {
      const failed = describeFailedRequest(this.#connection, error, listingPath);
      this.#warn(failed.logLine);
      return failed.answer;
    }
  }

  #mirrorResponse(): BufferedResponse {
    return {
      statusCode: 200,
      headers: { 'content-type': jsonMediaType, 'cache-control': 'no-store' },
      body: Buffer.from(JSON.stringify(this.#mirror.toContainer())),
    };
  }
}

function readListing(answer: BufferedResponse): ReturnType<typeof parseActivityListing> {
  const contentType = String(answer.headers['content-type'] ?? '');
  if (answer.statusCode !== 200 || !contentType.includes('json') || !Buffer.isBuffer(answer.body)) {
    return null;
  }
  return parseActivityListing(answer.body.toString('utf8'));
}

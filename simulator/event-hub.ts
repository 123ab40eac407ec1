import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, ActivityEvent } from './activity.ts';
import { type EventFilter, parseEventFilter } from './event-filter.ts';
import { PLEX_PROTOCOL_HEADER } from './plex-responses.ts';
import { SendLog } from './send-log.ts';

interface EventStream {
  response: ServerResponse;
  filter: EventFilter;
  pingTimer: NodeJS.Timeout;
}

/**
 * Open `/:/eventsource/notifications` responses. Each message is written as soon as it
 * exists, framed as one `event:` line, one `data:` line and a blank line.
 */
export class EventHub {
  readonly #streams = new Set<EventStream>();
  /** Send times of activity events, for benchmarks. Off until a control call turns it on. */
  readonly sendLog = new SendLog();
  readonly #pingIntervalMs: number;
  #pingsEnabled = true;

  constructor(pingIntervalMs: number) {
    this.#pingIntervalMs = pingIntervalMs;
  }

  get size(): number {
    return this.#streams.size;
  }

  set pingsEnabled(enabled: boolean) {
    this.#pingsEnabled = enabled;
  }

  /** Responds with an event stream that stays open until either side closes it. */
  open(request: IncomingMessage, response: ServerResponse, filters: string | null): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      ...PLEX_PROTOCOL_HEADER,
    });
    response.socket?.setNoDelay(true);
    response.flushHeaders();

    const stream: EventStream = {
      response,
      filter: parseEventFilter(filters),
      pingTimer: setInterval(() => this.#ping(stream), this.#pingIntervalMs),
    };
    this.#streams.add(stream);

    const remove = () => this.#remove(stream);
    request.on('close', remove);
    response.on('close', remove);
  }

  /** Writes one message to every stream whose filter accepts it. Returns how many got it. */
  send(eventName: string, data: string): number {
    let delivered = 0;
    for (const stream of this.#streams) {
      if (stream.filter(eventName)) {
        stream.response.write(`event: ${eventName}\ndata: ${data}\n\n`);
        delivered += 1;
      }
    }
    return delivered;
  }

  sendActivity(event: ActivityEvent, activity: Activity): void {
    const notification = {
      ActivityNotification: { event, uuid: activity.uuid, Activity: activity },
    };
    this.send('activity', JSON.stringify(notification));
    this.sendLog.record(event, activity);
  }

  /** Ends every stream and closes its socket, as a restarting server does. */
  dropAll(): number {
    const streams = [...this.#streams];
    for (const stream of streams) {
      this.#remove(stream);
      const socket = stream.response.socket;
      stream.response.end(() => socket?.destroy());
    }
    return streams.length;
  }

  #ping(stream: EventStream): void {
    if (this.#pingsEnabled && stream.filter('ping')) {
      stream.response.write('event: ping\ndata: {}\n\n');
    }
  }

  #remove(stream: EventStream): void {
    clearInterval(stream.pingTimer);
    this.#streams.delete(stream);
  }
}

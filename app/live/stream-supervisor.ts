import type { ConnectionState, DownReason } from './connection-store';

/** Result of checking `GET /activities` after the stream failed. */
export type ProbeResult = 'ok' | 'unauthorized' | 'unreachable' | 'error';

export interface StreamSupervisorOptions {
  url: string;
  onActivity: (data: string) => void;
  /** Called on each of Plex's keep-alive pings. */
  onPing?: () => void;
  /** Called after each successful (re)connect, to re-list activities: the stream has no replay. */
  onConnected: () => void;
  /** Checks the API after a failure, because an EventSource error never carries the status. */
  probe: () => Promise<ProbeResult>;
  onStateChange: (state: ConnectionState, reason: DownReason, retryAt: number | null) => void;
  createEventSource?: (url: string) => EventSource;
}

const INITIAL_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
// Plex pings about every 10 s, so three missed pings mean the stream is dead even if the socket is open.
const STALL_TIMEOUT_MS = 30_000;
// A stream that stayed open this long was a success, so the next failure starts the backoff anew.
const HEALTHY_AFTER_MS = 15_000;
const FAILURES_BEFORE_OFFLINE = 4;

/**
 * Owns the page's one EventSource. A browser's EventSource gives up for good on a non-200
 * response and retries blindly otherwise, so every failure closes it and this class decides when
 * to try again: exponential backoff with jitter, an immediate retry when the browser comes back
 * online or the tab becomes visible, a stall timer, and no retries while the token is refused.
 */
export class StreamSupervisor {
  private source: EventSource | null = null;
  private state: ConnectionState = 'connecting';
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the open stream last sent anything: a message, a ping or its opening. */
  private lastHeardAt = 0;
  private healthyTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly options: StreamSupervisorOptions;

  constructor(options: StreamSupervisorOptions) {
    this.options = options;
  }

  start(): void {
    window.addEventListener('online', this.handleWake);
    document.addEventListener('visibilitychange', this.handleWake);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.handleWake);
    document.removeEventListener('visibilitychange', this.handleWake);
    this.closeSource();
    this.clearTimer('retryTimer');
  }

  /** Connects now unless already live or connecting; used when the API works again after a 401. */
  retryNow(): void {
    if (this.stopped || this.source) return;
    this.clearTimer('retryTimer');
    this.connect();
  }

  private readonly handleWake = (): void => {
    if (document.visibilityState === 'hidden') return;
    if (this.state === 'reconnecting' || this.state === 'offline') {
      this.failures = 0;
      this.retryNow();
    }
  };

  private connect(): void {
    const create = this.options.createEventSource ?? ((url: string) => new EventSource(url));
    const source = create(this.options.url);
    this.source = source;
    if (this.state !== 'reconnecting' && this.state !== 'offline')
      this.setState('connecting', null, null);

    source.addEventListener('open', () => {
      this.setState('live', null, null);
      this.armStallTimer();
      this.healthyTimer = setTimeout(() => {
        this.failures = 0;
      }, HEALTHY_AFTER_MS);
      this.options.onConnected();
    });
    source.addEventListener('ping', () => {
      this.lastHeardAt = Date.now();
      this.options.onPing?.();
    });
    source.addEventListener('activity', (event) => {
      this.lastHeardAt = Date.now();
      this.options.onActivity((event as MessageEvent<string>).data);
    });
    source.addEventListener('error', () => void this.handleFailure('error'));
  }

  private async handleFailure(reason: DownReason): Promise<void> {
    if (this.stopped || !this.source) return;
    this.closeSource();
    this.failures += 1;

    const probe = await this.options.probe();
    if (this.stopped || this.source) return;
    if (probe === 'unauthorized') {
      // No timer: the page's slow poll calls retryNow() once the token is accepted again.
      this.setState('unauthorized', null, null);
      return;
    }

    const delay = backoffDelay(this.failures);
    const retryAt = Date.now() + delay;
    const downReason = probe === 'unreachable' ? 'unreachable' : reason;
    // Offline means the server itself fails. A stream that keeps closing while the API responds
    // is still only reconnecting.
    const state =
      this.failures >= FAILURES_BEFORE_OFFLINE && probe !== 'ok' ? 'offline' : 'reconnecting';
    this.setState(state, downReason, retryAt);
    console.info(`[live] stream closed (${downReason}); retrying in ${Math.round(delay / 1000)} s`);
    this.clearTimer('retryTimer');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.source) this.connect();
    }, delay);
  }

  /**
   * Watches for silence. A busy server sends hundreds of messages a second, and moving a timer
   * for each would cost more than the message itself, so messages only note their time. The
   * timer wakes when the silence could first reach the limit, and sleeps again for the rest
   * when it has not.
   */
  private armStallTimer(): void {
    this.clearTimer('stallTimer');
    this.lastHeardAt = Date.now();
    const check = () => {
      const silentForMs = Date.now() - this.lastHeardAt;
      if (silentForMs < STALL_TIMEOUT_MS) {
        this.stallTimer = setTimeout(check, STALL_TIMEOUT_MS - silentForMs);
        return;
      }
      this.stallTimer = null;
      console.warn(`[live] no event or ping for ${STALL_TIMEOUT_MS / 1000} s; reconnecting`);
      void this.handleFailure('stalled');
    };
    this.stallTimer = setTimeout(check, STALL_TIMEOUT_MS);
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
    this.clearTimer('stallTimer');
    this.clearTimer('healthyTimer');
  }

  private clearTimer(name: 'retryTimer' | 'stallTimer' | 'healthyTimer'): void {
    const timer = this[name];
    if (timer !== null) clearTimeout(timer);
    this[name] = null;
  }

  private setState(state: ConnectionState, reason: DownReason, retryAt: number | null): void {
    this.state = state;
    this.options.onStateChange(state, reason, retryAt);
  }
}

/** Returns the wait before attempt number `failures`: doubling from 1 s to 60 s, with jitter. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** Math.max(0, failures - 1));
  // Jitter between half and the whole ceiling, so tabs reopened together do not retry together.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

import { type Connection, getConnection, setConnection } from './connection-store';
import {
  type ProbeResult,
  StreamSupervisor,
  type StreamSupervisorOptions,
} from './stream-supervisor';
import { type ElectionChannel, type Leadership, TabElection, tabId } from './tab-election';

const STREAM_CHANNEL = 'plex-activity-monitor:streams';
const ELECTION_CHANNEL = 'plex-activity-monitor:election';
// The leader relays Plex's pings (about every 10 s), so this long without a word from it for a
// live server means the leader tab is stuck or gone, and a follower must not keep claiming Live.
const LEADER_SILENCE_MS = 30_000;

/** The callbacks of one tab for one server's stream, whichever tab has the EventSource open. */
export interface StreamHandlers {
  url: string;
  onActivity: (data: string) => void;
  /** Called after each (re)connect of the stream, in every tab, to re-list activities. */
  onConnected: () => void;
  probe: () => Promise<ProbeResult>;
}

type ConnectionReport = Pick<Connection, 'state' | 'reason' | 'retryAt'>;

/** A message between the tabs of one browser on the same gateway. */
export type SharedStreamMessage =
  | { kind: 'activity'; serverId: string; data: string }
  | { kind: 'ping'; serverId: string }
  | { kind: 'connected'; serverId: string }
  | { kind: 'state'; serverId: string; connection: ConnectionReport }
  | { kind: 'hello' };

/** The part of BroadcastChannel the hub uses, so tests can pass an in-memory one. */
export interface MessageChannelLike {
  postMessage(message: SharedStreamMessage): void;
  onmessage: ((event: MessageEvent<SharedStreamMessage>) => void) | null;
}

interface Supervisor {
  start(): void;
  stop(): void;
  retryNow(): void;
}

export interface StreamHubOptions {
  /** The channel to the other tabs, or null where the browser has none: then this tab leads. */
  channel: MessageChannelLike | null;
  /** Decides which tab leads; unused without a channel. */
  leadership: Leadership | null;
  createSupervisor?: (options: StreamSupervisorOptions) => Supervisor;
  /** Storage of connection states: the page's connection store unless a test passes one. */
  connections?: ConnectionAccess;
}

interface ConnectionAccess {
  get(serverId: string): Connection;
  set(serverId: string, patch: Partial<Connection>): void;
}

const connectionStore: ConnectionAccess = { get: getConnection, set: setConnection };

interface Joined {
  handlers: StreamHandlers;
  supervisor: Supervisor | null;
  /** The last state the leader reported, which a follower shows while the leader is heard. */
  reported: ConnectionReport | null;
  lastHeardAt: number;
}

/**
 * Shares each server's event stream among the tabs of one browser. A browser keeps at most six
 * HTTP/1.1 connections per host and an open EventSource keeps one, so a stream per server in
 * every tab would soon starve every other request. One tab, the leader, opens the EventSources
 * and relays each message over a BroadcastChannel; the other tabs apply the same messages to
 * their own cache. When the leader goes, another tab takes over (see TabElection). Without a
 * BroadcastChannel every tab keeps its own streams.
 */
export class StreamHub {
  private readonly joined = new Map<string, Joined>();
  private readonly options: StreamHubOptions;
  private readonly connections: ConnectionAccess;
  private leader = false;
  private electionStarted = false;
  private silenceTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: StreamHubOptions) {
    this.options = options;
    this.connections = options.connections ?? connectionStore;
    if (options.channel) {
      options.channel.onmessage = (event) => this.receive(event.data);
    }
  }

  /** Whether this tab has the EventSources open, for tests and logs. */
  get isLeader(): boolean {
    return this.leader;
  }

  /** Follows one server's stream in this tab. Returns a function that stops following it. */
  join(serverId: string, handlers: StreamHandlers): () => void {
    const entry: Joined = { handlers, supervisor: null, reported: null, lastHeardAt: Date.now() };
    this.joined.set(serverId, entry);
    if (this.leader) {
      this.startSupervisor(serverId, entry);
    } else {
      this.startElection();
      this.options.channel?.postMessage({ kind: 'hello' });
    }

    return () => {
      entry.supervisor?.stop();
      if (this.joined.get(serverId) === entry) this.joined.delete(serverId);
    };
  }

  /** Retries a server's stream now, when this tab has it open; the leader retries on its own. */
  retryNow(serverId: string): void {
    this.joined.get(serverId)?.supervisor?.retryNow();
  }

  private startElection(): void {
    if (this.electionStarted) return;
    this.electionStarted = true;
    const { channel, leadership } = this.options;
    if (!channel || !leadership) {
      this.lead();
      return;
    }
    this.watchLeaderSilence();
    leadership.start(
      () => this.lead(),
      () => this.follow(),
    );
  }

  private lead(): void {
    if (this.silenceTimer !== null) clearInterval(this.silenceTimer);
    this.silenceTimer = null;
    this.leader = true;
    for (const [serverId, entry] of this.joined) {
      if (entry.supervisor === null) this.startSupervisor(serverId, entry);
    }
  }

  private follow(): void {
    this.leader = false;
    for (const entry of this.joined.values()) {
      entry.supervisor?.stop();
      entry.supervisor = null;
      entry.lastHeardAt = Date.now();
    }
    this.watchLeaderSilence();
    this.options.channel?.postMessage({ kind: 'hello' });
  }

  private startSupervisor(serverId: string, entry: Joined): void {
    // A tab alone in its browser, the usual case, relays nothing: at hundreds of events a second
    // copying each message for a channel without readers would be pure waste.
    const post = (message: SharedStreamMessage) => {
      if (this.options.leadership?.hasOtherTabs()) this.options.channel?.postMessage(message);
    };
    const create = this.options.createSupervisor ?? ((options) => new StreamSupervisor(options));
    entry.supervisor = create({
      url: entry.handlers.url,
      onActivity: (data) => {
        entry.handlers.onActivity(data);
        post({ kind: 'activity', serverId, data });
      },
      onPing: () => post({ kind: 'ping', serverId }),
      onConnected: () => {
        entry.handlers.onConnected();
        post({ kind: 'connected', serverId });
      },
      probe: () => entry.handlers.probe(),
      onStateChange: (state, reason, retryAt) => {
        this.connections.set(serverId, { state, reason, retryAt });
        post({ kind: 'state', serverId, connection: { state, reason, retryAt } });
      },
    });
    entry.supervisor.start();
  }

  private receive(message: SharedStreamMessage): void {
    if (message.kind === 'hello') {
      if (this.leader) this.reportAll();
      return;
    }
    // Only followers apply relayed messages. Two leaders that know each other cannot last, because
    // the election messages through which they met also make the younger step down.
    const entry = this.leader ? undefined : this.joined.get(message.serverId);
    if (!entry) return;

    entry.lastHeardAt = Date.now();
    if (message.kind === 'state') {
      entry.reported = message.connection;
      this.connections.set(message.serverId, message.connection);
      return;
    }
    // A follower that marked the server stalled shows the leader's state again once it hears it.
    if (entry.reported && this.connections.get(message.serverId).state !== entry.reported.state) {
      this.connections.set(message.serverId, entry.reported);
    }
    if (message.kind === 'activity') entry.handlers.onActivity(message.data);
    else if (message.kind === 'connected') entry.handlers.onConnected();
  }

  private reportAll(): void {
    for (const serverId of this.joined.keys()) {
      const { state, reason, retryAt } = this.connections.get(serverId);
      this.options.channel?.postMessage({
        kind: 'state',
        serverId,
        connection: { state, reason, retryAt },
      });
    }
  }

  private watchLeaderSilence(): void {
    if (this.silenceTimer !== null) return;
    this.silenceTimer = setInterval(() => this.checkLeaderSilence(), LEADER_SILENCE_MS / 6);
  }

  private checkLeaderSilence(): void {
    const now = Date.now();
    let silent = false;
    for (const [serverId, entry] of this.joined) {
      if (now - entry.lastHeardAt < LEADER_SILENCE_MS) continue;
      silent = true;
      entry.lastHeardAt = now;
      if (this.connections.get(serverId).state !== 'live') continue;
      console.warn(
        `[live] the tab with the stream of ${serverId} has relayed nothing for ${LEADER_SILENCE_MS / 1000} s; polling until it does`,
      );
      this.connections.set(serverId, { state: 'reconnecting', reason: 'stalled', retryAt: null });
    }
    // A leader whose streams are down may rightly be quiet, so the election checks that it is open.
    if (silent) this.options.leadership?.checkLeader();
  }
}

let sharedHub: StreamHub | null = null;

/** Returns this tab's hub, shared by every server section of the page. */
export function getStreamHub(): StreamHub {
  sharedHub ??= new StreamHub(browserSharing());
  return sharedHub;
}

function browserSharing(): StreamHubOptions {
  if (typeof BroadcastChannel === 'undefined') return { channel: null, leadership: null };

  const election = new TabElection(
    new BroadcastChannel(ELECTION_CHANNEL) as unknown as ElectionChannel,
    tabId(),
  );
  // A closing or frozen tab hands the streams on at once; restored, it joins again.
  window.addEventListener('pagehide', () => election.leave());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) election.join();
  });
  document.addEventListener('freeze', () => election.leave());
  document.addEventListener('resume', () => election.join());

  return {
    channel: new BroadcastChannel(STREAM_CHANNEL) as unknown as MessageChannelLike,
    leadership: election,
  };
}

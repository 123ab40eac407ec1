// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from './connection-store';
import { type MessageChannelLike, StreamHub } from './stream-sharing';
import type { StreamSupervisorOptions } from './stream-supervisor';
import { type ElectionChannel, TabElection, tabId } from './tab-election';

// A stand-in for one browser's BroadcastChannels: a message reaches every other open tab on the
// same channel name in a later task, as a copy.
class Browser {
  readonly tabs: Tab[] = [];
  /** While true, no message reaches another tab. */
  partitioned = false;
  /** The kinds of the messages posted on the stream channel, in order. */
  readonly streamPosts: string[] = [];

  openTab(): Tab {
    const tab = new Tab(this, this.tabs.length);
    this.tabs.push(tab);
    return tab;
  }

  broadcast(from: Tab, channel: 'streams' | 'election', message: { kind: string }): void {
    if (channel === 'streams') this.streamPosts.push(message.kind);
    if (this.partitioned) return;
    const copy = structuredClone(message);
    for (const tab of this.tabs) {
      if (tab === from || tab.closed) continue;
      const target = channel === 'streams' ? tab.channel : tab.electionChannel;
      setTimeout(() => target.onmessage?.({ data: copy } as MessageEvent<never>));
    }
  }

  /** Closes a tab as a browser does: `pagehide` first, so the tab posts bye. */
  close(tab: Tab): void {
    tab.election.leave();
    this.crash(tab);
  }

  /** Ends a tab without a word, as a crash or a discarded tab does. */
  crash(tab: Tab): void {
    tab.closed = true;
    for (const supervisor of tab.supervisors) supervisor.stopped = true;
  }
}

class FakeSupervisor {
  started = false;
  stopped = false;
  constructor(readonly options: StreamSupervisorOptions) {}
  start() {
    this.started = true;
  }
  stop() {
    this.stopped = true;
  }
  retryNow() {}
}

class Tab {
  closed = false;
  readonly supervisors: FakeSupervisor[] = [];
  readonly connections = new Map<string, Connection>();
  readonly received: string[] = [];
  connectedCount = 0;
  readonly channel: MessageChannelLike;
  readonly electionChannel: ElectionChannel;
  readonly election: TabElection;
  readonly hub: StreamHub;

  constructor(browser: Browser, index: number) {
    this.channel = {
      onmessage: null,
      postMessage: (message) => browser.broadcast(this, 'streams', message),
    };
    this.electionChannel = {
      onmessage: null,
      postMessage: (message) => browser.broadcast(this, 'election', message),
    };
    // Tabs opened later get later ids, as with real opening times.
    this.election = new TabElection(
      this.electionChannel,
      tabId(1_000 + index, () => 0.5),
    );
    this.hub = new StreamHub({
      channel: this.channel,
      leadership: this.election,
      createSupervisor: (options) => {
        const supervisor = new FakeSupervisor(options);
        this.supervisors.push(supervisor);
        return supervisor;
      },
      connections: {
        get: (serverId) =>
          this.connections.get(serverId) ?? {
            state: 'connecting',
            reason: null,
            retryAt: null,
            lastUpdateAt: null,
          },
        set: (serverId, patch) => {
          const previous = this.connections.get(serverId);
          this.connections.set(serverId, { ...(previous as Connection), ...patch });
        },
      },
    });
  }

  follow(serverId: string): () => void {
    return this.hub.join(serverId, {
      url: `/plex/${serverId}/:/eventsource/notifications`,
      onActivity: (data) => this.received.push(data),
      onConnected: () => {
        this.connectedCount += 1;
      },
      probe: async () => 'ok',
    });
  }

  state(serverId: string) {
    return this.connections.get(serverId)?.state ?? 'connecting';
  }

  get openSupervisors() {
    return this.supervisors.filter((supervisor) => supervisor.started && !supervisor.stopped);
  }
}

// Long enough for posted messages to arrive and for a new tab to decide whether to lead.
const settle = () => vi.advanceTimersByTimeAsync(300);

async function openTabs(browser: Browser, count: number, serverIds = ['main']): Promise<Tab[]> {
  const tabs: Tab[] = [];
  for (let index = 0; index < count; index += 1) {
    const tab = browser.openTab();
    for (const serverId of serverIds) tab.follow(serverId);
    await settle();
    tabs.push(tab);
  }
  return tabs;
}

describe('StreamHub', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets one tab hold the stream', async () => {
    const [first, second, third] = await openTabs(new Browser(), 3);

    expect(first?.hub.isLeader).toBe(true);
    expect(first?.openSupervisors).toHaveLength(1);
    expect(first?.openSupervisors[0]?.options.url).toBe('/plex/main/:/eventsource/notifications');
    expect(second?.hub.isLeader).toBe(false);
    expect(second?.supervisors).toHaveLength(0);
    expect(third?.supervisors).toHaveLength(0);
  });

  it('relays messages, reconnects and states', async () => {
    const [leader, follower] = await openTabs(new Browser(), 2);
    const stream = leader?.openSupervisors[0]?.options;

    stream?.onStateChange('live', null, null);
    stream?.onConnected();
    stream?.onActivity('{"ActivityNotification":{"event":"updated"}}');
    await settle();

    expect(leader?.received).toEqual(['{"ActivityNotification":{"event":"updated"}}']);
    expect(follower?.received).toEqual(['{"ActivityNotification":{"event":"updated"}}']);
    expect(leader?.connectedCount).toBe(1);
    expect(follower?.connectedCount).toBe(1);
    expect(follower?.state('main')).toBe('live');
  });

  it('tells a late tab the state', async () => {
    const browser = new Browser();
    const [leader] = await openTabs(browser, 1);
    leader?.openSupervisors[0]?.options.onStateChange('offline', 'unreachable', 1_234);

    const [late] = await openTabs(browser, 1);
    await settle();

    expect(late?.connections.get('main')).toMatchObject({
      state: 'offline',
      reason: 'unreachable',
      retryAt: 1_234,
    });
  });

  it('hands the streams on at close', async () => {
    const browser = new Browser();
    const [first, second, third] = await openTabs(browser, 3, ['main', 'office']);

    browser.close(first as Tab);
    await settle();

    expect(second?.hub.isLeader).toBe(true);
    expect(second?.openSupervisors.map((supervisor) => supervisor.options.url)).toEqual([
      '/plex/main/:/eventsource/notifications',
      '/plex/office/:/eventsource/notifications',
    ]);
    expect(third?.hub.isLeader).toBe(false);
    expect(third?.supervisors).toHaveLength(0);
  });

  it('replaces a leader that vanished', async () => {
    const browser = new Browser();
    const [first, second, third] = await openTabs(browser, 3);
    first?.openSupervisors[0]?.options.onStateChange('live', null, null);
    await settle();

    browser.crash(first as Tab);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(second?.supervisors).toHaveLength(0);
    expect(second?.state('main')).toBe('live');

    // After 30 s of silence the followers stop claiming Live and check, but the tab is gone.
    await vi.advanceTimersByTimeAsync(8_000);
    expect(second?.hub.isLeader).toBe(true);
    expect(second?.openSupervisors).toHaveLength(1);
    expect(third?.hub.isLeader).toBe(false);
    expect(third?.supervisors).toHaveLength(0);
  });

  it('keeps a quiet leader that answers', async () => {
    const [leader, follower] = await openTabs(new Browser(), 2);
    const stream = leader?.openSupervisors[0]?.options;
    stream?.onStateChange('live', null, null);
    await settle();

    // Pings every 10 s keep the follower live.
    for (let ping = 0; ping < 6; ping += 1) {
      await vi.advanceTimersByTimeAsync(10_000);
      stream?.onPing?.();
    }
    expect(follower?.state('main')).toBe('live');

    await vi.advanceTimersByTimeAsync(40_000);
    expect(follower?.state('main')).toBe('reconnecting');
    expect(follower?.connections.get('main')?.reason).toBe('stalled');
    expect(follower?.hub.isLeader).toBe(false);
    expect(leader?.hub.isLeader).toBe(true);

    stream?.onActivity('{}');
    await settle();
    expect(follower?.state('main')).toBe('live');
  });

  it('relays nothing while alone', async () => {
    const browser = new Browser();
    const [leader] = await openTabs(browser, 1);
    const stream = leader?.openSupervisors[0]?.options;

    const relayed = () =>
      browser.streamPosts.filter((kind) => kind === 'activity' || kind === 'ping');
    stream?.onActivity('{}');
    stream?.onPing?.();
    expect(relayed()).toEqual([]);

    await openTabs(browser, 1);
    stream?.onActivity('{}');
    stream?.onPing?.();
    expect(relayed()).toEqual(['activity', 'ping']);
  });

  it('lets the older of two leaders stay', async () => {
    const browser = new Browser();
    // Opened while no message gets through, each tab leads.
    browser.partitioned = true;
    const [older, younger] = await openTabs(browser, 2);
    browser.partitioned = false;
    expect(older?.hub.isLeader).toBe(true);
    expect(younger?.hub.isLeader).toBe(true);

    // A third tab's hello gets both to reply as leaders, and each hears the other.
    const [third] = await openTabs(browser, 1);
    await settle();

    expect(older?.hub.isLeader).toBe(true);
    expect(younger?.hub.isLeader).toBe(false);
    expect(younger?.openSupervisors).toHaveLength(0);
    expect(third?.hub.isLeader).toBe(false);
  });

  it('leads at once without a channel', () => {
    const supervisors: FakeSupervisor[] = [];
    const hub = new StreamHub({
      channel: null,
      leadership: null,
      createSupervisor: (options) => {
        const supervisor = new FakeSupervisor(options);
        supervisors.push(supervisor);
        return supervisor;
      },
      connections: {
        get: () => ({ state: 'connecting', reason: null, retryAt: null, lastUpdateAt: null }),
        set: () => {},
      },
    });

    hub.join('main', {
      url: '/plex/main/:/eventsource/notifications',
      onActivity: () => {},
      onConnected: () => {},
      probe: async () => 'ok',
    });

    expect(hub.isLeader).toBe(true);
    expect(supervisors.map((supervisor) => supervisor.started)).toEqual([true]);
  });
});

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from './connection-store';
import { backoffDelay, type ProbeResult, StreamSupervisor } from './stream-supervisor';

// A stand-in for the browser's EventSource: jsdom has none, and these tests drive timing by hand.
class FakeEventSource extends EventTarget {
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data = '{}') {
    this.dispatchEvent(
      type === 'open' || type === 'error' ? new Event(type) : new MessageEvent(type, { data }),
    );
  }
}

function setup(probeResults: ProbeResult[] = []) {
  const sources: FakeEventSource[] = [];
  const states: ConnectionState[] = [];
  const activity: string[] = [];
  const onConnected = vi.fn();
  const probe = vi.fn(async () => probeResults.shift() ?? 'ok');
  const supervisor = new StreamSupervisor({
    url: '/plex/:/eventsource/notifications?filters=activity,ping',
    onActivity: (data) => activity.push(data),
    onConnected,
    probe,
    onStateChange: (state) => states.push(state),
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source as unknown as EventSource;
    },
  });
  return { supervisor, sources, states, activity, onConnected, probe };
}

describe('StreamSupervisor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1);
    vi.spyOn(console, 'info').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('goes live on open and re-lists activities', () => {
    const { supervisor, sources, states, onConnected } = setup();

    supervisor.start();
    sources[0]?.emit('open');

    expect(sources).toHaveLength(1);
    expect(states).toEqual(['connecting', 'live']);
    expect(onConnected).toHaveBeenCalledTimes(1);
    supervisor.stop();
  });

  it('passes activity data through and ignores ping', () => {
    const { supervisor, sources, activity } = setup();

    supervisor.start();
    sources[0]?.emit('open');
    sources[0]?.emit('ping', '{}');
    sources[0]?.emit('activity', '{"x":1}');

    expect(activity).toEqual(['{"x":1}']);
    supervisor.stop();
  });

  it('reconnects after 30 s of silence', async () => {
    const { supervisor, sources, states } = setup();
    supervisor.start();
    sources[0]?.emit('open');

    // A ping or an activity at least every 20 s keeps the stream for well past 30 s.
    for (const type of ['activity', 'ping', 'activity', 'ping']) {
      await vi.advanceTimersByTimeAsync(20_000);
      sources[0]?.emit(type);
    }
    expect(sources[0]?.closed).toBe(false);
    expect(states).toEqual(['connecting', 'live']);

    await vi.advanceTimersByTimeAsync(29_999);
    expect(sources[0]?.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources[0]?.closed).toBe(true);
    expect(states.at(-1)).toBe('reconnecting');

    // The retry opens a new stream after the first backoff step.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(2);
    supervisor.stop();
  });

  it('retries with doubling delays and turns offline after four failures', async () => {
    const { supervisor, sources, states } = setup([
      'unreachable',
      'unreachable',
      'unreachable',
      'unreachable',
    ]);
    supervisor.start();

    for (const expectedDelay of [1_000, 2_000, 4_000, 8_000]) {
      sources.at(-1)?.emit('error');
      await vi.advanceTimersByTimeAsync(expectedDelay - 1);
      const before = sources.length;
      await vi.advanceTimersByTimeAsync(1);
      expect(sources.length).toBe(before + 1);
    }

    expect(sources.slice(0, -1).every((source) => source.closed)).toBe(true);
    expect(states.filter((state) => state !== 'connecting')).toEqual([
      'reconnecting',
      'reconnecting',
      'reconnecting',
      'offline',
    ]);
    supervisor.stop();
  });

  it('stays reconnecting while the API answers, however often the stream fails', async () => {
    const { supervisor, sources, states } = setup();
    supervisor.start();

    for (let attempt = 0; attempt < 6; attempt += 1) {
      sources.at(-1)?.emit('error');
      await vi.advanceTimersByTimeAsync(60_000);
    }

    expect(states).not.toContain('offline');
    expect(states.at(-1)).toBe('reconnecting');
    supervisor.stop();
  });

  it('starts the backoff anew after a healthy connection', async () => {
    const { supervisor, sources } = setup();
    supervisor.start();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      sources.at(-1)?.emit('error');
      await vi.advanceTimersByTimeAsync(60_000);
    }
    sources.at(-1)?.emit('open');
    await vi.advanceTimersByTimeAsync(15_000);
    const before = sources.length;

    sources.at(-1)?.emit('error');
    await vi.advanceTimersByTimeAsync(1_000);

    expect(sources.length).toBe(before + 1);
    supervisor.stop();
  });

  it('caps the delay at a minute', () => {
    expect(backoffDelay(1, () => 1)).toBe(1_000);
    expect(backoffDelay(3, () => 1)).toBe(4_000);
    expect(backoffDelay(20, () => 1)).toBe(60_000);
    expect(backoffDelay(20, () => 0)).toBe(30_000);
  });

  it('reconnects when no event arrives for 30 s', async () => {
    const { supervisor, sources, states } = setup();
    supervisor.start();
    sources[0]?.emit('open');

    await vi.advanceTimersByTimeAsync(29_000);
    sources[0]?.emit('ping');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sources[0]?.closed).toBe(false);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources[0]?.closed).toBe(true);
    expect(states.at(-1)).toBe('reconnecting');
    supervisor.stop();
  });

  it('stops retrying on 401 until retryNow', async () => {
    const { supervisor, sources, states } = setup(['unauthorized']);
    supervisor.start();

    sources[0]?.emit('error');
    await vi.advanceTimersByTimeAsync(120_000);

    expect(sources).toHaveLength(1);
    expect(states.at(-1)).toBe('unauthorized');

    supervisor.retryNow();
    sources[1]?.emit('open');
    expect(states.at(-1)).toBe('live');
    supervisor.stop();
  });

  it('retries at once when the browser comes back online', async () => {
    const { supervisor, sources } = setup();
    supervisor.start();
    sources[0]?.emit('error');
    await vi.advanceTimersByTimeAsync(0);

    window.dispatchEvent(new Event('online'));

    expect(sources).toHaveLength(2);
    supervisor.stop();
  });

  it('opens no second stream while one is open', () => {
    const { supervisor, sources } = setup();
    supervisor.start();

    supervisor.retryNow();
    window.dispatchEvent(new Event('online'));

    expect(sources).toHaveLength(1);
    supervisor.stop();
  });
});

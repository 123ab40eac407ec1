// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setConnection } from '../../live/connection-store';
import { ConnectionStatus } from './connection-status';

describe('ConnectionStatus', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it.each([
    [{ state: 'connecting', reason: null, retryAt: null }, 'Connecting…'],
    [{ state: 'live', reason: null, retryAt: null }, 'Live'],
    [
      { state: 'reconnecting', reason: 'stalled', retryAt: 4_000 },
      'Reconnecting: no events for 30 s, retrying in 4 s',
    ],
    [
      { state: 'offline', reason: 'unreachable', retryAt: 30_000 },
      'Offline: the Plex server is unreachable, retrying in 30 s',
    ],
    [
      { state: 'unauthorized', reason: null, retryAt: null },
      'Unauthorized: Plex rejected the token. Check PLEX_TOKEN where the gateway runs.',
    ],
  ] as const)('reads %j as "%s"', (connection, text) => {
    vi.useFakeTimers({ now: 0 });
    act(() => setConnection('home', connection));

    render(<ConnectionStatus serverId="home" serverName="Home" />);

    expect(screen.getByRole('status').textContent).toBe(text);
    expect(screen.getByRole('status').dataset.state).toBe(connection.state);
  });

  it('counts down to the next attempt', () => {
    vi.useFakeTimers({ now: 0 });
    act(() => setConnection('home', { state: 'reconnecting', reason: 'error', retryAt: 3_000 }));
    render(<ConnectionStatus serverId="home" serverName="Home" />);

    act(() => vi.advanceTimersByTime(2_000));

    expect(screen.getByRole('status').textContent).toBe(
      'Reconnecting: the update stream closed, retrying in 1 s',
    );
  });
});

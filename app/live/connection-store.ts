import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'unauthorized';

/** Why the stream is down, when the page knows, in words for the status line. */
export type DownReason = 'unreachable' | 'stalled' | 'error' | null;

interface ConnectionStore {
  state: ConnectionState;
  reason: DownReason;
  /** When the next connection attempt starts, in epoch milliseconds. */
  retryAt: number | null;
  /** When the list last matched the server, by a stream event or a successful fetch. */
  lastUpdateAt: number | null;
}

export const useConnectionStore = create<ConnectionStore>()(() => ({
  state: 'connecting',
  reason: null,
  retryAt: null,
  lastUpdateAt: null,
}));

export function setConnection(patch: Partial<ConnectionStore>): void {
  useConnectionStore.setState(patch);
}

export function markUpdated(at: number): void {
  useConnectionStore.setState({ lastUpdateAt: at });
}

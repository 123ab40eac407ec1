import { create } from 'zustand';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'unauthorized';

/** Cause of a down stream when the page can tell it, worded for the status line. */
export type DownReason = 'unreachable' | 'stalled' | 'error' | null;

/** The live connection to one Plex server. */
export interface Connection {
  state: ConnectionState;
  reason: DownReason;
  /** When the next connection attempt starts, in epoch milliseconds. */
  retryAt: number | null;
  /** When the list last matched the server, by a stream event or a successful fetch. */
  lastUpdateAt: number | null;
}

interface ConnectionStore {
  servers: Readonly<Record<string, Connection>>;
}

const initialConnection: Connection = {
  state: 'connecting',
  reason: null,
  retryAt: null,
  lastUpdateAt: null,
};
// Worst first: the tab shows the state of the server that needs attention most.
const SEVERITY: readonly ConnectionState[] = [
  'unauthorized',
  'offline',
  'reconnecting',
  'connecting',
  'live',
];

export const useConnectionStore = create<ConnectionStore>()(() => ({ servers: {} }));

/** Returns one server's connection, re-rendering only when it changes. */
export function useConnection(serverId: string): Connection {
  return useConnectionStore((store) => store.servers[serverId] ?? initialConnection);
}

export function getConnection(serverId: string): Connection {
  return useConnectionStore.getState().servers[serverId] ?? initialConnection;
}

export function setConnection(serverId: string, patch: Partial<Connection>): void {
  useConnectionStore.setState((store) => ({
    servers: { ...store.servers, [serverId]: { ...getConnection(serverId), ...patch } },
  }));
}

export function markUpdated(serverId: string, at: number): void {
  if (getConnection(serverId).lastUpdateAt === at) return;
  setConnection(serverId, { lastUpdateAt: at });
}

/** Returns the state of the server that needs attention most, or 'connecting' before any. */
export function getWorstState(servers: Readonly<Record<string, Connection>>): ConnectionState {
  const states = Object.values(servers).map((connection) => connection.state);
  return SEVERITY.find((state) => states.includes(state)) ?? 'connecting';
}

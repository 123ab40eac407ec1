import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { startActivityEvents } from './activity-events';

/** Feeds activity starts and ends on every server to the history, the live region and notifications. */
export function useActivityEvents(serverNames: Readonly<Record<string, string>>): void {
  const client = useQueryClient();
  const names = useRef(serverNames);
  names.current = serverNames;

  useEffect(
    () => startActivityEvents(client, (serverId) => names.current[serverId] ?? serverId),
    [client],
  );
}

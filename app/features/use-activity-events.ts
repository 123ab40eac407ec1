import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

/**
 * Starts the history, live-region and notification bookkeeping once its code has loaded. That
 * code is split from the first bundle, so the list shows sooner; ends in the first moments
 * before it arrives are not recorded.
 */
export function useActivityEvents(serverNames: Readonly<Record<string, string>>): void {
  const client = useQueryClient();
  const names = useRef(serverNames);
  names.current = serverNames;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void import('./activity-events').then(({ startActivityEvents }) => {
      if (cancelled) return;
      stop = startActivityEvents(client, (serverId) => names.current[serverId] ?? serverId);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [client]);
}

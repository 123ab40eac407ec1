import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ServerInfo } from '../../api/server-info';
import { getServerName, serversQuery } from '../../api/server-info';
import { useFrozenWhileHidden } from '../../lib/use-page-visible';
import { type ConnectionState, useConnection } from '../../live/connection-store';
import { useLiveActivities } from '../../live/use-live-activities';
import { ActivityList } from '../activities/activity-list';
import { ConnectionStatus } from '../connection/connection-status';
import { StaleNotice } from '../connection/stale-notice';
import { ServerHeading } from './server-heading';

interface ServerSectionProps {
  server: ServerInfo;
  /** False when the page shows only this server, whose name then sits in the page header. */
  showHeading: boolean;
}

/**
 * Renders one Plex server with its own stream, connection status and activities. Each section runs on its
 * own, so a server that is down or refuses the token never holds up another.
 */
export function ServerSection({ server, showHeading }: ServerSectionProps) {
  const activities = useLiveActivities(server.id);
  const { state } = useConnection(server.id);
  // The query stays subscribed so that polling goes on; only the list stops rendering while hidden.
  const shownState = useFrozenWhileHidden(activities.data);
  const name = getServerName(server);
  useNameRefresh(server, state);

  return (
    <section
      aria-label={showHeading ? name : undefined}
      className="flex flex-col gap-3"
      data-server={server.id}
    >
      {showHeading ? (
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-line pb-2">
          <div>
            <h2 className="text-xl font-bold">{name}</h2>
            <ServerHeading info={server} />
          </div>
          <ConnectionStatus serverId={server.id} serverName={name} />
        </header>
      ) : null}
      <StaleNotice serverId={server.id} lastError={activities.error} />
      <ActivityList
        serverId={server.id}
        state={shownState}
        error={activities.error}
        canCancel={!server.readOnly}
        stale={state !== 'live' && state !== 'connecting'}
      />
    </section>
  );
}

// A server that rejected the token at the gateway's last look-up has no name yet. Once its
// stream is live again, the gateway can look the name up.
function useNameRefresh(server: ServerInfo, state: ConnectionState): void {
  const client = useQueryClient();
  const unnamed = server.name === null;

  useEffect(() => {
    if (state === 'live' && unnamed)
      void client.invalidateQueries({ queryKey: serversQuery.queryKey });
  }, [client, state, unnamed]);
}

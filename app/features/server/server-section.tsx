import type { ServerInfo } from '../../api/server-info';
import { getServerName } from '../../api/server-info';
import { useFrozenWhileHidden } from '../../lib/use-page-visible';
import { useConnection } from '../../live/connection-store';
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
 * One Plex server: its own stream, connection status and activities. Each section runs on its
 * own, so a server that is down or refuses the token never holds up another.
 */
export function ServerSection({ server, showHeading }: ServerSectionProps) {
  const activities = useLiveActivities(server.id);
  const { state } = useConnection(server.id);
  // The query stays subscribed so that polling goes on; only the list stops rendering while hidden.
  const shownState = useFrozenWhileHidden(activities.data);
  const name = getServerName(server);

  return (
    <section
      aria-label={showHeading ? name : undefined}
      className="flex flex-col gap-3"
      data-server={server.id}
    >
      {showHeading ? (
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 pb-2 dark:border-slate-800">
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

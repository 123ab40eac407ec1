import { useQuery } from '@tanstack/react-query';
import { serverInfoQuery } from './api/server-info';
import { ActivityList } from './features/activities/activity-list';
import { ConnectionStatus } from './features/connection/connection-status';
import { StaleNotice } from './features/connection/stale-notice';
import { NoticeList } from './features/notices/notice-list';
import { DemoBanner } from './features/server/demo-banner';
import { ServerHeading } from './features/server/server-heading';
import { useConnectionStore } from './live/connection-store';
import { useLiveActivities } from './live/use-live-activities';

export function App() {
  const activities = useLiveActivities();
  const server = useQuery(serverInfoQuery);
  const connection = useConnectionStore((store) => store.state);

  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col gap-4 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight">Plex Activity Monitor</h1>
          <ServerHeading info={server.data} />
        </div>
        <ConnectionStatus />
      </header>
      <main className="flex flex-col gap-3">
        {server.data?.demo ? <DemoBanner /> : null}
        <StaleNotice lastError={activities.error} />
        <NoticeList />
        <ActivityList
          state={activities.data}
          error={activities.error}
          canCancel={server.data ? !server.data.readOnly : false}
          stale={connection !== 'live' && connection !== 'connecting'}
        />
      </main>
    </div>
  );
}

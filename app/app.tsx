import { useQuery } from '@tanstack/react-query';
import { serverInfoQuery } from './api/server-info';
import { ActivityList } from './features/activities/activity-list';
import { ConnectionStatus } from './features/connection/connection-status';
import { StaleNotice } from './features/connection/stale-notice';
import { NoticeList } from './features/notices/notice-list';
import { ServerHeading } from './features/server/server-heading';
import { useLiveActivities } from './live/use-live-activities';

export function App() {
  const activities = useLiveActivities();
  const server = useQuery(serverInfoQuery);

  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col gap-4 px-4 py-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight">Plex Activity Monitor</h1>
          <ServerHeading info={server.data} />
        </div>
        <ConnectionStatus />
      </header>
      <main className="flex flex-col gap-3">
        <StaleNotice />
        <NoticeList />
        <ActivityList
          state={activities.data}
          error={activities.error}
          canCancel={server.data ? !server.data.readOnly : false}
        />
      </main>
    </div>
  );
}

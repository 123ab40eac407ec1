import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { serverInfoQuery } from './api/server-info';
import { ActivityList } from './features/activities/activity-list';
import { LiveAnnouncer } from './features/announcer/live-announcer';
import { ConnectionStatus } from './features/connection/connection-status';
import { StaleNotice } from './features/connection/stale-notice';
import { HistoryPanel } from './features/history/history-panel';
import { NoticeList } from './features/notices/notice-list';
import { DemoBanner } from './features/server/demo-banner';
import { ServerHeading } from './features/server/server-heading';
import { SettingsBar } from './features/settings/settings-bar';
import { useTheme } from './features/settings/use-theme';
import { startTabStatus } from './features/tab-status/tab-status';
import { useActivityEvents } from './features/use-activity-events';
import { useConnectionStore } from './live/connection-store';
import { useLiveActivities } from './live/use-live-activities';

export function App() {
  const client = useQueryClient();
  const activities = useLiveActivities();
  const server = useQuery(serverInfoQuery);
  const connection = useConnectionStore((store) => store.state);
  useActivityEvents();
  useTheme();

  useEffect(() => startTabStatus(client), [client]);

  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col gap-5 px-4 py-6 2xl:max-w-7xl">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight">Plex Activity Monitor</h1>
          <ServerHeading info={server.data} />
        </div>
        <ConnectionStatus />
      </header>
      <main className="flex flex-col gap-5">
        {server.data?.demo ? <DemoBanner /> : null}
        <StaleNotice lastError={activities.error} />
        <NoticeList />
        <ActivityList
          state={activities.data}
          error={activities.error}
          canCancel={server.data ? !server.data.readOnly : false}
          stale={connection !== 'live' && connection !== 'connecting'}
        />
        <HistoryPanel />
      </main>
      <footer className="mt-auto border-t border-slate-200 pt-4 dark:border-slate-800">
        <SettingsBar />
      </footer>
      <LiveAnnouncer />
    </div>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { getServerName, serversQuery } from './api/server-info';
import { LiveAnnouncer } from './features/announcer/live-announcer';
import { ConnectionStatus } from './features/connection/connection-status';
import { HistoryPanel } from './features/history/history-panel';
import { NoticeList } from './features/notices/notice-list';
import { ServerHeading } from './features/server/server-heading';
import { ServerSection } from './features/server/server-section';
import { SettingsBar } from './features/settings/settings-bar';
import { useTheme } from './features/settings/use-theme';
import { startTabStatus } from './features/tab-status/tab-status';
import { useActivityEvents } from './features/use-activity-events';

// Shown only when the gateway runs its built-in simulated servers.
const DemoBanner = lazy(() => import('./features/server/demo-banner'));

export function App() {
  const client = useQueryClient();
  const servers = useQuery(serversQuery);
  const list = servers.data ?? [];
  const single = list.length === 1 ? list[0] : undefined;
  useActivityEvents(Object.fromEntries(list.map((server) => [server.id, getServerName(server)])));
  useTheme();

  useEffect(() => startTabStatus(client), [client]);

  return (
    <div className="mx-auto flex min-h-screen max-w-4xl flex-col gap-5 px-4 py-6 2xl:max-w-7xl">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-bold tracking-tight">Plex Activity Monitor</h1>
          {single ? <ServerHeading info={single} withName /> : null}
        </div>
        {single ? (
          <ConnectionStatus serverId={single.id} serverName={getServerName(single)} />
        ) : null}
      </header>
      <main className="flex flex-col gap-6">
        {list.some((server) => server.demo) ? (
          <Suspense fallback={null}>
            <DemoBanner />
          </Suspense>
        ) : null}
        <NoticeList />
        {servers.isPending ? <p className="text-muted">Looking up the servers…</p> : null}
        {servers.isError && !servers.data ? (
          <p role="alert" className="text-danger">
            Could not ask the gateway which servers to show: {servers.error.message}. Check that it
            is running; this page retries every minute.
          </p>
        ) : null}
        {list.map((server) => (
          <ServerSection key={server.id} server={server} showHeading={!single} />
        ))}
        <HistoryPanel showServer={list.length > 1} />
      </main>
      <footer className="mt-auto border-t border-line pt-4">
        <SettingsBar />
      </footer>
      <LiveAnnouncer />
    </div>
  );
}

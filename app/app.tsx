import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { getServerName, serversQuery } from './api/server-info';
import { LiveAnnouncer } from './features/announcer/live-announcer';
import { ConnectionStatus } from './features/connection/connection-status';
import { ServerHeading } from './features/server/server-heading';
import { ServerSection } from './features/server/server-section';
import { useTheme } from './features/settings/use-theme';
import { useActivityEvents } from './features/use-activity-events';

// Below the list and not needed for the first look, so they load after it.
const HistoryPanel = lazy(() => import('./features/history/history-panel'));
const SettingsBar = lazy(() => import('./features/settings/settings-bar'));
// Shown only for the demo, and only after a cancel whose row is gone.
const DemoBanner = lazy(() => import('./features/server/demo-banner'));
const NoticeList = lazy(() => import('./features/notices/notice-list'));

export function App() {
  const client = useQueryClient();
  const servers = useQuery(serversQuery);
  const list = servers.data ?? [];
  const single = list.length === 1 ? list[0] : undefined;
  useActivityEvents(Object.fromEntries(list.map((server) => [server.id, getServerName(server)])));
  useTheme();

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void import('./features/tab-status/tab-status').then(({ startTabStatus }) => {
      if (!cancelled) stop = startTabStatus(client);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [client]);

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
        <Suspense fallback={null}>
          {list.some((server) => server.demo) ? <DemoBanner /> : null}
          <NoticeList />
        </Suspense>
        {servers.isPending ? (
          <p className="text-slate-600 dark:text-slate-400">Looking up the servers…</p>
        ) : null}
        {servers.isError && !servers.data ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            Could not ask the gateway which servers to show: {servers.error.message}. Check that it
            is running; this page retries every minute.
          </p>
        ) : null}
        {list.map((server) => (
          <ServerSection key={server.id} server={server} showHeading={!single} />
        ))}
        <Suspense fallback={null}>
          <HistoryPanel showServer={list.length > 1} />
        </Suspense>
      </main>
      <footer className="mt-auto border-t border-slate-200 pt-4 dark:border-slate-800">
        <Suspense fallback={null}>
          <SettingsBar />
        </Suspense>
      </footer>
      <LiveAnnouncer />
    </div>
  );
}

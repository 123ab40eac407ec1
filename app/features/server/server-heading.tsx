import type { ServerInfo } from '../../api/server-info';

/** Names the Plex server the page shows, and says plainly when it is the built-in demo. */
export function ServerHeading({ info }: { info: ServerInfo | undefined }) {
  if (!info) return <p className="text-sm text-slate-500">Looking up the server…</p>;

  return (
    <div className="flex flex-col gap-1">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {info.name ?? 'Unnamed Plex server'}
        {info.version ? (
          <span className="ml-2 text-slate-400 dark:text-slate-500">v{info.version}</span>
        ) : null}
        {info.readOnly ? <span className="ml-2 text-slate-500">· read-only</span> : null}
      </p>
      {info.demo ? (
        <p className="rounded-md bg-violet-100 px-3 py-1.5 text-sm text-violet-950 dark:bg-violet-950 dark:text-violet-100">
          Demo: these activities come from a simulated Plex server built into this dashboard. Set
          PLEX_URL and PLEX_TOKEN to watch your own server.
        </p>
      ) : null}
    </div>
  );
}

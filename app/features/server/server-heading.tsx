import type { ServerInfo } from '../../api/server-info';

/** Names the Plex server the page shows, with its version and whether cancelling is off. */
export function ServerHeading({ info }: { info: ServerInfo | undefined }) {
  if (!info)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Looking up the server…</p>;

  return (
    <p className="text-sm text-slate-600 dark:text-slate-400">
      {info.name ?? 'Unnamed Plex server'}
      {info.version ? (
        <span className="ml-2 text-slate-600 dark:text-slate-400">v{info.version}</span>
      ) : null}
      {info.readOnly ? <span className="ml-2">· read-only</span> : null}
      {info.reachable ? null : (
        <span className="ml-2 text-red-700 dark:text-red-400">· not answering</span>
      )}
    </p>
  );
}

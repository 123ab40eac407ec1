import type { ServerInfo } from '../../api/server-info';

/** Renders the server's name and version, and whether cancelling is off or the server is unreachable. */
export function ServerHeading({
  info,
  withName = false,
}: {
  info: ServerInfo;
  withName?: boolean;
}) {
  return (
    <p className="text-sm text-muted">
      {withName ? (info.name ?? info.id) : null}
      {info.version ? (
        <span className={`whitespace-nowrap ${withName ? 'ml-2' : ''}`}>v{info.version}</span>
      ) : null}
      {info.readOnly ? <span className="ml-2">· read-only</span> : null}
      {info.reachable ? null : <span className="ml-2 text-danger">· not answering</span>}
    </p>
  );
}

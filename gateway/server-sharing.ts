import { ActivityListing } from './activity-listing.ts';
import type { GatewayConfig, ServerTarget } from './config.ts';
import { createPlexConnection } from './plex-request.ts';
import { SharedEventStream } from './shared-event-stream.ts';
import { defaultSharingTimings } from './sharing-timings.ts';

/** State that one server's browser clients share: the event stream and the `GET /activities` response. */
export interface ServerSharing {
  eventStream: SharedEventStream;
  listing: ActivityListing;
  /** Ends the shared stream and closes the server's shared connections. */
  close(): void;
}

export function createServerSharing(
  server: ServerTarget,
  config: GatewayConfig,
  warn: (message: string) => void,
): ServerSharing {
  const connection = createPlexConnection(server, config.timeouts);
  const timings = config.sharing ?? defaultSharingTimings;
  const listing = new ActivityListing(connection, timings, warn);
  const eventStream = new SharedEventStream(connection, timings, warn, {
    onOpen: () => listing.streamOpened(),
    onActivity: (data) => listing.applyActivityMessage(data),
    onEnd: () => listing.streamEnded(),
    onUnauthorized: () => listing.invalidate(),
  });

  return {
    eventStream,
    listing,
    close: () => {
      eventStream.shutDown();
      connection.agent.destroy();
    },
  };
}

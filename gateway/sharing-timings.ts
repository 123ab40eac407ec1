/** Timings of the upstream connections that one server's browser clients share. */
export interface SharingTimings {
  /**
   * How long the shared event stream stays open after its last browser client leaves, in
   * milliseconds. A page reload reconnects well within it, so it reuses the open stream.
   */
  closeGraceMs: number;
  /**
   * Maximum age of the full `GET /activities` listing behind the activity mirror, in
   * milliseconds. A browser request after that waits for a new listing.
   */
  listingMaxAgeMs: number;
}

export const defaultSharingTimings = {
  closeGraceMs: 5_000,
  listingMaxAgeMs: 60_000,
} satisfies SharingTimings;

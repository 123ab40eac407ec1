/** Durations of one run; `--quick` shortens them for a smoke run. */
export interface BenchDurations {
  warmUpMs: number;
  burstMs: number;
  sampleMs: number;
  hiddenMs: number;
  tabsMs: number;
  tabCount: number;
  /** Scenario speed of the `day` timeline: 960 plays the day in 90 seconds. */
  daySpeed: number;
}

export interface BurstResult {
  p50Ms: number;
  p95Ms: number;
  /** From the simulator's write to the page's `activity` message event. */
  arrivalP50Ms: number;
  arrivalP95Ms: number;
  /** From the page's `activity` message event to the paint of that value. */
  inPageP50Ms: number;
  inPageP95Ms: number;
  paintedValues: number;
  unmatchedPaints: number;
  updatesSent: number;
  eventsDelivered: number;
  taskMsPerThousand: number;
  scriptMsPerThousand: number;
  longTaskCount: number;
  longTaskMaxMs: number;
  clockRoundTripMs: number;
}

export interface DayResult {
  heapStartBytes: number;
  heapEndBytes: number;
  eventsDelivered: number;
  runSeconds: number;
  taskMsPerThousand: number;
  longTaskCount: number;
  longTaskMaxMs: number;
}

export interface HiddenResult {
  seconds: number;
  bodyMutations: number;
  layouts: number;
  styleRecalcs: number;
  taskMsPerThousand: number;
  titleChanges: number;
  iconChanges: number;
  /** Shortest time between two title or two icon changes, or null with fewer than two. */
  titleMinGapMs: number | null;
  iconMinGapMs: number | null;
}

export interface TabsResult {
  tabs: number;
  /** Tabs of one browser profile that showed a new bar value within 2 s of its send. */
  liveTabsInOneProfile: number;
  seconds: number;
  openUpstreamStreams: number;
  streamOpensWhileOpening: number;
  streamOpensPerHour: number;
  activitiesGetsPerHour: number;
  otherRequestsPerHour: number;
  logFull: boolean;
}

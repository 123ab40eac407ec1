import type { ScenarioContext } from '../timelines.ts';
import { EPISODES, MOVIES, SHOWS } from './catalog.ts';

/** One activity of the day: when it starts, how long it runs and how many updates it sends. */
export interface PlannedActivity {
  startAt: number;
  durationMs: number;
  type: string;
  title: string;
  subtitle: string;
  cancellable: boolean;
  /** Progress -1 from start to end, as intro detection reports it. */
  indeterminate: boolean;
  updates: number;
}

export interface DayPlanOptions {
  activityCount: number;
  /** Every event: one `started`, the updates and one `ended` per activity. */
  eventCount: number;
  dayMs: number;
  seed: number;
}

interface ActivityKind {
  weight: number;
  type: string;
  titles: readonly string[];
  subtitles: readonly string[];
  cancellable: boolean;
  indeterminate: boolean;
  updates: [minimum: number, maximum: number];
  durationSeconds: [minimum: number, maximum: number];
}

export const BUSY_DAY: DayPlanOptions = {
  activityCount: 10_000,
  eventCount: 100_000,
  dayMs: 24 * 60 * 60_000,
  seed: 20_240_601,
};

const MOVIE_TITLES = MOVIES.map((movie) => movie.title);
const SHOW_TITLES = SHOWS.map((show) => show.title);

/** The mix of a busy server's day. Refreshes are many and short, scans few and long. */
const KINDS: readonly ActivityKind[] = [
  kind(35, 'library.refresh.items', ['Refreshing'], ['Checking files'], [1, 3], [3, 20]),
  kind(25, 'library.update.item.metadata', ['Updating metadata'], MOVIE_TITLES, [5, 10], [15, 30]),
  kind(
    15,
    'media.generate.bif',
    ['Generating video preview thumbnails'],
    MOVIE_TITLES,
    [15, 30],
    [60, 360],
  ),
  kind(
    8,
    'library.update.section',
    ['Scanning Movies', 'Scanning TV Shows', 'Scanning Music'],
    [...MOVIE_TITLES, ...SHOW_TITLES],
    [10, 40],
    [60, 600],
  ),
  kind(5, 'media.generate.intros', ['Detecting intros'], EPISODES, [3, 8], [60, 240], {
    indeterminate: true,
  }),
  kind(5, 'media.generate.credits', ['Detecting credits'], EPISODES, [5, 10], [60, 240]),
  kind(4, 'media.download', ['Downloading Media'], MOVIE_TITLES, [10, 40], [60, 480]),
  kind(2, 'provider.subscriptions.process', ['Processing subscriptions'], [''], [1, 3], [10, 60], {
    cancellable: true,
  }),
  kind(1, 'provider.epg.load', ['Refreshing EPG'], ['Downloaded 173 airings'], [5, 15], [60, 300]),
];

/** Relative number of starts in each hour of the day: quiet at night, maintenance 02 to 05. */
const HOUR_WEIGHTS = [2, 2, 6, 6, 6, 2, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 5, 6, 6, 5, 4, 3];

/**
 * Plans a day of activities with exactly `activityCount` activities and `eventCount` events,
 * sorted by start time. The same options always give the same plan.
 */
export function planBusyDay(options: DayPlanOptions = BUSY_DAY): PlannedActivity[] {
  const random = seededRandom(options.seed);
  const hourMs = options.dayMs / HOUR_WEIGHTS.length;
  // Durations are written for a 24-hour day and shrink with a shorter one.
  const durationScale = options.dayMs / BUSY_DAY.dayMs;
  const plan: PlannedActivity[] = [];

  for (let index = 0; index < options.activityCount; index += 1) {
    const chosen = pickWeighted(KINDS, random);
    const hour = pickWeightedIndex(HOUR_WEIGHTS, random);
    plan.push({
      startAt: (hour + random()) * hourMs,
      durationMs: between(chosen.durationSeconds, random) * 1_000 * durationScale,
      type: chosen.type,
      title: pickFrom(chosen.titles, random),
      subtitle: pickFrom(chosen.subtitles, random),
      cancellable: chosen.cancellable,
      indeterminate: chosen.indeterminate,
      updates: Math.round(between(chosen.updates, random)),
    });
  }

  fitUpdateTotal(plan, options.eventCount - 2 * options.activityCount);
  return plan.sort((first, second) => first.startAt - second.startAt);
}

/** Runs the busy day, by default at real time: pass a speed such as 1440 for one minute. */
export async function runBusyDay(context: ScenarioContext): Promise<void> {
  await runDayPlan(context, planBusyDay());
}

export async function runDayPlan(
  context: ScenarioContext,
  plan: readonly PlannedActivity[],
): Promise<void> {
  for (const planned of plan) {
    await sleepUntil(context, planned.startAt);
    context.spawn(() => runPlannedActivity(context, planned));
  }
}

async function runPlannedActivity(context: ScenarioContext, planned: PlannedActivity) {
  const job = context.startActivity({
    type: planned.type,
    cancellable: planned.cancellable,
    title: planned.title,
    subtitle: planned.subtitle,
    progress: planned.indeterminate ? -1 : 0,
  });

  const steps = planned.updates + 1;
  for (let step = 1; step < steps; step += 1) {
    await sleepUntil(context, planned.startAt + (planned.durationMs * step) / steps);
    job.update({ progress: planned.indeterminate ? -1 : Math.round((step * 100) / steps) });
  }

  await sleepUntil(context, planned.startAt + planned.durationMs);
  job.end({ progress: planned.indeterminate ? -1 : 100 });
}

/** Sleeps until a scenario time, so that late timers do not push the rest of the day back. */
async function sleepUntil(context: ScenarioContext, scenarioMs: number): Promise<void> {
  const wait = scenarioMs - context.now();
  if (wait > 0) {
    await context.sleep(wait);
  }
}

/** Scales the planned update counts so that they add up to `total` exactly. */
function fitUpdateTotal(plan: PlannedActivity[], total: number): void {
  const planned = plan.reduce((sum, activity) => sum + activity.updates, 0);
  if (planned === 0 || total < 0) {
    throw new Error(`Cannot fit ${planned} planned updates to a total of ${total}`);
  }

  for (const activity of plan) {
    activity.updates = Math.round((activity.updates * total) / planned);
  }

  let remainder = total - plan.reduce((sum, activity) => sum + activity.updates, 0);
  for (let index = 0; remainder !== 0 && index < plan.length * 4; index += 1) {
    const activity = plan[index % plan.length];
    if (activity === undefined || (remainder < 0 && activity.updates === 0)) {
      continue;
    }
    activity.updates += Math.sign(remainder);
    remainder -= Math.sign(remainder);
  }
}

function kind(
  weight: number,
  type: string,
  titles: readonly string[],
  subtitles: readonly string[],
  updates: [number, number],
  durationSeconds: [number, number],
  flags: Partial<Pick<ActivityKind, 'cancellable' | 'indeterminate'>> = {},
): ActivityKind {
  return {
    weight,
    type,
    titles,
    subtitles,
    cancellable: flags.cancellable ?? false,
    indeterminate: flags.indeterminate ?? false,
    updates,
    durationSeconds,
  };
}

/** Mulberry32, a small 32-bit generator: deterministic plans, not cryptographic. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function between([minimum, maximum]: [number, number], random: () => number): number {
  return minimum + random() * (maximum - minimum);
}

function pickFrom<Item>(items: readonly Item[], random: () => number): Item {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) {
    throw new Error('pickFrom needs at least one item');
  }
  return item;
}

function pickWeighted<Item extends { weight: number }>(
  items: readonly Item[],
  random: () => number,
): Item {
  const index = pickWeightedIndex(
    items.map((item) => item.weight),
    random,
  );
  return pickFrom(items.slice(index, index + 1), random);
}

function pickWeightedIndex(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random() * total;
  for (const [index, weight] of weights.entries()) {
    target -= weight;
    if (target < 0) {
      return index;
    }
  }
  return weights.length - 1;
}

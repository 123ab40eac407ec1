import type { ScenarioContext } from '../timelines.ts';
import { MOVIES } from './catalog.ts';

export const BURST_ACTIVITY_COUNT = 200;
export const BURST_EVENTS_PER_SECOND = 1_000;
const TICK_MS = 5;
/** Maximum length of a run in scenario time, for a timeline that no control call stops. */
const MAX_RUN_MS = 10 * 60_000;

/**
 * Load for benchmarks: starts BURST_ACTIVITY_COUNT thumbnail jobs, then sends
 * BURST_EVENTS_PER_SECOND `updated` events each scenario second, one activity after the other,
 * until the timeline stops (at most MAX_RUN_MS). Each update raises that activity's progress by
 * one whole percent, from 1 to 100 and then from 1 again. The rate follows the scenario clock,
 * so a late tick catches up instead of lowering it.
 */
export async function runBurst(context: ScenarioContext): Promise<void> {
  const jobs = Array.from({ length: BURST_ACTIVITY_COUNT }, (_, index) =>
    context.startActivity({
      type: 'media.generate.bif',
      cancellable: false,
      title: 'Generating video preview thumbnails',
      subtitle: MOVIES[index % MOVIES.length]?.title ?? '',
      progress: 0,
    }),
  );

  const startedAt = context.now();
  let sent = 0;
  while (context.now() - startedAt < MAX_RUN_MS) {
    await context.sleep(TICK_MS);
    const due = Math.floor(((context.now() - startedAt) * BURST_EVENTS_PER_SECOND) / 1_000);
    for (; sent < due; sent += 1) {
      const round = Math.floor(sent / jobs.length);
      jobs[sent % jobs.length]?.update({ progress: (round % 100) + 1 });
    }
  }
}

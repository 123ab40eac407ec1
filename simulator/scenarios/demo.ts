import type { ScenarioContext } from '../timelines.ts';
import { ALBUMS, MOVIES, pickOne, randomBetween, SHOWS } from './catalog.ts';
import { refreshItem, refreshWhileBrowsing } from './item-refresh.ts';
import { MOVIES_SCAN, MUSIC_SCAN, scanSection, TV_SCAN } from './library-scan.ts';
import { detectCredits, detectIntros, generateThumbnails } from './media-analysis.ts';
import { downloadMedia, loadProgramGuide, processSubscriptions } from './provider-tasks.ts';
import { sendStreamNoise } from './stream-noise.ts';

/**
 * Endless mix of work, staggered so that about two to six activities run at once and
 * something changes every second at speed 1. Three lanes loop side by side: library
 * scans and refreshes, per-item media jobs, and short background tasks. A fourth sends
 * the notifications an activity client must ignore.
 */
export async function runDemo(context: ScenarioContext): Promise<void> {
  context.spawn(() => runLibraryLane(context));
  context.spawn(() => runMediaLane(context));
  context.spawn(() => runBackgroundLane(context));
  context.spawn(() => sendStreamNoise(context));
}

async function runLibraryLane(context: ScenarioContext): Promise<void> {
  const steps = [
    () => scanSection(context, MOVIES_SCAN),
    () => refreshItem(context, pickOne(MOVIES)),
    () => scanSection(context, TV_SCAN),
    () => refreshItem(context, pickOne(SHOWS)),
    () => scanSection(context, MUSIC_SCAN),
  ];

  for (let round = 0; ; round += 1) {
    const step = steps[round % steps.length];
    if (step !== undefined) {
      await context.perform(step);
    }
    await context.sleep(randomBetween(4_000, 8_000));
  }
}

async function runMediaLane(context: ScenarioContext): Promise<void> {
  const jobs = [
    () => downloadMedia(context, pickOne(MOVIES)),
    () => generateThumbnails(context, pickOne(MOVIES)),
    () => detectCredits(context),
    () => generateThumbnails(context, pickOne(MOVIES)),
    () => detectIntros(context),
  ];

  for (let round = 0; ; round += 1) {
    const job = jobs[round % jobs.length];
    if (job !== undefined) {
      await context.perform(job);
    }
    await context.sleep(randomBetween(1_000, 3_000));
  }
}

async function runBackgroundLane(context: ScenarioContext): Promise<void> {
  await context.sleep(1_500);

  for (let round = 0; ; round += 1) {
    if (round % 4 === 1) {
      context.spawn(() => processSubscriptions(context));
    } else if (round % 7 === 5) {
      context.spawn(() => loadProgramGuide(context));
    } else {
      context.spawn(() => refreshWhileBrowsing(context, pickOne([...MOVIES, ...ALBUMS])));
    }
    await context.sleep(randomBetween(5_000, 12_000));
  }
}

import type { ScenarioContext } from '../timelines.ts';
import { EPISODES, type LibraryItem, randomBetween } from './catalog.ts';

/** Generates preview thumbnails for one item, with progress rising every second. */
export async function generateThumbnails(
  context: ScenarioContext,
  item: LibraryItem,
): Promise<void> {
  const job = context.startActivity({
    type: 'media.generate.bif',
    cancellable: false,
    title: 'Generating video preview thumbnails',
    subtitle: item.title,
    progress: 0,
  });

  let progress = 0;
  while (progress < 100) {
    await context.sleep(1_000);
    progress = Math.min(100, progress + randomBetween(3, 8));
    if (progress < 100) {
      job.update({ progress });
    }
  }
  job.end({ progress: 100 });
}

/**
 * Detects intros episode by episode. Its progress is -1 (indeterminate) from `started`
 * through `ended`, so only the subtitle moves.
 */
export async function detectIntros(context: ScenarioContext): Promise<void> {
  const job = context.startActivity({
    type: 'media.generate.intros',
    cancellable: false,
    title: 'Detecting intros',
    subtitle: '',
    progress: -1,
  });

  for (const episode of EPISODES) {
    await context.sleep(randomBetween(1_500, 2_500));
    job.update({ subtitle: episode });
  }

  await context.sleep(randomBetween(1_500, 2_500));
  job.end();
}

/** Detects credits episode by episode, with progress following the episode count. */
export async function detectCredits(context: ScenarioContext): Promise<void> {
  const job = context.startActivity({
    type: 'media.generate.credits',
    cancellable: false,
    title: 'Detecting credits',
    subtitle: '',
    progress: 0,
  });

  for (const [index, episode] of EPISODES.entries()) {
    await context.sleep(randomBetween(1_000, 2_000));
    job.update({ subtitle: episode, progress: Math.round((index * 100) / EPISODES.length) });
  }

  await context.sleep(randomBetween(1_000, 2_000));
  job.end({ progress: 100 });
}

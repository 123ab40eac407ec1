import type { ScenarioContext } from '../timelines.ts';
import { type LibraryItem, randomBetween } from './catalog.ts';

/**
 * Processes subscriptions as captured: cancellable, an empty subtitle, no Context and
 * progress 0 for several seconds until `ended` brings 100.
 */
export async function processSubscriptions(context: ScenarioContext): Promise<void> {
  const job = context.startActivity({
    type: 'provider.subscriptions.process',
    cancellable: true,
    title: 'Processing subscriptions',
    subtitle: '',
    progress: 0,
  });

  await context.sleep(randomBetween(6_000, 10_000));
  job.end({ progress: 100 });
}

/** Downloads one item. It can be cancelled, and progress rises every second. */
export async function downloadMedia(context: ScenarioContext, item: LibraryItem): Promise<void> {
  const job = context.startActivity({
    type: 'media.download',
    cancellable: true,
    title: 'Downloading Media',
    subtitle: item.title,
    progress: 0,
  });

  let progress = 0;
  while (progress < 100) {
    await context.sleep(1_000);
    progress = Math.min(100, progress + randomBetween(2, 6));
    if (progress < 100) {
      job.update({ progress });
    }
  }
  job.end({ progress: 100 });
}

/** Loads the electronic program guide, counting the airings it has downloaded. */
export async function loadProgramGuide(context: ScenarioContext): Promise<void> {
  const job = context.startActivity({
    type: 'provider.epg.load',
    cancellable: false,
    title: 'Refreshing EPG',
    subtitle: '',
    progress: 0,
  });

  const steps = 8;
  let airings = 0;
  for (let step = 1; step <= steps; step += 1) {
    await context.sleep(randomBetween(800, 1_400));
    airings += randomBetween(15, 30);
    job.update({
      subtitle: `Downloaded ${airings} airings`,
      progress: Math.round((step * 100) / (steps + 1)),
    });
  }

  await context.sleep(1_000);
  job.end({ progress: 100 });
}

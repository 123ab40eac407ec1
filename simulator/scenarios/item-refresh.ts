import type { ScenarioContext } from '../timelines.ts';
import { type LibraryItem, randomBetween } from './catalog.ts';

/**
 * Refreshes an item's metadata in the captured steps: "" → "Checking files" →
 * "Refreshing local metadata" (33) → "Augmenting metadata" (66) → `ended` at 100.
 * Context with the item's key only arrives with the third step.
 */
export async function refreshItem(context: ScenarioContext, item: LibraryItem): Promise<void> {
  const refresh = context.startActivity({
    type: 'library.refresh.items',
    cancellable: false,
    title: 'Refreshing',
    subtitle: '',
    progress: 0,
  });
  await context.sleep(randomBetween(700, 1_000));

  refresh.update({ subtitle: 'Checking files' });
  await context.sleep(randomBetween(1_200, 2_000));

  refresh.update({
    subtitle: 'Refreshing local metadata',
    progress: 33,
    Context: {
      accessible: true,
      exists: true,
      key: `/library/metadata/${item.metadataId}/children`,
    },
  });
  await context.sleep(randomBetween(1_500, 2_500));

  refresh.update({ subtitle: 'Augmenting metadata', progress: 66 });
  await context.sleep(randomBetween(2_000, 3_000));

  refresh.end({ progress: 100 });
}

/**
 * Refresh started by someone opening an item in Plex Web. It carries
 * `Context.refreshed: false`, stays at progress 0 and ends within about two seconds.
 */
export async function refreshWhileBrowsing(
  context: ScenarioContext,
  item: LibraryItem,
): Promise<void> {
  const refresh = context.startActivity({
    type: 'library.refresh.items',
    cancellable: false,
    title: 'Refreshing',
    subtitle: '',
    progress: 0,
    Context: { key: `/library/metadata/${item.metadataId}`, refreshed: false },
  });
  await context.sleep(randomBetween(400, 800));

  refresh.update({ subtitle: 'Checking files' });
  await context.sleep(randomBetween(600, 1_200));

  // A capture shows progress staying at 0 until `ended` brings 100.
  refresh.end({ progress: 100 });
}

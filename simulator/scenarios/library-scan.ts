import type { ScenarioContext } from '../timelines.ts';
import { ALBUMS, type LibraryItem, MOVIES, pickSome, randomBetween, SHOWS } from './catalog.ts';

export interface ScanTarget {
  sectionKey: string;
  sectionTitle: string;
  /** The id as Context carries it. Servers send it as a string or as a number. */
  contextSectionId: string | number;
  items: readonly LibraryItem[];
}

export const MOVIES_SCAN: ScanTarget = {
  sectionKey: '1',
  sectionTitle: 'Movies',
  contextSectionId: '1',
  items: MOVIES.slice(0, 6),
};

export const TV_SCAN: ScanTarget = {
  sectionKey: '2',
  sectionTitle: 'TV Shows',
  contextSectionId: 2,
  items: SHOWS,
};

export const MUSIC_SCAN: ScanTarget = {
  sectionKey: '3',
  sectionTitle: 'Music',
  contextSectionId: '3',
  items: ALBUMS,
};

const TRAILING_METADATA_COUNT = 2;

/**
 * Scans a section the way PMS reports it: `started` with an empty subtitle, progress 0
 * and no Context. About a second later Context arrives with the section id, and the
 * subtitle walks through the items while progress climbs. `ended` brings 100. After
 * that, metadata updates for some of the items keep running for tens of seconds.
 *
 * With `stallAtItem`, the scan stops changing at that item and stays until the
 * timeline stops, like a scan stuck on one file.
 */
export async function scanSection(
  context: ScenarioContext,
  target: ScanTarget,
  stallAtItem?: number,
): Promise<void> {
  const scan = context.startActivity(
    {
      type: 'library.update.section',
      cancellable: false,
      title: `Scanning ${target.sectionTitle}`,
      subtitle: '',
      progress: 0,
    },
    { sectionKey: target.sectionKey },
  );
  await context.sleep(1_000);

  for (const [index, item] of target.items.entries()) {
    scan.update({
      subtitle: item.title,
      progress: Math.round((index * 100) / target.items.length),
      Context: { librarySectionID: target.contextSectionId },
    });
    if (index === stallAtItem) {
      await context.waitUntilStopped();
    }
    await context.sleep(randomBetween(1_000, 1_600));
  }
  scan.end({ progress: 100 });

  for (const item of pickSome(target.items, TRAILING_METADATA_COUNT)) {
    context.spawn(() => updateItemMetadata(context, item));
  }
}

/** Runs one `library.update.item.metadata` activity for 15 to 30 seconds. */
export async function updateItemMetadata(
  context: ScenarioContext,
  item: LibraryItem,
): Promise<void> {
  const update = context.startActivity({
    type: 'library.update.item.metadata',
    cancellable: false,
    title: 'Updating metadata',
    subtitle: item.title,
    progress: 0,
    Context: { key: `/library/metadata/${item.metadataId}` },
  });

  const steps = randomBetween(6, 10);
  for (let step = 1; step < steps; step += 1) {
    await context.sleep(randomBetween(2_000, 3_000));
    update.update({ progress: Math.round((step * 100) / steps) });
  }

  await context.sleep(randomBetween(2_000, 3_000));
  update.end({ progress: 100 });
}

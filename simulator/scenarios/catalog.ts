/** Invented library content for the scenarios. Every title is neutral and made up. */

export interface LibraryItem {
  title: string;
  metadataId: number;
}

export const MOVIES: readonly LibraryItem[] = [
  { title: 'Example Movie One (2008)', metadataId: 2101 },
  { title: 'Example Movie Two (2011)', metadataId: 2102 },
  { title: 'Example Movie Three (2013)', metadataId: 2103 },
  { title: 'Example Movie Four (2016)', metadataId: 2104 },
  { title: 'Example Movie Five (2019)', metadataId: 2105 },
  { title: 'Example Movie Six (2021)', metadataId: 2106 },
  { title: 'Example Movie Seven (2023)', metadataId: 2107 },
  { title: 'Example Movie Eight (2024)', metadataId: 2108 },
];

export const SHOWS: readonly LibraryItem[] = [
  { title: 'Example Show', metadataId: 3071 },
  { title: 'Another Example Show', metadataId: 3150 },
  { title: 'Example Documentary Series', metadataId: 3222 },
];

export const EPISODES: readonly string[] = [
  'Example Show - S01E01 - Pilot',
  'Example Show - S01E02 - The Second Day',
  'Example Show - S01E03 - Crossing Over',
  'Example Show - S01E04 - Open Water',
  'Example Show - S01E05 - Homecoming',
  'Example Show - S01E06 - Last Light',
];

export const ALBUMS: readonly LibraryItem[] = [
  { title: 'Example Artist - Example Album', metadataId: 4410 },
  { title: 'Example Band - First Recordings', metadataId: 4455 },
  { title: 'Example Quartet - Live at the Hall', metadataId: 4502 },
];

/** Returns a whole number in [minimum, maximum]. */
export function randomBetween(minimum: number, maximum: number): number {
  return minimum + Math.floor(Math.random() * (maximum - minimum + 1));
}

export function pickOne<Item>(items: readonly Item[]): Item {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) {
    throw new Error('pickOne needs at least one item');
  }
  return item;
}

/** Returns `count` distinct items in random order, or all of them if there are fewer. */
export function pickSome<Item>(items: readonly Item[], count: number): Item[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other] as Item, shuffled[index] as Item];
  }
  return shuffled.slice(0, count);
}

import type { Scenario } from '../timelines.ts';
import { runBurst } from './burst.ts';
import { runBusyDay } from './busy-day.ts';
import { MOVIES, pickOne, SHOWS } from './catalog.ts';
import { runDemo } from './demo.ts';
import { refreshItem, refreshWhileBrowsing } from './item-refresh.ts';
import { MOVIES_SCAN, scanSection, TV_SCAN } from './library-scan.ts';
import { detectCredits, detectIntros, generateThumbnails } from './media-analysis.ts';
import { downloadMedia, loadProgramGuide, processSubscriptions } from './provider-tasks.ts';
import { sendStreamNoise } from './stream-noise.ts';

/** Index of the Movies item at which the `stuck-scan` scenario stops moving. */
const STUCK_SCAN_ITEM = 3;

/** Every scenario that `--scenario` and `POST /__simulator/scenario` accept, by name. */
export const SCENARIOS = {
  demo: runDemo,
  idle: async () => {},
  scan: (context) => scanSection(context, MOVIES_SCAN),
  'scan-tv': (context) => scanSection(context, TV_SCAN),
  'stuck-scan': (context) => scanSection(context, MOVIES_SCAN, STUCK_SCAN_ITEM),
  refresh: (context) => refreshItem(context, pickOne(SHOWS)),
  browse: (context) => refreshWhileBrowsing(context, pickOne(MOVIES)),
  thumbnails: (context) => generateThumbnails(context, pickOne(MOVIES)),
  intros: detectIntros,
  credits: detectCredits,
  subscriptions: processSubscriptions,
  download: (context) => downloadMedia(context, pickOne(MOVIES)),
  epg: loadProgramGuide,
  noise: sendStreamNoise,
  burst: runBurst,
  day: runBusyDay,
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

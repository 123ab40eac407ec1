import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium.ts';
import { type InitialAssets, measureInitialAssets } from './metrics.ts';
import { type BenchResults, describeMachine, renderMarkdown, renderTable } from './report.ts';
import { runBurst, runHidden } from './scenario-burst.ts';
import { runDay } from './scenario-day.ts';
import type { BenchDurations } from './scenario-results.ts';
import { runManyTabs } from './scenario-tabs.ts';
import {
  BENCH_DIST,
  DASHBOARD_DIST,
  type PageKind,
  REPO_DIR,
  startBenchServers,
} from './servers.ts';

const FULL: BenchDurations = {
  warmUpMs: 5_000,
  burstMs: 30_000,
  sampleMs: 5_000,
  hiddenMs: 30_000,
  tabsMs: 60_000,
  tabCount: 10,
  daySpeed: 960,
};

const QUICK: BenchDurations = {
  warmUpMs: 2_000,
  burstMs: 8_000,
  sampleMs: 2_000,
  hiddenMs: 8_000,
  tabsMs: 10_000,
  tabCount: 10,
  daySpeed: 4_320,
};

const quick = process.argv.includes('--quick');
const durations = quick ? QUICK : FULL;
const PAGES: readonly PageKind[] = ['dashboard', 'baseline'];

const startedAt = new Date();
const servers = await startBenchServers();
// The same browser and flags as the end-to-end tests.
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const burst = await forEachPage('burst', (kind) => runBurst(browser, servers, kind, durations));
  const day = await forEachPage('day', (kind) => runDay(browser, servers, kind, durations));
  const hidden = await forEachPage('hidden tab', (kind) =>
    runHidden(browser, servers, kind, durations),
  );
  const tabs = await forEachPage('many tabs', (kind) =>
    runManyTabs(browser, servers, kind, durations),
  );
  const assets: Record<PageKind, InitialAssets> = {
    dashboard: await measureInitialAssets(DASHBOARD_DIST),
    baseline: await measureInitialAssets(BENCH_DIST),
  };

  const results: BenchResults = {
    quick,
    durations,
    startedAt,
    finishedAt: new Date(),
    machine: await describeMachine(browser.version()),
    burst,
    day,
    hidden,
    tabs,
    assets,
  };
  console.log(renderTable(results));
  await writeFile(join(BENCH_DIST, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  // A quick run is a smoke test, so its page stays out of docs/.
  const reportPath = quick
    ? join(BENCH_DIST, 'benchmark-quick.md')
    : join(REPO_DIR, 'docs', 'benchmark.md');
  await writeFile(reportPath, renderMarkdown(results));
  console.log(`[bench] wrote ${reportPath} and ${join(BENCH_DIST, 'results.json')}`);
} finally {
  await browser.close();
  await servers.close();
}

/** Runs a scenario for the dashboard, then for the baseline, logging each step. */
async function forEachPage<Result>(
  name: string,
  run: (kind: PageKind) => Promise<Result>,
): Promise<Record<PageKind, Result>> {
  const results: Partial<Record<PageKind, Result>> = {};
  for (const kind of PAGES) {
    const stepStart = Date.now();
    console.log(`[bench] ${name}: ${kind}…`);
    results[kind] = await run(kind);
    console.log(
      `[bench] ${name}: ${kind} done in ${((Date.now() - stepStart) / 1_000).toFixed(0)} s`,
    );
  }
  return results as Record<PageKind, Result>;
}

import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import type { BenchProbe } from './page-probe-types.ts';
import { BENCH_DIST } from './servers.ts';

const PROBE_SCRIPT = join(BENCH_DIST, 'page-probe.js');
const STREAM_OPEN_TIMEOUT_MS = 15_000;

export interface BenchPage {
  page: Page;
  cdp: CDPSession;
}

/** Creates a browser context with the page probe installed, so that no two runs share a cache. */
export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ path: PROBE_SCRIPT });
  return context;
}

/** Opens `url` and waits until its event stream is open. */
export async function openBenchPage(context: BrowserContext, url: string): Promise<BenchPage> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);

  // Polled with plain evaluate: waitForFunction compiles a string with eval, which the
  // gateway's Content-Security-Policy forbids.
  const deadline = Date.now() + STREAM_OPEN_TIMEOUT_MS;
  while ((await readProbe(page, 'streamOpens')) < 1) {
    if (Date.now() > deadline) {
      throw new Error(
        `The page at ${url} opened no event stream within ${STREAM_OPEN_TIMEOUT_MS} ms`,
      );
    }
    await sleep(50);
  }
  return { page, cdp };
}

/** Reads one field of the page's `window.__bench`. */
export async function readProbe<Key extends keyof BenchProbe>(
  page: Page,
  key: Key,
): Promise<BenchProbe[Key]> {
  return (await page.evaluate(`window.__bench.${key}`)) as BenchProbe[Key];
}

export async function callProbe(page: Page, call: string): Promise<void> {
  await page.evaluate(`window.__bench.${call}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { busyMsPerThousand, type ChromiumMetrics, median, readChromiumMetrics } from './metrics.ts';
import { type BenchPage, readProbe, sleep } from './pages.ts';

export interface MainThreadSamples {
  events: number;
  /** Medians over the sample intervals. */
  taskMsPerThousand: number;
  scriptMsPerThousand: number;
}

/** Reads Chromium's metrics and the page's event count every `sampleMs` for `totalMs`. */
export async function sampleMainThread(
  bench: BenchPage,
  totalMs: number,
  sampleMs: number,
): Promise<MainThreadSamples> {
  const readings: { metrics: ChromiumMetrics; events: number }[] = [];
  const read = async () => ({
    metrics: await readChromiumMetrics(bench.cdp),
    events: await readProbe(bench.page, 'activityEvents'),
  });

  readings.push(await read());
  const intervals = Math.max(1, Math.round(totalMs / sampleMs));
  for (let interval = 0; interval < intervals; interval += 1) {
    await sleep(sampleMs);
    readings.push(await read());
  }

  const taskValues: number[] = [];
  const scriptValues: number[] = [];
  for (let index = 1; index < readings.length; index += 1) {
    const start = readings[index - 1];
    const end = readings[index];
    if (start === undefined || end === undefined) {
      continue;
    }
    const events = end.events - start.events;
    taskValues.push(busyMsPerThousand(start.metrics, end.metrics, events, 'TaskDuration'));
    scriptValues.push(busyMsPerThousand(start.metrics, end.metrics, events, 'ScriptDuration'));
  }

  const first = readings[0]?.events ?? 0;
  const last = readings.at(-1)?.events ?? 0;
  return {
    events: last - first,
    taskMsPerThousand: median(taskValues),
    scriptMsPerThousand: median(scriptValues),
  };
}

export async function longTasksBetween(bench: BenchPage, fromPageMs: number, toPageMs: number) {
  const tasks = (await readProbe(bench.page, 'longTasks')).filter(
    ([startAt]) => startAt >= fromPageMs && startAt <= toPageMs,
  );
  return {
    count: tasks.length,
    maxMs: tasks.reduce((maximum, [, duration]) => Math.max(maximum, duration), 0),
  };
}

export async function readHiddenCounters(bench: BenchPage) {
  return {
    metrics: await readChromiumMetrics(bench.cdp),
    bodyMutations: await readProbe(bench.page, 'bodyMutations'),
    events: await readProbe(bench.page, 'activityEvents'),
  };
}

export function minimumGap(times: readonly number[]): number | null {
  let gap: number | null = null;
  for (let index = 1; index < times.length; index += 1) {
    const difference = (times[index] ?? 0) - (times[index - 1] ?? 0);
    gap = gap === null ? difference : Math.min(gap, difference);
  }
  return gap;
}

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { InitialAssets } from './metrics.ts';
import type {
  BenchDurations,
  BurstResult,
  DayResult,
  HiddenResult,
  TabsResult,
} from './scenario-results.ts';
import type { PageKind } from './servers.ts';

export interface BenchResults {
  quick: boolean;
  durations: BenchDurations;
  startedAt: Date;
  finishedAt: Date;
  machine: MachineInfo;
  burst: Record<PageKind, BurstResult>;
  day: Record<PageKind, DayResult>;
  hidden: Record<PageKind, HiddenResult>;
  tabs: Record<PageKind, TabsResult>;
  assets: Record<PageKind, InitialAssets>;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
}

interface Row {
  figure: string;
  dashboard: string;
  baseline: string;
  ratio: string;
  budget: string;
  result: 'pass' | 'miss' | '';
  source: string;
}

const MIB = 1024 * 1024;

export async function describeMachine(chromiumVersion: string): Promise<MachineInfo> {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const prettyName = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${prettyName ?? os.type()} (kernel ${os.release()}, ${os.arch()})`,
    node: process.version,
    chromium: chromiumVersion,
  };
}

/** Renders the figures as a plain-text table for the terminal. */
export function renderTable(results: BenchResults): string {
  const rows = buildRows(results);
  const header: Row = {
    figure: 'Figure',
    dashboard: 'Dashboard',
    baseline: 'Baseline',
    ratio: 'Ratio',
    budget: 'Budget',
    result: '',
    source: 'Script',
  };
  const columns: (keyof Row)[] = ['figure', 'dashboard', 'baseline', 'ratio', 'budget', 'result'];
  const widths = columns.map((column) =>
    Math.max(...[header, ...rows].map((row) => row[column].length)),
  );
  const line = (row: Row) =>
    columns.map((column, index) => row[column].padEnd(widths[index] ?? 0)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const FRAME_MS = 16.7;

/** Renders the whole docs/benchmark.md page. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, durations } = results;
  const rows = buildRows(results);
  const table = [
    '| Figure | Dashboard | Baseline | Ratio | Budget | Result | Produced by |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.figure} | ${row.dashboard} | ${row.baseline} | ${row.ratio} | ${row.budget} | ${row.result} | ${row.source} |`,
    ),
  ].join('\n');
  const passed = rows.filter((row) => row.result === 'pass').length;
  const missed = rows.filter((row) => row.result === 'miss').map((row) => row.figure);
  const floorNote = describeLatencyFloor(results);
  const command = results.quick
    ? '`npm run bench -- --quick` (a shortened smoke run)'
    : '`npm run bench`';

  return `# Benchmark

Measured with ${command} on ${results.startedAt.toISOString()} (finished ${results.finishedAt.toISOString()}). Every number on this page comes from that one run of \`bench/run.ts\`; the column "Produced by" names the function that measured it.

## Machine

| | |
| --- | --- |
| CPU | ${machine.cpu} |
| Cores | ${machine.cores} |
| Memory | ${machine.memoryGiB} GiB |
| OS | ${machine.os} |
| Node | ${machine.node} |
| Chromium | ${machine.chromium} (\`/usr/bin/chromium\`, headless, flags of \`e2e/support/chromium.ts\`) |

## Results

${passed} budgets passed${missed.length > 0 ? `, ${missed.length} missed: ${missed.join('; ')}` : ', none missed'}.${floorNote}

${table}

## Setup

\`npm run bench\` builds the dashboard (\`vite build\` into \`dist/\`) and the baseline page and page probe (\`vite build -c bench/vite.config.ts\` into \`dist-bench/\`), then runs \`tsx bench/run.ts\`. That script starts, in its own Node process and on 127.0.0.1 only, one simulated Plex server (\`simulator/\`) and two gateways built by \`startGateway\` with identical settings: one serves \`dist/\`, the other \`dist-bench/\`. Both pages therefore read the same simulator through the same gateway code, in the same Chromium, one after the other, first the dashboard and then the baseline for each scenario. Each page gets a fresh browser context at 1280 × 720.

The **baseline** (\`bench/baseline/main.ts\`) opens one EventSource on \`/plex/main/:/eventsource/notifications?filters=activity,ping\` and writes each progress value straight into the DOM: a bar per activity, created on \`started\`, its width and \`aria-valuenow\` set on every \`updated\`, removed on \`ended\`. It is about the least work a browser allows for this stream, so the dashboard is reported as a ratio to it.

A **page probe** (\`bench/page-probe.ts\`) is injected into both pages before their own scripts. It counts \`activity\` messages on every EventSource, collects \`longtask\` entries, counts DOM mutations, and records title and favicon writes.

## Scenarios

1. **Burst** (\`burst\` scenario): 200 running activities, ${'1,000'} \`updated\` events a second sent round-robin, each raising one bar by one whole percent. The first ${durations.warmUpMs / 1_000} s are warm-up; the next ${durations.burstMs / 1_000} s are measured.
2. **Long run** (\`day\` scenario): a fixed, seeded busy day of 10,000 activities and 100,000 events (refreshes, metadata updates, thumbnails, scans, intro and credit detection, downloads, subscriptions, EPG), with a quiet night and a maintenance peak from 02:00 to 05:00. It runs at speed ${durations.daySpeed}, so the day takes ${((24 * 3600) / durations.daySpeed).toFixed(0)} s, with peaks of about ${Math.round((3_098 * 1_440) / durations.daySpeed).toLocaleString('en-US')} events a second.
3. **Hidden tab**: the burst scenario; after ${durations.warmUpMs / 1_000} s visible the page is hidden, 2 s pass, and the next ${durations.hiddenMs / 1_000} s are measured.
4. **Many tabs**: ${durations.tabCount} tabs of the same page open on one gateway while the \`demo\` scenario runs. First all ${durations.tabCount} open in one browser context, as in one person's browser. After 8 s the simulator starts an activity, and 2 s later raises it to 64 %; the bench counts the tabs that show the bar at 64 % another 2 s later. Chromium allows 6 HTTP/1.1 connections per host and profile, and each open EventSource keeps one. The dashboard's tabs share one set of streams: one tab opens them and relays every message to the others over a BroadcastChannel. The baseline's tabs each open their own. Then each tab opens in its own context (its own connection pool, like separate browsers), and after every tab's stream is open and 2 s more, the simulator's request log is read over ${durations.tabsMs / 1_000} s and scaled to an hour.

## What each figure means

- **Event to paint** (\`runBurst\` with \`matchToEarlier\` in \`bench/metrics.ts\`): time from the simulator writing an \`updated\` event to the stream until the frame that shows the new bar value has been rendered. The simulator's send log (\`POST /__simulator/send-log\`) records \`performance.timeOrigin + performance.now()\` at the write, for each (activity, progress). In the page, a MutationObserver sees \`aria-valuenow\` change on a \`[role=progressbar]\` inside a \`[data-uuid]\` row; the next \`requestAnimationFrame\` callback takes the changed values, and a MessageChannel message posted from it runs after that frame's style, layout and paint: its time is the paint time. A change made inside an animation frame callback (the dashboard writes its batches there) is painted by that same frame, so the probe keeps a frame loop whose callback runs first in every frame and marks the frame phase until a message posted from it runs; a change seen in that phase is timed by a message posted at once. A page's event task that Chromium happens to run inside that phase would be timed as painted at once; that error can only make the baseline look faster. Only painted values count: the dashboard renders at most one value per bar per frame, and a value that was replaced before a frame was never on screen. Each painted value is matched with the latest send of that value for that activity before the paint (values repeat only every 100 updates of a bar, 20 s here). Page and Node clocks are compared before the scenario starts and 2 s after it stops, by reading the page clock between two Node readings (best of 15, round trip shown below); the mean offset is applied. The probe's own observer work runs in both pages and is included in both.
- **Server write to page message** and **page message to paint** split the event-to-paint time in two. The probe's own \`activity\` listener, added to every EventSource before the page's, records the uuid, progress and time of each \`updated\` message as it is dispatched on the page's main thread. The first part matches each of those with its send as above, so it covers the gateway, Chromium's network stack and any wait for the page's main thread. The second matches each painted value with the latest arrival of that value for that activity.
- **Values painted / updates sent**: how many distinct bar values reached the screen in the window, against the updates the simulator sent in it.
- **Main-thread time per 1,000 events** (\`sampleMainThread\`): the growth of Chromium's \`TaskDuration\` (all main-thread tasks) and \`ScriptDuration\` (JavaScript) from CDP \`Performance.getMetrics\` over each ${durations.sampleMs / 1_000} s interval, divided by the \`activity\` messages the page received in it; the median over the intervals.
- **Long tasks**: \`PerformanceObserver\` entries of type \`longtask\` (main-thread tasks over 50 ms) that started in the window; count and longest.
- **JS heap after GC** (\`runDay\`): CDP \`HeapProfiler.collectGarbage\` (twice), then \`Runtime.getHeapUsage\` \`usedSize\`, once the stream is live and 2 s after the last of the 100,000 events was delivered and the simulator listed no activity.
- **Hidden tab** (\`runHidden\`): headless Chromium ${machine.chromium} keeps every page visible: bringing another tab to the front (\`page.bringToFront\`), opening a tab in the same window with CDP \`Target.createTarget\` and minimising the window with \`Browser.setWindowBounds\` all left \`document.visibilityState\` at \`visible\` and animation frames running. So the probe makes \`document.visibilityState\` return \`hidden\` and \`document.hidden\` true, fires \`visibilitychange\`, and holds \`requestAnimationFrame\` callbacks until the page is shown again, as a hidden tab does. Chromium still renders the page, so any DOM change shows up in the counts; timers are not throttled as in a real hidden tab. Figures: DOM mutations under \`<body>\`, and the growth of CDP \`LayoutCount\` and \`RecalcStyleCount\`; title and favicon writes, as the number in the window and the shortest gap between two of them.
- **Requests reaching Plex** (\`runManyTabs\`): entries of the simulator's request log (\`GET /__simulator/state\`), which records every Plex API request the gateway forwards: event-stream opens, \`GET /activities\`, and all others. "Open upstream streams" is the simulator's count of open event streams at the end of the window. The other requests are the gateway's server look-ups (\`GET /identity\` and \`GET /\`, for the name and version that \`/api/servers\` reports). A look-up made while the server's stream is open is reused for ten minutes, and one made before it opened for one minute, so the one-minute window here catches the look-up that follows the stream's opening: by that rule an open dashboard costs about 12 such requests an hour (six look-ups), not the 120 that the window scales to.
- **Initial JS and CSS** (\`measureInitialAssets\`): every script, module preload and stylesheet referenced by \`index.html\`, gzipped with Node's zlib at its default level 6. That is everything a first visit loads while no cancellable activity runs. Four small chunks load only when needed and are not counted: the cancel dialog when a cancellable activity appears (about 2.2 kB gzipped), the notifier once notifications are turned on (about 0.9 kB), the XML reader for a server that answers XML, and the demo banner.

Budgets are printed as pass or miss; a miss does not fail the command.

## Notes

- Clock comparison round trip: ${fixed(Math.max(results.burst.dashboard.clockRoundTripMs, results.burst.baseline.clockRoundTripMs), 2)} ms at most, so the event-to-paint times are known to within about half of that.
- The simulator, both gateways and the Playwright client share one Node process, and everything shares ${machine.cores} cores with Chromium; that load is the same for both pages.
- Long run: the dashboard received ${results.day.dashboard.eventsDelivered.toLocaleString('en-US')} events in ${fixed(results.day.dashboard.runSeconds, 0)} s, the baseline ${results.day.baseline.eventsDelivered.toLocaleString('en-US')} in ${fixed(results.day.baseline.runSeconds, 0)} s.
- Many tabs: the simulator saw ${countOf(results.tabs.dashboard.streamOpensWhileOpening, 'stream open')} while the ${durations.tabCount} dashboard tabs were opening (baseline: ${results.tabs.baseline.streamOpensWhileOpening}).${results.tabs.dashboard.logFull || results.tabs.baseline.logFull ? ' The simulator keeps the last 1,000 requests and its log was full, so counts may be low.' : ''}
`;
}

function buildRows(results: BenchResults): Row[] {
  const { burst, day, hidden, tabs, assets } = results;
  const heapGrowth = (kind: PageKind) => (day[kind].heapEndBytes - day[kind].heapStartBytes) / MIB;
  const perMinute = (perHour: number) => perHour / 60;

  return [
    row(
      'Burst: event to paint, p50 (ms)',
      burst.dashboard.p50Ms,
      burst.baseline.p50Ms,
      1,
      '',
      null,
      'runBurst',
    ),
    row(
      'Burst: event to paint, p95 (ms)',
      burst.dashboard.p95Ms,
      burst.baseline.p95Ms,
      1,
      '≤ 16.7',
      burst.dashboard.p95Ms <= FRAME_MS,
      'runBurst',
    ),
    splitRow(
      'Burst: server write to page message, p50 / p95 (ms)',
      burst.dashboard.arrivalP50Ms,
      burst.dashboard.arrivalP95Ms,
      burst.baseline.arrivalP50Ms,
      burst.baseline.arrivalP95Ms,
    ),
    splitRow(
      'Burst: page message to paint, p50 / p95 (ms)',
      burst.dashboard.inPageP50Ms,
      burst.dashboard.inPageP95Ms,
      burst.baseline.inPageP50Ms,
      burst.baseline.inPageP95Ms,
    ),
    {
      figure: 'Burst: values painted / updates sent',
      dashboard: `${burst.dashboard.paintedValues} / ${burst.dashboard.updatesSent}`,
      baseline: `${burst.baseline.paintedValues} / ${burst.baseline.updatesSent}`,
      ratio: '',
      budget: '',
      result: '',
      source: 'runBurst',
    },
    row(
      'Burst: main-thread time per 1,000 events (ms)',
      burst.dashboard.taskMsPerThousand,
      burst.baseline.taskMsPerThousand,
      1,
      '≤ 2× baseline',
      burst.dashboard.taskMsPerThousand <= 2 * burst.baseline.taskMsPerThousand,
      'runBurst, sampleMainThread',
    ),
    row(
      'Burst: script time per 1,000 events (ms)',
      burst.dashboard.scriptMsPerThousand,
      burst.baseline.scriptMsPerThousand,
      1,
      '',
      null,
      'runBurst, sampleMainThread',
    ),
    row(
      'Burst: long tasks over 50 ms (count)',
      burst.dashboard.longTaskCount,
      burst.baseline.longTaskCount,
      0,
      '0',
      burst.dashboard.longTaskCount === 0,
      'runBurst',
    ),
    row(
      'Burst: longest long task (ms)',
      burst.dashboard.longTaskMaxMs,
      burst.baseline.longTaskMaxMs,
      0,
      '',
      null,
      'runBurst',
    ),
    row(
      'Long run: JS heap after GC at start (MB)',
      day.dashboard.heapStartBytes / MIB,
      day.baseline.heapStartBytes / MIB,
      2,
      '',
      null,
      'runDay',
    ),
    row(
      'Long run: JS heap after GC at end (MB)',
      day.dashboard.heapEndBytes / MIB,
      day.baseline.heapEndBytes / MIB,
      2,
      '',
      null,
      'runDay',
    ),
    row(
      'Long run: JS heap growth (MB)',
      heapGrowth('dashboard'),
      heapGrowth('baseline'),
      2,
      '< 5',
      heapGrowth('dashboard') < 5,
      'runDay',
    ),
    row(
      'Long run: main-thread time per 1,000 events (ms)',
      day.dashboard.taskMsPerThousand,
      day.baseline.taskMsPerThousand,
      1,
      '',
      null,
      'runDay',
    ),
    row(
      'Long run: long tasks over 50 ms (count)',
      day.dashboard.longTaskCount,
      day.baseline.longTaskCount,
      0,
      '',
      null,
      'runDay',
    ),
    row(
      'Long run: longest long task (ms)',
      day.dashboard.longTaskMaxMs,
      day.baseline.longTaskMaxMs,
      0,
      '',
      null,
      'runDay',
    ),
    row(
      'Hidden: DOM mutations in body',
      hidden.dashboard.bodyMutations,
      hidden.baseline.bodyMutations,
      0,
      '0',
      hidden.dashboard.bodyMutations === 0,
      'runHidden',
    ),
    row(
      'Hidden: layouts',
      hidden.dashboard.layouts,
      hidden.baseline.layouts,
      0,
      '0',
      hidden.dashboard.layouts === 0,
      'runHidden',
    ),
    row(
      'Hidden: style recalculations',
      hidden.dashboard.styleRecalcs,
      hidden.baseline.styleRecalcs,
      0,
      '',
      null,
      'runHidden',
    ),
    row(
      'Hidden: main-thread time per 1,000 events (ms)',
      hidden.dashboard.taskMsPerThousand,
      hidden.baseline.taskMsPerThousand,
      1,
      '',
      null,
      'runHidden',
    ),
    changeRow('title', hidden),
    changeRow('icon', hidden),
    row(
      'Many tabs in one browser profile: tabs showing live updates',
      tabs.dashboard.liveTabsInOneProfile,
      tabs.baseline.liveTabsInOneProfile,
      0,
      '',
      null,
      'runManyTabs, countLiveTabsInOneProfile',
    ),
    row(
      'Many tabs: open upstream streams',
      tabs.dashboard.openUpstreamStreams,
      tabs.baseline.openUpstreamStreams,
      0,
      '1',
      tabs.dashboard.openUpstreamStreams === 1,
      'runManyTabs',
    ),
    row(
      'Many tabs: stream opens per hour',
      tabs.dashboard.streamOpensPerHour,
      tabs.baseline.streamOpensPerHour,
      0,
      '',
      null,
      'runManyTabs',
    ),
    row(
      'Many tabs: GET /activities per hour',
      tabs.dashboard.activitiesGetsPerHour,
      tabs.baseline.activitiesGetsPerHour,
      0,
      '≤ about 60 (1 a minute)',
      perMinute(tabs.dashboard.activitiesGetsPerHour) <= 1.5,
      'runManyTabs',
    ),
    row(
      'Many tabs: other Plex requests per hour',
      tabs.dashboard.otherRequestsPerHour,
      tabs.baseline.otherRequestsPerHour,
      0,
      '',
      null,
      'runManyTabs',
    ),
    row(
      'Initial JS, gzipped (kB)',
      assets.dashboard.jsGzipBytes / 1000,
      assets.baseline.jsGzipBytes / 1000,
      1,
      '≤ 90',
      assets.dashboard.jsGzipBytes <= 90_000,
      'measureInitialAssets',
    ),
    row(
      'Initial CSS, gzipped (kB)',
      assets.dashboard.cssGzipBytes / 1000,
      assets.baseline.cssGzipBytes / 1000,
      1,
      '',
      null,
      'measureInitialAssets',
    ),
  ];
}

function row(
  figure: string,
  dashboard: number,
  baseline: number,
  digits: number,
  budget: string,
  passed: boolean | null,
  source: string,
): Row {
  return {
    figure,
    dashboard: fixed(dashboard, digits),
    baseline: fixed(baseline, digits),
    ratio: baseline > 0 && Number.isFinite(dashboard) ? `${fixed(dashboard / baseline, 2)}×` : '',
    budget,
    result: verdict(passed),
    source: describeSource(source),
  };
}

/** Builds a row of two percentiles per page, which has no single ratio or budget. */
function splitRow(
  figure: string,
  dashboardP50: number,
  dashboardP95: number,
  baselineP50: number,
  baselineP95: number,
): Row {
  return {
    figure,
    dashboard: `${fixed(dashboardP50, 1)} / ${fixed(dashboardP95, 1)}`,
    baseline: `${fixed(baselineP50, 1)} / ${fixed(baselineP95, 1)}`,
    ratio: '',
    budget: '',
    result: '',
    source: describeSource('runBurst'),
  };
}

function changeRow(which: 'title' | 'icon', hidden: Record<PageKind, HiddenResult>): Row {
  const summarize = (result: HiddenResult) => {
    const count = which === 'title' ? result.titleChanges : result.iconChanges;
    const gap = which === 'title' ? result.titleMinGapMs : result.iconMinGapMs;
    const rate = count / result.seconds;
    return {
      text: `${fixed(rate, 2)}/s${gap === null ? '' : `, min gap ${fixed(gap, 0)} ms`}`,
      rate,
      gap,
    };
  };
  const dashboard = summarize(hidden.dashboard);
  const baseline = summarize(hidden.baseline);
  // At most once a second means no two writes less than a second apart. A count over the window
  // can include one write more than its seconds, from the writes at both of its ends, so the gap
  // decides. A timer may fire a little early, so gaps just under 1 s pass.
  const passed = dashboard.gap === null || dashboard.gap >= 950;
  return {
    figure: which === 'title' ? 'Hidden: document.title changes' : 'Hidden: favicon href changes',
    dashboard: dashboard.text,
    baseline: baseline.text,
    ratio: '',
    budget: '≤ 1/s',
    result: passed ? 'pass' : 'miss',
    source: describeSource('runHidden'),
  };
}

function verdict(passed: boolean | null): Row['result'] {
  if (passed === null) {
    return '';
  }
  return passed ? 'pass' : 'miss';
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

// A value can be painted no earlier than the next frame after it arrives. Events arrive at any
// point of a frame, so the wait for the next frame alone has a p95 of about 95 % of one frame.
// When the baseline's own p95 is above one frame, that budget is out of reach for any page here.
function describeLatencyFloor(results: BenchResults): string {
  const burst = results.burst;
  if (burst.baseline.p95Ms <= FRAME_MS) return '';
  return ` The baseline, which writes each value into the DOM as it arrives, has a p95 event-to-paint time of ${fixed(burst.baseline.p95Ms, 1)} ms on this machine, above the ${FRAME_MS} ms budget too; the dashboard's p95 is ${fixed(burst.dashboard.p95Ms / burst.baseline.p95Ms, 2)}× that floor. A value is painted by the first frame after it reaches the page, and updates arrive at any moment of a frame, so waiting for that frame alone takes up to ${FRAME_MS} ms (p95 about ${fixed(FRAME_MS * 0.95, 1)} ms). Both pages spend about that long from message to paint: a p95 of ${fixed(burst.dashboard.inPageP95Ms, 1)} ms for the dashboard and ${fixed(burst.baseline.inPageP95Ms, 1)} ms for the baseline. That leaves less than 1 ms for the trip from the server through the gateway into the page, and that trip alone has a p95 of ${fixed(burst.baseline.arrivalP95Ms, 1)} ms for the baseline here.`;
}

// The file that defines each measuring function, for the "Produced by" column.
const SOURCE_FILES: Record<string, string> = {
  runBurst: 'bench/scenario-burst.ts',
  runHidden: 'bench/scenario-burst.ts',
  runDay: 'bench/scenario-day.ts',
  runManyTabs: 'bench/scenario-tabs.ts',
  sampleMainThread: 'bench/page-sampling.ts',
  measureInitialAssets: 'bench/metrics.ts',
};

/** Names each function of a "runBurst, sampleMainThread" list with the file that defines it. */
function describeSource(functions: string): string {
  return functions
    .split(', ')
    .map((name) => (SOURCE_FILES[name] ? `\`${SOURCE_FILES[name]}\` ${name}` : name))
    .join(', ');
}

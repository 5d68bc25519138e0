/**
 * `npm run bench`: size, browser speed and server load, written to bench/results.json and
 * bench/RESULTS.md. Budgets print PASS/FAIL but never fail the run: they are for reading.
 * `npm run bench -- size` (or browser, server) runs one part and keeps the other parts' last
 * figures, each with its own date. `--pages=kennisinstituut,regioportaal` picks the demo pages
 * the browser part loads (default: every page in demo/dist). PostgreSQL is measured too when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a server the bench may create a database on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureBrowser, type PageLoad, type Timing } from './browser.js';
import { measureServer, type ServerResult } from './server.js';
import { measureSizes, type SizeRow } from './size.js';

const SCENARIOS: Record<string, string> = {
  validate: 'feed validation (zod), sessions',
  calendar: 'calendar: validation + first render, sessions',
  calendarComplete: 'calendar: every card on the page, sessions',
  monthStep: 'calendar: one month forward, sessions',
  map: 'map: first render at this width (px), geometry loaded',
  pollUpdates: 'poll projector view: live results messages, each rendered',
};

/**
 * Figures from before a change that an issue asks to be compared with, shown beside the new ones:
 * the server's memory before the embedded database was trimmed (issue 15) and its enrolment
 * throughput before enrolments became one statement (issue 17), from the bench of 2026-11-23.
 */
const BEFORE: Record<
  string,
  { firstStart: number; restart: number; enrolmentsPerSecond: number; enrolmentsP99: number }
> = {
  pglite: { firstStart: 842, restart: 396, enrolmentsPerSecond: 120, enrolmentsP99: 403 },
  postgresql: { firstStart: 101, restart: 101, enrolmentsPerSecond: 126, enrolmentsP99: 256 },
};

/**
 * The poll's live updates before issue 19 (as the issue measured them: 0.58 s for 100 updates,
 * 10.6 s for 1,000, growing ×18.3 per 10×) and the stream's vote → last of 1,000 listeners p95
 * from the bench of 2026-11-23, shown beside today's.
 */
const BEFORE_POLL = {
  updatesMs: { 100: 580, 1000: 10_600 } as Record<number, number>,
  listenersP95: { pglite: 404, postgresql: 379 } as Record<string, number>,
};
/** The map's first render (median ms per width) before issue 20, from the bench of 2026-12-02. */
const MAP_BEFORE: Record<number, number> = { 320: 16.3, 960: 13.1 };

const args = process.argv.slice(2);
const parts = args.filter((a) => ['size', 'browser', 'server'].includes(a));
const pages = args
  .find((a) => a.startsWith('--pages='))
  ?.slice('--pages='.length)
  .split(',')
  .filter(Boolean);
const wanted = (part: string) => parts.length === 0 || parts.includes(part);
const log = (line: string) => console.error(`bench: ${line}`);

/** When, where and how busy the machine was while one part ran. */
interface RunInfo {
  date: string;
  cpu: string;
  memoryGiB: number;
  node: string;
  seconds: number;
  /** 1-minute load average at the start and the end: above the core count, others were using the CPU. */
  load: [number, number];
}
type Measured<T> = RunInfo & { figures: T };
type Sizes = Awaited<ReturnType<typeof measureSizes>>;
type Browser = Awaited<ReturnType<typeof measureBrowser>>;
interface Results {
  sizes?: Measured<Sizes>;
  browser?: Measured<Browser>;
  server?: Measured<ServerResult[]>;
}

async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  const started = Date.now();
  const load = loadavg()[0]!;
  const figures = await run();
  return {
    date: new Date(started).toISOString(),
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    seconds: Math.round((Date.now() - started) / 1000),
    load: [Number(load.toFixed(1)), Number(loadavg()[0]!.toFixed(1))],
    figures,
  };
}

/** The last results, also from the format before parts had their own dates (one run for all). */
function previousResults(file: string): Results {
  if (!existsSync(file)) return {};
  const old = JSON.parse(readFileSync(file, 'utf8')) as Results & {
    machine?: Omit<RunInfo, 'seconds' | 'load'>;
    seconds?: number;
    server?: unknown;
  };
  if (!old.machine) return old;
  const info: RunInfo = { ...old.machine, seconds: old.seconds ?? 0, load: [Number.NaN, Number.NaN] };
  return Array.isArray(old.server) ? { server: { ...info, figures: old.server as ServerResult[] } } : {};
}

const file = join(import.meta.dirname, 'results.json');
const previous = parts.length > 0 ? previousResults(file) : {};
const results: Results = {
  sizes: wanted('size') ? (log('size…'), await measure(measureSizes)) : previous.sizes,
  browser: wanted('browser')
    ? (log('browser (headless Chromium)…'), await measure(() => measureBrowser({ pages, log })))
    : previous.browser,
  server: wanted('server')
    ? await measure(() => measureServer(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL, log))
    : previous.server,
};
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
const summary = report(results);
writeFileSync(join(import.meta.dirname, 'RESULTS.md'), summary);
console.log(summary);

function report(r: Results): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  const ratio = (a: number, b: number) => `×${(b / a).toFixed(1)}`;
  const when = (m: RunInfo) =>
    `${m.date.slice(0, 10)} ${m.date.slice(11, 16)} UTC · ${m.cpu}, ${m.memoryGiB} GiB · Node ${m.node} · ${m.seconds} s` +
    (Number.isFinite(m.load[0])
      ? ` · load average ${m.load[0]} → ${m.load[1]} on ${m.cpu.split(' ')[0]} cores${Math.max(...m.load) > Number(m.cpu.split(' ')[0]) ? ' (others were using the CPU: timings are high and noisy)' : ''}`
      : '');
  const lines = [
    '# Benchmark results',
    '',
    'Made by `npm run bench`; raw figures in `bench/results.json`. Each part says when and on what it ran.',
    '',
  ];

  if (r.sizes) {
    const { ours, alternatives, ratios } = r.sizes.figures;
    lines.push(
      '## Size',
      '',
      when(r.sizes),
      '',
      'CDN rows: each file compressed on its own, as a browser receives it; a page downloads the sum of its files. "Before": the same before issue 16, when one CDN file held all four widgets (48.1 KB gzip for any page) and a widget alone cost what its column says; for the map\'s files loaded when needed, before issue 20 (2 December 2026: no municipalities, zoom or badge placement).',
      '',
      '| what | min | min+gzip | min+brotli | budget (gzip) | before (gzip) |',
      '| --- | ---: | ---: | ---: | --- | ---: |',
    );
    const row = (s: SizeRow) =>
      `| ${s.name} | ${kb(s.min)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${s.budget ? `${kb(s.budget)} ${s.pass ? 'PASS' : 'FAIL'}` : ''} | ${s.before ? kb(s.before) : ''} |`;
    lines.push(...ours.map(row), ...alternatives.map((s) => row({ ...s, name: `*${s.name}*` })), '');
    lines.push(...ratios.map((x) => `- ${x.theirs} is ${x.ratio}× the size of ${x.ours} (gzip).`), '');
    lines.push(
      'What each widget alone is made of (gzip: how much smaller it would be without it; the biggest eight):',
      '',
    );
    for (const s of ours.filter((o) => o.contributors?.length)) {
      lines.push(
        `- ${s.name.replace(' alone', '')}: ${s
          .contributors!.slice(0, 8)
          .map((c) => `${c.what} ${kb(c.gzip)}`)
          .join(', ')}`,
      );
    }
    lines.push('');
  }

  if (r.browser) {
    const { timings, pages: loads } = r.browser.figures;
    lines.push(
      '## Browser (headless Chromium; median, min–max)',
      '',
      when(r.browser),
      '',
      '| scenario | size | runs | median | min–max |',
      '| --- | ---: | ---: | ---: | --- |',
    );
    lines.push(
      ...timings.map(
        (t: Timing) =>
          `| ${SCENARIOS[t.scenario] ?? t.scenario} | ${t.size} | ${t.runs} | ${ms(t.medianMs)} | ${ms(t.minMs)}–${ms(t.maxMs)} |`,
      ),
      '',
    );
    const growth = (scenario: string) => {
      const rows = timings.filter((t) => t.scenario === scenario);
      return rows
        .slice(1)
        .map((t, i) => `${rows[i]!.size}→${t.size}: ${ratio(rows[i]!.medianMs, t.medianMs)}`)
        .join(', ');
    };
    const per = (scenario: string, size: number) => timings.find((t) => t.scenario === scenario && t.size === size);
    const poll = per('pollUpdates', 1000);
    lines.push(
      'How cost grows per 10× (×10 would be linear):',
      '',
      `- feed validation: ${growth('validate')}`,
      `- calendar first render: ${growth('calendar')}`,
      `- calendar, every card: ${growth('calendarComplete')}`,
      `- calendar month step: ${growth('monthStep')}`,
      `- poll updates: ${growth('pollUpdates')}${poll ? ` (${ms(poll.medianMs / 1000)} per update at 1,000)` : ''}; before issue 19: ×18.3`,
      '',
      'Poll projector view, live updates beside the figures before issue 19 (bars now move once per animation frame; see src/principle-poll/frame-properties.ts):',
      '',
      ...[100, 1000].map((n) => {
        const now = per('pollUpdates', n);
        return `- ${n} updates: ${now ? `${ms(now.medianMs)} (${ms(now.medianMs / n)} per update)` : 'not measured'}; before: ${ms(BEFORE_POLL.updatesMs[n]!)} (${ms(BEFORE_POLL.updatesMs[n]! / n)} per update)`;
      }),
      '',
      "The map's first render beside its figure before issue 20 (2 December 2026; since then the badges are placed apart and",
      'the municipalities are indexed, once per page, with the geometry):',
      '',
      ...timings
        .filter((t) => t.scenario === 'map' && MAP_BEFORE[t.size])
        .map(
          (t) =>
            `- ${t.size} px: ${ms(t.medianMs)} (before: ${ms(MAP_BEFORE[t.size]!)}, ${ratio(MAP_BEFORE[t.size]!, t.medianMs)})`,
        ),
      '',
    );
    if (loads.length) {
      lines.push(
        '### Demo pages loading (cold, fresh browser context each run; medians, min–max)',
        '',
        `Measured: ${[...new Set(loads.map((p) => `${p.page} (built ${p.builtAt.slice(0, 16).replace('T', ' ')} UTC)`))].join(', ')}. Main-thread time is Chromium's TaskDuration (CDP Performance.getMetrics) until 1 s after every widget shows its content; long tasks are tasks over 50 ms (PerformanceObserver).`,
        '',
        "The widgets come with the page's own script (`app`, as built), or from the CDN file `/cdn/cop-widgets.js` as a partner embeds it (`cdn`; `cdn-4g` on a throttled network: 150 ms round trip, 1.6 Mbit/s).",
        '',
        '| page | via | widgets | first widget | all widgets ready | main-thread time | script | style + layout | long tasks | in long tasks | longest |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...loads.map((p: PageLoad) => {
          const cell = (t: Timing, unit = ms) => `${unit(t.medianMs)} (${unit(t.minMs)}–${unit(t.maxMs)})`;
          const count = (n: number) => String(n);
          const first = p.firstMs ? cell(p.firstMs) : '';
          return `| ${p.page} | ${p.via ?? 'app'} | ${p.widgets} | ${first} | ${cell(p.readyMs)} | ${cell(p.taskMs)} | ${ms(p.scriptMs.medianMs)} | ${ms(p.layoutAndStyleMs.medianMs)} | ${cell(p.longTasks, count)} | ${ms(p.longTaskMs.medianMs)} | ${ms(p.longestTaskMs.medianMs)} |`;
        }),
        '',
      );
    } else {
      lines.push('No demo pages were built (demo/dist), so no page loads were measured.', '');
    }
    const spreads = timings.map((t) => (t.maxMs - t.minMs) / t.medianMs).sort((a, b) => a - b);
    lines.push(
      `Noise: in this run the spread (max − min) of a scenario was ${Math.round(spreads[spreads.length >> 1]! * 100)} % of its median (median over scenarios), up to ${Math.round(spreads.at(-1)! * 100)} %.`,
      '',
    );
  }

  if (r.server) {
    lines.push('## Server', '', when(r.server), '');
    for (const s of r.server.figures) {
      const fanOut = s.fanOut.find((f) => f.listeners === 100);
      const big = s.fanOut.find((f) => f.listeners === 1000);
      lines.push(
        `### On ${s.database}`,
        '',
        `- Enrolments: ${s.enrolments.requestsPerSecond} req/s (before issue 17: ${BEFORE[s.database]?.enrolmentsPerSecond ?? '–'}) with ${s.enrolments.connections} connections for ${s.enrolments.seconds} s; latency p50 ${s.enrolments.latencyMs.p50} ms, p90 ${s.enrolments.latencyMs.p90} ms, p99 ${s.enrolments.latencyMs.p99} ms (before: ${BEFORE[s.database]?.enrolmentsP99 ?? '–'} ms); ${s.enrolments.non2xx} non-2xx.`,
        ...(s.burst
          ? [
              `- Burst: ${s.burst.submits} submits at once over ${s.burst.instances} instances on one database: ${Object.entries(
                s.burst.byStatus,
              )
                .map(([status, n]) => `${n} × ${status}`)
                .join(', ')}; ${s.burst.serverErrors} server errors, in ${s.burst.seconds} s.`,
            ]
          : []),
        `- Capacity race: ${s.race.submits} submits at once (over ${s.race.connections} connections) for ${s.race.places} places → ${s.race.confirmed} confirmed, ${s.race.waitlisted} waitlisted (positions 1…${s.race.waitlisted} ${s.race.waitlistPositionsContiguous ? 'without gaps or doubles' : 'WITH GAPS OR DOUBLES'}), ${s.race.other} other, in ${s.race.seconds} s.`,
        ...s.fanOut.map(
          (f) =>
            `- Poll stream, ${f.listeners} listeners: ${f.votes} votes at ${f.votesPerSecond}/s; vote → last listener p50 ${f.toLastListenerMs.p50} ms, p95 ${f.toLastListenerMs.p95} ms${f.listeners === 1000 && BEFORE_POLL.listenersP95[s.database] ? ` (before issue 19: ${BEFORE_POLL.listenersP95[s.database]} ms)` : ''}, p99 ${f.toLastListenerMs.p99} ms; ${f.eventsLost} updates missed.`,
        ),
        ...(fanOut && big
          ? [
              `- Growth per 10× listeners (100 → 1,000): vote → last listener p50 ${ratio(fanOut.toLastListenerMs.p50, big.toLastListenerMs.p50)}, p95 ${ratio(fanOut.toLastListenerMs.p95, big.toLastListenerMs.p95)}.`,
            ]
          : []),
        `- Memory (RSS): ${s.memoryMiB.firstStart} MiB at first start (was ${BEFORE[s.database]?.firstStart ?? '–'}), ${s.memoryMiB.restart} MiB on restart (was ${BEFORE[s.database]?.restart ?? '–'}), ${s.memoryMiB.afterEnrolments} MiB after the enrolment load, ${s.memoryMiB.with1000Listeners} MiB with 1,000 stream listeners.`,
        '',
      );
    }
  }
  lines.push(
    'Sizes are exact and repeatable. Timings come from one run on a shared 2-core machine: expect ±20 % between runs (more when the load average above exceeds the cores); compare ratios rather than absolute times.',
    '',
  );
  return lines.join('\n');
}

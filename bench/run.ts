/**
 * `npm run bench`: size, browser speed and server load, written to bench/results.json and
 * bench/RESULTS.md. Budgets print PASS/FAIL but never fail the run: they are for reading.
 * `npm run bench -- size` (or browser, server) runs one part. PostgreSQL is measured too when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a server the bench may create a database on.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureBrowser, type Timing } from './browser.js';
import { measureServer } from './server.js';
import { measureSizes, type SizeRow } from './size.js';

const SCENARIOS: Record<string, string> = {
  validate: 'feed validation (zod)',
  calendar: 'calendar: validation + first render',
  calendarComplete: 'calendar: every card on the page',
  monthStep: 'calendar: one month forward',
  map: 'map: first render at this width (px), geometry loaded',
};

const parts = process.argv.slice(2).filter((a) => ['size', 'browser', 'server'].includes(a));
const wanted = (part: string) => parts.length === 0 || parts.includes(part);
const log = (line: string) => console.error(`bench: ${line}`);
const started = Date.now();

const machine = {
  date: new Date().toISOString(),
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};

const sizes = wanted('size') ? (log('size…'), await measureSizes()) : undefined;
const browser = wanted('browser') ? (log('browser (headless Chromium)…'), await measureBrowser()) : undefined;
const server = wanted('server') ? await measureServer(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL, log) : undefined;

const results = { machine, seconds: Math.round((Date.now() - started) / 1000), sizes, browser, server };
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const summary = report(results);
writeFileSync(join(import.meta.dirname, 'RESULTS.md'), summary);
console.log(summary);

function report(r: typeof results): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const lines = [
    '# Benchmark results',
    '',
    `${r.machine.date.slice(0, 10)} · ${r.machine.cpu}, ${r.machine.memoryGiB} GiB · Node ${r.machine.node} · ${r.seconds} s. Made by \`npm run bench\`; raw figures in \`bench/results.json\`.`,
    '',
  ];
  if (r.sizes) {
    lines.push('## Size', '', '| what | min | min+gzip | min+brotli | budget (gzip) |', '| --- | ---: | ---: | ---: | --- |');
    const row = (s: SizeRow) => `| ${s.name} | ${kb(s.min)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${s.budget ? `${kb(s.budget)} ${s.pass ? 'PASS' : 'FAIL'}` : ''} |`;
    lines.push(...r.sizes.ours.map(row), ...r.sizes.alternatives.map((s) => row({ ...s, name: `*${s.name}*` })), '');
    lines.push(...r.sizes.ratios.map((x) => `- ${x.theirs} is ${x.ratio}× the size of ${x.ours} (gzip).`), '');
  }
  if (r.browser) {
    lines.push('## Browser (headless Chromium; median, min–max)', '', '| scenario | size | runs | median | min–max |', '| --- | ---: | ---: | ---: | --- |');
    lines.push(...r.browser.map((t: Timing) => `| ${SCENARIOS[t.scenario] ?? t.scenario} | ${t.size} | ${t.runs} | ${t.medianMs} ms | ${t.minMs}–${t.maxMs} ms |`), '');
    const growth = (scenario: string) => {
      const rows = r.browser!.filter((t) => t.scenario === scenario);
      return rows.slice(1).map((t, i) => `${rows[i]!.size}→${t.size}: ×${(t.medianMs / rows[i]!.medianMs).toFixed(1)}`).join(', ');
    };
    lines.push(`Growth per 10× sessions: validation ${growth('validate')}; first render ${growth('calendar')}.`, '');
  }
  for (const s of r.server ?? []) {
    lines.push(
      `## Server on ${s.database}`,
      '',
      `- Enrolments: ${s.enrolments.requestsPerSecond} req/s with ${s.enrolments.connections} connections for ${s.enrolments.seconds} s; latency p50 ${s.enrolments.latencyMs.p50} ms, p90 ${s.enrolments.latencyMs.p90} ms, p99 ${s.enrolments.latencyMs.p99} ms; ${s.enrolments.non2xx} non-2xx.`,
      `- Capacity race: ${s.race.submits} concurrent submits for ${s.race.places} places → ${s.race.confirmed} confirmed, ${s.race.waitlisted} waitlisted (positions 1…${s.race.waitlisted} ${s.race.waitlistPositionsContiguous ? 'without gaps or doubles' : 'WITH GAPS OR DOUBLES'}), ${s.race.other} other, in ${s.race.seconds} s.`,
      ...s.fanOut.map(
        (f) =>
          `- Poll stream, ${f.listeners} listeners: ${f.votes} votes at ${f.votesPerSecond}/s; vote → last listener p50 ${f.toLastListenerMs.p50} ms, p95 ${f.toLastListenerMs.p95} ms, p99 ${f.toLastListenerMs.p99} ms; ${f.eventsLost} updates missed.`,
      ),
      `- Memory (RSS): ${s.memoryMiB.idle} MiB at start, ${s.memoryMiB.afterEnrolments} MiB after the enrolment load, ${s.memoryMiB.with1000Listeners} MiB with 1,000 stream listeners.`,
      '',
    );
  }
  lines.push('Figures from one run on a shared 2-core machine: expect ±20 % between runs; compare ratios rather than absolute times.', '');
  return lines.join('\n');
}

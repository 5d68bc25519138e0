/**
 * A poll's results as a picture (SVG, which a browser or the server turns into PNG) and as a
 * table (CSV), for a newsletter or a report. The same code runs in the browser (the results
 * view's download buttons) and on the server (`GET …/results.svg`), so both give the same
 * picture. Only aggregates go in: the question, the titles, counts, means and distributions;
 * no participant, no token, no time of a vote.
 */
import { csvFile } from './csv.js';
import { formatDate } from './datetime.js';
import { LOCALES, type Lang } from './messages.js';
import type { PollSettings } from './schema.js';
import { orderedResults, type PollResults, type ResultsOrder } from './vote-request.js';

const texts = {
  nl: {
    participants: (n: number) => (n === 1 ? '1 deelnemer' : `${n} deelnemers`),
    scores: (n: number) => (n === 1 ? '1 score' : `${n} scores`),
    noScores: 'nog geen scores',
    lowest: 'Aandachtspunt',
    lowestLegend: (asked: number, marked: number) =>
      marked > asked
        ? `Aandachtspunt: de ${asked} laagste gemiddelden; door gelijke scores zijn het er ${marked}.`
        : `Aandachtspunt: de ${asked} laagste gemiddelden.`,
    scale: (min: number, max: number, minLabel: string, maxLabel: string) =>
      `Schaal: ${min} (${minLabel}) tot ${max} (${maxLabel}).`,
    closed: 'Eindresultaten',
    interim: 'Tussenstand',
    columns: ['id', 'principe', 'gemiddelde', 'aantal scores'],
    score: (n: number) => `score ${n}`,
    lowestColumn: 'aandachtspunt',
    yes: 'ja',
    no: 'nee',
  },
  en: {
    participants: (n: number) => (n === 1 ? '1 participant' : `${n} participants`),
    scores: (n: number) => (n === 1 ? '1 rating' : `${n} ratings`),
    noScores: 'no ratings yet',
    lowest: 'Point of attention',
    lowestLegend: (asked: number, marked: number) =>
      marked > asked
        ? `Point of attention: the ${asked} lowest averages; with tied scores there are ${marked}.`
        : `Point of attention: the ${asked} lowest averages.`,
    scale: (min: number, max: number, minLabel: string, maxLabel: string) =>
      `Scale: ${min} (${minLabel}) to ${max} (${maxLabel}).`,
    closed: 'Final results',
    interim: 'Interim results',
    columns: ['id', 'principle', 'average', 'ratings'],
    score: (n: number) => `rating ${n}`,
    lowestColumn: 'point of attention',
    yes: 'yes',
    no: 'no',
  },
};

export interface ExportColours {
  text: string;
  muted: string;
  background: string;
  surface: string;
  bar: string;
  track: string;
  distribution: string;
  lowest: string;
}

/** The widget's default theme (light), also what the API uses without colours of its own. */
export const DEFAULT_COLOURS: ExportColours = {
  text: '#1b1b1b',
  muted: '#575757',
  background: '#ffffff',
  surface: '#f3f3f3',
  bar: '#01689b',
  track: '#ffffff',
  distribution: '#575757',
  lowest: '#b01c1c',
};

export interface ExportInput {
  poll: PollSettings;
  /** Principle titles by id (from the feed). */
  titles: ReadonlyMap<string, string>;
  programme: string;
  /** Revealed results: exporting hidden ones is refused before this is called. */
  results: PollResults;
  lang: Lang;
  /** The moment the picture shows as its date (ms since 1970). */
  at: number;
  order?: ResultsOrder;
  /** A partner's theme; anything that is not a plain CSS colour is left at the default. */
  colours?: Partial<ExportColours>;
  fontFamily?: string;
}

const COLOUR = /^(#[0-9a-f]{3,8}|(rgb|hsl)a?\(\s*[\d.]+%?(\s*[,\s/]\s*[\d.]+%?){2,3}\s*\)|[a-z]{3,20})$/i;
const FONT = /^[\w\s,'"-]{1,200}$/;

/** Only plain colours and font names reach the SVG: a theme value can never close an attribute. */
export function exportColours(given: Partial<Record<keyof ExportColours, string | undefined>> = {}): ExportColours {
  const colours = { ...DEFAULT_COLOURS };
  for (const key of Object.keys(colours) as (keyof ExportColours)[]) {
    const value = given[key]?.trim();
    if (value && COLOUR.test(value)) colours[key] = value;
  }
  return colours;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Breaks `text` into lines of at most `width` px at `size` px, judged by an average glyph width
 * (no DOM, no font metrics in Node); past `maxLines` the last line ends in "…".
 */
export function wrap(text: string, size: number, width: number, maxLines: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (size * 0.56)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, perLine - 1).replace(/\s+\S*$/, '')}…`;
  return kept;
}

const WIDTH = 1200;
const PAD = 48;
const ROW = 112;
const TITLE_WIDTH = 470;

/** Width and height of the picture for these results: the PNG is drawn at this size (or a multiple). */
export function exportSize(input: Pick<ExportInput, 'poll' | 'results'>): { width: number; height: number } {
  const questionLines = wrap(input.poll.question, 34, WIDTH - 2 * PAD, 3).length;
  return { width: WIDTH, height: headerHeight(questionLines) + input.results.principles.length * (ROW + 12) + 72 };
}

const headerHeight = (questionLines: number) => PAD + questionLines * 42 + 144;

export function resultsSvg(input: ExportInput): string {
  const t = texts[input.lang];
  const c = exportColours(input.colours);
  const font =
    input.fontFamily && FONT.test(input.fontFamily) ? input.fontFamily : 'system-ui, "DejaVu Sans", Arial, sans-serif';
  const { poll, results } = input;
  const { width, height } = exportSize(input);
  const number = new Intl.NumberFormat(LOCALES[input.lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const values = Array.from({ length: poll.scale.max - poll.scale.min + 1 }, (_, i) => poll.scale.min + i);
  const marked = results.principles.filter((p) => p.lowest).length;
  const out: string[] = [];
  const text = (x: number, y: number, size: number, content: string, extra = '') =>
    out.push(`<text x="${x}" y="${y}" font-size="${size}"${extra}>${escapeXml(content)}</text>`);

  out.push(`<rect width="${width}" height="${height}" fill="${c.background}"/>`);
  const question = wrap(poll.question, 34, WIDTH - 2 * PAD, 3);
  question.forEach((line, i) => text(PAD, PAD + 34 + i * 42, 34, line, ' font-weight="700"'));
  let y = PAD + question.length * 42 + 24;
  const status = results.closed ? t.closed : t.interim;
  text(PAD, y, 22, wrap(input.programme, 22, WIDTH - 2 * PAD, 1)[0] ?? '', ` fill="${c.muted}"`);
  y += 32;
  text(
    PAD,
    y,
    22,
    `${status} · ${formatDate(input.at, input.lang)} · ${t.participants(results.participants)}`,
    ' font-weight="700"',
  );
  y += 36;
  text(
    PAD,
    y,
    18,
    t.scale(poll.scale.min, poll.scale.max, poll.scale.minLabel, poll.scale.maxLabel),
    ` fill="${c.muted}"`,
  );
  if (marked && poll.highlightLowest) {
    out.push(`<rect x="${WIDTH / 2}" y="${y - 16}" width="8" height="20" fill="${c.lowest}"/>`);
    text(WIDTH / 2 + 16, y, 18, t.lowestLegend(poll.highlightLowest, marked), ` fill="${c.text}"`);
  }
  y = headerHeight(question.length) - 24;

  // Right of the titles: the mean, then the distribution above the mean bar on one axis, so a
  // mean of 3,0 stands under the column of the 3s.
  const meanX = PAD + TITLE_WIDTH + 24;
  const axisX = meanX + 120;
  const axisWidth = WIDTH - PAD - 16 - axisX;
  const column = axisWidth / values.length;
  const centre = (i: number) => axisX + column * (i + 0.5);
  for (const p of orderedResults(results, input.order ?? 'feed')) {
    const top = y;
    out.push(`<rect x="${PAD}" y="${top}" width="${WIDTH - 2 * PAD}" height="${ROW}" fill="${c.surface}"/>`);
    if (p.lowest) out.push(`<rect x="${PAD}" y="${top}" width="8" height="${ROW}" fill="${c.lowest}"/>`);
    const title = wrap(input.titles.get(p.id) ?? p.id, 22, TITLE_WIDTH - 24, p.lowest ? 2 : 3);
    title.forEach((line, i) => text(PAD + 24, top + 34 + i * 28, 22, line, ' font-weight="700"'));
    if (p.lowest) text(PAD + 24, top + 34 + title.length * 28, 18, t.lowest, ` fill="${c.lowest}" font-weight="700"`);
    text(meanX, top + 52, 36, p.mean === null ? '' : number.format(p.mean), ' font-weight="700"');
    text(meanX, top + 84, 16, p.count ? t.scores(p.count) : t.noScores, ` fill="${c.muted}"`);
    const peak = Math.max(1, ...p.distribution);
    p.distribution.forEach((n, i) => {
      const h = Math.round((n / peak) * 44);
      if (h)
        out.push(
          `<rect x="${centre(i) - column * 0.35}" y="${top + 58 - h}" width="${column * 0.7}" height="${h}" fill="${c.distribution}"/>`,
        );
      text(centre(i), top + 76, 14, `${values[i]}`, ` fill="${c.muted}" text-anchor="middle"`);
      if (n) text(centre(i), top + 54 - h, 14, String(n), ` fill="${c.text}" text-anchor="middle"`);
    });
    const barY = top + 86;
    out.push(
      `<rect x="${centre(0)}" y="${barY}" width="${centre(values.length - 1) - centre(0)}" height="14" fill="${c.track}" stroke="${c.muted}"/>`,
    );
    if (p.mean !== null) {
      const share = (p.mean - poll.scale.min) / (poll.scale.max - poll.scale.min);
      out.push(
        `<rect x="${centre(0)}" y="${barY}" width="${(centre(values.length - 1) - centre(0)) * share}" height="14" fill="${c.bar}"/>`,
      );
    }
    y += ROW + 12;
  }
  const label = `${poll.question} ${status}, ${t.participants(results.participants)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}" font-family="${escapeXml(font)}" fill="${c.text}">\n<title>${escapeXml(label)}</title>\n${out.join('\n')}\n</svg>\n`;
}

/** The aggregated results as a table: one row per principle, mean with a decimal point. */
export function resultsCsv(input: Pick<ExportInput, 'poll' | 'titles' | 'results' | 'lang' | 'order'>): string {
  const t = texts[input.lang];
  const { poll, results } = input;
  const values = Array.from({ length: poll.scale.max - poll.scale.min + 1 }, (_, i) => poll.scale.min + i);
  const header = [...t.columns, ...values.map(t.score), t.lowestColumn];
  const rows = orderedResults(results, input.order ?? 'feed').map((p) => [
    p.id,
    input.titles.get(p.id) ?? p.id,
    p.mean === null ? '' : p.mean.toFixed(2),
    p.count,
    ...p.distribution,
    p.lowest ? t.yes : t.no,
  ]);
  return csvFile(header, rows);
}

/** A file name for the export: the poll's id (an id, so safe in a header) and the day. */
export const exportFileName = (pollId: string, at: number, extension: 'svg' | 'png' | 'csv') =>
  `${pollId}-resultaten-${new Date(at).toISOString().slice(0, 10)}.${extension}`;

/**
 * The results as SVG, PNG or CSV for one request: the same picture the results view downloads
 * (src/core/results-export.ts), rasterised here with resvg for PNG. Query: `lang=en`,
 * `sort=mean`, and a partner's colours (`bar`, `lowest`, `text`, … as in ExportColours).
 */
import type { Context } from 'hono';
import { toLang } from '../src/core/messages.js';
import {
  DEFAULT_COLOURS,
  exportFileName,
  exportSize,
  resultsCsv,
  resultsSvg,
  type ExportColours,
  type ExportInput,
} from '../src/core/results-export.js';
import type { Feed, PollSettings } from '../src/core/schema.js';
import { results } from './polls.js';
import type { Queryable } from './db.js';
import type { AppEnv } from './http/env.js';
import { error, ERRORS } from './http/errors.js';

export type ExportFormat = 'svg' | 'png' | 'csv';

const TYPES: Record<ExportFormat, string> = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  csv: 'text/csv; charset=utf-8',
};

/** The PNG is drawn at twice the SVG's size, sharp on a high-density screen and in print. */
export const PNG_SCALE = 2;

/** resvg and its system fonts, loaded on the first PNG only: a server that never draws one never pays. */
let renderer: Promise<typeof import('@resvg/resvg-js')> | undefined;

async function toPng(svg: string, width: number): Promise<Uint8Array> {
  const { Resvg } = await (renderer ??= import('@resvg/resvg-js'));
  // DejaVu Sans where the widget's font is missing (it is on Debian); else resvg's own default.
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * PNG_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

export async function exportResults(
  c: Context<AppEnv>,
  db: Queryable,
  found: { feed: Feed; poll: PollSettings },
  format: ExportFormat,
  options: { now: number; organiser: boolean },
): Promise<Response> {
  const current = await results(db, found.poll, options.now, options.organiser);
  if (current.hidden && !options.organiser) return error(c, 403, 'results-hidden', ERRORS.resultsHidden);
  const colours: Partial<ExportColours> = {};
  for (const key of Object.keys(DEFAULT_COLOURS) as (keyof ExportColours)[]) colours[key] = c.req.query(key);
  const input: ExportInput = {
    poll: found.poll,
    titles: new Map((found.feed.principles ?? []).map((p) => [p.id, p.title])),
    programme: found.feed.programme.title,
    results: current,
    lang: toLang(c.req.query('lang')),
    at: options.now,
    order: c.req.query('sort') === 'mean' ? 'mean' : 'feed',
    colours,
  };
  c.header('Content-Type', TYPES[format]);
  c.header('Content-Disposition', `attachment; filename="${exportFileName(found.poll.id, options.now, format)}"`);
  c.header('Cache-Control', 'no-store');
  // An SVG opened on its own is a document: it may run nothing and load nothing.
  if (format === 'svg') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  if (format === 'csv') return c.body(resultsCsv(input));
  const svg = resultsSvg(input);
  if (format === 'svg') return c.body(svg);
  const png = await toPng(svg, exportSize(input).width);
  return c.body(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
}

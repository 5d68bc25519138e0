/**
 * Brotli or gzip for answers made on the fly (feeds, results, demo pages without a
 * precompressed copy). Files with a `.br`/`.gz` copy beside them are served as such by the
 * static middleware and pass through here untouched; so do event streams, which must flush
 * each event as it comes.
 */
import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing: HTML, CSS, JS, JSON, SVG, plain text, CSV, calendar files. */
export const COMPRESSIBLE =
  /^(text\/(?!event-stream)[\w-]+|application\/(json|javascript|manifest\+json|geo\+json)|image\/svg\+xml)(;|$)/i;

/** Below this a compressed answer saves less than the header costs. */
const THRESHOLD = 1024;

/** The encoding the client prefers of those we have, by the q-values of Accept-Encoding. */
export function chooseEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    weights.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).filter((name) => weight(name) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best;
}

export const compress = (): MiddlewareHandler => async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get('Content-Type') ?? '';
  if (!res.body || res.headers.has('Content-Encoding') || !COMPRESSIBLE.test(type) || c.req.method === 'HEAD') return;
  if (/no-transform/i.test(res.headers.get('Cache-Control') ?? '')) return;
  const length = Number(res.headers.get('Content-Length') ?? Number.NaN);
  if (length < THRESHOLD) return;
  // Whatever is chosen, the answer depends on Accept-Encoding: caches must keep them apart.
  res.headers.append('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  if (!encoding) return;
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length < THRESHOLD) {
    c.res = new Response(body, res);
    return;
  }
  // Quality 5 for brotli: close to its best ratio on JSON at a fraction of quality 11's time.
  const compressed =
    encoding === 'br'
      ? await brotli(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        })
      : await gzipAsync(body, { level: 6 });
  // Hono copies the old answer's headers onto a new one, so the new values are set after it.
  c.res = new Response(compressed, res);
  c.res.headers.set('Content-Encoding', encoding);
  c.res.headers.set('Content-Length', String(compressed.length));
  const etag = res.headers.get('ETag');
  // A strong ETag names exact bytes, and these differ: weak says "same content" (as nginx does).
  if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
};

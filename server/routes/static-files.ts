/**
 * The bundle (`/cdn`), the feed files (`/feeds`) and the demo pages (`/`). The bundle and the
 * feeds are public and hold no personal data: any page may load them, and a module script from
 * another origin always loads with CORS. Files whose name carries a version or a content hash
 * never change, so they are cached for a year; the rest (`cop-widgets.js`, `themes/dark.css`)
 * for 5 minutes, so a fix reaches visitors. Precompressed `.br`/`.gz` copies (written at build)
 * are served to clients that accept them.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { relative, resolve } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';

/** `cop-widgets.0.1.0.js`, `themes/dark.0.1.0.css`, `geometry-BqxZ5YCH.js` (and their maps). */
const UNCHANGING = /(\.\d+\.\d+\.\d+(?:-[\w.]+)?|-[\w-]{8})\.(js|css)(\.map)?$/;

export const cdnCacheControl = (name: string) =>
  UNCHANGING.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';

const publicFiles =
  (cacheControl: (name: string) => string): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.res.status >= 400) return; // a 404 is neither shared nor cached
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', cacheControl(c.req.path.slice(c.req.path.lastIndexOf('/') + 1)));
  };

/** Serves each folder under its prefix, e.g. `{ '/': 'demo/dist', '/feeds': 'demo/feeds' }`. */
export function staticRoutes(staticDirs: Record<string, string>) {
  const app = new Hono<AppEnv>();
  app.use('/cdn/*', publicFiles(cdnCacheControl));
  app.use(
    '/feeds/*',
    publicFiles(() => 'public, max-age=60'),
  );
  for (const [prefix, dir] of Object.entries(staticDirs)) {
    const root = relative(process.cwd(), resolve(dir));
    // The embed builder (demo/embed.html) at its short address.
    if (prefix === '/') app.get('/embed', serveStatic({ root, path: 'embed.html', precompressed: true }));
    const path = prefix === '/' ? '/*' : `${prefix}/*`;
    app.use(
      path,
      serveStatic({
        root,
        precompressed: true,
        rewriteRequestPath: (p) => (prefix === '/' ? p : p.slice(prefix.length)),
      }),
    );
  }
  return app;
}

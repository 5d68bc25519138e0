/**
 * What a webmaster needs to embed the widgets, for the builder page (`/embed`) and for anyone
 * checking a site by hand: the programmes this server has, and whether a site's origin may write
 * to the API (with the ALLOWED_ORIGINS value that would let it in) and the CSP it needs.
 */
import { Hono } from 'hono';
import { allowedOriginsSetting, parseOrigin, WIDGET_TAGS, widgetDirectives } from '../../src/core/embed-policy.js';
import type { Feed } from '../../src/core/schema.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';
import { error, ERRORS } from '../http/errors.js';

/** One programme as the builder lists it: what each widget would have to show. */
export const programmeSummary = (feed: Feed) => ({
  id: feed.programme.id,
  title: feed.programme.title,
  hasEnrolment: Boolean(feed.enrolment),
  hasPoll: Boolean(feed.poll && feed.principles?.length),
  hasRegions: Boolean(feed.regions?.length || feed.facilitators?.some((f) => f.regions.length)),
});

export function embedRoutes(deps: Pick<AppDeps, 'feeds'> & { allowedOrigins: string[]; publicOrigin?: string }) {
  const { feeds, allowedOrigins, publicOrigin } = deps;
  const app = new Hono<AppEnv>();

  app.get('/programmes', (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    const list = [...feeds.values()].map(programmeSummary);
    return c.json(list.sort((a, b) => a.title.localeCompare(b.title, 'nl')));
  });

  app.get('/origin-check', (c) => {
    const origin = parseOrigin(c.req.query('origin'));
    if (!origin) return error(c, 400, 'bad-origin', ERRORS.badOrigin);
    c.header('Cache-Control', 'no-store');
    const server = publicOrigin ?? new URL(c.req.url).origin;
    const allowed = origin === server || allowedOrigins.includes(origin);
    return c.json({
      origin,
      allowed,
      setting: allowedOriginsSetting(allowedOrigins, origin),
      server,
      csp: Object.fromEntries(WIDGET_TAGS.map((tag) => [tag, widgetDirectives(tag, server)])),
    });
  });
  return app;
}

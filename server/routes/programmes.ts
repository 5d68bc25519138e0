/** A programme's live feed and its enrolments. */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import { availability, availabilityOf, enrol } from '../enrolments.js';
import type { AppEnv } from '../http/env.js';
import { error, ERRORS, invalid } from '../http/errors.js';
import { rateLimited } from '../http/guards.js';
import { jsonBody, limitBody } from '../http/json-body.js';
import { liveStream } from '../http/live-stream.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** If-None-Match compares weakly: any listed tag, with or without `W/`, or `*`. */
const etagMatches = (header: string | undefined, etag: string) =>
  header !== undefined &&
  header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''));

export function programmeRoutes(deps: AppDeps) {
  const { db, feeds, now, limiters, outbox, availabilityHub, lifecycle } = deps;
  const app = new Hono<AppEnv>();

  app.get('/:id/feed', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    const live = await availability(db, feed, now());
    // The timestamp changes on every call; the ETag follows what a visitor would see change. Weak:
    // the same content is sent compressed or not.
    const etag = `W/"${createHash('sha256')
      .update(JSON.stringify({ ...live, updatedAt: undefined }))
      .digest('base64url')
      .slice(0, 22)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.json(live ? { ...feed, availability: live } : feed);
  });

  app.post('/:id/enrolments', rateLimited(limiters.enrolments, now), limitBody(32 * 1024), async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    const idempotencyKey = c.req.header('Idempotency-Key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      return error(c, 400, 'bad-idempotency-key', ERRORS.badKey);
    const parsed = await jsonBody(c);
    if ('response' in parsed) return parsed.response;
    const outcome = await enrol(db, feed, parsed.body, { idempotencyKey, now: now() });
    switch (outcome.kind) {
      case 'invalid':
        return invalid(c, outcome.issues);
      case 'mismatch':
        return error(c, 422, 'idempotency-key-reused', ERRORS.keyReused);
      case 'refused':
        return error(c, 409, outcome.reason, ERRORS.refused[outcome.reason]);
      case 'created': {
        outbox?.wake(); // the confirmation mails, now rather than at the next round
        const { status, position, sessions, slots } = outcome;
        // The places now, so the page that enrolled shows them at once, whatever a cache holds.
        const live = slots ? availabilityOf(feed, slots, now()) : await availability(db, feed, now());
        return c.json(
          {
            status,
            ...(position ? { position } : {}),
            ...(sessions ? { sessions } : {}),
            ...(live ? { availability: live } : {}),
          },
          201,
        );
      }
    }
  });

  app.get('/:id/availability/stream', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    if (!availabilityHub || !feed.enrolment) return error(c, 503, 'no-stream', ERRORS.noStream);
    return liveStream(c, lifecycle, {
      event: 'availability',
      subscribe: (send) => availabilityHub.subscribe(feed.programme.id, send),
      first: async () => (await availability(db, feed, now()))!,
    });
  });

  return app;
}

/**
 * The reference server's HTTP API on Hono: feeds with live availability and enrolments.
 * Every error is JSON with a code and Dutch and English text; field errors carry their path.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeIssue, formatPath, issueText, type FeedIssue } from '../src/feed/issues.js';
import type { Feed } from '../src/feed/schema.js';
import { messages, type Lang } from '../src/shared/i18n/index.js';
import type { Database } from './db.js';
import { availability, enrol } from './enrolments.js';

export interface AppOptions {
  db: Database;
  feeds: Map<string, Feed>;
  /** The clock, for tests of deadlines. */
  now?: () => number;
}

type Text = Record<Lang, string>;
const both = (pick: (lang: Lang) => string): Text => ({ nl: pick('nl'), en: pick('en') });

const ERRORS = {
  notFound: both((l) => (l === 'nl' ? 'Dit programma bestaat niet.' : 'This programme does not exist.')),
  notJson: both((l) => (l === 'nl' ? 'Stuur de gegevens als JSON (Content-Type: application/json).' : 'Send the data as JSON (Content-Type: application/json).')),
  badJson: both((l) => (l === 'nl' ? 'De gegevens zijn geen geldige JSON.' : 'The data is not valid JSON.')),
  tooLarge: both((l) => (l === 'nl' ? 'De gegevens zijn te groot.' : 'The data is too large.')),
  badKey: both((l) => (l === 'nl' ? 'De Idempotency-Key moet 8 tot 100 letters, cijfers of - _ bevatten.' : 'The Idempotency-Key must be 8 to 100 letters, digits or - _.')),
  invalid: both((l) => (l === 'nl' ? 'Niet alle gegevens zijn goed ingevuld.' : 'Not all details are filled in correctly.')),
  refused: {
    closed: both((l) => messages(l).enrolmentStatus.closed),
    'not-yet-open': both((l) => (l === 'nl' ? 'Aanmelden is nog niet geopend.' : 'Enrolment has not opened yet.')),
    full: both((l) => messages(l).enrolmentStatus.full),
    cancelled: both((l) => messages(l).enrolmentStatus.cancelled),
  },
};

const issueJson = (issue: FeedIssue) => ({
  path: formatPath(issue.path),
  message: both((lang) => issueText(issue, lang)),
  text: both((lang) => describeIssue(issue, lang)),
});

const error = (c: Context, status: 400 | 404 | 409 | 413 | 415 | 422, code: string, message: Text, extra: object = {}) =>
  c.json({ error: code, message, ...extra }, status);

export function createApp({ db, feeds, now = Date.now }: AppOptions): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    await db.query('SELECT 1');
    return c.json({ status: 'ok', database: db.kind });
  });

  app.get('/api/programmes/:id/feed', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    const live = await availability(db, feed, now());
    // The timestamp changes every call; the ETag follows what a visitor would see change.
    const etag = `"${createHash('sha256').update(JSON.stringify({ ...live, updatedAt: undefined })).digest('base64url').slice(0, 22)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=5, stale-while-revalidate=30');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    return c.json(live ? { ...feed, availability: live } : feed);
  });

  app.post(
    '/api/programmes/:id/enrolments',
    bodyLimit({ maxSize: 32 * 1024, onError: (c) => error(c, 413, 'too-large', ERRORS.tooLarge) }),
    async (c) => {
      const feed = feeds.get(c.req.param('id'));
      if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
      if (!c.req.header('Content-Type')?.toLowerCase().startsWith('application/json')) return error(c, 415, 'not-json', ERRORS.notJson);
      const idempotencyKey = c.req.header('Idempotency-Key');
      if (idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{8,100}$/.test(idempotencyKey)) return error(c, 400, 'bad-idempotency-key', ERRORS.badKey);
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return error(c, 400, 'bad-json', ERRORS.badJson);
      }
      const outcome = await enrol(db, feed, body, { idempotencyKey, now: now() });
      switch (outcome.kind) {
        case 'invalid':
          return error(c, 422, 'invalid', ERRORS.invalid, { issues: outcome.issues.map(issueJson) });
        case 'refused':
          return error(c, 409, outcome.reason, ERRORS.refused[outcome.reason]);
        case 'created':
          return c.json({ status: outcome.status, ...(outcome.position ? { position: outcome.position } : {}) }, 201);
      }
    },
  );

  return app;
}

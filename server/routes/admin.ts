/**
 * The organiser's API, behind the admin token: enrolments (CSV and JSON), cancelling and moving
 * up on someone's behalf, erasure, mails that keep failing. A poll's controls: routes/presenter.ts.
 * Actions are logged by id and count, never by name or address.
 */
import { Hono } from 'hono';
import {
  cancelForParticipant,
  enrolmentList,
  enrolmentsCsv,
  erasePerson,
  failingMails,
  moveToFront,
} from '../admin.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';
import { error, ERRORS, invalid } from '../http/errors.js';
import { adminOnly } from '../http/guards.js';
import { jsonBody, limitBody } from '../http/json-body.js';

/** Ids in paths and bodies: positive whole numbers that fit a bigint. */
const asId = (value: unknown) => (typeof value === 'number' ? value : Number(value));
const validId = (id: number) => Number.isSafeInteger(id) && id > 0;

export function adminRoutes(deps: AppDeps) {
  const { db, feeds, now, limiters, mailer, outbox, log } = deps;
  const app = new Hono<AppEnv>();
  app.use(adminOnly(deps.adminToken, limiters.adminFailures, now));

  app.get('/programmes/:id/enrolments.csv', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${feed.programme.id}-aanmeldingen.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(await enrolmentsCsv(db, feed.programme.id));
  });

  app.get('/programmes/:id/enrolments', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    if (!feed) return error(c, 404, 'not-found', ERRORS.notFound);
    c.header('Cache-Control', 'no-store');
    return c.json({ programme: feed.programme.id, enrolments: await enrolmentList(db, feed.programme.id) });
  });

  app.post('/programmes/:id/enrolments/:enrolment/cancel', limitBody(4 * 1024), async (c) => {
    const feed = feeds.get(c.req.param('id'));
    const enrolment = asId(c.req.param('enrolment'));
    if (!feed || !validId(enrolment)) return error(c, 404, 'not-found', ERRORS.enrolmentNotFound);
    let members: number[] | undefined;
    // No body: the whole team. A body may list some of its members: { "members": [ids] }.
    if (c.req.header('Content-Type') && (await c.req.text()).trim()) {
      const parsed = await jsonBody(c);
      if ('response' in parsed) return parsed.response;
      const listed = (parsed.body as { members?: unknown })?.members;
      if (listed !== undefined) {
        if (!Array.isArray(listed) || listed.length > 20 || !listed.map(asId).every(validId))
          return invalid(c, [{ path: ['members'], key: 'invalid', args: [] }]);
        members = listed.map(asId);
      }
    }
    const done = await cancelForParticipant(db, feed, enrolment, members);
    if (!done) return error(c, 404, 'not-found', ERRORS.enrolmentNotFound);
    outbox?.wake();
    log?.(
      `admin: enrolment ${enrolment} of ${feed.programme.id}: ${done.removed} member(s) cancelled, ${done.promoted.length} team(s) moved up`,
    );
    return c.json(done);
  });

  app.post('/programmes/:id/enrolments/:enrolment/move-up', async (c) => {
    const feed = feeds.get(c.req.param('id'));
    const enrolment = asId(c.req.param('enrolment'));
    if (!feed || !validId(enrolment)) return error(c, 404, 'not-found', ERRORS.enrolmentNotFound);
    const moved = await moveToFront(db, feed, enrolment);
    if (!moved.waiting) return error(c, 409, 'not-waiting', ERRORS.notWaiting);
    outbox?.wake();
    log?.(
      `admin: enrolment ${enrolment} of ${feed.programme.id} moved to the front of the waiting list, ${moved.promoted.length} team(s) moved up`,
    );
    return c.json(moved);
  });

  app.get('/outbox', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ failing: await failingMails(db) });
  });

  app.post('/erasure', limitBody(4 * 1024), async (c) => {
    const parsed = await jsonBody(c);
    if ('response' in parsed) return parsed.response;
    const email = (parsed.body as { email?: unknown })?.email;
    if (typeof email !== 'string' || !email.includes('@') || email.length > 320)
      return invalid(c, [{ path: ['email'], key: 'email', args: [] }]);
    const { removed, mailIds, enrolmentIds } = await erasePerson(db, feeds, email);
    // The mail copies kept on disk (without SMTP) name the person too.
    await mailer?.forget({ mails: mailIds, enrolments: enrolmentIds });
    outbox?.wake();
    return c.json({ removed });
  });

  return app;
}

/**
 * The presenter's controls, behind the admin token: the poll's state with its full results
 * (also while they are hidden from the room), open and close voting, hide and reveal the
 * results, reset; and the exports, which the organiser may make before revealing.
 * Mounted at /api/admin/polls.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';
import { error, ERRORS } from '../http/errors.js';
import { adminOnly } from '../http/guards.js';
import { exportResults, type ExportFormat } from '../poll-export.js';
import { closedByDate, findPoll, presenterAction, results, type PresenterAction } from '../polls.js';

export function presenterRoutes(deps: AppDeps) {
  const { db, feeds, now, limiters, log } = deps;
  const app = new Hono<AppEnv>();
  app.use(adminOnly(deps.adminToken, limiters.adminFailures, now));

  app.get('/:id', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    c.header('Cache-Control', 'no-store');
    return c.json(await results(db, found.poll, now(), true));
  });

  app.post('/:id/:action{open|close|hide|reveal|reset}', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    const action = c.req.param('action') as PresenterAction;
    // The feed's closing time is the organiser's own promise to the room: the controls keep it.
    if ((action === 'open' || action === 'reset') && closedByDate(found.poll, now()))
      return error(c, 409, 'past-closing', ERRORS.pollPastClosing);
    await presenterAction(db, found.poll.id, action);
    log?.(`admin: poll ${found.poll.id}: ${action}`);
    c.header('Cache-Control', 'no-store');
    return c.json(await results(db, found.poll, now(), true));
  });

  app.get('/:id/:file{results\\.(csv|svg|png)}', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    return exportResults(c, db, found, c.req.param('file').slice('results.'.length) as ExportFormat, {
      now: now(),
      organiser: true,
    });
  });

  return app;
}

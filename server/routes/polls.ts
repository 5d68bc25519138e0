/** Votes, a participant's own ratings, and the results: once, and live as Server-Sent Events. */
import { Hono } from 'hono';
import { VoteRequestSchema } from '../../src/core/vote-request.js';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';
import { error, ERRORS, invalid } from '../http/errors.js';
import { rateLimited } from '../http/guards.js';
import { jsonBody, limitBody } from '../http/json-body.js';
import { liveStream } from '../http/live-stream.js';
import { exportResults, type ExportFormat } from '../poll-export.js';
import { findPoll, ratingsOf, results, vote } from '../polls.js';

export function pollRoutes(deps: AppDeps) {
  const { db, feeds, hub, now, limiters, lifecycle } = deps;
  const app = new Hono<AppEnv>();

  app.post('/:id/votes', rateLimited(limiters.votes, now), limitBody(16 * 1024), async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    const parsed = await jsonBody(c);
    if ('response' in parsed) return parsed.response;
    const outcome = await vote(db, found.poll, parsed.body, now());
    if (outcome.kind === 'invalid') return invalid(c, outcome.issues);
    if (outcome.kind === 'closed') return error(c, 409, 'closed', ERRORS.pollClosed);
    return c.json({ status: outcome.replaced ? 'replaced' : 'stored' }, outcome.replaced ? 200 : 201);
  });

  app.get('/:id/votes/:participant', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    const participant = c.req.param('participant');
    if (!VoteRequestSchema.shape.participant.safeParse(participant).success)
      return invalid(c, [{ path: ['participant'], key: 'idFormat', args: [] }]);
    return c.json({ ratings: await ratingsOf(db, found.poll.id, participant) });
  });

  app.get('/:id/results', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    c.header('Cache-Control', 'no-store');
    return c.json(await results(db, found.poll, now()));
  });

  // The picture and the table, for anyone once revealed: the same aggregates as the results.
  app.get('/:id/:file{results\\.(csv|svg|png)}', rateLimited(limiters.votes, now), async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    return exportResults(c, db, found, c.req.param('file').slice('results.'.length) as ExportFormat, {
      now: now(),
      organiser: false,
    });
  });

  app.get('/:id/results/stream', async (c) => {
    const found = findPoll(feeds, c.req.param('id'));
    if (!found) return error(c, 404, 'not-found', ERRORS.pollNotFound);
    if (!hub) return error(c, 503, 'no-stream', ERRORS.noStream);
    return liveStream(c, lifecycle, {
      event: 'results',
      subscribe: (send) => hub.subscribe(found.poll.id, send),
      first: () => results(db, found.poll, now()),
    });
  });

  return app;
}

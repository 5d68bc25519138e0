/**
 * `/healthz` for load balancers and monitoring: 200 only when the database takes writes, so an
 * instance on a full disk or a read-only database leaves the rotation; 503 while stopping.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import type { AppEnv } from '../http/env.js';

export function healthRoutes(deps: AppDeps) {
  const { db, hub, lifecycle } = deps;
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const status = { database: db.kind, listeners: hub?.listeners ?? 0 };
    if (lifecycle.phase !== 'running') return c.json({ status: 'stopping', ...status }, 503);
    try {
      await db.checkWrites();
    } catch {
      return c.json({ status: 'unavailable', ...status }, 503);
    }
    return c.json({ status: 'ok', ...status });
  });
  return app;
}

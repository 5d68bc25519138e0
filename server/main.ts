/**
 * Starts the reference server: `npm run server`. Configuration by environment variables:
 *   PORT          HTTP port (default 8787)
 *   DATA_DIR      folder of the embedded database (default .data/)
 *   DATABASE_URL  PostgreSQL instead of the embedded database
 *   FEEDS_DIR     folder of programme feeds (default demo/feeds)
 */
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { createApp } from './app.js';
import { openDatabase } from './db.js';
import { loadFeeds } from './feeds.js';

const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.DATA_DIR ?? join(process.cwd(), '.data', 'pglite');
const feedsDir = process.env.FEEDS_DIR ?? join(process.cwd(), 'demo', 'feeds');

try {
  const feeds = await loadFeeds(feedsDir);
  const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir });
  const app = createApp({ db, feeds });
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
    console.log(`cop-widgets server on http://${info.address}:${info.port} (${db.kind}, ${feeds.size} programmes)`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error.message);
    process.exit(1);
  });
  const stop = () => server.close(() => void db.close().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

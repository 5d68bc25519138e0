/**
 * Starts the reference server (`npm run server`; `npm start` builds the demo first).
 * Configuration by environment variables, each with a safe default:
 *   PORT             HTTP port (8787)
 *   HOST             address to listen on (127.0.0.1; 0.0.0.0 in a container)
 *   DATA_DIR         folder for the embedded database (.data/)
 *   DATABASE_URL     PostgreSQL instead of the embedded database
 *   FEEDS_DIR        folder of programme feeds (demo/feeds)
 *   ALLOWED_ORIGINS  partner sites that may call the API from the browser, comma-separated
 *   ADMIN_TOKEN      bearer token for the admin endpoints (admin is off without it)
 *   TRUST_PROXY      "1" behind a proxy: the client's address comes from X-Forwarded-For
 *   SMTP_URL         send confirmation mail over SMTP (smtp://user:pass@host:587); without it,
 *                    mails are written as .eml files to DATA_DIR/mail
 *   MAIL_FROM        sender of confirmation mail
 *   RETENTION_DAYS   delete enrolments (members, mail copies) this many days after their
 *                    programme's last session (365); 0 keeps them until erased by hand
 */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.js';
import { openDatabase } from './db.js';
import { loadFeeds } from './feeds.js';
import { createMailer } from './mail.js';
import { ResultsHub } from './polls.js';
import { parseRetentionDays, scheduleRetention } from './retention.js';

const env = process.env;
const port = Number(env.PORT ?? 8787);
const dataDir = env.DATA_DIR ?? join(process.cwd(), '.data');
const feedsDir = env.FEEDS_DIR ?? join(process.cwd(), 'demo', 'feeds');
const demoDir = join(process.cwd(), 'demo', 'dist');
const bundleDir = join(process.cwd(), 'dist', 'cdn');

try {
  const retentionDays = parseRetentionDays(env.RETENTION_DAYS);
  if (env.ADMIN_TOKEN && env.ADMIN_TOKEN.length < 32) console.warn('ADMIN_TOKEN is shorter than 32 characters: use a long random one, e.g. `openssl rand -hex 32`.');
  const feeds = await loadFeeds(feedsDir);
  const db = await openDatabase({ url: env.DATABASE_URL, dataDir: join(dataDir, 'pglite') });
  const hub = new ResultsHub(db, feeds);
  await hub.start();
  const mailer = createMailer({ smtpUrl: env.SMTP_URL || undefined, outDir: join(dataDir, 'mail'), from: env.MAIL_FROM || undefined });
  const app = createApp({
    db,
    feeds,
    hub,
    allowedOrigins: env.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean),
    adminToken: env.ADMIN_TOKEN || undefined,
    trustProxy: env.TRUST_PROXY === '1',
    mailer,
    // Built by `npm start`: the CDN bundle at /cdn/cop-widgets.js and the demo pages at /.
    staticDirs: { '/feeds': feedsDir, ...(existsSync(bundleDir) ? { '/cdn': bundleDir } : {}), ...(existsSync(demoDir) ? { '/': demoDir } : {}) },
    log: (line) => console.log(line),
  });
  const server = serve({ fetch: app.fetch, port, hostname: env.HOST ?? '127.0.0.1' }, (info) => {
    console.log(`cop-widgets server on http://${info.address}:${info.port} (${db.kind}, ${feeds.size} programmes${env.ADMIN_TOKEN ? ', admin on' : ''})`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error.message);
    process.exit(1);
  });
  const stopRetention = scheduleRetention(db, feeds, { retentionDays, mailer, log: (line) => console.log(line) });
  const stop = () => {
    stopRetention();
    server.close();
    void hub.stop().then(() => db.close()).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/**
 * Starts the reference server (`npm run server`; `npm start` builds the demo first), configured
 * by environment variables (see config.ts), and stops it gracefully on SIGTERM or SIGINT:
 * nothing acknowledged is lost, no answer is cut off, and every mail begun is sent.
 */
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApp } from './app.js';
import { readConfig, type Config } from './config.js';
import { checkDataDir, lockDataDir } from './data-dir.js';
import { openDatabase, type Database } from './db.js';
import { loadFeeds } from './feeds.js';
import { Lifecycle } from './http/lifecycle.js';
import { AvailabilityHub, promoteWaiting } from './enrolments.js';
import { createMailer } from './mail.js';
import { OutboxWorker } from './outbox.js';
import { ResultsHub } from './polls.js';
import { scheduleRetention } from './retention.js';

/** The embedded database, checked and locked first: a start-up failure names folder, errno and fix. */
async function openStorage(config: Config): Promise<{ db: Database; release: () => void }> {
  if (config.databaseUrl) return { db: await openDatabase({ url: config.databaseUrl }), release: () => {} };
  const dataDir = join(config.dataDir, 'pglite');
  checkDataDir(config.dataDir, !existsSync(join(dataDir, 'PG_VERSION')));
  const release = lockDataDir(config.dataDir);
  try {
    return { db: await openDatabase({ dataDir, fsync: config.pgliteFsync }), release };
  } catch (failure) {
    release();
    const { name, message, code } = failure as Error & { code?: string };
    throw new Error(
      `The embedded database in ${dataDir} could not be opened (${code ?? name}${message ? `: ${message}` : ''}). ` +
        'Check that the disk has space and the folder is writable, or start with an empty DATA_DIR.',
    );
  }
}

/**
 * Over `max` open connections from one address, a new one is answered 429 and closed before
 * the server reads from it. Behind a proxy every connection comes from the proxy, which limits
 * per client itself (docs/organiser.md), so there is no cap then.
 */
function capConnections(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    if (count <= max) return;
    const body = JSON.stringify({
      error: 'too-many-connections',
      message: {
        nl: 'Te veel open verbindingen vanaf uw adres. Probeer het zo opnieuw.',
        en: 'Too many open connections from your address. Try again shortly.',
      },
    });
    socket.end(
      `HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nRetry-After: 10\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** Serves the app with the configured timeouts and per-address connection cap; exits when the port is taken. */
/** `serving` says what, for the start-up line (database kind, programmes). */
function listen(fetch: ReturnType<typeof createApp>['fetch'], config: Config, serving: string): Server {
  // Timeouts are checked every second (Node's default is every 30 s), so a slow client is cut near its limit.
  const server: ServerType = serve(
    {
      fetch,
      port: config.port,
      hostname: config.host,
      serverOptions: { connectionsCheckingInterval: 1_000 },
    },
    (info) =>
      console.log(
        `cop-widgets server on http://${info.address}:${info.port} (${serving}${config.adminToken ? ', admin on' : ''})`,
      ),
  );
  const http = server as Server;
  http.headersTimeout = config.headersTimeoutMs;
  http.requestTimeout = config.requestTimeoutMs;
  http.keepAliveTimeout = 5_000;
  if (config.trustedHops === 0) capConnections(http, config.maxConnectionsPerAddress);
  http.on('error', (failure: NodeJS.ErrnoException) => {
    console.error(
      failure.code === 'EADDRINUSE' ? `Port ${config.port} is in use: set PORT to another port.` : failure.message,
    );
    process.exit(1);
  });
  return http;
}

async function start(): Promise<void> {
  const config = readConfig();
  if (config.adminToken && config.adminToken.length < 32)
    console.warn('ADMIN_TOKEN is shorter than 32 characters: use a long random one, e.g. `openssl rand -hex 32`.');
  const feeds = await loadFeeds(config.feedsDir);
  const { db, release } = await openStorage(config);
  const hub = new ResultsHub(db, feeds);
  await hub.start();
  const availabilityHub = new AvailabilityHub(db, feeds);
  await availabilityHub.start();
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    outDir: join(config.dataDir, 'mail'),
    from: config.mailFrom,
    host: new URL(config.publicUrl).hostname,
  });
  // A capacity raised in a feed frees places like a cancellation does.
  const promoted = await promoteWaiting(db, feeds);
  if (promoted.length)
    console.log(`start-up: ${promoted.length} waiting team(s) moved up into places the feeds now have`);
  const outbox = new OutboxWorker(db, feeds, mailer, { publicUrl: config.publicUrl, log: (line) => console.log(line) });
  outbox.start();
  const lifecycle = new Lifecycle(config.maxStreamsPerAddress);
  const app = createApp({
    db,
    feeds,
    hub,
    availabilityHub,
    outbox,
    lifecycle,
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    adminToken: config.adminToken,
    trustedHops: config.trustedHops,
    mailer,
    // Built by `npm start`: the CDN bundle at /cdn/cop-widgets.js and the demo pages at /.
    staticDirs: {
      '/feeds': config.feedsDir,
      ...(existsSync(config.bundleDir) ? { '/cdn': config.bundleDir } : {}),
      ...(existsSync(config.demoDir) ? { '/': config.demoDir } : {}),
    },
    log: (line) => console.log(line),
  });
  const http = listen(app.fetch, config, `${db.kind}, ${feeds.size} programmes`);
  const stopRetention = scheduleRetention(db, feeds, {
    retentionDays: config.retentionDays,
    mailer,
    log: (line) => console.log(line),
  });

  const stop = async (signal: string) => {
    if (lifecycle.phase !== 'running') return;
    console.log(`${signal}: stopping; finishing ${lifecycle.inFlight} request(s) and open mail`);
    lifecycle.phase = 'draining';
    stopRetention();
    const closed = new Promise((resolve) => http.close(resolve)); // no new connections; idle ones close
    lifecycle.endStreams();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, config.shutdownTimeoutMs)));
    // Mail last: a request that finishes may still write some; the worker sends what is due and stops.
    const finished = Promise.all([lifecycle.idle(), closed]).then(() => outbox.stop({ drain: true }));
    await Promise.race([finished, deadline]);
    clearTimeout(timer);
    lifecycle.phase = 'closing';
    http.closeAllConnections();
    await outbox.stop();
    await hub.stop().catch(() => {});
    await availabilityHub.stop().catch(() => {});
    await db.close().catch((failure: Error) => console.error(`closing the database failed: ${failure.name}`));
    release();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

start().catch((failure: Error) => {
  console.error(failure.message || `${failure.name}: the server could not start`);
  process.exit(1);
});

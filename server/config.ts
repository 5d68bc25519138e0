/**
 * The server's configuration, read from environment variables, each with a safe default. A value
 * that cannot be read stops the start-up with a message naming the variable.
 *   PORT             HTTP port (8787)
 *   HOST             address to listen on (127.0.0.1; 0.0.0.0 in a container)
 *   DATA_DIR         folder for the embedded database and mail copies (.data/)
 *   DATABASE_URL     PostgreSQL instead of the embedded database
 *   PGLITE_FSYNC     "off" lets the embedded database skip fsync (faster, but a power cut can lose
 *                    the last writes); on by default
 *   FEEDS_DIR        folder of programme feeds (demo/feeds)
 *   ALLOWED_ORIGINS  partner sites that may call the API from the browser, comma-separated
 *   ADMIN_TOKEN      bearer token for the admin endpoints (admin is off without it)
 *   TRUST_PROXY      how many proxies stand in front (0); 1 behind one nginx or Caddy: the
 *                    client's address is then read from the right of X-Forwarded-For
 *   SMTP_URL         send confirmation mail over SMTP (smtp://user:pass@host:587); without it,
 *                    mails are written as .eml files to DATA_DIR/mail
 *   MAIL_FROM        sender of confirmation mail
 *   RETENTION_DAYS   delete enrolments (members, mail copies) this many days after their
 *                    programme's last session (365); 0 keeps them until erased by hand
 *   HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS   a client gets this long to send its headers (15 s)
 *                    and its whole request (30 s)
 *   SHUTDOWN_TIMEOUT_MS                      a stop waits this long for requests and mail (10 s)
 *   PUBLIC_URL       the server's address as visitors reach it (https://cop.example.org), for the
 *                    cancellation links in mails; http://HOST:PORT without it
 *   MAX_CONNECTIONS_PER_ADDRESS, MAX_STREAMS_PER_ADDRESS   open connections (256; not behind a
 *                    proxy, which has one address) and live result streams (128) per client
 */
import { join } from 'node:path';
import { parseTrustedHops } from './http/client-address.js';
import { parseRetentionDays } from './retention.js';

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 1e9): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) > max)
    throw new Error(`${name} must be a whole number (at most ${max}), not "${value}"`);
  return Number(value);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()) {
  const dataDir = env.DATA_DIR || join(cwd, '.data');
  const port = whole(env, 'PORT', 8787, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl))
    throw new Error(`PUBLIC_URL must be the server's http(s) address as visitors reach it, not "${env.PUBLIC_URL}"`);
  if (env.PGLITE_FSYNC && !/^(on|off)$/.test(env.PGLITE_FSYNC))
    throw new Error(`PGLITE_FSYNC must be "on" or "off", not "${env.PGLITE_FSYNC}"`);
  return {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteFsync: env.PGLITE_FSYNC !== 'off',
    feedsDir: env.FEEDS_DIR || join(cwd, 'demo', 'feeds'),
    demoDir: join(cwd, 'demo', 'dist'),
    bundleDir: join(cwd, 'dist', 'cdn'),
    allowedOrigins: env.ALLOWED_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    adminToken: env.ADMIN_TOKEN || undefined,
    trustedHops: parseTrustedHops(env.TRUST_PROXY),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    retentionDays: parseRetentionDays(env.RETENTION_DAYS),
    headersTimeoutMs: whole(env, 'HEADERS_TIMEOUT_MS', 15_000),
    requestTimeoutMs: whole(env, 'REQUEST_TIMEOUT_MS', 30_000),
    shutdownTimeoutMs: whole(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
    maxConnectionsPerAddress: whole(env, 'MAX_CONNECTIONS_PER_ADDRESS', 256),
    maxStreamsPerAddress: whole(env, 'MAX_STREAMS_PER_ADDRESS', 128),
  };
}

export type Config = ReturnType<typeof readConfig>;

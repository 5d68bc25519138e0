/**
 * The client's address, for rate limits: from the socket, or behind proxies from
 * X-Forwarded-For counted from the right. Each proxy appends the address it received the
 * request from (nginx's `$proxy_add_x_forwarded_for`, Caddy, load balancers), so only the
 * entries the trusted proxies wrote are true; anything further left the client wrote itself.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * With `trustedHops` proxies in front, the client is the `trustedHops`-th address from the
 * right, counting the socket's peer (the nearest proxy) as the first: with one proxy, the last
 * X-Forwarded-For entry. A header shorter than that means a proxy is missing or skipped: the
 * leftmost address present is the best there is.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | undefined, trustedHops: number): string {
  if (trustedHops <= 0 || !forwardedFor) return socketAddress;
  const hops = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops.length === 0) return socketAddress;
  return hops[Math.max(0, hops.length - trustedHops)]!;
}

/** The peer of the request's socket; `app.request()` in tests has none. */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Reads `TRUST_PROXY`: how many proxies stand in front of the server (0 or unset: none, so
 * X-Forwarded-For is ignored). Anything but a small whole number stops the start-up.
 */
export function parseTrustedHops(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  if (!/^\d$/.test(value.trim()))
    throw new Error(
      `TRUST_PROXY must be the number of proxies in front of the server (0–9; 1 behind one nginx or Caddy), not "${value}"`,
    );
  return Number(value);
}

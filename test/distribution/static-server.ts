/**
 * A small static file server for the distribution tests: folders under URL prefixes, each with
 * the exact response headers a partner's web server would send (CSP, CORS, caching), and an
 * optional proxy of /api/ to the reference server, streams included.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, sep } from 'node:path';

export interface Mount {
  /** URL prefix, e.g. `/pages/`; `/` for everything. */
  prefix: string;
  dir: string;
  /** Response headers for the mount's files, or per file name. */
  headers?: Record<string, string> | ((file: string) => Record<string, string>);
}

export interface StaticServerOptions {
  mounts: Mount[];
  /** Headers on every response. */
  headers?: Record<string, string>;
  /** Replaces `%NAME%` in HTML files, e.g. `{ CDN: 'http://localhost:1234/cdn' }`. */
  htmlVariables?: () => Record<string, string>;
  /** Where /api/ goes (the reference server's URL). */
  apiTarget?: () => string | undefined;
  /** Listen on this host name, so two servers can be two origins (127.0.0.1 and localhost). */
  host?: string;
}

export interface StaticServer {
  url: string;
  origin: string;
  /** Every path requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function proxy(target: string, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
  req.pipe(upstream);
  res.on('close', () => upstream.destroy());
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    requests.push(path);
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    // Browsers ask for it on every page; the partner's site has one, the test pages need none.
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const target = options.apiTarget?.();
    if (path.startsWith('/api/') && target) return proxy(target, req, res);
    const mount = options.mounts
      .filter((m) => path.startsWith(m.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (mount) {
      let file = normalize(join(mount.dir, path.slice(mount.prefix.length)));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if ((file + sep).startsWith(normalize(mount.dir + sep)) && existsSync(file) && statSync(file).isFile()) {
        const headers = typeof mount.headers === 'function' ? mount.headers(basename(file)) : (mount.headers ?? {});
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        res.setHeader('Content-Type', type);
        if (type.startsWith('text/html') && options.htmlVariables) {
          const variables = options.htmlVariables();
          return res.end(
            readFileSync(file, 'utf8').replace(/%([A-Z_]+)%/g, (all, name: string) => variables[name] ?? all),
          );
        }
        return createReadStream(file).pipe(res);
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found: ${path}`);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

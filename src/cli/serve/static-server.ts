import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { UsageError } from '../../errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The site's pages load scripts and styles of their own only; papers may hold data: images. */
const HTML_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A read-only HTTP server for one folder, on 127.0.0.1 only: GET and HEAD, nothing outside the
 * folder (nor through a symbolic link out of it), no hidden files, no directory listings (a
 * folder gives its index.html or nothing), and only requests addressed to this machine (so a web
 * page elsewhere cannot read the site through DNS rebinding).
 */
export async function startStaticServer(root: string, port: number): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    serveFile(base, req, res).catch(() => send(res, 500, 'Internal error'));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new UsageError(`Port ${port} on 127.0.0.1 is already in use`, { hint: 'Choose another with --port N (0 picks a free one).' })
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => done());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };

  async function serveFile(rootDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!isLocalHost(req.headers.host, actual)) return send(res, 403, 'Forbidden');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'Bad request');
    }
    const segments = pathname.split(/[\\/]/).filter(Boolean);
    if (pathname.includes('\0') || segments.some((s) => s === '..' || s.startsWith('.'))) return send(res, 404, 'Not found');
    let file = join(rootDir, ...segments);
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      // Relative links on an index page resolve against the folder only with a trailing slash.
      if (!pathname.endsWith('/')) return send(res, 301, 'Moved', { Location: `${encodeURI(pathname)}/` });
      file = join(file, 'index.html');
    }
    const real = await realpath(file).catch(() => undefined);
    const realRoot = await realpath(rootDir).catch(() => rootDir);
    if (!real || !real.startsWith(realRoot + sep)) return send(res, 404, 'Not found');
    const fileInfo = await stat(real);
    if (!fileInfo.isFile()) return send(res, 404, 'Not found');
    const type = TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': fileInfo.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': HTML_POLICY } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(real).on('error', () => res.destroy()).pipe(res);
  }
}

function isLocalHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(`${text}\n`);
}

/**
 * A tiny static file server for the built app (`dist`), on 127.0.0.1 with a free port, optionally
 * under a sub-path (e.g. '/tools/mail/') to prove the build works there. GET and HEAD only;
 * directory requests get that directory's index.html; everything else outside the root, outside
 * the base path, or missing is 404. No caching, so a rebuilt app is always what the test sees.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

export interface StaticServerOptions {
  /** Sub-path the app is served under, e.g. '/tools/mail/'. Default '/'. */
  basePath?: string;
  /** Extra response headers on every file (e.g. a Content-Security-Policy to test against). */
  headers?: Readonly<Record<string, string>>;
}

export interface StaticServer {
  /** The app's URL, always ending in the base path, e.g. http://127.0.0.1:PORT/tools/mail/ */
  readonly url: string;
  readonly origin: string;
  stop(): Promise<void>;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

function normaliseBasePath(basePath: string): string {
  let base = basePath.trim();
  if (!base.startsWith('/')) base = `/${base}`;
  if (!base.endsWith('/')) base = `${base}/`;
  if (base.includes('//') || base.split('/').some((seg) => seg === '.' || seg === '..')) {
    throw new Error(`bad basePath: ${basePath}`);
  }
  return base;
}

export async function startStaticServer(
  root: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const rootReal = await realpath(root).catch(() => {
    throw new Error(`static server root ${root} does not exist (build the app first?)`);
  });
  const base = normaliseBasePath(options.basePath ?? '/');
  const extraHeaders = options.headers ?? {};

  const send = (res: ServerResponse, status: number, text: string, headers = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(text);
  };

  /** The real file for a request path, or null; never anything outside the root. */
  const resolveFile = async (pathname: string): Promise<string | null> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const inner = decoded.slice(base.length);
    if (inner.split('/').some((seg) => seg === '..')) return null;
    let candidate = join(rootReal, ...inner.split('/').filter(Boolean));
    let info = await stat(candidate).catch(() => null);
    if (info?.isDirectory()) {
      candidate = join(candidate, 'index.html');
      info = await stat(candidate).catch(() => null);
    }
    if (!info?.isFile()) return null;
    const real = await realpath(candidate); // a symlink must not lead outside the root either
    const rel = relative(rootReal, real);
    if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
    return real;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (`${rawPath}/` === base) {
      res.writeHead(301, { location: base });
      res.end();
      return;
    }
    if (!rawPath.startsWith(base)) {
      send(res, 404, 'not found\n');
      return;
    }
    const file = await resolveFile(rawPath);
    if (!file) {
      send(res, 404, 'not found\n');
      return;
    }
    const info = await stat(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extraHeaders,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}${base}`,
    origin,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

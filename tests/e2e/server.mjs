// A tiny static file server for the end-to-end tests: serves the release build
// in dist/ under the sub-path /wiki/csql/ (as a wiki would), on 127.0.0.1 and a
// random port, with correct content types. No dependencies beyond node:*.
//
// Every response carries Access-Control-Allow-Origin: *, as the README tells
// hosts to do: a wiki embed runs in an iframe sandboxed without
// allow-same-origin, so its document has an opaque origin and its module
// scripts and wasm fetch are CORS requests (Origin: null).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = resolve(fileURLToPath(new URL('../../dist/', import.meta.url)));
export const SUB_PATH = '/wiki/csql/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const CORS = { 'access-control-allow-origin': '*' };

function notFound(res) {
  res.writeHead(404, { ...CORS, 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}

/** Maps a request path to a file inside dist/, or null when it is outside the sub-path or dist/. */
function fileFor(pathname) {
  if (!pathname.startsWith(SUB_PATH)) return null;
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(SUB_PATH.length));
  } catch {
    return null;
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  if (rel.includes('\0')) return null;
  const file = resolve(join(DIST, rel));
  return file.startsWith(DIST + sep) ? file : null;
}

/**
 * Starts the server. Resolves to { origin, base, close() }, where base is
 * origin + '/wiki/csql/'. Throws when dist/index.html is missing.
 */
export async function start() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${join(DIST, 'index.html')} is missing: run trunk build --release first`);
  }
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...CORS, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === SUB_PATH.slice(0, -1)) {
      res.writeHead(301, { ...CORS, location: SUB_PATH });
      res.end();
      return;
    }
    const file = fileFor(pathname);
    if (!file) return notFound(res);
    try {
      const info = await stat(file);
      if (!info.isFile()) return notFound(res);
      const body = await readFile(file);
      res.writeHead(200, {
        ...CORS,
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound(res);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: origin + SUB_PATH,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/**
 * Starts a second server on 127.0.0.1 and another random port, so another
 * origin: a stand-in for a wiki page that embeds the calculator. It serves
 * `html` at /host.html and nothing else. Resolves to { origin, url, close() }.
 */
export async function startHost(html) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname !== '/host.html') return notFound(res);
    const body = Buffer.from(html);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + '/host.html',
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

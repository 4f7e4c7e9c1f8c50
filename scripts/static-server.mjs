// A small static file server for dist/, the way a static host serves it: under a sub-path,
// no rewrite rules. Tests start it in-process and can override single paths to simulate
// faults (status codes, HTML pages, slow or hanging answers).
//
//   node scripts/static-server.mjs --root dist --port 8080 --prefix / [--headers dist/_headers]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);
const compressed = new Map();

/** The body as a host or CDN would send it: brotli or gzip when the client accepts it. */
function encode(path, body, accept) {
  if (!COMPRESSIBLE.has(extname(path)) || body.length < 1024) return [body, null];
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!encoding) return [body, null];
  const key = `${encoding}:${path}:${body.length}`;
  if (!compressed.has(key)) {
    compressed.set(key, encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(body, { level: 9 }));
  }
  return [compressed.get(key), encoding];
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Reads the headers that a `_headers` file (see scripts/headers.mjs) gives every path (`/*`). */
export function readHeadersFile(path) {
  const headers = {};
  let all = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('/')) all = line.trim() === '/*';
    else if (all && /^\s+[\w-]+:/.test(line)) {
      const [name, ...value] = line.trim().split(':');
      headers[name.toLowerCase()] = value.join(':').trim();
    }
  }
  return headers;
}

/**
 * Starts a server for `root` under `prefix` (which begins and ends with "/").
 * Returns { url, origin, override(path, response), clear(), reset(), requests, close() }:
 * clear() drops the overrides, reset() also forgets the recorded requests.
 * An override is { status, body, type, headers, delayMs, hang } or a function (req, res) => void.
 * `headers` are added to every file served (e.g. a Content-Security-Policy).
 */
export async function startServer({ root = 'dist', prefix = '/tools/compare/', host = '127.0.0.1', port = 0, headers: extraHeaders } = {}) {
  const rootDir = resolve(root);
  let headers = extraHeaders ?? {};
  const overrides = new Map();
  const requests = [];
  const hanging = new Set();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push({ method: req.method, path: url.pathname });
    if (!url.pathname.startsWith(prefix)) {
      if (url.pathname === prefix.slice(0, -1)) {
        res.writeHead(301, { location: prefix + url.search });
        return res.end();
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const override = overrides.get(rel);
    if (typeof override === 'function') return override(req, res);
    if (override) {
      if (override.hang) {
        hanging.add(res);
        return;
      }
      if (override.delayMs) await new Promise((r) => setTimeout(r, override.delayMs));
      res.writeHead(override.status ?? 200, { 'content-type': override.type ?? 'application/json', ...(override.headers ?? {}) });
      return res.end(override.body ?? '');
    }
    const file = normalize(join(rootDir, rel));
    if (!file.startsWith(rootDir)) {
      res.writeHead(403);
      return res.end();
    }
    try {
      const info = await stat(file);
      if (info.isDirectory() && !url.pathname.endsWith('/')) {
        // Like every static host: a folder's address ends with a slash.
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      const path = info.isDirectory() ? join(file, 'index.html') : file;
      const [body, encoding] = encode(path, await readFile(path), req.headers['accept-encoding'] ?? '');
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
        'cache-control': 'no-cache',
        // Like a CDN: lets the embed run in a sandboxed iframe (opaque origin), whose module
        // script, wasm and bundle requests are cross-origin.
        'access-control-allow-origin': '*',
        ...headers,
      });
      res.end(body);
    } catch {
      // Like GitHub Pages, Netlify, Cloudflare Pages or an nginx `error_page`: the site's own
      // 404.html for a path it has no file for (the published site's is the app, which shows a
      // comparison beyond the page budget at its folder), with the 404 status.
      const fallback = await readFile(join(rootDir, '404.html')).catch(() => null);
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...headers });
      res.end(fallback ?? '<!doctype html><title>Not found</title><h1>Not found</h1>');
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    url: origin + prefix,
    requests,
    override: (path, response) => overrides.set(path, response),
    clear: () => overrides.clear(),
    setHeaders: (h) => (headers = h),
    reset: () => {
      overrides.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise((ok) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections?.();
        server.close(ok);
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const headersFile = arg('headers', null);
  const s = await startServer({
    headers: headersFile && existsSync(headersFile) ? readHeadersFile(headersFile) : undefined,
    root: arg('root', 'dist'),
    prefix: arg('prefix', '/'),
    host: arg('host', '127.0.0.1'),
    port: Number(arg('port', '8080')),
  });
  console.log(`Verdicts is being served at ${s.url} (Ctrl+C to stop)`);
}

// A tiny static file server for the benchmark, on 127.0.0.1 only: serves the precompressed .br or .gz copy
// beside a file when the request accepts that encoding, as a CDN configured per output-config/ would, and one
// range of a file that has no such copy (Range: bytes=a-b), as every common static server does.
//
//   node bench/serve.mjs <folder> [port]     (or import { serve } from './serve.mjs')

import { createServer } from 'node:http';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

// Synchronous file access: a request is answered in one turn of the event loop, ~0.1 ms for the small files a
// query fetches, as nginx answers them. With promises, each request took three trips through libuv's thread pool,
// and ten requests at once (a page of titles) queued behind each other for ~10 ms in this one process.
function file(path) {
  try {
    const info = statSync(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

/**
 * Serves `root` (and `extra`: path → HTML text, for pages the benchmark adds) on 127.0.0.1. Resolves to the server,
 * its base URL and `sent()`, the response body bytes sent so far (as transferred, i.e. compressed).
 */
export function serve(root, { port = 0, extra = {} } = {}) {
  const base = resolve(root);
  let sent = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (extra[path] !== undefined) {
      const page = Buffer.from(extra[path]);
      sent += page.length;
      response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', 'Content-Length': page.length });
      response.end(page);
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const target = normalize(join(base, path));
    if (target !== base && !target.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (!file(target)) {
      response.writeHead(404, { 'Content-Type': TYPES['.txt'] }).end('not found');
      return;
    }
    // Files the site did not precompress (Pagefind's bundle is already gzip inside) are sent as they are.
    const accepted = String(request.headers['accept-encoding'] ?? '');
    let body = target;
    const headers = {
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=3600',
      Vary: 'Accept-Encoding',
    };
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (new RegExp(`\\b${encoding}\\b`).test(accepted) && file(target + suffix)) {
        body = target + suffix;
        headers['Content-Encoding'] = encoding;
        break;
      }
    }
    let bytes;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
    if (range && body === target) {
      // Only the range is read, as a static server does: reading a whole 8 MB pack for each of ten title reads made
      // this server, not the client, the slowest part of a query.
      const size = file(target).size;
      const start = Number(range[1]);
      const end = range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
      if (start > end) {
        response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
      bytes = Buffer.alloc(end + 1 - start);
      const handle = openSync(target, 'r');
      try {
        for (let read = 0; read < bytes.length;) read += readSync(handle, bytes, read, bytes.length - read, start + read);
      } finally {
        closeSync(handle);
      }
      status = 206;
    } else {
      bytes = readFileSync(body);
    }
    headers['Content-Length'] = bytes.length;
    headers['Accept-Ranges'] = 'bytes';
    response.writeHead(status, headers);
    if (request.method !== 'HEAD') sent += bytes.length;
    response.end(request.method === 'HEAD' ? undefined : bytes);
  });
  return new Promise(done => server.listen(port, '127.0.0.1',
    () => done({ server, url: `http://127.0.0.1:${server.address().port}`, sent: () => sent })));
}

/**
 * The same server in a child process, so that the benchmark's own work (Playwright's protocol traffic on this
 * process's event loop) cannot delay a response: a request is answered as promptly as a real static server would.
 * Resolves to { url, sent: async () => bytes, close }.
 */
export function serveInChild(root, { extra = {} } = {}) {
  const child = fork(fileURLToPath(import.meta.url), ['--child', root], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  child.on('message', message => replies.shift()?.(message));
  const ask = request => new Promise(resolve => { replies.push(resolve); child.send(request); });
  return ask({ start: extra }).then(({ url }) => ({
    url,
    sent: async () => (await ask({ sent: true })).sent,
    close: () => child.kill(),
  }));
}

if (process.argv[2] === '--child') {
  let server = null;
  process.on('message', async message => {
    if (message.start) {
      server = await serve(process.argv[3], { extra: message.start });
      process.send({ url: server.url });
    } else if (message.sent) {
      process.send({ sent: server.sent() });
    }
  });
  process.on('disconnect', () => process.exit(0));
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root, port] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node bench/serve.mjs <folder> [port]');
    process.exit(2);
  }
  const { url } = await serve(root, { port: Number(port ?? 8081) });
  console.log(`serving ${resolve(root)} at ${url}/`);
}

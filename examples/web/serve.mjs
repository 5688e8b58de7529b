#!/usr/bin/env node
// A tiny static server for the decision-drafting page, on localhost only.
//
//   node examples/web/serve.mjs [port]      (default 8080; 0 picks a free port)
//
// Serves this folder at / and the WebAssembly package built by
// scripts/build-wasm.sh (bindings/wasm/pkg) at /pkg/. Nothing else.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(new URL('.', import.meta.url)));
const pkg = resolve(here, '..', '..', 'bindings', 'wasm', 'pkg');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves `root` (default: this folder; the checklist editor page passes
 *  its own) at / and the package at /pkg/ on 127.0.0.1:`port`. */
export function start(port = 8080, root = here) {
  const roots = [
    ['/pkg/', pkg],
    ['/', root],
  ];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith('/')) path += 'index.html';
      const [prefix, dir] = roots.find(([p]) => path.startsWith(p));
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir + sep) || file.includes(`${sep}node_modules${sep}`) || file.includes(`${sep}test${sep}`)) {
        throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      }
      if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch (error) {
      const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR' || error instanceof URIError;
      res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await start(Number(process.argv[2] ?? 8080));
  console.log(`ennakko drafting page: http://localhost:${server.address().port}/`);
}

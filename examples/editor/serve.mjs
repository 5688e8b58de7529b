#!/usr/bin/env node
// Serves the checklist editor page on localhost only:
//
//   node examples/editor/serve.mjs [port]      (default 8081; 0 picks a free port)
//
// This folder at / (the page, dist/codemirror.js built by build.mjs) and
// the WebAssembly package (bindings/wasm/pkg) at /pkg/: the drafting page's
// server with another root.
import { fileURLToPath } from 'node:url';
import { start as startServer } from '../web/serve.mjs';

const here = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

export function start(port = 8081) {
  return startServer(port, here);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await start(Number(process.argv[2] ?? 8081));
  console.log(`ennakko checklist editor: http://localhost:${server.address().port}/`);
}

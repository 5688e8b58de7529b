#!/usr/bin/env node
// Bundles CodeMirror 6 (from node_modules, installed by `npm ci`) into
// dist/codemirror.js, the one module the page imports it from. The engine
// is not bundled: the page imports the WebAssembly package from /pkg/.
//
//   node examples/editor/build.mjs
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
await build({
  entryPoints: [`${here}codemirror.js`],
  outfile: `${here}dist/codemirror.js`,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  legalComments: 'eof',
  logLevel: 'warning',
});

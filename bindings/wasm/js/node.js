// Node entry of the `ennakko` package (ES module): the engine. The
// WebAssembly module is loaded synchronously on import; `init()` exists
// only so that code can be shared with the browser entry. Templates are
// `ennakko/templates` (templates-node.js).
import { createRequire } from 'node:module';
import { nodeEntry } from './api.js';

export { EnnakkoError } from './api.js';
export const { Checklist, check, complete, equity, explain, hover, init, initSync, readDecision, render, rollup, schema, standardChecklists, version } =
  nodeEntry(createRequire(import.meta.url)('./node/ennakko.js'));

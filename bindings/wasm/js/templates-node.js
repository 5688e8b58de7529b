// Node entry `ennakko/templates` (ES module): the engine and decision
// document templates, in a WebAssembly module of its own, loaded
// synchronously on import. A `Checklist` passed to `template.*` must come
// from this entry.
import { createRequire } from 'node:module';
import { nodeEntry } from './api.js';

export { EnnakkoError } from './api.js';
export const { Checklist, check, complete, equity, explain, hover, init, initSync, readDecision, render, schema, standardChecklists, template, version } =
  nodeEntry(createRequire(import.meta.url)('./templates/node/ennakko.js'));

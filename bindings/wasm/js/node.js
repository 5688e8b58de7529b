// Node entry of the `ennakko` package (ES module). The WebAssembly module
// is loaded synchronously on import; `init()` exists only so that code can
// be shared with the browser entry.
import { createRequire } from 'node:module';
import { bind, EnnakkoError } from './api.js';

const raw = createRequire(import.meta.url)('./node/ennakko.js');
const api = bind(raw);

/** Nothing to do in Node (kept for code shared with browsers). */
export async function init() {}
/** Nothing to do in Node (kept for code shared with browsers). */
export function initSync() {}

export const { Checklist, check, equity, explain, readDecision, render, rollup, schema, standardChecklists, template, version } =
  api;
export { EnnakkoError };

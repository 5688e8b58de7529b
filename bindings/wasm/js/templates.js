// Browser and bundler entry `ennakko/templates` (ES module): the engine and
// decision document templates (Word, Markdown, HTML), in a WebAssembly
// module of its own (`templates/web/ennakko_bg.wasm`), larger than the
// engine's. Call `await init()` once before anything else. A `Checklist`
// passed to `template.*` must come from this entry.
import initWasm, * as raw from './templates/web/ennakko.js';
import { browserEntry } from './api.js';

export { EnnakkoError } from './api.js';
export const { Checklist, check, complete, equity, explain, hover, init, initSync, readDecision, render, schema, standardChecklists, template, version } =
  browserEntry(initWasm, raw);

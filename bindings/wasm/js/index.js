// Browser and bundler entry of the `ennakko` package (ES module): the
// engine. Call `await init()` once before anything else; it fetches
// `web/ennakko_bg.wasm` next to this file (or the source you pass).
// Templates (Word, Markdown, HTML) are the entry `ennakko/templates`
// (templates.js), a module of its own, loaded only by pages that use them.
import initWasm, * as raw from './web/ennakko.js';
import { browserEntry } from './api.js';

export { EnnakkoError } from './api.js';
export const { Checklist, check, complete, equity, explain, hover, init, initSync, readDecision, render, rollup, schema, standardChecklists, version } =
  browserEntry(initWasm, raw);

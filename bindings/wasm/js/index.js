// Browser and bundler entry of the `ennakko` package (ES module).
// Call `await init()` once before anything else; it fetches
// `web/ennakko_bg.wasm` next to this file (or the source you pass).
import initWasm, * as raw from './web/ennakko.js';
import { bind, EnnakkoError } from './api.js';

let initialized = false;
let pending = null;

/**
 * Loads and instantiates the WebAssembly module. `source`: a URL, Response,
 * BufferSource or WebAssembly.Module; default: the .wasm next to this file.
 */
export function init(source) {
  pending ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => {
    initialized = true;
  });
  return pending;
}

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module) {
  if (!initialized) {
    raw.initSync({ module });
    initialized = true;
  }
}

const api = bind(raw, () => {
  if (!initialized) throw new Error('ennakko is not initialised: call `await init()` first');
});

export const { Checklist, check, equity, explain, readDecision, render, rollup, schema, standardChecklists, template, version } =
  api;
export { EnnakkoError };

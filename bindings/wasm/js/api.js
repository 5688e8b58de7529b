// The public JavaScript API of the `ennakko` package, over the low-level
// wasm-bindgen module (JSON text in and out). Shared by the browser entries
// (index.js; templates.js with templates) and the Node entries (node.js;
// templates-node.js); types in index.d.ts and templates.d.ts.
//
// This layer only converts: objects to JSON text and back, and the
// module's errors to `EnnakkoError` objects. All the work is in Rust.

/**
 * A problem with a checklist, a decision or an evaluation. `diagnostics`
 * holds every problem found (errors first); `code`, `line`, `column`,
 * `file` and `path` repeat those of the first error, for convenience.
 */
export class EnnakkoError extends Error {
  constructor(message, { kind = 'internal', code = '', diagnostics = [], cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'EnnakkoError';
    /** `compile`, `decision`, `evaluation`, `template`, or `internal` (the module aborted: a bug). */
    this.kind = kind;
    /** Code of the first error, e.g. `E0101`, `D0103`, `R0001`, `T0003`. */
    this.code = code;
    /** Every diagnostic, errors first. */
    this.diagnostics = diagnostics;
    const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
    this.file = first?.file;
    this.line = first?.line;
    this.column = first?.column;
    this.endLine = first?.end_line;
    this.endColumn = first?.end_column;
    this.path = first?.path;
  }
}

const FORMATS = new Set(['auto', 'json', 'yaml']);
const encoder = new TextEncoder();

/** Binds the API to an initialised low-level module. */
export function bind(raw, ready = () => {}) {
  let aborted = null;

  function convert(error) {
    if (error instanceof TypeError) return error;
    if (error && error.name === 'EnnakkoError' && typeof error.diagnosticsJson === 'string') {
      let diagnostics = [];
      try {
        diagnostics = JSON.parse(error.diagnosticsJson);
      } catch {
        // keep the message
      }
      return new EnnakkoError(error.message, { kind: error.kind, code: error.code, diagnostics });
    }
    // A trap (a Rust panic, an out-of-bounds access) or the engine's stack
    // overflowing inside WebAssembly: the module's state can no longer be
    // trusted (its stack pointer and borrow flags were not restored).
    const trapped = typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
    if (trapped || error instanceof RangeError) {
      let detail = error.message;
      try {
        detail = raw.lastPanic() ?? detail;
      } catch {
        // the module is gone
      }
      aborted = new EnnakkoError(
        `ennakko aborted (a bug: please report it with the input): ${detail}. ` + 'Load the module again to continue.',
        { kind: 'internal', code: 'INTERNAL', cause: error },
      );
      return aborted;
    }
    return error;
  }

  /** The `lang` the module was last told to speak (it starts in English). */
  let speaking;

  /** Runs `fn` on the module, its problems told in `lang` (fi, sv, en;
   *  default English): the module checks the language, and tells every
   *  error and diagnostic of the call in it. */
  function call(fn, lang) {
    ready();
    if (aborted) throw aborted;
    try {
      if (lang !== speaking) {
        raw.speak(lang);
        speaking = lang;
      }
      return fn();
    } catch (error) {
      throw convert(error);
    }
  }

  function text(value, what) {
    if (typeof value !== 'string') throw new TypeError(`${what} must be a string, not ${describeType(value)}`);
    return value;
  }

  function json(value, what) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new TypeError(`${what} must be an object, not ${describeType(value)}`);
    }
    try {
      return JSON.stringify(value);
    } catch (error) {
      throw new TypeError(`${what} cannot be converted to JSON: ${error.message}`);
    }
  }

  /** The `lang` option, if given: a string (the module checks its value). */
  function langOf(opts) {
    return opts.lang === undefined || opts.lang === null ? undefined : text(opts.lang, 'options.lang');
  }

  function options(value) {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object') throw new TypeError(`options must be an object, not ${describeType(value)}`);
    return value;
  }

  /** A decision object or JSON/YAML text → [text, format]. */
  function decisionText(decision, opts) {
    const format = opts.format ?? 'auto';
    if (!FORMATS.has(format)) throw new TypeError(`format must be "json", "yaml" or "auto", not ${JSON.stringify(format)}`);
    if (typeof decision === 'string') return [decision, format];
    if (decision === null || typeof decision !== 'object' || Array.isArray(decision)) {
      throw new TypeError(`the decision must be an object or JSON/YAML text, not ${describeType(decision)}`);
    }
    if (unfit(decision) && writtenSize(decision, new Map(), 0) > MAX_WRITTEN) {
      throw decisionError(
        'D0002',
        `the decision, written out, would be larger than ${MAX_WRITTEN} bytes`,
        'an object or array used in several places counts at each; split the decision',
        [],
      );
    }
    try {
      return [JSON.stringify(decision), 'json'];
    } catch (error) {
      throw new TypeError(`the decision cannot be converted to JSON: ${error.message}`);
    }
  }

  function reportText(report) {
    if (typeof report === 'string') return report;
    if (report === null || typeof report !== 'object') {
      throw new TypeError(`the report must be a report object or its JSON, not ${describeType(report)}`);
    }
    return JSON.stringify(report);
  }

  function render(report, renderOptions) {
    const opts = options(renderOptions);
    const format = opts.format ?? 'html';
    if (format !== 'html' && format !== 'md' && format !== 'markdown') {
      throw new TypeError(`format must be "html" or "md", not ${JSON.stringify(format)}`);
    }
    const lang = langOf(opts);
    return call(() => raw.renderReport(reportText(report), format, lang), lang);
  }

  function explain(report, id, explainOptions) {
    const opts = options(explainOptions);
    const lang = langOf(opts);
    return call(() => raw.explainReport(reportText(report), text(id, 'the id'), lang), lang) ?? null;
  }

  function equity(report, equityOptions) {
    const opts = options(equityOptions);
    const lang = langOf(opts);
    return JSON.parse(call(() => raw.equityJson(reportText(report), lang), lang));
  }

  const created = Symbol('created');
  /** The low-level checklist of a `Checklist`, or undefined for anything else. */
  let rawOf;

  class Checklist {
    #raw;
    #description;
    /** The language its problems are told in, unless a call says otherwise. */
    #lang;

    static {
      rawOf = (value) => (value !== null && typeof value === 'object' && #raw in value ? value.#live() : undefined);
    }

    /**
     * Compiles checklist source. `options.name` names the root file (for
     * diagnostics and relative imports; default `checklist.eva`),
     * `options.files` maps relative file names to sources for `import
     * "./x.eva"`, `options.limits` overrides some limits. `options.lang`
     * (`fi`, `sv` or `en`; default English) is the language problems are
     * told in: compile errors, warnings, and those of later calls that do
     * not give their own `lang`.
     */
    constructor(source, compileOptions) {
      if (source === created) {
        [this.#raw, this.#lang] = compileOptions;
        return;
      }
      const opts = options(compileOptions);
      const name = opts.name === undefined ? 'checklist.eva' : text(opts.name, 'options.name');
      const files = json(opts.files, 'options.files');
      const limits = json(opts.limits, 'options.limits');
      const lang = langOf(opts);
      this.#raw = call(
        () => raw.RawChecklist.fromSource(name, text(source, 'the checklist source'), files, limits),
        lang,
      );
      this.#lang = lang;
    }

    /** The language a call's problems are told in: its own, else the checklist's. */
    #langFor(opts) {
      return langOf(opts) ?? this.#lang;
    }

    #live() {
      if (!this.#raw) throw new Error('this Checklist was freed');
      return this.#raw;
    }

    /** Compiles checklist source (same as `new Checklist(source, options)`). */
    static fromSource(source, compileOptions) {
      return new Checklist(source, compileOptions);
    }

    /** A standard checklist by name (default `eva`); `options.lang` as for the constructor. */
    static standard(name = 'eva', standardOptions) {
      const opts = options(standardOptions);
      const limits = json(opts.limits, 'options.limits');
      const lang = langOf(opts);
      const compiled = call(() => raw.RawChecklist.standard(text(name, 'the checklist name'), limits), lang);
      return new Checklist(created, [compiled, lang]);
    }

    /** Warnings found while compiling, in the checklist's language. */
    get warnings() {
      return JSON.parse(call(() => this.#live().warningsJson(), this.#lang));
    }

    /** The limits this checklist compiles and scores with. */
    get limits() {
      return JSON.parse(call(() => this.#live().limitsJson()));
    }

    /** Questions, groups, domains, facts, scales, scores and rules. The
     *  same (frozen) object on every call. */
    describe() {
      this.#description ??= deepFreeze(JSON.parse(call(() => this.#live().describeJson())));
      return this.#description;
    }

    /** Scores a decision (object, or JSON/YAML text) and returns the report. */
    score(decision, scoreOptions) {
      return JSON.parse(this.scoreJson(decision, scoreOptions));
    }

    /** The compact result (verdict, fired rules, numbers), no report built. */
    evaluate(decision, evaluateOptions) {
      const opts = options(evaluateOptions);
      const [input, format] = decisionText(decision, opts);
      return JSON.parse(call(() => this.#live().evaluateJson(input, format), this.#langFor(opts)));
    }

    /** Like `score`, but returns the report as JSON text; with `pretty: true`
     *  byte for byte what `ennakko score` prints. */
    scoreJson(decision, scoreOptions) {
      const opts = options(scoreOptions);
      const [input, format] = decisionText(decision, opts);
      return call(() => this.#live().scoreJson(input, format, opts.pretty === true), this.#langFor(opts));
    }

    /** Which questions apply and which are missing, per alternative. */
    questions(decision, questionOptions) {
      const opts = options(questionOptions);
      const [input, format] = decisionText(decision, opts);
      return JSON.parse(call(() => this.#live().questionsJson(input, format), this.#langFor(opts)));
    }

    /** Renders a report as HTML (default) or Markdown. */
    render(report, renderOptions) {
      return render(report, renderOptions);
    }

    /** Explains one result of a report in plain language (see `explain`). */
    explain(report, id, explainOptions) {
      return explain(report, id, explainOptions);
    }

    /** Explains one result of a decision, also a rule that did not fire:
     *  each part of its condition, whether it held, and the values read. */
    explainDecision(decision, id, explainOptions) {
      const opts = options(explainOptions);
      const [input, format] = decisionText(decision, opts);
      const lang = langOf(opts);
      const told = lang ?? this.#lang;
      return call(() => this.#live().explainDecision(input, format, text(id, 'the id'), lang), told) ?? null;
    }

    /** Releases the compiled checklist now instead of at garbage collection. */
    free() {
      this.#raw?.free();
      this.#raw = undefined;
    }
  }

  /** Every diagnostic of checklist source (errors and warnings); `[]` if
   *  clean; in `options.lang` (`fi`, `sv`, `en`; default English). */
  function check(source, compileOptions) {
    const opts = options(compileOptions);
    const name = opts.name === undefined ? 'checklist.eva' : text(opts.name, 'options.name');
    const files = json(opts.files, 'options.files');
    const limits = json(opts.limits, 'options.limits');
    const sourceText = text(source, 'the checklist source');
    return JSON.parse(call(() => raw.checkJson(name, sourceText, files, limits), langOf(opts)));
  }

  /** The offset an editor asks about: a JavaScript string index. */
  function editorOffset(source, offset) {
    if (!Number.isInteger(offset) || offset < 0) {
      throw new TypeError(`the offset must be a string index (an integer from 0), not ${JSON.stringify(offset)}`);
    }
    return Math.min(offset, source.length);
  }

  /** The arguments of `hover` and `complete`, as the module takes them. */
  function editorArgs(source, offset, compileOptions) {
    const opts = options(compileOptions);
    const name = opts.name === undefined ? 'checklist.eva' : text(opts.name, 'options.name');
    const src = text(source, 'the checklist source');
    return [name, src, editorOffset(src, offset), json(opts.files, 'options.files'), json(opts.limits, 'options.limits')];
  }

  /** What the name at string index `offset` of checklist source is (the
   *  core's hover: kind, id, texts in every language, legal basis...), or
   *  `null`. The same answer as the language server's hover. */
  function hover(source, offset, compileOptions) {
    const args = editorArgs(source, offset, compileOptions);
    return JSON.parse(call(() => raw.hoverJson(...args)));
  }

  /** What may be typed at string index `offset` of checklist source:
   *  `{ from, options }`, `from` being where the word being typed starts.
   *  The same options as the language server's completion. */
  function complete(source, offset, compileOptions) {
    const args = editorArgs(source, offset, compileOptions);
    return JSON.parse(call(() => raw.completeJson(...args)));
  }

  /** A JSON Schema: `decision`, `report`, `diagnostic`, `description` or `template-check`. */
  function schema(name) {
    return JSON.parse(call(() => raw.schemaJson(text(name, 'the schema name'))));
  }

  /** Reads a decision document (JSON or YAML text) into an object, checking
   *  its shape (fields and types) but not its ids. */
  function readDecision(source, readOptions) {
    const opts = options(readOptions);
    const format = opts.format ?? 'auto';
    if (!FORMATS.has(format)) throw new TypeError(`format must be "json", "yaml" or "auto", not ${JSON.stringify(format)}`);
    return JSON.parse(call(() => raw.readDecisionJson(text(source, 'the decision text'), format), langOf(opts)));
  }

  /** Rolls up a period's decisions (texts, decision objects, or
   *  `{name, decision}`) into the EVA section of a welfare report: the
   *  roll-up object, or with `options.format` its Markdown, HTML or CSV. */
  function rollup(decisions, rollupOptions) {
    if (!Array.isArray(decisions)) throw new TypeError(`decisions must be an array, not ${describeType(decisions)}`);
    const opts = options(rollupOptions);
    const unknown = Object.keys(opts).find((key) => !ROLLUP_OPTIONS.has(key));
    if (unknown !== undefined) {
      throw new TypeError(`unknown roll-up option ${JSON.stringify(unknown)}: use ${[...ROLLUP_OPTIONS].join(', ')}`);
    }
    const named = (item) =>
      item !== null && typeof item === 'object' && Object.keys(item).length === 2 && 'name' in item && 'decision' in item;
    const request = {
      decisions: decisions.map((item, i) =>
        named(item)
          ? { name: text(item.name, `decisions[${i}].name`), text: decisionText(item.decision, {})[0] }
          : decisionText(item, {})[0],
      ),
      from: opts.from,
      to: opts.to,
      as_of: opts.asOf,
      checklist: opts.checklist,
      format: opts.format ?? 'json',
      lang: opts.lang,
      limits: opts.limits,
    };
    const out = call(() => raw.rollupJson(JSON.stringify(request)), langOf(opts));
    return request.format === 'json' ? JSON.parse(out) : out;
  }

  /** Names of the standard checklists embedded in the package. */
  function standardChecklists() {
    return JSON.parse(call(() => raw.standardNamesJson()));
  }

  // ---- templates: Word (.docx), Markdown and HTML documents, bytes in and out -------------

  /** An optional string option. */
  function optionalText(value, what) {
    return value === undefined || value === null ? undefined : text(value, what);
  }

  /** A template document → its bytes. Strings (Markdown, HTML) are UTF-8 encoded. */
  function documentBytes(document, format) {
    if (typeof document === 'string') {
      if (typeof format === 'string' && format.toLowerCase() === 'docx') {
        throw new TypeError('a .docx document is binary: pass its bytes (a Uint8Array or ArrayBuffer), not a string');
      }
      return encoder.encode(document);
    }
    if (ArrayBuffer.isView(document)) return new Uint8Array(document.buffer, document.byteOffset, document.byteLength);
    if (document instanceof ArrayBuffer) return new Uint8Array(document);
    if (typeof Blob !== 'undefined' && document instanceof Blob) {
      throw new TypeError('a File or Blob is read asynchronously: pass new Uint8Array(await file.arrayBuffer())');
    }
    throw new TypeError(
      `the document must be a Uint8Array, an ArrayBuffer or (Markdown, HTML) a string, not ${describeType(document)}`,
    );
  }

  /**
   * Runs `withRaw(rawChecklist)` when `options.checklist` is a `Checklist`,
   * else `withName(name)`: a standard checklist's name, or undefined to use
   * the one the document names (else `eva`).
   */
  function usingChecklist(checklist, withRaw, withName) {
    if (checklist === undefined || checklist === null) return withName(undefined);
    if (typeof checklist === 'string') return withName(checklist);
    const compiled = rawOf(checklist);
    if (compiled === undefined) {
      throw new TypeError(
        `options.checklist must be a standard checklist name or a Checklist made through 'ennakko/templates', not ${describeType(checklist)}`,
      );
    }
    return withRaw(compiled);
  }

  /**
   * Decision document templates: a blank template with every question of a
   * checklist as a field (`init`), what a filled one lacks (`check`), and a
   * copy with the results written in (`fill`). Same as `ennakko template`.
   */
  const template = Object.freeze({
    /** A blank template (Uint8Array), prefilled from `options.decision` if given. */
    init(initOptions) {
      const opts = options(initOptions);
      const format = optionalText(opts.format, 'options.format') ?? 'docx';
      const lang = optionalText(opts.lang, 'options.lang') ?? 'fi';
      const checklistName = optionalText(opts.checklistName, 'options.checklistName');
      const [decision, decisionFormat] =
        opts.decision === undefined || opts.decision === null ? [undefined, 'auto'] : decisionText(opts.decision, {});
      // Without options.checklist: the one the decision names, else `eva` (as the CLI's --from).
      return usingChecklist(
        opts.checklist,
        (compiled) => call(() => compiled.templateInit(format, lang, decision, decisionFormat, checklistName), lang),
        (name) => call(() => raw.templateInit(name, format, lang, decision, decisionFormat, checklistName), lang),
      );
    },

    /** What a filled template lacks or gets wrong: the check, `errors` and `complete`. */
    check(document, checkOptions) {
      const opts = options(checkOptions);
      const format = optionalText(opts.format, 'options.format');
      const limits = json(opts.limits, 'options.limits');
      const lang = langOf(opts);
      const bytes = documentBytes(document, format);
      const checked = usingChecklist(
        opts.checklist,
        (compiled) => call(() => compiled.templateCheckJson(bytes, format, limits), lang),
        (name) => call(() => raw.templateCheckJson(name, bytes, format, limits), lang),
      );
      return JSON.parse(checked);
    },

    /** The document with the results written in (Uint8Array); throws on template errors. */
    fill(document, fillOptions) {
      const opts = options(fillOptions);
      const format = optionalText(opts.format, 'options.format');
      const lang = optionalText(opts.lang, 'options.lang');
      const limits = json(opts.limits, 'options.limits');
      const bytes = documentBytes(document, format);
      return usingChecklist(
        opts.checklist,
        (compiled) => call(() => compiled.templateFill(bytes, format, lang, limits), lang),
        (name) => call(() => raw.templateFill(name, bytes, format, lang, limits), lang),
      );
    },

    /** The checklist the document names (a standard name or a .eva file), or null. */
    checklistName(document, nameOptions) {
      const opts = options(nameOptions);
      const format = optionalText(opts.format, 'options.format');
      const limits = json(opts.limits, 'options.limits');
      const bytes = documentBytes(document, format);
      return call(() => raw.templateChecklistName(bytes, format, limits), langOf(opts)) ?? null;
    },

    /** The limits documents are read within (`max_bytes`, `max_zip_entries`,
     *  `max_part_bytes`, `max_fields`); `options.limits` overrides some. */
    defaultLimits() {
      return JSON.parse(call(() => raw.templateDefaultLimitsJson()));
    },
  });

  const api = {
    Checklist,
    check,
    complete,
    equity,
    explain,
    hover,
    readDecision,
    render,
    rollup,
    schema,
    standardChecklists,
    version: () => call(() => raw.version()),
  };
  // Only the module built with templates (the `ennakko/templates` entry) has them.
  if (typeof raw.templateInit === 'function') api.template = template;
  return api;
}

/**
 * The API of a browser entry over a wasm-bindgen module built with
 * `--target web`: `init()` (async, once) or `initSync()` first.
 */
export function browserEntry(initWasm, raw) {
  let initialized = false;
  let pending = null;
  /**
   * Loads and instantiates the WebAssembly module. `source`: a URL, Response,
   * BufferSource or WebAssembly.Module; default: the .wasm next to the module's JS.
   */
  function init(source) {
    pending ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => {
      initialized = true;
    });
    return pending;
  }
  /** Instantiates the module synchronously from its bytes or a compiled module. */
  function initSync(module) {
    if (!initialized) {
      raw.initSync({ module });
      initialized = true;
    }
  }
  const api = bind(raw, () => {
    if (!initialized) throw new Error('ennakko is not initialised: call `await init()` first');
  });
  return { ...api, init, initSync };
}

/** The API of a Node entry: the module is loaded on import, so `init` does nothing. */
export function nodeEntry(raw) {
  return { ...bind(raw), init: async () => {}, initSync: () => {} };
}

/** The options `rollup` takes (the engine checks their values). */
const ROLLUP_OPTIONS = new Set(['from', 'to', 'asOf', 'checklist', 'format', 'lang', 'limits']);

/** Levels of a decision object checked by `unfit` (the engine refuses
 *  anything deeper than its `max_decision_depth` anyway). */
const UNFIT_DEPTH = 256;
// The most a decision object may stand for, written out as JSON: the
// engine's default `max_decision_bytes` (the engine then applies the
// checklist's own limit to the text).
const MAX_WRITTEN = 16 << 20;

/** `$.alternatives[1].id` from steps. */
function jsonPath(steps) {
  return steps.reduce((path, step) => (typeof step === 'number' ? `${path}[${step}]` : `${path}.${step}`), '$');
}

/** A decision error as the engine reports one (the same codes and wording
 *  as the Python module gives for the same values). */
function decisionError(code, message, help, steps) {
  const path = jsonPath(steps);
  const diagnostic = { code, severity: 'error', message, help, path, notes: [] };
  const rendered = `error[${code}]: ${message}\n --> at ${path}\n  = help: ${help}\n`;
  return new EnnakkoError(rendered, { kind: 'decision', code, diagnostics: [diagnostic] });
}

/**
 * Checks a decision object for values JSON text cannot hold, which
 * `JSON.stringify` would silently change: NaN and the infinities (it writes
 * `null`: "not given"), symbols and functions (it drops them), Maps and
 * Sets (it writes `{}`), and text with a lone surrogate (the engine could
 * only report a broken escape). Throws an EnnakkoError with the JSON path,
 * D0104 for numbers and D0101 for the rest; `undefined` is a missing value,
 * as in JSON. Iterative, so a deep object cannot overflow the stack.
 * Returns whether some object or array appears in more than one place.
 */
function unfit(decision) {
  const stack = [[decision, []]];
  const seen = new Set();
  let shared = false;
  while (stack.length > 0) {
    const [value, steps] = stack.pop();
    switch (typeof value) {
      case 'number':
        if (!Number.isFinite(value)) {
          throw decisionError('D0104', `the number ${value} is not finite`, 'write an ordinary number', steps);
        }
        continue;
      case 'string':
        if (!value.isWellFormed()) {
          throw decisionError(
            'D0101',
            'the text has a lone surrogate (half of a UTF-16 pair), which is not Unicode text',
            'remove the broken character from the text',
            steps,
          );
        }
        continue;
      case 'symbol':
      case 'function':
        throw decisionError(
          'D0101',
          `a ${typeof value} cannot be part of a decision`,
          'a decision holds only objects, arrays, strings, numbers, booleans and null',
          steps,
        );
      case 'object':
        break;
      default:
        continue;
    }
    if (value !== null && seen.has(value)) {
      shared = true;
      continue;
    }
    if (value === null || steps.length >= UNFIT_DEPTH) continue;
    if (typeof value.toJSON === 'function') continue; // a Date, or the host's own conversion
    if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
      throw decisionError(
        'D0101',
        `a ${value.constructor.name} cannot be part of a decision (it would be written as {})`,
        'use a plain object or an array',
        steps,
      );
    }
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, [...steps, i]]));
    } else {
      for (const key of Object.keys(value)) {
        if (!key.isWellFormed()) {
          throw decisionError(
            'D0101',
            'a key has a lone surrogate (half of a UTF-16 pair), which is not Unicode text',
            'remove the broken character from the key',
            steps,
          );
        }
        stack.push([value[key], [...steps, key]]);
      }
    }
  }
  return shared;
}

/**
 * About how many bytes `value` takes written out as JSON (at least that),
 * each object measured once and remembered, so that an object used in many
 * places (as YAML aliases make them: js-yaml shares one object for every
 * alias) costs nothing more to measure however large it stands for. Only
 * called when `unfit` met an object twice. Past UNFIT_DEPTH (a cycle) it
 * stops counting: JSON.stringify then names the cycle.
 */
function writtenSize(value, memo, depth) {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 5;
  if (depth > UNFIT_DEPTH) return 0;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) size += writtenSize(item, memo, depth + 1) + 1;
  } else {
    for (const key of Object.keys(value)) size += key.length + 4 + writtenSize(value[key], memo, depth + 1);
  }
  memo.set(value, size);
  return size;
}

function describeType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// TypeScript definitions of `ennakko/templates`: everything `ennakko` has,
// plus decision document templates (Word, Markdown, HTML). This entry loads
// a WebAssembly module of its own, with the engine and the templates.

import type { Checklist, Decision } from './index';
import type { TemplateCheck } from './types/template-check';

export * from './index';
export type { TemplateCheck };

/** A JSON Schema of a document ennakko reads or writes (here also the template check). */
export function schema(
  name: 'decision' | 'report' | 'diagnostic' | 'description' | 'rollup' | 'template-check',
): Record<string, unknown>;

/** Document formats of templates: Word, Markdown (YAML front matter), HTML. */
export type TemplateFormat = 'docx' | 'md' | 'html';

/** Languages templates and their results are written in. */
export type TemplateLanguage = 'fi' | 'sv' | 'en';

/**
 * A template document: its bytes (a `.docx` read from a file input with
 * `new Uint8Array(await file.arrayBuffer())`, a Node `Buffer`), or the text
 * of a Markdown or HTML template.
 */
export type TemplateDocument = Uint8Array | ArrayBuffer | ArrayBufferView | string;

/**
 * Which checklist reads a template: a standard checklist's name or a
 * `Checklist` compiled through this entry (`ennakko/templates`; one of
 * `ennakko` lives in the other WebAssembly module). Default: the one the document names if it is a
 * standard checklist, else `eva`. A document that names a checklist *file*
 * needs that file compiled (`new Checklist(source, { name })`) and passed
 * here: there is no file system to read it from (a `TypeError` says so).
 */
export type TemplateChecklist = string | Checklist;

/** Options of `template.init`. */
export interface TemplateInitOptions {
  /** The checklist whose questions become fields; default: the one `decision` names, else `eva`. */
  checklist?: TemplateChecklist;
  /** Default `docx`. */
  format?: TemplateFormat | 'markdown';
  /** Language of the template's texts, and of the problems; default `fi`. */
  lang?: TemplateLanguage;
  /** Prefills the template with this decision's values and alternatives (as the CLI's `--from`). */
  decision?: Decision | string;
  /** How the template names its checklist; default: the decision's `checklist`, else the checklist's id. */
  checklistName?: string;
}

/** Limits template documents are read within (defaults in `template.defaultLimits()`). */
export interface TemplateLimits {
  /** Largest document, in bytes (T0002). */
  max_bytes: number;
  /** Most entries in a `.docx` zip archive (T0004). */
  max_zip_entries: number;
  /** Largest uncompressed zip part that is read, in bytes (T0004). */
  max_part_bytes: number;
  /** Most `eva` fields in one document (T0004). */
  max_fields: number;
}

/** Options of `template.checklistName`. */
export interface TemplateReadOptions {
  /** Default: told from the content (a zip is `.docx`, `---` starts Markdown, `<html` is HTML). */
  format?: TemplateFormat | 'markdown';
  /** Overrides of some limits, e.g. a smaller `max_bytes` for uploads. */
  limits?: Partial<TemplateLimits>;
  /** Language of the problems (errors thrown, and a check's `problems`); default `en`. */
  lang?: TemplateLanguage;
}

/** Options of `template.check`. */
export interface TemplateCheckOptions extends TemplateReadOptions {
  /** See `TemplateChecklist`. */
  checklist?: TemplateChecklist;
}

/** Options of `template.fill`. */
export interface TemplateFillOptions extends TemplateCheckOptions {
  /** Language of the results; default: the decision's `language`, else `fi`.
   *  When given, also the language of the problems. */
  lang?: TemplateLanguage;
}

/** What `template.check` finds, and its two conclusions. */
export type TemplateCheckResult = TemplateCheck & {
  /** How many problems are errors (the template cannot be filled while there are any). */
  errors: number;
  /** No errors, and every required answer given. */
  complete: boolean;
};

/**
 * Decision document templates (Word `.docx`, Markdown, HTML) with the EVA
 * checks inside, as `ennakko template init|check|fill`: bytes in, bytes out,
 * in memory (a browser can process an uploaded document with no server).
 * Unreadable documents throw `EnnakkoError` with kind `template` (`T0001`
 * not UTF-8, `T0003` not a zip...).
 */
export const template: {
  /** A blank template with every fact and question of the checklist as a field. */
  init(options?: TemplateInitOptions): Uint8Array;
  /** Reads a filled template: the decision, its report, and every problem (`T`/`D` codes). */
  check(document: TemplateDocument, options?: TemplateCheckOptions): TemplateCheckResult;
  /** Scores the template's decision and returns a copy with the results written in; throws
   *  `EnnakkoError` (kind `template`) listing the errors when it has any. */
  fill(document: TemplateDocument, options?: TemplateFillOptions): Uint8Array;
  /** The checklist the document names (a standard name or a `.eva` file), or `null`. */
  checklistName(document: TemplateDocument, options?: TemplateReadOptions): string | null;
  /** The limits documents are read within, unless `options.limits` overrides some. */
  defaultLimits(): TemplateLimits;
};


// TypeScript definitions of the `ennakko` package (the engine; templates
// are `ennakko/templates`, templates.d.ts). The document types (Decision,
// Report, Diagnostic, Description, Rollup; TemplateCheck) are generated from
// the engine's JSON Schemas into ./types/ by scripts/build-wasm.sh.

import type { Decision, Alternative, ImpactCell, LocalText, Organisation } from './types/decision';
import type {
  Report,
  AlternativeReport,
  AnswerReport,
  CellReport,
  Completeness,
  Entry,
  Equity,
  Finding,
  MissingAnswer,
  NamedScore,
  Note,
  OptionTerm,
  GroupCategory,
  ScaleTerm,
  ScoreRange,
  Term,
  TraceItem,
  Verdict,
  Vocabulary,
} from './types/report';
import type { Diagnostic } from './types/diagnostic';
import type { Description, Field, GroupItem, Item, RuleItem, ScaleItem } from './types/description';
import type { Rollup, Coverage, Cumulative, DecisionRow, FollowUpRow, FollowUpSummary, Quarter, Skip } from './types/rollup';

export type {
  Decision,
  Alternative,
  ImpactCell,
  LocalText,
  Organisation,
  Report,
  AlternativeReport,
  AnswerReport,
  CellReport,
  Completeness,
  Entry,
  Equity,
  Finding,
  MissingAnswer,
  NamedScore,
  Note,
  OptionTerm,
  GroupCategory,
  ScaleTerm,
  ScoreRange,
  Term,
  TraceItem,
  Verdict,
  Vocabulary,
  Diagnostic,
  Description,
  Field,
  GroupItem,
  Item,
  RuleItem,
  ScaleItem,
  Rollup,
  Coverage,
  Cumulative,
  DecisionRow,
  FollowUpRow,
  FollowUpSummary,
  Quarter,
  Skip,
};

/** Screening verdict levels. */
export type VerdictLevel = Verdict['level'];

/** Resource limits (all optional when passed in; defaults in `Checklist.limits`). */
export interface Limits {
  /** Largest checklist source file, in bytes (E0002). */
  max_source_bytes: number;
  /** Deepest nesting of brackets, braces and quantifiers (E0003). */
  max_nesting: number;
  /** Deepest expression tree (E0003). */
  max_expr_depth: number;
  /** Most declarations in one checklist, imports included (E0004). */
  max_declarations: number;
  /** Most files one checklist may import (E0004). */
  max_imports: number;
  /** Largest decision document, in bytes (D0002). */
  max_decision_bytes: number;
  /** Deepest nesting in a decision document (D0003). */
  max_decision_depth: number;
  /** Most alternatives in one decision (D0004). */
  max_alternatives: number;
  /** Most impact cells in one alternative (D0004). */
  max_cells: number;
  /** Evaluation steps allowed for one decision (R0001). */
  max_eval_steps: number;
}

/** A language problems are told in: Finnish, Swedish or English. */
export type Language = 'fi' | 'sv' | 'en';

/** How to compile checklist source. */
export interface CompileOptions {
  /** Language of the compile errors and warnings, and of the problems of
   *  this checklist's later calls that give no `lang` of their own. Default `en`. */
  lang?: Language;
  /** Name of the root file, shown in diagnostics; relative imports are
   *  resolved against its folder. Default `checklist.eva`. */
  name?: string;
  /** Files for `import "./x.eva"`: name relative to the root file's folder → source. */
  files?: Record<string, string>;
  /** Overrides of some limits. */
  limits?: Partial<Limits>;
}

/** How a decision given as text is read. */
export type DecisionFormat = 'json' | 'yaml' | 'auto';

export interface ScoreOptions {
  /** Syntax of a decision given as text; `auto` (default): JSON if it starts with `{`, else YAML. */
  format?: DecisionFormat;
  /** Language of the problems (`EnnakkoError` messages, hints and notes);
   *  default: the checklist's `lang`, else `en`. */
  lang?: Language;
}

export interface ScoreJsonOptions extends ScoreOptions {
  /** Pretty-print exactly as `ennakko score` does. */
  pretty?: boolean;
}

export interface RenderOptions {
  /** `html` (default: a self-contained page) or `md`. */
  format?: 'html' | 'md' | 'markdown';
  /** `fi`, `sv` or `en`; default: the decision's `language`, else `fi`.
   *  When given, also the language of the problems. */
  lang?: 'fi' | 'sv' | 'en' | (string & {});
}

/** The questions of one alternative. */
export interface AlternativeQuestions {
  id: string;
  kind: Alternative['kind'];
  title?: string;
  completeness: Completeness;
}

/** A question of the checklist and where it currently applies. */
export interface QuestionState extends Field {
  /** Ids of the alternatives it applies to. */
  applies: string[];
  /** Ids of the alternatives where it is required, applies, and is not (fully) answered. */
  missing: string[];
}

/** Result of `Checklist.questions`. */
export interface Questions {
  /** Per alternative, in the decision's order. */
  alternatives: AlternativeQuestions[];
  /** Every question of the checklist, in checklist order. */
  questions: QuestionState[];
}

/** The numbers of one alternative in an `Evaluation` (not rounded; `null` where nothing was assessed). */
export interface EvaluationNumbers {
  id: string;
  kind: 'zero' | 'proposal' | 'other';
  total: number | null;
  /** Share of the required questions that apply and are answered. */
  completeness: number;
  /** Mean of the vulnerable population groups minus that of the other population groups. */
  equity_gap: number | null;
  groups: Record<string, number | null>;
  domains: Record<string, number | null>;
  perspectives: Record<string, number | null>;
  /** Named scores that came out as numbers. */
  scores: Record<string, number | null>;
}

/** Result of `Checklist.evaluate`: the verdict, the rules that fired and the numbers, no report. */
export interface Evaluation {
  decision: string;
  verdict: 'none' | 'light' | 'full';
  /** Verdict rules that fired for the decision or a proposal. */
  reasons: string[];
  /** Other rules that fired for the decision or a proposal. */
  findings: string[];
  /** Rules that fired for the zero option or an alternative set aside (never the verdict). */
  comparison: string[];
  fired: { rule: string; alternative: string | null; role: 'reason' | 'finding' | 'comparison' }[];
  alternatives: EvaluationNumbers[];
}

/** What kind of problem an `EnnakkoError` reports. */
export type ErrorKind = 'compile' | 'decision' | 'evaluation' | 'template' | 'internal';

/**
 * A problem with a checklist (`kind: "compile"`), a decision (`"decision"`),
 * an evaluation (`"evaluation"`: the step budget ran out) or a template
 * document (`"template"`: unreadable, or errors that stop filling it). Wrong
 * argument types are `TypeError`s instead.
 */
export class EnnakkoError extends Error {
  readonly name: 'EnnakkoError';
  readonly kind: ErrorKind;
  /** Code of the first error: `E0101`, `D0103`, `R0001`, `T0003`... (`INTERNAL` for an aborted module). */
  readonly code: string;
  /** Every diagnostic, errors first. */
  readonly diagnostics: Diagnostic[];
  /** Position of the first error (checklist diagnostics; decision syntax errors). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** JSON path of the first error (decision diagnostics), e.g. `$.alternatives[1].impacts[0].group`. */
  readonly path?: string;
}

/** A compiled checklist: compile once, score many decisions. */
export class Checklist {
  /** Compiles checklist source; throws `EnnakkoError` (kind `compile`) with every problem. */
  constructor(source: string, options?: CompileOptions);
  /** Same as `new Checklist(source, options)`. */
  static fromSource(source: string, options?: CompileOptions): Checklist;
  /** A standard checklist embedded in the package (default `eva`). */
  static standard(name?: string, options?: { limits?: Partial<Limits>; lang?: Language }): Checklist;
  /** Warnings found while compiling. */
  readonly warnings: Diagnostic[];
  /** The limits in force. */
  readonly limits: Limits;
  /** Questions, groups, domains, facts, scales, scores and rules (one frozen object). */
  describe(): Readonly<Description>;
  /** Scores a decision (object, or JSON/YAML text). Throws `EnnakkoError` (kind `decision` or `evaluation`). */
  score(decision: Decision | string, options?: ScoreOptions): Report;
  /** The compact result of scoring (verdict, fired rules, numbers): no report is built, several times cheaper than `score` on every keystroke. */
  evaluate(decision: Decision | string, options?: ScoreOptions): Evaluation;
  /** Like `score`, returning the report as JSON text (`pretty`: byte for byte the CLI's output). */
  scoreJson(decision: Decision | string, options?: ScoreJsonOptions): string;
  /** Which questions apply and which are missing, per alternative. */
  questions(decision: Decision | string, options?: ScoreOptions): Questions;
  /** Renders a report as a self-contained HTML page (default) or Markdown. */
  render(report: Report | string, options?: RenderOptions): string;
  /** Explains one result of a report in plain language (see `explain`). */
  explain(report: Report | string, id: string, options?: { lang?: RenderOptions['lang'] }): string | null;
  /** Explains one result of a decision, also a rule that did not fire (each part of its condition, with the values read). */
  explainDecision(
    decision: Decision | string,
    id: string,
    options?: ScoreOptions & { lang?: RenderOptions['lang'] },
  ): string | null;
  /** Releases the compiled checklist now rather than at garbage collection. */
  free(): void;
}

/** Every diagnostic (errors and warnings) of checklist source; `[]` when clean. Never throws for checklist problems.
 *  `lang`: the language of the messages, hints and notes (default English, as they are made). */
export function check(source: string, options?: CompileOptions): Diagnostic[];

/** What a hover shows about a name in checklist source (the language server's hover). */
export interface Hover {
  /** `group`, `question: screening`, `level`, `scale`... */
  kind: string;
  /** The id as declared. */
  id: string;
  /** For a level or option: the declaration holding it. */
  parent: string | null;
  /** A default scale (or one of its levels) the checklist does not redefine. */
  default: boolean;
  /** Multilingual texts by property: `label`, `text`, `help`..., each as `[language, text]` pairs. */
  texts: { key: string; texts: [string, string][] }[];
  /** Other properties as written: `legal basis`, `age`, `vulnerable`, `weight`, `levels`... */
  props: { key: string; value: string }[];
  /** The file declaring it when not the one edited (`<std>/eva.eva`). */
  declared_in: string | null;
}

/** One thing that may be typed at a position. */
export interface Completion {
  /** The text to insert. */
  label: string;
  kind: 'keyword' | 'checklist' | 'group' | 'scale' | 'fact' | 'question' | 'score' | 'declaration' | 'member' | 'function' | 'field';
  /** A short description: `group`, `level of magnitude`, `keyword`... */
  detail: string;
  /** For a declared id: what its hover shows. */
  info: Hover | null;
}

/** What the name at string index `offset` of checklist source is, or `null`; `markdown` is the same as `hover` drawn as the language server sends it. */
export function hover(source: string, offset: number, options?: CompileOptions): { markdown: string; hover: Hover } | null;

/** What may be typed at string index `offset` of checklist source; `from`: the string index where the word being typed starts. */
export function complete(source: string, offset: number, options?: CompileOptions): { from: number; options: Completion[] };

/** Reads a decision document (JSON or YAML text) into an object, checking its
 *  shape (fields and types) but not its ids; throws `EnnakkoError` (kind `decision`). */
export function readDecision(text: string, options?: ScoreOptions): Decision;

/** Renders a report as a self-contained HTML page (default) or Markdown. */
export function render(report: Report | string, options?: RenderOptions): string;

/**
 * Explains one result of a report in plain language, with what it read:
 * a finding or verdict reason (by rule id), a named score, or the score of
 * a group, domain or perspective (by id), in every alternative it appears
 * in. `null` if the report has nothing with that id.
 */
export function explain(report: Report | string, id: string, options?: { lang?: RenderOptions['lang'] }): string | null;

/**
 * The equity statement of each alternative but the zero option, in words,
 * as the report says it: alternative id to sentence.
 */
export function equity(report: Report | string, options?: { lang?: RenderOptions['lang'] }): Record<string, string>;

/** A JSON Schema of a document ennakko reads or writes. */
export function schema(name: 'decision' | 'report' | 'diagnostic' | 'description' | 'rollup'): Record<string, unknown>;

/** What `rollup` gives: the roll-up object (`json`), Markdown, one
 *  self-contained HTML page, or CSV per decision or per group and domain. */
export type RollupFormat = 'json' | 'md' | 'html' | 'csv' | 'csv-impacts';

/** A decision to roll up: an object, its JSON or YAML text, or either with
 *  the name it is listed under (else `decisions[i]`). */
export type RollupDecision = Decision | string | { name: string; decision: Decision | string };

export interface RollupOptions {
  /** First day of the period, `YYYY-MM-DD`; decisions before it are listed as skipped (U0201). */
  from?: string;
  /** Last day of the period, `YYYY-MM-DD`. */
  to?: string;
  /** The day follow-ups are judged on (default `to`; without either, none is overdue). */
  asOf?: string;
  /** The standard checklist every decision is scored with (default `eva`). */
  checklist?: string;
  /** Default `json` (the roll-up object). */
  format?: RollupFormat;
  /** Language of Markdown and HTML (default `fi`); when given, also of the problems. */
  lang?: 'fi' | 'sv' | 'en';
  /** Limits every decision is read and scored within. */
  limits?: Partial<Limits>;
}

/**
 * Rolls up a period's decisions into the EVA section of a welfare report
 * (see docs/rollup.md): coverage, cumulative impacts per group and domain,
 * quarters, follow-ups. Each decision counts with the alternative adopted
 * (`decided.adopted`, else its one proposal). Decisions that cannot be read
 * or scored, or fall outside the period, are listed in `skipped`, never
 * dropped. Throws `EnnakkoError` for a bad date (U0001, U0002) or more than
 * 200,000 decisions (U0005), `TypeError` for a bad option.
 */
export function rollup(decisions: RollupDecision[], options?: RollupOptions & { format?: 'json' }): Rollup;
export function rollup(decisions: RollupDecision[], options: RollupOptions & { format: Exclude<RollupFormat, 'json'> }): string;


/** Names of the standard checklists embedded in the package. */
export function standardChecklists(): string[];

/** Version of the engine. */
export function version(): string;

/** Source of the WebAssembly module for `init`. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module (browsers: once, before anything else; in
 * Node it is loaded on import and this does nothing).
 */
export function init(source?: InitInput | Promise<InitInput>): Promise<void>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module?: BufferSource | WebAssembly.Module): void;

// Type-checked (not run) by tests/types.test.mjs with `tsc --strict`: the
// package's definitions are real types, not `any`. Each `@ts-expect-error`
// line must be an error, which it would not be if the type were `any`.
import {
  Checklist,
  EnnakkoError,
  check,
  complete,
  hover,
  init,
  readDecision,
  render,
  rollup,
  schema,
  type AnswerReport,
  type Decision,
  type Description,
  type Finding,
  type GroupCategory,
  type LocalText,
  type OptionTerm,
  type Organisation,
  type Diagnostic,
  type Questions,
  type Report,
  type Rollup,
  type VerdictLevel,
} from '../../pkg/index.js';
// Templates are an entry of their own, with a WebAssembly module of its own.
import {
  schema as schemaWithTemplates,
  template,
  type TemplateCheck,
  type TemplateCheckOptions,
  type TemplateLimits,
  type TemplateCheckResult,
  type TemplateFillOptions,
  type TemplateFormat,
  type TemplateInitOptions,
} from '../../pkg/templates.js';

export function editorUsage(source: string): string {
  const found = hover(source, 3);
  const kinds: string[] = complete(source, source.length).options.map((o) => `${o.kind}:${o.info?.id ?? ''}`);
  // @ts-expect-error: the offset is a number
  hover(source, '3');
  // @ts-expect-error: a completion's kind is one of a few names
  const wrong: 'nothing' = complete(source, 0).options[0].kind;
  return `${found?.hover.texts[0]?.texts[0]?.[1] ?? ''} ${kinds.join(',')} ${wrong}`;
}

export async function usage(): Promise<string> {
  await init();
  const checklist = Checklist.standard('eva', { limits: { max_eval_steps: 1_000_000 } });
  const decision: Decision = {
    id: '2026-1',
    title: 'Example',
    alternatives: [
      { id: 'zero', kind: 'zero' },
      { id: 'plan', kind: 'proposal', impacts: [{ group: 'children', domain: 'mobility', direction: -1 }] },
    ],
  };
  const report: Report = checklist.score(decision);
  const level: VerdictLevel = report.verdict.level;
  const total: number = report.alternatives[1].total.value;
  const missing: string[] = report.alternatives[1].completeness.missing.map((m) => m.question);
  const questions: Questions = checklist.questions(decision);
  const applies: string[] = questions.questions[0].applies;
  const description: Readonly<Description> = checklist.describe();
  const groupLabel: string | undefined = description.groups[0].label['fi'];
  const html: string = render(report, { format: 'html', lang: 'sv' });
  const md: string = checklist.render(report, { format: 'md' });
  const diagnostics: Diagnostic[] = check('checklist c { }');
  const line: number | null | undefined = diagnostics[0]?.line;
  const again: Decision = readDecision('id: x\ntitle: T\nalternatives: []');

  // Texts per language, who decides, evidence sources; what the report says of them.
  const bilingual: Decision = {
    id: '2026-2',
    title: { fi: 'Koulu', sv: 'Skola' },
    organisation: 'county',
    bilingual: true,
    alternatives: [
      { id: 'zero', kind: 'zero', description: 'Nothing changes.' },
      {
        id: 'plan',
        kind: 'proposal',
        title: { fi: 'Ehdotus', sv: 'Förslag' },
        impacts: [{ group: 'children', domain: 'mobility', direction: -1, note: 'Longer trips.', evidence_source: 'Survey' }],
      },
    ],
  };
  const title: LocalText = bilingual.title;
  const scored: Report = checklist.score(bilingual);
  const organisation: Organisation | null | undefined = scored.decision.organisation;
  const titles: Record<string, string> | undefined = scored.decision.titles;
  const comparison: Finding[] | undefined = scored.comparison;
  const calledFor: VerdictLevel | null | undefined = comparison?.[0]?.level;
  const answers: AnswerReport[] | undefined = scored.alternatives[1].answers;
  const altDescription: string | null | undefined = scored.alternatives[0].description;
  const source: string | null | undefined = scored.alternatives[1].cells[0]?.evidence_source;
  const others: number | null | undefined = scored.alternatives[1].equity.others_mean;
  const harmed: string[] = scored.alternatives[1].equity.harmed;
  const options: OptionTerm[] = scored.vocabulary.options;
  const category: GroupCategory | null | undefined = scored.vocabulary.groups[0]?.category;
  // @ts-expect-error: who decides is a municipality or a county
  const badOrganisation: Decision = { id: 'x', title: 'T', organisation: 'city', alternatives: [] };
  // @ts-expect-error: the equity comparison has no overall mean any more
  void scored.alternatives[1].equity.overall_mean;
  void [title, organisation, titles, calledFor, answers, altDescription, source, others, harmed, options, category, badOrganisation];

  try {
    new Checklist('group {', { files: { 'a.eva': '' } });
  } catch (error) {
    if (error instanceof EnnakkoError) {
      const code: string = error.code;
      const first: Diagnostic | undefined = error.diagnostics[0];
      const kind: 'compile' | 'decision' | 'evaluation' | 'template' | 'internal' = error.kind;
      void [code, first, kind];
    }
  }

  // @ts-expect-error: an alternative kind must be zero, proposal or other
  const badKind: Decision = { id: 'x', title: 'T', alternatives: [{ id: 'a', kind: 'maybe' }] };
  // @ts-expect-error: a verdict level is none, light or full
  const badLevel: VerdictLevel = 'partial';
  // @ts-expect-error: totals are numbers
  const badTotal: string = report.alternatives[0].total.value;
  // @ts-expect-error: decisions need an id
  checklist.score({ title: 'T', alternatives: [] });
  // @ts-expect-error: render formats are html or md
  render(report, { format: 'pdf' });
  // @ts-expect-error: limits are numbers
  Checklist.standard('eva', { limits: { max_eval_steps: 'many' } });
  // Problems in Finnish, Swedish or English: per checklist, per call.
  const inSwedish = Checklist.standard('eva', { lang: 'sv' });
  void inSwedish.evaluate('id: x', { format: 'yaml', lang: 'fi' });
  // @ts-expect-error: problems are told in fi, sv or en
  Checklist.standard('eva', { lang: 'de' });

  void [level, total, missing, applies, groupLabel, md, line, again, badKind, badLevel, badTotal];
  return html;
}

/** Templates: a blank .docx, checked and filled, as a page would do with an upload. */
export function templates(upload: ArrayBuffer, text: string): Uint8Array {
  const initOptions: TemplateInitOptions = { format: 'docx', lang: 'sv', checklist: 'children' };
  const blank: Uint8Array = template.init(initOptions);
  const prefilled: Uint8Array = template.init({
    format: 'md',
    decision: { id: 'x', title: 'T', alternatives: [{ id: 'zero', kind: 'zero' }] },
    checklist: Checklist.standard('eva'),
    checklistName: 'lib/local.eva',
  });
  const fromYaml: Uint8Array = template.init({ format: 'markdown', decision: 'id: x\ntitle: T\nalternatives: []' });
  const checkOptions: TemplateCheckOptions = { format: 'docx' };
  const result: TemplateCheckResult = template.check(upload, checkOptions);
  const errors: number = result.errors;
  const complete: boolean = result.complete;
  const format: TemplateFormat = result.format;
  const named: string | null | undefined = result.checklist;
  const fields: string[] = result.fields;
  const report: Report | null | undefined = result.report;
  const decision: Decision | null | undefined = result.decision;
  const firstProblem: Diagnostic | undefined = result.problems[0];
  const asCheck: TemplateCheck = result;
  const fromText: TemplateCheckResult = template.check(text, { checklist: Checklist.standard() });
  const fillOptions: TemplateFillOptions = { lang: 'en', checklist: 'eva', format: 'html' };
  const filled: Uint8Array = template.fill(new Uint8Array(upload), fillOptions);
  const name: string | null = template.checklistName(blank, { format: 'docx', limits: { max_bytes: 1 << 20 } });
  const limits: TemplateLimits = template.defaultLimits();
  const strict: TemplateCheckResult = template.check(upload, { limits: { max_fields: 500, max_zip_entries: 100 } });
  const templateSchema: Record<string, unknown> = schemaWithTemplates('template-check');
  // @ts-expect-error: the engine entry has no template schema
  schema('template-check');

  // @ts-expect-error: template formats are docx, md or html
  template.init({ format: 'pdf' });
  // @ts-expect-error: languages are fi, sv or en
  template.fill(upload, { lang: 'de' });
  // @ts-expect-error: the checklist is a name or a Checklist
  template.check(upload, { checklist: 5 });
  // @ts-expect-error: a document is bytes or text, not a number
  template.check(42);
  // @ts-expect-error: errors is a count
  const badErrors: boolean = result.errors;
  // @ts-expect-error: init returns bytes, not text
  const badBlank: string = template.init();
  // @ts-expect-error: no such schema
  schema('template');
  // @ts-expect-error: template limits are max_bytes, max_zip_entries, max_part_bytes, max_fields
  template.fill(upload, { limits: { max_eval_steps: 10 } });

  void [prefilled, fromYaml, errors, complete, format, named, fields, report, decision, firstProblem, asCheck];
  void [fromText, name, templateSchema, badErrors, badBlank, limits, strict];
  return filled;
}

/** A roll-up over decisions kept in a page: the object, and HTML in Swedish. */
export function rollups(decisions: Decision[], file: string): string {
  const year: Rollup = rollup([...decisions, { name: 'a.yaml', decision: file }], { from: '2026-01-01', asOf: '2027-01-31' });
  const screened: number = year.coverage.screened;
  const overdue: number = year.follow_up_summary.overdue;
  const adopted: string | null | undefined = year.decisions[0]?.adopted;
  const skippedCode: string | undefined = year.skipped[0]?.diagnostics[0]?.code;
  const html: string = rollup(decisions, { format: 'html', lang: 'sv' });
  // @ts-expect-error: Markdown, HTML and CSV are text, not a roll-up
  const notObject: Rollup = rollup(decisions, { format: 'md' });
  // @ts-expect-error: roll-up formats are json, md, html, csv or csv-impacts
  rollup(decisions, { format: 'pdf' });
  // @ts-expect-error: the as-of day is asOf
  rollup(decisions, { as_of: '2027-01-31' });
  void [screened, overdue, adopted, skippedCode, notObject];
  return html;
}

// The JavaScript API: checklists, scoring, questions, rendering, errors,
// and agreement with the CLI on every example decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as ennakko from '../pkg/node.js';

const { Checklist, EnnakkoError, check, render, schema, standardChecklists } = ennakko;
const repo = fileURLToPath(new URL('../../../', import.meta.url));

const SMALL = {
  id: 'T-1',
  title: 'Test decision',
  alternatives: [
    { id: 'zero', kind: 'zero' },
    {
      id: 'plan',
      kind: 'proposal',
      answers: { changes_service_network: 'yes' },
      impacts: [{ group: 'children', domain: 'mobility', direction: -1 }],
    },
  ],
};

test('standard checklists are embedded', () => {
  assert.ok(standardChecklists().includes('eva'));
  const eva = Checklist.standard('eva');
  const d = eva.describe();
  assert.equal(d.id, 'eva');
  assert.ok(d.questions.length > 10);
  assert.ok(d.groups.some((g) => g.id === 'children'));
  assert.ok(Object.isFrozen(d) && Object.isFrozen(d.questions[0]));
  assert.strictEqual(eva.describe(), d, 'describe() is cached');
  assert.deepEqual(eva.warnings, []);
  assert.equal(eva.limits.max_nesting, 64);
  assert.match(ennakko.version(), /^\d+\.\d+\.\d+/);
});

test('score accepts objects, JSON text and YAML text alike', () => {
  const eva = Checklist.standard();
  const fromObject = eva.score(SMALL);
  assert.deepStrictEqual(eva.score(JSON.stringify(SMALL)), fromObject);
  const yaml = `id: T-1
title: Test decision
alternatives:
  - {id: zero, kind: zero}
  - id: plan
    kind: proposal
    answers: {changes_service_network: yes}
    impacts: [{group: children, domain: mobility, direction: -1}]
`;
  assert.deepStrictEqual(eva.score(yaml), fromObject);
  assert.deepStrictEqual(eva.score(yaml, { format: 'yaml' }), fromObject);
  assert.equal(fromObject.alternatives[1].total.value, -1.5);
  assert.ok(['none', 'light', 'full'].includes(fromObject.verdict.level));
  assert.deepStrictEqual(JSON.parse(eva.scoreJson(SMALL)), fromObject);
});

test("reports carry the official's words: texts per language, who decides, notes and sources", () => {
  const eva = Checklist.standard();
  const decision = {
    ...SMALL,
    title: { fi: 'Koulu', sv: 'Skola' },
    organisation: 'municipality',
    bilingual: true,
    alternatives: [
      { id: 'zero', kind: 'zero', description: { fi: 'Ei muutosta.', sv: 'Ingen ändring.' } },
      {
        ...SMALL.alternatives[1],
        impacts: [{ ...SMALL.alternatives[1].impacts[0], note: 'Pidempi matka.', mitigation: 'Kuljetus.', evidence_source: 'Kysely' }],
      },
    ],
  };
  const report = eva.score(decision);
  assert.equal(report.decision.title, 'Koulu');
  assert.deepEqual(report.decision.titles, { fi: 'Koulu', sv: 'Skola' });
  assert.equal(report.decision.organisation, 'municipality');
  assert.equal(report.decision.bilingual, true);
  assert.deepEqual(report.alternatives[0].descriptions, { fi: 'Ei muutosta.', sv: 'Ingen ändring.' });
  const cell = report.alternatives[1].cells[0];
  assert.deepEqual([cell.note, cell.mitigation, cell.evidence_source], ['Pidempi matka.', 'Kuljetus.', 'Kysely']);
  assert.deepEqual(
    report.alternatives[1].answers.map((a) => [a.question, a.value, a.applies]),
    [['changes_service_network', 'yes', true]],
  );
  const equity = report.alternatives[1].equity;
  assert.ok('others_mean' in equity && !('overall_mean' in equity));
  assert.deepEqual(equity.harmed, ['children']);
  assert.ok(report.vocabulary.options.length > 0 && report.vocabulary.rules.length > 0);
  const sv = render(report, { lang: 'sv', format: 'md' });
  assert.ok(sv.includes('Skola') && sv.includes('Ingen ändring.') && sv.includes('Kysely'), sv);
  assert.ok(render(report, { lang: 'fi', format: 'md' }).includes('Koulu'));
  assert.deepStrictEqual(eva.score(JSON.stringify(decision)), report);
});

test('questions() lists what applies and what is missing per alternative', () => {
  const eva = Checklist.standard();
  const q = eva.questions(SMALL);
  const report = eva.score(SMALL);
  assert.deepEqual(
    q.alternatives.map((a) => a.id),
    ['zero', 'plan'],
  );
  assert.deepStrictEqual(q.alternatives[1].completeness, report.alternatives[1].completeness);
  assert.equal(q.questions.length, eva.describe().questions.length);
  for (const question of q.questions) {
    assert.equal(typeof question.text.fi, 'string');
    for (const alt of question.applies) {
      const completeness = report.alternatives.find((a) => a.id === alt).completeness;
      assert.ok(completeness.applicable.includes(question.id));
    }
    for (const alt of question.missing) {
      const completeness = report.alternatives.find((a) => a.id === alt).completeness;
      assert.ok(completeness.missing.some((m) => m.question === question.id));
    }
  }
  // Answering a screening question changes what applies.
  const before = q.questions.filter((x) => x.applies.includes('plan')).length;
  const answered = structuredClone(SMALL);
  answered.alternatives[1].answers.affects_children = 'yes';
  const after = eva.questions(answered).questions.filter((x) => x.applies.includes('plan')).length;
  assert.ok(after > before, `${after} > ${before}`);
});

test('render: HTML and Markdown in fi, sv and en', () => {
  const eva = Checklist.standard();
  const report = eva.score(SMALL);
  for (const lang of ['fi', 'sv', 'en']) {
    const html = eva.render(report, { format: 'html', lang });
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes(`lang="${lang}"`));
    assert.equal(render(JSON.stringify(report), { lang }), html, 'a report as JSON text renders the same');
    const md = render(report, { format: 'md', lang });
    assert.ok(md.startsWith('# Test decision'));
  }
  assert.ok(render(report).includes('lang="fi"'), 'Finnish by default');
  assert.throws(() => render(report, { format: 'pdf' }), TypeError);
  assert.throws(() => render({ not: 'a report' }), TypeError);
  assert.throws(() => render(42), TypeError);
});

test('explain: why a number is what it is', () => {
  const eva = Checklist.standard();
  const report = eva.score(SMALL);
  const why = ennakko.explain(report, 'children', { lang: 'en' });
  assert.equal(typeof why, 'string');
  assert.ok(why.includes('Children'), why);
  assert.equal(eva.explain(report, 'no-such-id'), null);
  assert.throws(() => ennakko.explain(report, 5), TypeError);
});

test("equity: the report's own sentences, one per alternative but the zero option", () => {
  const eva = Checklist.standard();
  const report = eva.score(SMALL);
  const words = ennakko.equity(report, { lang: 'en' });
  const shown = report.alternatives.filter((a) => a.kind !== 'zero').map((a) => a.id);
  assert.deepEqual(Object.keys(words).sort(), shown.sort());
  const md = ennakko.render(report, { format: 'md', lang: 'en' });
  for (const sentence of Object.values(words)) assert.ok(md.includes(sentence), sentence);
  assert.throws(() => ennakko.equity(report, { lang: 'de' }), /unknown language/);
  assert.throws(() => ennakko.equity(42), TypeError);
});

test('explainDecision: also a rule that did not fire, part by part', () => {
  const eva = Checklist.standard();
  const decision = {
    id: 'x',
    title: 'T',
    facts: { cost_eur: 68000 },
    alternatives: [{ id: 'p', kind: 'proposal', answers: { large_procurement: 'no' } }],
  };
  const why = eva.explainDecision(decision, 'full_large_investment', { lang: 'en' });
  assert.ok(why.includes('Did not apply'), why);
  assert.ok(why.includes('68,000'), why);
  assert.equal(eva.explainDecision(decision, 'no-such-id'), null);
  assert.throws(() => eva.explainDecision({ id: 'x' }, 'full_large_investment'), (e) => e.kind === 'decision');
});

test('compile errors are EnnakkoErrors with every diagnostic, line and column', () => {
  const source = `checklist c { title en "C" version "1" languages en }
group kids { labl en "Kids" }
question q: screening { text en "Q?" groups chidren }
`;
  let error;
  assert.throws(
    () => new Checklist(source),
    (e) => {
      error = e;
      return e instanceof EnnakkoError && e instanceof Error;
    },
  );
  assert.equal(error.name, 'EnnakkoError');
  assert.equal(error.kind, 'compile');
  assert.equal(error.code, 'E0104');
  assert.equal(error.line, 2);
  assert.equal(error.column, 14);
  assert.equal(error.file, 'checklist.eva');
  assert.ok(error.diagnostics.length >= 2, 'all problems at once');
  assert.ok(error.diagnostics.some((d) => d.code === 'E0101' && d.line === 3));
  assert.match(error.message, /error\[E0104\]/);
  // check() returns the same without throwing
  assert.deepStrictEqual(check(source), error.diagnostics);
  // ... and in Finnish or Swedish when asked: the same codes and positions.
  for (const lang of ['fi', 'sv']) {
    const worded = check(source, { lang });
    assert.deepStrictEqual(worded.map((d) => [d.code, d.line, d.column]), error.diagnostics.map((d) => [d.code, d.line, d.column]));
    assert.notDeepStrictEqual(worded.map((d) => d.message), error.diagnostics.map((d) => d.message), lang);
  }
  assert.throws(() => check(source, { lang: 'de' }), (e) => e instanceof TypeError && /unknown language "de"/.test(e.message));
  assert.throws(() => check(source, { lang: 5 }), TypeError);
  assert.deepStrictEqual(check('checklist c { title en "C" version "1" languages en }'), []);
  assert.ok(error.stack.includes('EnnakkoError'));
});

test('hover and complete: the language server\'s answers, at JavaScript string indexes', () => {
  // 🙂 is two UTF-16 units: offsets after it are string indexes, not bytes.
  const source = '# 🙂\ngroup kids {\n  label fi "Lapset" sv "Barn" en "Kids"\n  basis "YK:n LOS 3 art."\n}\nscore s {\n  value count c in cells where c.group == ki';
  const found = ennakko.hover(source, source.indexOf('kids') + 1);
  assert.equal(found.hover.kind, 'group');
  assert.equal(found.hover.id, 'kids');
  assert.deepEqual(found.hover.texts[0], { key: 'label', texts: [['fi', 'Lapset'], ['sv', 'Barn'], ['en', 'Kids']] });
  assert.deepEqual(found.hover.props, [{ key: 'legal basis', value: '"YK:n LOS 3 art."' }]);
  assert.match(found.markdown, /^\*\*group\*\* `kids`/);
  assert.equal(ennakko.hover(source, 0), null, 'a comment names nothing');
  const done = ennakko.complete(source, source.length);
  assert.equal(done.from, source.length - 2);
  const kids = done.options.find((o) => o.label === 'kids');
  assert.equal(kids.kind, 'group');
  assert.equal(kids.info.id, 'kids');
  assert.deepEqual(ennakko.complete('rule r: verdict ', 16).options.map((o) => o.label), ['none', 'light', 'full']);
  // Imports are served from the file map, as when compiling.
  const lib = { 'lib/g.eva': 'group far { label en "Far away" }' };
  const importing = 'import "./lib/g.eva"\nscore s {\n  value impact(fa';
  const far = ennakko.complete(importing, importing.length, { files: lib }).options.find((o) => o.label === 'far');
  assert.equal(far.info.declared_in, 'lib/g.eva');
  // Bounded: past max_source_bytes nothing is indexed.
  assert.equal(ennakko.hover(source, 10, { limits: { max_source_bytes: 8 } }), null);
  assert.throws(() => ennakko.hover(source, -1), TypeError);
  assert.throws(() => ennakko.complete(source, 1.5), TypeError);
  assert.equal(ennakko.hover(source, 10 ** 9)?.hover ?? null, null, 'past the end: clamped');
});

test('decision errors carry the JSON path', () => {
  const eva = Checklist.standard();
  const bad = structuredClone(SMALL);
  bad.alternatives[1].impacts[0].group = 'chidren';
  const error = (() => {
    try {
      eva.score(bad);
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof EnnakkoError);
  assert.equal(error.kind, 'decision');
  assert.equal(error.code, 'D0103');
  assert.equal(error.path, '$.alternatives[1].impacts[0].group');
  assert.match(error.diagnostics[0].help, /children/);
  // a YAML syntax error has a line and column
  try {
    eva.score('id: x\ntitle: [unclosed\n');
    assert.fail('no error');
  } catch (e) {
    assert.equal(e.code, 'D0001');
    assert.equal(typeof e.line, 'number');
    assert.equal(typeof e.column, 'number');
  }
});

test('imports come from the in-memory file map, relative to the importing file', () => {
  const files = {
    'lib/a.eva': 'import "./base.eva"\ngroup a { label en "A" parent base }',
    'lib/base.eva': 'group base { label en "B" }',
  };
  const root = 'checklist c { title en "C" version "1" languages en }\nimport "./lib/a.eva"';
  const c = new Checklist(root, { files });
  assert.deepEqual(
    c
      .describe()
      .groups.map((g) => g.id)
      .filter((id) => id === 'a' || id === 'base')
      .sort(),
    ['a', 'base'],
  );
  assert.throws(
    () => new Checklist(root, { files: { 'lib/a.eva': files['lib/a.eva'] } }),
    (e) => e.code === 'E0601' && e.file === 'lib/a.eva',
  );
  assert.throws(() => new Checklist(root, { files: { '../x.eva': '' } }), TypeError);
  // and standard checklists by name
  const extended = new Checklist(
    'checklist local { title fi "L" sv "L" en "L" version "1" }\nimport "eva"\n' +
      'group islanders { label fi "Saaristolaiset" sv "Skärgårdsbor" en "Islanders" vulnerable }',
  );
  assert.ok(extended.describe().groups.some((g) => g.id === 'islanders'));
  assert.ok(extended.describe().questions.length === Checklist.standard().describe().questions.length);
});

test('limits apply and are checked', () => {
  const tight = Checklist.standard('eva', { limits: { max_eval_steps: 10 } });
  assert.equal(tight.limits.max_eval_steps, 10);
  assert.throws(
    () => tight.score(SMALL),
    (e) => e instanceof EnnakkoError && e.kind === 'evaluation' && e.code === 'R0001',
  );
  assert.throws(() => Checklist.standard('eva', { limits: { max_eval_step: 10 } }), /did you mean `max_eval_steps`/);
  assert.throws(() => Checklist.standard('eva', { limits: { max_nesting: -1 } }), TypeError);
  const small = Checklist.standard('eva', { limits: { max_decision_bytes: 100 } });
  assert.throws(
    () => small.score(SMALL),
    (e) => e.code === 'D0002',
  );
  assert.throws(
    () => Checklist.standard('evva'),
    (e) => e.code === 'E0601' && /`eva`/.test(e.diagnostics[0].help),
  );
});

test('schemas', () => {
  for (const name of ['decision', 'report', 'diagnostic', 'description']) {
    const s = schema(name);
    assert.equal(typeof s.title, 'string');
    assert.equal(s.type, 'object');
  }
  assert.throws(() => schema('nope'), TypeError);
  // The template check's schema is the templates entry's.
  assert.throws(() => schema('template-check'), (e) => e instanceof TypeError && /the schemas are/.test(e.message));
});

test('the engine entry has no templates; the templates entry has everything', async () => {
  assert.equal(ennakko.template, undefined);
  const withTemplates = await import('../pkg/templates-node.js');
  assert.equal(typeof withTemplates.template.fill, 'function');
  assert.equal(withTemplates.schema('template-check').title, 'TemplateCheck');
  const report = withTemplates.Checklist.standard().score({ id: 'x', title: 'T', alternatives: [{ id: 'p', kind: 'proposal' }] });
  assert.equal(report.alternatives[0].id, 'p');
  // A Checklist of the engine entry lives in the other module: named as such.
  assert.throws(
    () => withTemplates.template.check('---\nid: x\n---\n', { checklist: ennakko.Checklist.standard() }),
    (e) => e instanceof TypeError && /ennakko\/templates/.test(e.message),
  );
});

test('a freed checklist says so', () => {
  const c = Checklist.standard();
  c.free();
  assert.throws(() => c.score(SMALL), /freed/);
  c.free();
});

// evaluate() says what the report says, for every example decision.
for (const path of readdirSync(join(repo, 'examples')).map((d) => join(repo, 'examples', d, 'decision.yaml')).filter(existsSync)) {
  test(`evaluate agrees with score: ${path.slice(repo.length)}`, () => {
    const decision = readFileSync(path, 'utf8');
    const name = /^checklist:\s*(\S+)/m.exec(decision)?.[1] ?? 'eva';
    const checklist = Checklist.standard(name.replace(/^"|"$/g, ''));
    const report = checklist.score(decision);
    const ev = checklist.evaluate(decision);
    const ids = (findings = []) => findings.map((f) => f.rule).filter(Boolean).sort();
    assert.equal(ev.decision, report.decision.id);
    assert.equal(ev.verdict, report.verdict.level);
    assert.deepEqual([...ev.reasons].sort(), ids(report.verdict.reasons));
    assert.deepEqual([...ev.findings].sort(), ids(report.findings));
    assert.deepEqual([...ev.comparison].sort(), ids(report.comparison));
    assert.deepEqual(ev.alternatives.map((a) => a.id), report.alternatives.map((a) => a.id));
    report.alternatives.forEach((alt, i) => {
      for (const entry of alt.groups) {
        assert.ok(Math.abs(ev.alternatives[i].groups[entry.id] - entry.score.value) < 1e-6, `${alt.id} ${entry.id}`);
      }
      assert.ok(Math.abs(ev.alternatives[i].completeness - alt.completeness.ratio) < 1e-6);
    });
  });
}

test('evaluate throws what score throws', () => {
  const eva = Checklist.standard();
  assert.throws(() => eva.evaluate({ id: 'x' }), (e) => e instanceof EnnakkoError && e.kind === 'decision');
  assert.throws(() => eva.evaluate('{'), (e) => e instanceof EnnakkoError && e.code === 'D0001');
});

// The differential test: the WebAssembly build and the native CLI print the
// same bytes for every example decision.
const cli = join(repo, 'target', 'debug', 'ennakko');
const examples = readdirSync(join(repo, 'examples'))
  .map((d) => join(repo, 'examples', d, 'decision.yaml'))
  .filter(existsSync);
for (const path of examples) {
  test(`same report as the CLI: ${path.slice(repo.length)}`, { skip: !existsSync(cli) && 'target/debug/ennakko not built' }, () => {
    const expected = execFileSync(cli, ['score', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const decision = readFileSync(path, 'utf8');
    const name = /^checklist:\s*(\S+)/m.exec(decision)?.[1] ?? 'eva';
    const checklist = Checklist.standard(name.replace(/^"|"$/g, ''));
    assert.equal(checklist.scoreJson(decision, { format: 'yaml', pretty: true }) + '\n', expected);
    const lang = checklist.score(decision).decision.language ?? 'fi';
    const html = execFileSync(cli, ['score', path, '--format', 'html'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(checklist.render(checklist.score(decision), { format: 'html', lang }), html);
  });
}

// Problems in the caller's language (issue 18): `lang` on the Checklist
// constructor and on every call tells errors, diagnostics and warnings in
// Finnish, Swedish or English; texts from the documents stay as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { rollup } from '../pkg/node.js';
import { Checklist, EnnakkoError, check, readDecision, render, template } from '../pkg/templates-node.js';

/** The EnnakkoError `fn` throws. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EnnakkoError, `expected an EnnakkoError, got ${error}`);
    return error;
  }
  assert.fail('expected an error');
}

const MISSPELT = { id: 'a', title: 'T', alternatives: [{ id: 'p', kind: 'proposall' }] };

test('compile errors in the language of the constructor', () => {
  const source = 'checklist c { title en "C" version "1" languages en }\ngroup kids { labl en "Kids" }';
  const en = thrown(() => new Checklist(source));
  const fi = thrown(() => new Checklist(source, { lang: 'fi' }));
  assert.equal(en.diagnostics[0].help, 'did you mean `label`?');
  assert.equal(fi.diagnostics[0].help, 'tarkoititko `label`?');
  assert.equal(fi.code, en.code);
  assert.equal(fi.line, en.line);
  assert.match(fi.message, /^virhe\[E0104\]/);
  const sv = thrown(() => Checklist.standard('evaa', { lang: 'sv' }));
  assert.equal(sv.diagnostics[0].help, 'menade du `eva`?');
  assert.match(sv.message, /^fel\[E0601\]/);
});

test("a checklist's language is the default of its calls; a call's own lang wins", () => {
  const sv = Checklist.standard('eva', { lang: 'sv' });
  const inSwedish = thrown(() => sv.score(MISSPELT));
  assert.equal(inSwedish.code, 'D0104');
  assert.equal(inSwedish.diagnostics[0].message, '`proposall` är inte tillåtet här');
  assert.equal(inSwedish.diagnostics[0].help, 'menade du `proposal`?');
  assert.equal(inSwedish.path, '$.alternatives[0].kind');
  const inFinnish = thrown(() => sv.evaluate(MISSPELT, { lang: 'fi' }));
  assert.equal(inFinnish.diagnostics[0].message, '`proposall` ei ole sallittu tässä');
  const inEnglish = thrown(() => sv.questions(MISSPELT, { lang: 'en' }));
  assert.equal(inEnglish.diagnostics[0].help, 'did you mean `proposal`?');
  // English by default, and the language of one call does not stay for the next.
  const eva = Checklist.standard('eva');
  thrown(() => eva.score(MISSPELT, { lang: 'fi' }));
  assert.equal(thrown(() => eva.score(MISSPELT)).diagnostics[0].help, 'did you mean `proposal`?');
});

test('free functions and templates take lang too', () => {
  const diagnostics = check('group {', { lang: 'fi' });
  assert.ok(diagnostics.length > 0);
  assert.notDeepEqual(diagnostics, check('group {'));
  const missing = thrown(() => readDecision('id: a', { lang: 'sv' }));
  assert.equal(missing.diagnostics[0].message, 'fältet `title` saknas');
  // A report that is not one is the caller's mistake: a TypeError, in any language.
  assert.throws(() => render('{}', { lang: 'fi' }), TypeError);
  const blank = template.init({ format: 'md', lang: 'fi' });
  const checked = template.check(blank, { lang: 'fi' });
  const emptyId = checked.problems.find((p) => p.code === 'T0205');
  assert.equal(emptyId.message, 'päätöksen kenttä id on tyhjä');
  // A question's text in a hint is the checklist's text in that language.
  const questions = Checklist.standard().describe().questions;
  const unanswered = checked.problems.filter((p) => p.code === 'T0201');
  assert.ok(unanswered.length > 0);
  for (const problem of unanswered) {
    const question = questions.find((q) => problem.path.endsWith(`.${q.id}`));
    assert.equal(problem.help, `vastaa: ${question.text.fi}`);
  }
  assert.equal(template.check(blank).problems.find((p) => p.code === 'T0205').message, "the decision's id is empty");
  const bad = thrown(() => rollup([], { from: '2025-13-01', lang: 'sv' }));
  assert.notEqual(bad.diagnostics[0].message, thrown(() => rollup([], { from: '2025-13-01' })).diagnostics[0].message);
});

test('an unknown language is a TypeError with a suggestion, checked before the work', () => {
  assert.throws(() => Checklist.standard('eva', { lang: 'fin' }), (error) => {
    assert.ok(error instanceof TypeError);
    assert.match(error.message, /unknown language "fin".*did you mean `fi`\?/);
    return true;
  });
  assert.throws(() => Checklist.standard('eva').score({}, { lang: 'de' }), TypeError);
  assert.throws(() => Checklist.standard('eva', { lang: 3 }), TypeError);
});

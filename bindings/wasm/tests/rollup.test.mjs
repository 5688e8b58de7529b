// The roll-up through the package: the example year gives the CLI's JSON and
// the committed HTML byte for byte; decisions as objects, texts or named;
// bad options and bad dates as errors, bad decisions listed, never dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EnnakkoError, rollup, schema } from '../pkg/node.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const example = join(repo, 'examples/municipality-year');
const PERIOD = { from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-31' };

/** The example's decisions named as the CLI names them (run in the example folder). */
function decisions() {
  return readdirSync(join(example, 'decisions'))
    .sort()
    .map((file) => ({ name: `decisions/${file}`, decision: readFileSync(join(example, 'decisions', file), 'utf8') }));
}

test('the example year gives the CLI roll-up and the committed pages', () => {
  const cli = execFileSync(
    join(repo, 'target/debug/ennakko'),
    ['rollup', 'decisions', '--from', PERIOD.from, '--to', PERIOD.to, '--as-of', PERIOD.asOf],
    { cwd: example, encoding: 'utf8' },
  );
  const year = rollup(decisions(), PERIOD);
  assert.deepStrictEqual(year, JSON.parse(cli));
  assert.equal(year.coverage.screened, 43);
  assert.equal(year.coverage.outside_period, 1);
  for (const lang of ['fi', 'sv', 'en']) {
    const committed = readFileSync(join(example, `rollup.${lang}.html`), 'utf8');
    assert.equal(rollup(decisions(), { ...PERIOD, format: 'html', lang }), committed, `rollup.${lang}.html`);
  }
  const md = rollup(decisions(), { ...PERIOD, format: 'md', lang: 'sv' });
  assert.equal(md, readFileSync(join(example, 'rollup.sv.md'), 'utf8'));
  const csv = rollup(decisions(), { ...PERIOD, format: 'csv-impacts' });
  assert.ok(csv.startsWith('group,domain,vulnerable,decisions'), csv);
});

test('decisions as objects and texts, named by position', () => {
  const texts = decisions().map((d) => d.decision);
  const objects = texts.map((t) => JSON.parse(t));
  const fromObjects = rollup(objects, PERIOD);
  const fromTexts = rollup(texts, PERIOD);
  assert.deepStrictEqual(fromObjects, fromTexts);
  assert.ok(fromObjects.decisions.every((d) => /^decisions\[\d+\]$/.test(d.source)));
  assert.equal(fromObjects.coverage.screened, 43);
});

test('bad decisions are listed with their codes, never dropped', () => {
  const [first] = decisions();
  const noRecord = JSON.parse(first.decision);
  delete noRecord.decided;
  const year = rollup([first, noRecord, 'id: [', { name: 'b.yaml', decision: 'id: x\ntitle: x\nalternatives: []\nextra: 1' }], PERIOD);
  assert.equal(year.coverage.screened, 1);
  assert.equal(year.coverage.skipped_errors, 3);
  const codes = Object.fromEntries(year.skipped.map((s) => [s.source, s.diagnostics[0].code]));
  assert.deepStrictEqual(codes, { 'decisions[1]': 'U0101', 'decisions[2]': 'D0001', 'b.yaml': 'D0102' });
  assert.equal(year.skipped.find((s) => s.source === 'decisions[1]').diagnostics[0].path, '$');
});

test('bad options and dates are errors', () => {
  assert.throws(() => rollup([], { from: '2026-13-01' }), (e) => {
    assert.ok(e instanceof EnnakkoError);
    assert.equal(e.code, 'U0001');
    assert.equal(e.diagnostics[0].path, '--from');
    return true;
  });
  assert.throws(() => rollup([], { from: '2026-12-31', to: '2026-01-01' }), /U0002|starts on/);
  assert.throws(() => rollup([], { format: 'pdf' }), TypeError);
  assert.throws(() => rollup([], { lang: 'de' }), TypeError);
  assert.throws(() => rollup([], { as_of: '2027-01-31' }), /unknown roll-up option "as_of"/);
  assert.throws(() => rollup('decisions'), TypeError);
  assert.throws(() => rollup([42]), TypeError);
  assert.throws(() => rollup([], { checklist: '/etc/passwd' }), (e) => e.code === 'E0601');
  assert.equal(rollup([]).coverage.screened, 0);
});

test('the roll-up schema is published', () => {
  assert.equal(schema('rollup').title, 'Rollup');
});

test('the shared roll-up cases (tests/conformance/rollup)', () => {
  const root = join(repo, 'tests/conformance/rollup');
  const cases = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  assert.ok(cases.length >= 10, cases.join(', '));
  for (const name of cases) {
    const spec = JSON.parse(readFileSync(join(root, name, 'case.json'), 'utf8'));
    const folder = join(root, name, 'decisions');
    const given = readdirSync(folder)
      .sort()
      .map((file) => ({ name: file, decision: readFileSync(join(folder, file), 'utf8') }));
    const year = rollup(given, { from: spec.from, to: spec.to, asOf: spec.as_of });
    for (const count of ['screened', 'outside_period', 'skipped_errors']) {
      assert.equal(year.coverage[count], spec.expect[count], `${name}: ${count}`);
    }
    const found = Object.fromEntries(year.skipped.map((s) => [s.source, s.diagnostics.map((d) => [d.code, d.path])]));
    assert.deepStrictEqual(found, spec.expect.skipped, name);
  }
});

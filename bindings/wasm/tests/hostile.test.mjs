// Hostile input: nothing may abort the WebAssembly module (a Rust panic or
// a stack overflow would; every later call would then fail). Every bad
// input must end in a report, an EnnakkoError with a code, or a TypeError
// for arguments of the wrong type, and the module must keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Checklist, EnnakkoError, check, complete, explain, hover, render } from '../pkg/node.js';
import { template } from '../pkg/templates-node.js';
import { bind } from '../pkg/api.js';
import { rng } from './rng.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const hostile = `${repo}tests/hostile/`;
const eva = Checklist.standard();
const evaSource = readFileSync(`${repo}checklists/eva.eva`, 'utf8');
const exampleObject = example();

/** A small decision like the village school example. */
function example() {
  return {
    id: 'x',
    title: 'X',
    facts: { cost_eur: 380000, services: ['basic_education'] },
    alternatives: [
      { id: 'zero', kind: 'zero', answers: { changes_service_network: 'no' } },
      {
        id: 'p',
        kind: 'proposal',
        answers: { changes_service_network: 'yes', affects_children: 'yes', directly_affected_people: 38 },
        impacts: [
          {
            question: 'school_journeys',
            group: 'children',
            domain: 'mobility',
            direction: -1,
            magnitude: 'moderate',
            evidence: 'some',
            mitigation: 'Bus.',
          },
          { group: 'older_people', domain: 'health', direction: 'mixed' },
        ],
      },
    ],
  };
}

/** Runs `fn`; only a result, an EnnakkoError with a code, or a TypeError may come out. */
function survives(fn, what) {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnnakkoError) {
      assert.notEqual(error.kind, 'internal', `${what}: the module aborted: ${error.message}`);
      assert.match(error.code, /^[EDR]\d{4}$/, `${what}: ${error.message}`);
      assert.ok(error.diagnostics.length > 0, what);
    } else if (!(error instanceof TypeError)) {
      throw new Error(`${what}: unexpected ${error?.constructor?.name}: ${error?.message}`, { cause: error });
    }
  }
}

function stillWorks() {
  assert.equal(eva.score(exampleObject).alternatives.length, 2);
}

test('decision text: syntax garbage, sizes, depth, aliases, odd numbers', () => {
  const inputs = [
    '',
    '\uFEFF',
    '\0\0\0',
    'null',
    '[]',
    '{',
    '}',
    'id: [',
    '- - - -',
    '['.repeat(1_000_000),
    '{"a":'.repeat(200_000),
    Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}- a`).join('\n'),
    'a: &a [*a, *a]',
    // nested aliases that would expand to 9^9 nodes
    [
      'a0: &a0 [x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`),
    ].join('\n'),
    '{"id":"x","title":"t","alternatives":[{"id":"z","kind":"zero","impacts":[{"group":"children","domain":"health","direction":1e400}]}]}',
    '{"id":"x","title":"t","facts":{"cost_eur":1e308},"alternatives":[{"id":"z","kind":"zero"}]}',
    '{"id":"x","title":"t","facts":{"cost_eur":18446744073709551616},"alternatives":[{"id":"z","kind":"zero"}]}',
    '{"id":"x","title":"t","facts":{"cost_eur":-0},"alternatives":[{"id":"z","kind":"zero"}]}',
    'id: x\ntitle: t\nalternatives: [{id: z, kind: zero, answers: {directly_affected_people: .nan}}]',
    'id: x\ntitle: t\nalternatives: [{id: z, kind: zero, answers: {directly_affected_people: .inf}}]',
    'id: !!binary aGVsbG8=\ntitle: t\nalternatives: []',
    'id: x\ntitle: t\nalternatives: [{id: z, kind: zero}]\n---\nid: y',
    '%YAML 1.2\n%TAG ! tag:x,2000:\n--- !foo\nid: x',
    '{"__proto__": {"polluted": 1}, "id": "x", "title": "t", "alternatives": [{"id": "z", "kind": "zero"}]}',
    'id: "\uD800"\ntitle: "\u202E\u0000"\nalternatives: [{id: z, kind: zero}]',
    `id: x\ntitle: ${'t'.repeat(1 << 20)}\nalternatives: [{id: z, kind: zero}]`,
    'x'.repeat(20 << 20), // over max_decision_bytes
  ];
  for (const [i, input] of inputs.entries()) {
    for (const format of ['auto', 'json', 'yaml']) {
      survives(() => eva.score(input, { format }), `decision input ${i} (${format})`);
      survives(() => eva.questions(input, { format }), `questions input ${i} (${format})`);
    }
  }
  assert.equal({}.polluted, undefined);
  stillWorks();
});

test('decision objects: wrong types, cycles, BigInt, deep nesting, odd keys', () => {
  const cyclic = { id: 'x', title: 't', alternatives: [] };
  cyclic.alternatives.push(cyclic);
  let deep = { id: 'x', title: 't', alternatives: [] };
  for (let i = 0; i < 10_000; i++) deep = { meta: deep };
  const inputs = [
    undefined,
    null,
    42,
    true,
    [],
    [SMALL()],
    Symbol('x'),
    () => 1,
    cyclic,
    { id: 'x', title: 't', facts: { cost_eur: 10n }, alternatives: [] },
    deep,
    { id: 1, title: {}, alternatives: 'no' },
    { ...SMALL(), facts: { cost_eur: NaN } },
    { ...SMALL(), facts: { cost_eur: Infinity } },
    { ...SMALL(), facts: { cost_eur: -1e308 * 10 } },
    { ...SMALL(), alternatives: Array.from({ length: 1000 }, (_, i) => ({ id: `a${i}`, kind: 'proposal' })) },
    { ...SMALL(), extra: undefined, toJSON: undefined },
    { toJSON: () => 'id: x' },
    Object.create(null),
    new Date(),
    new Map([['id', 'x']]),
  ];
  for (const [i, input] of inputs.entries()) {
    survives(() => eva.score(input), `object ${i}`);
    survives(() => eva.scoreJson(input, { pretty: true }), `object ${i} (json)`);
  }
  stillWorks();
});

function SMALL() {
  return { id: 'x', title: 't', alternatives: [{ id: 'zero', kind: 'zero' }] };
}

test('objects shared in many places are measured once: a few bytes standing for 2**30 values are D0002', () => {
  let shared = ['x'];
  for (let i = 0; i < 30; i += 1) shared = [shared, shared];
  const decision = { ...exampleObject, meta: shared };
  for (const call of [(d) => eva.score(d), (d) => eva.evaluate(d), (d) => eva.scoreJson(d)]) {
    assert.throws(() => call(decision), (e) => e instanceof EnnakkoError && e.code === 'D0002', 'D0002');
  }
  // Sharing within the limit is fine: the same cell object in two places.
  const cell = { group: 'children', domain: 'learning', direction: -1 };
  const alternatives = exampleObject.alternatives.map((a) => ({ ...a, impacts: [cell] }));
  assert.equal(eva.evaluate({ ...exampleObject, alternatives }).decision, exampleObject.id);
});

test('randomly mutated decisions', () => {
  const random = rng(20261123);
  const values = [
    null,
    true,
    false,
    0,
    -1,
    2,
    3,
    1.5,
    -2.5,
    1e300,
    -1e-300,
    NaN,
    '',
    'yes',
    'no',
    'unknown',
    'mixed',
    'children',
    'mobility',
    'moderate',
    '\u0000',
    '💥'.repeat(100),
    [],
    [1, 'a'],
    {},
    { a: { b: {} } },
  ];
  const pick = (list) => list[Math.floor(random() * list.length)];
  function mutate(node, depth = 0) {
    if (Array.isArray(node)) {
      if (node.length > 0 && random() < 0.2) node.splice(Math.floor(random() * node.length), 1);
      if (random() < 0.1) node.push(structuredClone(pick(values)));
      node.forEach((child, i) => {
        if (random() < 0.15) node[i] = structuredClone(pick(values));
        else mutate(child, depth + 1);
      });
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const r = random();
        if (r < 0.08) delete node[key];
        else if (r < 0.2) node[key] = structuredClone(pick(values));
        else mutate(node[key], depth + 1);
      }
      if (random() < 0.05) node[pick(['id', 'kind', 'group', 'domain', 'direction', 'evidence', 'zz'])] = structuredClone(pick(values));
    }
  }
  let reports = 0;
  for (let i = 0; i < 400; i++) {
    const decision = structuredClone(exampleObject);
    mutate(decision);
    survives(
      () => {
        eva.score(decision);
        reports++;
      },
      `mutation ${i}: ${JSON.stringify(decision)}`,
    );
  }
  assert.ok(reports > 0, 'some mutations still score');
  stillWorks();
});

test('checklist source: garbage, truncations, deep nesting, odd imports', () => {
  const inputs = [
    '',
    'checklist',
    '\0\uFFFD\u202E',
    '('.repeat(100_000),
    '{'.repeat(100_000),
    '"'.repeat(100_001),
    'checklist c { title en "' + '\\'.repeat(10_001),
    'rule r: info { when ' + 'not '.repeat(50_000) + 'true }',
    'score s { value ' + '-'.repeat(50_000) + '1 }',
    'score s { value ' + '1 + '.repeat(5_000) + '1 }',
    'score s { value ' + '1 + '.repeat(200_000) + '1 }',
    'rule r: info { when ' + 'true and '.repeat(100_000) + 'true }',
    'score s { value ' + 'any g in groups: '.repeat(5_000) + 'true }',
    'import "./checklist.eva"',
    'import "/etc/passwd"',
    'import "../../x.eva"',
    'import "C:\\\\x.eva"',
    'import "https://example.com/x.eva"',
    'x'.repeat(2 << 20), // over max_source_bytes
    evaSource.slice(0, evaSource.length / 2),
    evaSource.replaceAll('}', ''),
    evaSource.replaceAll('"', ''),
  ];
  for (const [i, source] of inputs.entries()) {
    survives(() => new Checklist(source, { files: { 'checklist.eva': 'import "./checklist.eva"' } }), `source ${i}`);
    survives(() => check(source), `check ${i}`);
  }
  stillWorks();
});

test('randomly cut and spliced checklists', () => {
  const random = rng(7);
  const tokens = [
    '{',
    '}',
    '(',
    ')',
    '[',
    ']',
    '"',
    ':',
    'when',
    'and',
    'any',
    'g in groups',
    'impact(',
    'question',
    '#',
    '\n',
    '..',
    '-',
    '1e999',
    'é',
  ];
  let compiled = 0;
  for (let i = 0; i < 150; i++) {
    let source = evaSource;
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(random() * source.length);
      const r = random();
      if (r < 0.4) source = source.slice(0, at) + source.slice(at + Math.floor(random() * 200));
      else if (r < 0.8) source = source.slice(0, at) + tokens[Math.floor(random() * tokens.length)] + source.slice(at);
      else source = source.slice(0, at) + source.slice(Math.floor(random() * source.length));
    }
    survives(() => {
      const c = new Checklist(source);
      compiled++;
      c.score(exampleObject);
    }, `splice ${i}`);
  }
  assert.ok(compiled >= 0);
  stillWorks();
});

test('tampered reports: render and explain', () => {
  const random = rng(99);
  const original = eva.score(exampleObject);
  const slots = [];
  (function walk(node) {
    if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        slots.push([node, key]);
        walk(node[key]);
      }
    }
  })(original);
  const values = [1e9, -1, 0.5, '', [], {}, null, 'children', Number.MAX_SAFE_INTEGER];
  for (let i = 0; i < 300; i++) {
    const report = structuredClone(original);
    const copies = [];
    (function walk(node) {
      if (node && typeof node === 'object') {
        for (const key of Object.keys(node)) {
          copies.push([node, key]);
          walk(node[key]);
        }
      }
    })(report);
    for (let k = 0; k < 3; k++) {
      const [node, key] = copies[Math.floor(random() * copies.length)];
      node[key] = structuredClone(values[Math.floor(random() * values.length)]);
    }
    survives(() => render(report, { format: i % 2 ? 'md' : 'html' }), `tampered report ${i}`);
    survives(() => explain(report, 'children'), `tampered report ${i} (explain)`);
  }
  assert.ok(slots.length > 100);
  stillWorks();
});

test('argument types', () => {
  for (const bad of [undefined, null, 1, {}, [], Symbol('s')]) {
    assert.throws(() => new Checklist(bad), TypeError);
    assert.throws(() => check(bad), TypeError);
  }
  for (const bad of [1, 'x', [], true]) {
    assert.throws(() => new Checklist('', { files: bad }), TypeError);
    assert.throws(() => new Checklist('', { limits: bad }), TypeError);
    assert.throws(() => Checklist.standard('eva', { limits: bad }), TypeError);
  }
  assert.throws(() => new Checklist('', { files: { 'a.eva': 1 } }), TypeError);
  assert.throws(() => new Checklist('', { limits: { max_cells: 'many' } }), TypeError);
  assert.throws(() => new Checklist('', { limits: { max_cells: 1e30 } }), TypeError);
  assert.throws(() => new Checklist('', { name: 5 }), TypeError);
  assert.throws(() => Checklist.standard(5), TypeError);
  assert.throws(() => eva.score(SMALL(), { format: 'xml' }), TypeError);
  assert.throws(() => eva.score(SMALL(), 'json'), TypeError);
  for (const bad of [null, 1, '', '{}', '[]', { checklist: 1 }, 'x'.repeat(1000)]) {
    assert.throws(() => render(bad), TypeError);
  }
  // An unknown language is refused by the core (A0001), not silently
  // rendered in English.
  assert.throws(() => render(eva.score(SMALL()), { lang: '<script>' }), /unknown language "<script>"/);
  stillWorks();
});

test('an aborted module is reported as an internal EnnakkoError, and stays reported', () => {
  // Simulates a trap (what a Rust panic would cause) in a fake module.
  const fake = {
    lastPanic: () => 'panicked at src/x.rs:1:1: boom',
    standardNamesJson: () => {
      throw new WebAssembly.RuntimeError('unreachable');
    },
    version: () => '0',
  };
  const api = bind(fake);
  assert.throws(
    () => api.standardChecklists(),
    (e) => e instanceof EnnakkoError && e.kind === 'internal' && /boom/.test(e.message),
  );
  assert.throws(
    () => api.version(),
    (e) => e.kind === 'internal',
  );
});

test('hover and complete answer at every kind of position of broken text', () => {
  // Truncations of a real checklist (half-typed text) and hostile shapes,
  // asked about at spread-out string indexes, past the end too: an answer
  // or nothing, never a throw, and every completion starts inside the text.
  const random = rng(18);
  const texts = [
    '',
    '\u{feff}import "eva"\ngroup ä🙂 { label fi "Å" parent children',
    '}}}{{{ "\\',
    '('.repeat(50_000),
    'rule r: info {\n  when ' + 'a and '.repeat(20_000),
    ...Array.from({ length: 8 }, () => evaSource.slice(0, Math.floor(random() * evaSource.length))),
  ];
  for (const text of texts) {
    for (let i = 0; i < 12; i += 1) {
      const at = i === 11 ? text.length + 5 : Math.floor(random() * (text.length + 1));
      const found = hover(text, at);
      assert.ok(found === null || typeof found.hover.id === 'string');
      const { from, options } = complete(text, at);
      assert.ok(from >= 0 && from <= Math.min(at, text.length), `from ${from} at ${at}`);
      assert.ok(Array.isArray(options));
    }
  }
});

test('a long operator chain is rejected, not a stack overflow', () => {
  // In a child process, so that an abort cannot take the other tests down.
  const script = `
      import { check } from ${JSON.stringify(new URL('../pkg/node.js', import.meta.url).href)};
      const d = check('score s { value ' + '1 + '.repeat(100000) + '1 }');
      console.log(d.map((x) => x.code).join(','));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr.slice(0, 500));
  assert.match(child.stdout, /E0003/);
});

// ---- the shared hostile corpus (tests/hostile/, see its README) --------------------------------
//
// The same cases and expectations as crates/ennakko-cli/tests/hostile.rs,
// through the JavaScript API. A browser has no files: checklists compile
// from their text alone (`without_files` gives the outcome where imports
// would find a file), and invalid UTF-8 reaches the engine only as the
// replacement characters TextDecoder puts in.

const manifest = JSON.parse(readFileSync(`${hostile}manifest.json`, 'utf8'));
/** Rust keeps a byte order mark in the text it reads; so must we. */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Runs `fn`: `ok`, or the diagnostics of the EnnakkoError it throws. */
function outcome(fn) {
  try {
    fn();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof EnnakkoError)) throw error;
    return { ok: false, error };
  }
}

/** hostile.rs's `compare`: the first diagnostic's code, line, column (characters) and path. */
function compare(testCase, expect, result) {
  const name = testCase.file ?? testCase.name;
  if (!result.ok && result.error.kind === 'internal') return `${name}: the module aborted: ${result.error.message}`;
  if (expect === 'ok') return result.ok ? null : `${name}: expected ok, got ${result.error.message}`;
  if (result.ok) return `${name}: expected ${expect}, but it succeeded`;
  const first = result.error.diagnostics[0];
  if (!first) return `${name}: an error without diagnostics`;
  const wrong = [];
  if (first.code !== expect) wrong.push(`code ${first.code} (expected ${expect})`);
  for (const key of ['line', 'column']) {
    if (testCase[key] !== undefined && first[key] !== testCase[key]) wrong.push(`${key} ${first[key]} (expected ${testCase[key]})`);
  }
  if (testCase.path !== undefined && first.path !== testCase.path) wrong.push(`path ${first.path} (expected ${testCase.path})`);
  return wrong.length ? `${name}: ${wrong.join(', ')}\n${result.error.message.slice(0, 2000)}` : null;
}

const decisionFormat = (name) => (name.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
const standard = new Map();
const standardChecklist = (name) => standard.get(name) ?? standard.set(name, Checklist.standard(name)).get(name);

/** Compiles a checklist or scores a decision, as its name says. */
function run(name, text, checklistName) {
  if (name.endsWith('.eva')) return outcome(() => new Checklist(text, { name }).free());
  return outcome(() => standardChecklist(checklistName).score(text, { format: decisionFormat(name) }));
}

/** A committed case: its text, or (not UTF-8) the outcome of its lossy decoding. */
function committed(testCase, section) {
  const bytes = readFileSync(`${hostile}${testCase.file}`);
  const checklistName = section === 'decisions' ? testCase.checklist : undefined;
  let text;
  try {
    text = strict.decode(bytes);
  } catch {
    assert.equal(testCase.expect, 'unreadable', `${testCase.file} is not UTF-8`);
    // Only a host that reads files can be given these bytes; JavaScript
    // decodes them first. Either a result or a coded error, never an abort.
    const result = run(testCase.file, lenient.decode(bytes), checklistName);
    if (!result.ok) {
      assert.notEqual(result.error.kind, 'internal', `${testCase.file}: the module aborted`);
      assert.match(result.error.code, /^[EDR]\d{4}$/, testCase.file);
    }
    return null;
  }
  assert.notEqual(testCase.expect, 'unreadable', `${testCase.file} is UTF-8 but expected unreadable`);
  const expect = section === 'checklists' ? (testCase.without_files ?? testCase.expect) : testCase.expect;
  return compare(testCase, expect, run(testCase.file, text, checklistName));
}

test('hostile corpus: every committed checklist and decision gives its expected outcome', () => {
  const failures = [];
  let count = 0;
  for (const section of ['checklists', 'decisions']) {
    for (const testCase of manifest[section]) {
      failures.push(committed(testCase, section));
      count++;
    }
  }
  assert.deepEqual(failures.filter(Boolean), []);
  assert.equal(count, manifest.checklists.length + manifest.decisions.length);
  assert.ok(count >= 60, `${count} cases`);
  stillWorks();
});

test('hostile corpus: every generated input gives its expected outcome', () => {
  const failures = [];
  for (const testCase of manifest.generated) {
    const text = testCase.prefix + testCase.repeat.repeat(testCase.count) + testCase.suffix;
    failures.push(compare(testCase, testCase.expect, run(testCase.name, text, testCase.checklist)));
  }
  assert.deepEqual(failures.filter(Boolean), []);
  assert.ok(manifest.generated.length >= 20);
  // the module was not aborted by any of them
  stillWorks();
  assert.deepEqual(check(evaSource), []);
});

test('hostile corpus: every template gives its expected outcome, with at most 100 problems', () => {
  const failures = [];
  for (const testCase of manifest.templates ?? []) {
    const bytes = testCase.file
      ? new Uint8Array(readFileSync(`${hostile}${testCase.file}`))
      : new TextEncoder().encode(testCase.prefix + testCase.repeat.repeat(testCase.count) + testCase.suffix);
    const name = testCase.file ?? testCase.name;
    let checked;
    try {
      checked = template.check(bytes, { checklist: testCase.checklist, format: testCase.format });
    } catch (error) {
      if (!(error instanceof EnnakkoError)) throw error;
      failures.push(compare(testCase, testCase.expect, { ok: false, error }));
      continue;
    }
    if (checked.problems.length > 100) failures.push(`${name}: ${checked.problems.length} problems`);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    if (testCase.expect === 'ok') {
      if (errors.length) failures.push(`${name}: expected ok, got ${errors[0].code}`);
    } else if (errors[0]?.code !== testCase.expect) {
      failures.push(`${name}: expected ${testCase.expect}, got ${errors[0]?.code ?? 'no errors'}`);
    }
  }
  assert.deepEqual(failures.filter(Boolean), []);
  stillWorks();
});

test('decision objects: values JSON text cannot hold are errors with their path, not silently changed', () => {
  // JSON.stringify wrote NaN and the infinities as null ("not given"),
  // dropped symbols and functions, wrote Maps as {}, and a lone surrogate
  // reached the engine as a broken escape.
  const eva = Checklist.standard('eva');
  const base = () => ({ id: 'x', title: 't', alternatives: [{ id: 'z', kind: 'zero' }] });
  const cases = [
    [{ ...base(), facts: { cost_eur: NaN } }, 'D0104', '$.facts.cost_eur'],
    [{ ...base(), facts: { cost_eur: Infinity } }, 'D0104', '$.facts.cost_eur'],
    [{ ...base(), meta: [1, Symbol('s')] }, 'D0101', '$.meta[1]'],
    [{ ...base(), meta: { f: () => 1 } }, 'D0101', '$.meta.f'],
    [{ ...base(), meta: new Map([['a', 1]]) }, 'D0101', '$.meta'],
    [{ ...base(), title: 'a\uD800b' }, 'D0101', '$.title'],
    [{ ...base(), alternatives: [{ id: 'z', kind: 'zero', answers: { q: -Infinity } }] }, 'D0104', '$.alternatives[0].answers.q'],
  ];
  for (const [decision, code, path] of cases) {
    assert.throws(
      () => eva.score(decision),
      (e) => e instanceof EnnakkoError && e.kind === 'decision' && e.code === code && e.path === path,
      `${code} at ${path}`,
    );
  }
  stillWorks();
});

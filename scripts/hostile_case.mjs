// One case of the shared hostile corpus through the WebAssembly package
// (bindings/wasm/pkg, its Node entry with templates, which the corpus's
// template cases need; the engine is the same code), alone in its
// process, so that scripts/hostile-budget.py can measure its wall time and
// peak memory without another case's memory hiding it.
//
//   node hostile_case.mjs SECTION INDEX     a case of tests/hostile/manifest.json
//   node hostile_case.mjs baseline FILE     a trivial decision, scored with `eva`
//
// It makes the calls bindings/wasm/tests/hostile.test.mjs makes for that
// case (the corpus tests), so the budget measures the work the tests prove
// correct. Exit 0: every call gave a result or a coded EnnakkoError. Exit 3:
// the module aborted (an EnnakkoError of kind `internal`) or something else
// was thrown. Which code each case must give is checked by the tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { Checklist, EnnakkoError, template } from '../bindings/wasm/pkg/templates-node.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const hostile = `${repo}tests/hostile/`;
const CRASHED = 3;
/** Rust keeps a byte order mark in the text it reads; so do the tests. */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Runs one call: a coded EnnakkoError is clean (what the tests accept), an internal one is not. */
function clean(fn) {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof EnnakkoError) || error.kind === 'internal') throw error;
  }
}

const decisionFormat = (name) => (name.toLowerCase().endsWith('.json') ? 'json' : 'yaml');

/** The text of a generated case, built in this process as the test builds it. */
const generatedText = (testCase) => testCase.prefix + testCase.repeat.repeat(testCase.count) + testCase.suffix;

/** Compiles a checklist or scores a decision, as its name says (the test's `run`). */
function run(name, text, checklistName) {
  if (name.endsWith('.eva')) return clean(() => new Checklist(text, { name }).free());
  return clean(() => Checklist.standard(checklistName).score(text, { format: decisionFormat(name) }));
}

/** A committed checklist or decision: its text, or (not UTF-8) its lossy decoding, as a browser has no files. */
function committed(testCase, section) {
  const bytes = readFileSync(`${hostile}${testCase.file}`);
  let text;
  try {
    text = strict.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
  }
  run(testCase.file, text, section === 'decisions' ? testCase.checklist : undefined);
}

/** `template.check` of the document's bytes with the named checklist. */
function templates(testCase) {
  const bytes = testCase.file
    ? new Uint8Array(readFileSync(`${hostile}${testCase.file}`))
    : new TextEncoder().encode(generatedText(testCase));
  clean(() => template.check(bytes, { checklist: testCase.checklist, format: testCase.format }));
}

const sections = {
  checklists: (testCase) => committed(testCase, 'checklists'),
  decisions: (testCase) => committed(testCase, 'decisions'),
  generated: (testCase) => run(testCase.name, generatedText(testCase), testCase.checklist),
  templates,
};

/** What every case pays anyway: Node, loading the module, compiling `eva`, scoring a trivial decision. */
function baseline(file) {
  Checklist.standard('eva').score(readFileSync(file, 'utf8'), { format: decisionFormat(file) });
}

function main([section, arg, ...rest]) {
  if (rest.length || arg === undefined || !(section in sections || section === 'baseline')) {
    process.stderr.write('usage: node hostile_case.mjs SECTION INDEX | baseline FILE\n');
    return 2;
  }
  if (section === 'baseline') {
    baseline(arg);
    return 0;
  }
  const manifest = JSON.parse(readFileSync(`${hostile}manifest.json`, 'utf8'));
  sections[section](manifest[section][Number(arg)]);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`crashed: ${String(error?.stack ?? error).slice(0, 500)}\n`);
  process.exitCode = CRASHED;
}

// Runs every conformance case under tests/conformance/ unchanged through the
// WebAssembly package, with the semantics of
// crates/ennakko/tests/conformance.rs:
//   checklist.eva (root), every *.eva file of the case folder (imports,
//   given as the in-memory file map; the root too, so importing it is a cycle), optional limits.json, optional
//   decision.yaml / decision.json; expected diagnostics.json, report.json or
//   decision-errors.json.
// Reports must be byte-identical to the Rust engine's (scoreJson with
// `pretty`), and the parsed report objects equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Checklist, EnnakkoError } from '../pkg/node.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const casesRoot = join(repo, 'tests', 'conformance');

function caseDirs(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...caseDirs(path));
    else if (entry.name === 'checklist.eva') out.push(dir);
  }
  return out.sort();
}

function evaFiles(dir, root = dir) {
  const files = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, evaFiles(path, root));
    else if (entry.name.endsWith('.eva')) {
      files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The outcome files a case must not have when it has `file`. */
function assertOnly(dir, file, others) {
  for (const other of others) {
    assert.ok(!existsSync(join(dir, other)), `expected the outcome ${other}, but got ${file}`);
  }
  assert.ok(existsSync(join(dir, file)), `missing ${file}`);
}

/** Compares diagnostics as the Rust harness does (it strips the case
 *  folder from `file`; here the names are relative already). */
function assertDiagnostics(dir, file, actual, others) {
  assertOnly(dir, file, others);
  assert.deepStrictEqual(actual, readJson(join(dir, file)));
}

const cases = existsSync(casesRoot) ? caseDirs(casesRoot) : [];

test('conformance cases exist', () => {
  assert.ok(cases.length > 0, `no cases under ${casesRoot}`);
});

for (const dir of cases) {
  const name = relative(casesRoot, dir).split(sep).join('/');
  test(`conformance: ${name}`, () => {
    const source = readFileSync(join(dir, 'checklist.eva'), 'utf8');
    const limitsText = read(join(dir, 'limits.json'));
    const options = { name: 'checklist.eva', files: evaFiles(dir) };
    if (limitsText !== undefined) options.limits = JSON.parse(limitsText);

    let checklist;
    try {
      checklist = new Checklist(source, options);
    } catch (error) {
      if (!(error instanceof EnnakkoError)) throw error;
      assert.equal(error.kind, 'compile');
      assertDiagnostics(dir, 'diagnostics.json', error.diagnostics, ['report.json', 'decision-errors.json']);
      return;
    }
    try {
      if (checklist.warnings.length > 0 || existsSync(join(dir, 'diagnostics.json'))) {
        assertDiagnostics(dir, 'diagnostics.json', checklist.warnings, []);
      }
      let decision = read(join(dir, 'decision.yaml'));
      let format = 'yaml';
      if (decision === undefined) {
        decision = read(join(dir, 'decision.json'));
        format = 'json';
      }
      if (decision === undefined) return;

      let reportJson;
      try {
        reportJson = checklist.scoreJson(decision, { format, pretty: true });
      } catch (error) {
        if (!(error instanceof EnnakkoError)) throw error;
        assert.ok(['decision', 'evaluation'].includes(error.kind), error.kind);
        assertDiagnostics(dir, 'decision-errors.json', error.diagnostics, ['report.json']);
        return;
      }
      assertOnly(dir, 'report.json', ['decision-errors.json']);
      const expected = readFileSync(join(dir, 'report.json'), 'utf8');
      assert.equal(reportJson + '\n', expected, 'report.json differs (byte comparison)');
      assert.deepStrictEqual(checklist.score(decision, { format }), JSON.parse(expected));
    } finally {
      checklist.free();
    }
  });
}

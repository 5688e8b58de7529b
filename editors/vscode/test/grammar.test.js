// Tokenizes checklists with the TextMate grammar through the same engine
// VS Code uses (vscode-textmate + Oniguruma), so a pattern Oniguruma
// rejects, or one that colours the wrong thing, fails here. Which words the
// grammar names is checked against the pest grammar by the Rust test
// crates/ennakko-lsp/tests/editor_grammar.rs.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.join(__dirname, '..', '..', '..');

async function grammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => {
      const file = path.join(__dirname, '..', 'syntaxes', 'eva.tmLanguage.json');
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.eva');
}

/** Each token of a text as [text, innermost scope], line by line. */
function tokens(g, text) {
  let state = vsctm.INITIAL;
  const out = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      out.push([line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  return out;
}

function scopeOf(toks, text) {
  const found = toks.find(([t]) => t === text);
  assert.ok(found, `no token ${JSON.stringify(text)}`);
  return found[1];
}

(async () => {
  const g = await grammar();
  const sample = [
    'import "eva"  # the standard checklist',
    'group häät: x {',
    '  label fi "Häät \\"ja\\" 🙂" sv "Bröllop" en "Weddings"',
    '  age 0..17',
    '  vulnerable',
    '}',
    'scale magnitude { level severe 3 { label en "Severe" } }',
    'rule r: verdict full {',
    '  when any g in groups where g.vulnerable: impact(g) < -1 and fact.cost_eur >= 100_000 or true',
    '}',
  ].join('\n');
  const t = tokens(g, sample);
  const expect = {
    import: 'keyword.control.import.eva',
    '"': 'string.quoted.double.eva',
    '# the standard checklist': 'comment.line.number-sign.eva',
    group: 'storage.type.declaration.eva',
    häät: 'entity.name.type.eva',
    label: 'keyword.other.property.eva',
    fi: 'entity.other.attribute-name.language.eva',
    '\\"': 'constant.character.escape.eva',
    age: 'keyword.other.property.eva',
    '0': 'constant.numeric.eva',
    vulnerable: 'keyword.other.property.eva',
    level: 'storage.type.item.eva',
    severe: 'entity.name.tag.eva',
    'verdict full': 'support.type.kind.eva',
    any: 'keyword.control.quantifier.eva',
    where: 'keyword.operator.word.eva',
    impact: 'entity.name.function.eva',
    fact: 'variable.language.eva',
    '100_000': 'constant.numeric.eva',
    true: 'constant.language.boolean.eva',
  };
  for (const [text, scope] of Object.entries(expect)) {
    assert.equal(scopeOf(t, text), scope, text);
  }
  // Every standard checklist tokenizes, and every line that starts a
  // declaration starts with a declaration keyword token.
  const dir = path.join(root, 'checklists');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.eva'))) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const decls = text.split('\n').filter((l) => /^(group|domain|question|rule|score|scale|fact|perspective|checklist) /.test(l));
    const declTokens = tokens(g, text).filter(([, s]) => s === 'storage.type.declaration.eva');
    assert.equal(declTokens.length, decls.length, name);
  }
  console.log('ok: TextMate grammar tokenizes the sample and the standard checklists');
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

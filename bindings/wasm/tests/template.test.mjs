// Templates (Word, Markdown, HTML) through the JavaScript API: the committed
// examples fill to their committed filled copies byte for byte, checks agree
// with the Rust engine (the `ennakko` CLI), blank templates in every format
// and language check and fill, errors carry their T codes, and no document,
// however broken, aborts the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

import { Checklist, EnnakkoError, schema, template } from '../pkg/templates-node.js';
import { rng } from './rng.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const examples = join(repo, 'examples', 'templates');
const cli = join(repo, 'target', 'debug', 'ennakko');
const noCli = !existsSync(cli) && 'target/debug/ennakko not built';
const decoder = new TextDecoder();

/** The examples that have a filled copy: `X.ext` and `X.filled.ext`. */
const pairs = readdirSync(examples)
  .filter((name) => /^[^.]+\.(md|html|docx)$/.test(name))
  .map((name) => [name, name.replace(/\.(\w+)$/, '.filled.$1')])
  .filter(([, filled]) => existsSync(join(examples, filled)));

const read = (name) => new Uint8Array(readFileSync(join(examples, name)));
const codes = (check) => check.problems.map((p) => p.code);

/** Runs the CLI; stdout as text and the exit code. */
function runCli(args) {
  const out = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { stdout: out.stdout, stderr: out.stderr, status: out.status };
}

/** Catches what `fn` throws. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('nothing was thrown');
}

/** Asserts a template EnnakkoError with this code, a help and a rustc-style message. */
function assertTemplateError(error, code) {
  assert.ok(error instanceof EnnakkoError, `${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.kind, 'template');
  assert.equal(error.code, code, error.message);
  assert.equal(error.diagnostics[0].code, code);
  assert.equal(typeof error.diagnostics[0].help, 'string');
  assert.match(error.message, new RegExp(`error\\[${code}\\]`));
}

test('the committed examples are there', () => {
  assert.deepEqual(pairs.map(([x]) => x.replace(/^.*\./, '')).sort(), ['docx', 'html', 'md']);
});

for (const [name, filledName] of pairs) {
  test(`fill ${name} gives ${filledName} byte for byte, and again the same`, () => {
    const document = read(name);
    const expected = read(filledName);
    const filled = template.fill(document);
    assert.ok(filled instanceof Uint8Array);
    assert.ok(Buffer.from(filled).equals(Buffer.from(expected)), `${name}: not the committed filled copy`);
    const again = template.fill(expected);
    assert.ok(Buffer.from(again).equals(Buffer.from(expected)), `${filledName}: filling again changed it`);
    // an ArrayBuffer, a Buffer and (text formats) a string are the same document
    assert.ok(Buffer.from(template.fill(document.slice().buffer)).equals(Buffer.from(expected)));
    assert.ok(Buffer.from(template.fill(readFileSync(join(examples, name)))).equals(Buffer.from(expected)));
    if (!name.endsWith('.docx')) {
      assert.ok(Buffer.from(template.fill(decoder.decode(document))).equals(Buffer.from(expected)));
    }
  });

  test(`check ${name}: the same as the Rust engine`, { skip: noCli }, () => {
    const checked = template.check(read(name));
    const out = runCli(['template', 'check', '--format', 'json', join(examples, name)]);
    assert.ok(out.status === 0 || out.status === 1, out.stderr);
    const expected = JSON.parse(out.stdout);
    assert.deepStrictEqual(codes(checked), codes(expected));
    assert.deepStrictEqual(checked, expected);
    assert.equal(checked.errors, expected.problems.filter((p) => p.severity === 'error').length);
    assert.equal(checked.complete, out.status === 0, 'complete exactly when the CLI exits with 0');
    assert.equal(template.checklistName(read(name)), expected.checklist);
    assert.ok(checked.report.verdict.level);
  });
}

test('checking a filled copy finds its results and no errors', () => {
  for (const [, filledName] of pairs) {
    const checked = template.check(read(filledName));
    assert.equal(checked.errors, 0, filledName);
    assert.ok(checked.outputs.length > 0, filledName);
  }
});

for (const format of ['docx', 'md', 'html']) {
  for (const lang of ['fi', 'sv', 'en']) {
    test(`init ${format} in ${lang}, then check and fill`, () => {
      const blank = template.init({ format, lang });
      assert.ok(blank instanceof Uint8Array && blank.length > 1000);
      if (!noCli) {
        const dir = mkdtempSync(join(tmpdir(), 'ennakko-template-'));
        try {
          const path = join(dir, `blank.${format}`);
          execFileSync(cli, ['template', 'init', '--format', format, '--lang', lang, '-o', path], { stdio: 'pipe' });
          assert.ok(Buffer.from(blank).equals(readFileSync(path)), 'the same bytes as `ennakko template init`');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const checked = template.check(blank);
      assert.equal(checked.format, format);
      assert.equal(checked.checklist, 'eva');
      assert.equal(checked.errors, 0, JSON.stringify(checked.problems.slice(0, 3)));
      assert.equal(checked.complete, false);
      assert.ok(codes(checked).includes('T0201'), 'unanswered questions');
      assert.ok(checked.report, 'a blank template still scores');
      const filled = template.fill(blank, { lang });
      assert.ok(filled.length > blank.length);
      const again = template.check(filled, { format });
      assert.deepStrictEqual(codes(again), codes(checked));
      assert.ok(Buffer.from(template.fill(filled, { lang })).equals(Buffer.from(filled)));
    });
  }
}

test('init from a decision: the same as the CLI`s --from, and it checks complete', { skip: noCli }, () => {
  const path = join(repo, 'examples', 'village-school', 'decision.yaml');
  const yaml = readFileSync(path, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'ennakko-template-'));
  try {
    for (const format of ['docx', 'md', 'html']) {
      const out = join(dir, `village.${format}`);
      execFileSync(cli, ['template', 'init', '--from', path, '--lang', 'en', '-o', out], { stdio: 'pipe' });
      const fromText = template.init({ format, lang: 'en', decision: yaml });
      assert.ok(Buffer.from(fromText).equals(readFileSync(out)), `${format}: not the CLI's bytes`);
      const checked = template.check(fromText);
      assert.equal(checked.errors, 0);
      assert.equal(checked.decision.id, Checklist.standard().score(yaml).decision.id);
    }
    // a decision object works as well as its text
    const object = JSON.parse(JSON.stringify(Checklist.standard().score(yaml).decision));
    assert.equal(typeof object.id, 'string');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('init: the checklist is the given one, else the decision`s, else eva', () => {
  const decision = { id: 'K-1', title: 'Koulu', checklist: 'children', alternatives: [{ id: 'zero', kind: 'zero' }] };
  assert.equal(template.checklistName(template.init({ format: 'md', decision })), 'children');
  assert.equal(template.checklistName(template.init({ format: 'html' })), 'eva');
  const gender = template.init({ format: 'docx', checklist: 'gender' });
  assert.equal(template.checklistName(gender), 'gender');
  assert.equal(template.check(gender).checklist, 'gender');
  const named = template.init({ format: 'md', checklist: Checklist.standard('language'), checklistName: 'x/local.eva' });
  assert.equal(template.checklistName(named, { format: 'markdown' }), 'x/local.eva');
  // a decision that names a checklist file needs the checklist passed
  const withFile = { ...decision, checklist: 'lib/local.eva' };
  const error = thrown(() => template.init({ format: 'md', decision: withFile }));
  assert.ok(error instanceof TypeError);
  assert.match(error.message, /"lib\/local\.eva"/);
  assert.ok(template.init({ format: 'md', decision: withFile, checklist: Checklist.standard() }).length > 0);
  // a decision with errors is a decision error
  const bad = thrown(() => template.init({ decision: 'id: [' }));
  assert.ok(bad instanceof EnnakkoError);
  assert.equal(bad.kind, 'decision');
  assert.equal(bad.code, 'D0001');
});

test('a template that names a checklist file: compile it and pass it', () => {
  const md = (checklist) =>
    `---\nchecklist: ${checklist}\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}, {id: p, kind: proposal}]\n---\n<!-- eva:results -->\n`;
  for (const file of ['lib/local.eva', 'local.eva', '../shared/eva.eva']) {
    for (const run of [() => template.check(md(file)), () => template.fill(md(file))]) {
      const error = thrown(run);
      assert.ok(error instanceof TypeError, error.message);
      assert.ok(error.message.includes(`"${file}"`), error.message);
      assert.match(error.message, /new Checklist\(source/);
      assert.match(error.message, /options\.checklist/);
    }
  }
  const source = readFileSync(join(repo, 'checklists', 'eva.eva'), 'utf8');
  const local = new Checklist(source, { name: 'lib/local.eva' });
  const checked = template.check(md('lib/local.eva'), { checklist: local });
  assert.equal(checked.checklist, 'lib/local.eva');
  assert.ok(!codes(checked).includes('T0103'), 'a file name is not another standard checklist');
  assert.match(decoder.decode(template.fill(md('lib/local.eva'), { checklist: local, lang: 'en' })), /<!-- \/eva:results -->/);
  // a standard checklist named by the template that does not exist: the core's E0601
  const unknown = thrown(() => template.check(md('evva')));
  assert.ok(unknown instanceof EnnakkoError);
  assert.equal(unknown.kind, 'compile');
  assert.equal(unknown.code, 'E0601');
  assert.match(unknown.diagnostics[0].help, /`eva`/);
  // no checklist named: eva, with a warning
  const unnamed = template.check('---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n');
  assert.ok(codes(unnamed).includes('T0102'));
  // a standard checklist given by name wins over the one named
  const other = template.check(md('eva'), { checklist: 'children' });
  assert.ok(codes(other).includes('T0103'));
});

test('errors have their codes', () => {
  // T0001: a Markdown template that is not UTF-8
  assertTemplateError(
    thrown(() => template.check(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]), { format: 'md' })),
    'T0001',
  );
  // T0002: too large
  assertTemplateError(thrown(() => template.check(new Uint8Array(32 * 1024 * 1024 + 1), { format: 'html' })), 'T0002');
  // T0003: not a zip, as .docx
  assertTemplateError(thrown(() => template.fill(new TextEncoder().encode('not a zip'), { format: 'docx' })), 'T0003');
  assertTemplateError(thrown(() => template.checklistName(new Uint8Array([0x50, 0x4b, 3, 4, 0]))), 'T0003');
  // T0101: no decision (check lists it, fill refuses)
  const bare = '# A heading and nothing else\n';
  assert.ok(codes(template.check(bare, { format: 'md' })).includes('T0101'));
  assert.equal(template.check(bare, { format: 'md' }).errors, 1);
  assertTemplateError(thrown(() => template.fill(bare, { format: 'md' })), 'T0101');
  // T0104: an unknown placeholder (Markdown, with its line) and an unknown field (HTML)
  const md = '---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n\n<!-- eva:verdikt -->\n';
  const checked = template.check(md);
  assert.equal(checked.problems[0].code, 'T0104');
  assert.equal(checked.problems[0].line, 7);
  assert.match(checked.problems[0].help, /verdict/);
  assert.equal(checked.complete, false);
  const error = thrown(() => template.fill(md));
  assertTemplateError(error, 'T0104');
  assert.equal(error.line, 7);
  const html = '<!DOCTYPE html><html><body><input data-eva="fakt.cost_eur" value="5"><!-- eva:results --></body></html>';
  assert.ok(codes(template.check(html)).includes('T0104'));
  assertTemplateError(thrown(() => template.fill(html)), 'T0104');
  // a decision error inside a template stops fill, with its D code
  const wrong = '---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero, impacts: [{group: chidren, domain: health, direction: 1}]}]\n---\n';
  const decisionError = thrown(() => template.fill(wrong));
  assert.equal(decisionError.kind, 'template');
  assert.equal(decisionError.code, 'D0103');
  assert.equal(decisionError.line, 4, 'points into the front matter');
});

test('limits for documents from strangers', () => {
  const limits = template.defaultLimits();
  assert.deepEqual(Object.keys(limits).sort(), ['max_bytes', 'max_fields', 'max_part_bytes', 'max_zip_entries']);
  const docx = read('village-school.docx');
  assertTemplateError(thrown(() => template.check(docx, { limits: { max_bytes: 1000 } })), 'T0002');
  assertTemplateError(thrown(() => template.fill(docx, { limits: { max_fields: 3 } })), 'T0004');
  assertTemplateError(thrown(() => template.checklistName(docx, { limits: { max_zip_entries: 2 } })), 'T0004');
  // Within the limits (room for the results too): the same document as without them.
  const roomy = template.fill(docx, { limits: { max_bytes: docx.length * 2 } });
  assert.deepEqual(roomy, template.fill(docx));
  assert.throws(() => template.check(docx, { limits: { max_byte: 10 } }), /did you mean `max_bytes`/);
  assert.throws(() => template.check(docx, { limits: { max_bytes: -1 } }), TypeError);
  assert.throws(() => template.check(docx, { limits: 'small' }), TypeError);
});

test('wrong argument types are TypeErrors', () => {
  const md = '---\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n';
  for (const bad of [undefined, null, 42, true, {}, [], [1, 2], Symbol('s'), () => 1]) {
    assert.throws(() => template.check(bad), TypeError, String(bad?.toString?.()));
    assert.throws(() => template.fill(bad), TypeError);
    assert.throws(() => template.checklistName(bad), TypeError);
  }
  assert.throws(() => template.check(new Blob(['x'])), /arrayBuffer/);
  for (const bad of [1, 'md', true]) {
    if (typeof bad !== 'string') assert.throws(() => template.check(md, bad), TypeError);
  }
  assert.throws(() => template.check(md, 'md'), TypeError);
  for (const format of ['pdf', 'doc', '', 5, {}]) {
    assert.throws(() => template.check(md, { format }), TypeError);
    assert.throws(() => template.init({ format }), TypeError);
  }
  assert.throws(() => template.check('plain text'), /options\.format/);
  for (const lang of ['de', 'FI', '', 5, 'x'.repeat(1 << 20)]) {
    assert.throws(() => template.fill(md, { lang }), TypeError);
    const error = thrown(() => template.init({ lang }));
    assert.ok(error instanceof TypeError);
    assert.ok(error.message.length < 200, 'a huge argument is not echoed whole');
  }
  for (const checklist of [5, {}, [], true, Checklist]) {
    assert.throws(() => template.check(md, { checklist }), TypeError);
    assert.throws(() => template.init({ checklist }), TypeError);
  }
  assert.throws(() => template.check(md, { checklist: 'my/file.eva' }), /options\.checklist/);
  assert.throws(() => template.init({ decision: 5 }), TypeError);
  assert.throws(() => template.init({ decision: [] }), TypeError);
  assert.throws(() => template.init({ checklistName: 5 }), TypeError);
  assert.throws(() => template.fill('---\n', { format: 'docx' }), /binary/);
  const freed = Checklist.standard();
  freed.free();
  assert.throws(() => template.check(md, { checklist: freed }), /freed/);
  // options as `null` are no options
  assert.equal(template.check(md, null).format, 'md');
});

test('the template-check schema describes what check returns', () => {
  const s = schema('template-check');
  assert.equal(s.title, 'TemplateCheck');
  const checked = template.check(read(pairs[0][0]));
  for (const key of s.required ?? []) assert.ok(key in checked, key);
  for (const key of Object.keys(checked)) assert.ok(key in s.properties, key);
});

// ---- hostile documents -----------------------------------------------------------------------

/** A zip archive of `entries` ([name, bytes, { deflate, size }]) built by hand, so that
 *  entry names, sizes and contents can lie. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data, { deflate = true, size } = {}] of entries) {
    const nameBytes = Buffer.from(name);
    const body = deflate ? deflateRawSync(data) : Buffer.from(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(deflate ? 8 : 0, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(size ?? data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size ?? data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

test('hostile documents end in a result or a coded error, never an abort', () => {
  const docx = read('village-school.docx');
  const random = rng(20261124);
  const bytes = (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const xml = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  const inputs = [
    new Uint8Array(0),
    new Uint8Array([0x50, 0x4b, 3, 4]),
    new Uint8Array([0x50, 0x4b, 5, 6, ...new Uint8Array(18)]),
    bytes(1),
    bytes(100),
    bytes(100_000),
    Uint8Array.from([0x50, 0x4b, 3, 4, ...bytes(5000)]),
    new TextEncoder().encode('---\n' + '- '.repeat(100_000)),
    new TextEncoder().encode('---\na: &a [*a]\n---\n'),
    new TextEncoder().encode('<html>' + '<div>'.repeat(200_000)),
    new TextEncoder().encode('<html>' + '<!-- eva:results -->'.repeat(10_000)),
    // more fields than max_fields (one per line: on a single line, finding each field's
    // column is quadratic in the core, which is reported, not what this tests)
    new TextEncoder().encode('<html>' + '<input data-eva="answer.p.x">\n'.repeat(50_001)),
    // a zip with no main part, one whose main part is not XML, and an empty Word body
    zip([['word/other.xml', xml]]),
    zip([['word/document.xml', Buffer.from('\u0000<w:document')]]),
    zip([['word/document.xml', xml]]),
    // a zip bomb: 80 MiB of zeros compress to some 80 KB
    zip([['word/document.xml', Buffer.alloc(80 << 20)]]),
    // sizes that lie, and thousands of entries
    zip([['word/document.xml', xml, { size: 0xffffffff }]]),
    zip([['word/document.xml', xml, { deflate: false, size: 3 }]]),
    zip(Array.from({ length: 5000 }, (_, i) => [`x/${i}`, Buffer.from('x'), { deflate: false }])),
  ];
  for (const cut of [5, 50, 500, 5000, docx.length >> 1, docx.length - 22, docx.length - 1]) inputs.push(docx.slice(0, cut));
  for (let i = 0; i < 40; i++) {
    const corrupted = docx.slice();
    for (let k = 0; k < 1 + (i % 8); k++) corrupted[Math.floor(random() * corrupted.length)] ^= 1 + Math.floor(random() * 255);
    inputs.push(corrupted);
  }
  const seen = new Set();
  for (const [i, input] of inputs.entries()) {
    for (const format of [undefined, 'docx', 'md', 'html']) {
      for (const fn of [
        () => template.check(input, { format }),
        () => template.fill(input, { format, lang: 'en' }),
        () => template.checklistName(input, { format }),
      ]) {
        try {
          fn();
        } catch (error) {
          if (error instanceof EnnakkoError) {
            assert.notEqual(error.kind, 'internal', `input ${i} (${format}): the module aborted: ${error.message}`);
            assert.match(error.code, /^[TDE]\d{4}$/, `input ${i} (${format})`);
            assert.ok(error.diagnostics.every((d) => typeof d.help === 'string'), `input ${i}: a diagnostic without help`);
            seen.add(error.code);
          } else if (!(error instanceof TypeError)) {
            throw new Error(`input ${i} (${format}): ${error?.constructor?.name}: ${error?.message}`, { cause: error });
          }
        }
      }
    }
  }
  for (const code of ['T0001', 'T0003', 'T0004', 'T0005']) assert.ok(seen.has(code), `${code} among ${[...seen]}`);
  // the module still works
  assert.ok(Buffer.from(template.fill(docx)).equals(Buffer.from(read('village-school.filled.docx'))));
  assert.equal(Checklist.standard().score({ id: 'x', title: 't', alternatives: [{ id: 'z', kind: 'zero' }] }).alternatives.length, 1);
});

test('Markdown and HTML forms ask what applies, as the CLI and Python do', () => {
  const md = decoder.decode(template.init({ format: 'md', lang: 'fi' }));
  assert.ok(md.startsWith('---\n# eva:form\n'));
  assert.ok(!md.includes('(school_journeys) ==='), 'not asked before screening');
  const [head, proposal] = md.split('  - id: proposal\n');
  const answered = `${head}  - id: proposal\n${proposal
    .replace('affects_children: null', 'affects_children: yes')
    .replace('changes_service_network: null', 'changes_service_network: yes')}`;
  const filled = decoder.decode(template.fill(answered));
  assert.ok(filled.split('  - id: proposal\n')[1].includes('(school_journeys) ==='), 'now asked');
  assert.ok(filled.includes('\u26a0 Vastaus puuttuu'), 'notes beside the fields');
  assert.equal(decoder.decode(template.fill(filled)), filled, 'a second fill gives the same bytes');

  const html = decoder.decode(template.init({ format: 'html', lang: 'sv' }));
  assert.ok(html.includes('data-eva-form') && !html.includes('row.proposal.school_journeys.'));
  const at = html.indexOf('data-eva="answer.proposal.affects_children"');
  const end = html.indexOf('</select>', at);
  const chosen = `${html.slice(0, at)}${html.slice(at, end).replace('value="yes">', 'value="yes" selected>')}${html.slice(end)}`;
  const page = decoder.decode(template.fill(chosen));
  assert.ok(page.includes('data-eva="row.proposal.children_learning_wellbeing.group"'));
  assert.ok(page.includes('\u26a0 Svar saknas'));
  assert.equal(decoder.decode(template.fill(page)), page);
});

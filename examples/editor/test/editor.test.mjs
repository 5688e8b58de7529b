// Browser test of the checklist editor page: Debian's Chromium, headless,
// driven by playwright-core. Types a mistake into the example checklist and
// sees the engine's diagnostic appear (a lint mark in the editor and the
// problem in the list, with its code and hint), fixes it and sees it go;
// the diagnostics are the engine's, worded in the page's language; hovers
// a group (its labels in every language and its legal basis);
// completes an id, a keyword, a scale level and an option; checks the form
// preview follows the checklist and the page's language; pastes a checklist
// larger than the engine's limit and sees the engine's E0002. Screenshots
// go to examples/editor/screenshots/.
//
//   node --test examples/editor/test/      (needs bindings/wasm/pkg; builds dist/ itself)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { start } from '../serve.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const repo = join(here, '..', '..');
const shots = join(here, 'screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const starter = readFileSync(join(here, 'starter.eva'), 'utf8');

let server;
let context;
let page;
let userDataDir;
const consoleErrors = [];

before(async () => {
  assert.ok(existsSync(join(repo, 'bindings/wasm/pkg/index.js')), 'bindings/wasm/pkg is missing: run scripts/build-wasm.sh');
  execFileSync(process.execPath, [join(here, 'build.mjs')], { stdio: 'inherit' });
  mkdirSync(shots, { recursive: true });
  server = await start(0);
  userDataDir = mkdtempSync(join(tmpdir(), 'ennakko-editor-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
    locale: 'fi-FI',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Only localhost: anything else is a bug in the page.
  await context.route(/^(?!http:\/\/localhost:)/, (route) => {
    consoleErrors.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(`http://localhost:${server.address().port}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
});

after(async () => {
  await context?.close();
  server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** How many times the page has compiled the checklist. */
const compiles = () => page.evaluate(() => Number(document.body.dataset.compiles ?? 0));

/** Waits for the page to compile again after `action`. */
async function afterCompile(action) {
  const before = await compiles();
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.compiles ?? 0) > n, before, { timeout: 20_000 });
}

/** Puts the cursor just after the first `needle` of the document. */
async function cursorAfter(needle) {
  const pos = starterOffset(await docText(), needle) + needle.length;
  await page.evaluate((p) => {
    const { view } = window.ennakkoEditor;
    view.dispatch({ selection: { anchor: p } });
    view.focus();
  }, pos);
}

function starterOffset(text, needle) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the document`);
  return at;
}

const docText = () => page.evaluate(() => window.ennakkoEditor.view.state.doc.toString());

/** Screen coordinates of the middle of a document offset's character. */
async function coordsOf(pos) {
  return page.evaluate((p) => {
    const { view } = window.ennakkoEditor;
    const a = view.coordsAtPos(p);
    const b = view.coordsAtPos(p + 1) ?? a;
    return { x: (a.left + b.left) / 2 + 1, y: (a.top + a.bottom) / 2 };
  }, pos);
}

test('the example compiles clean and its form is drawn from the description', async () => {
  await page.waitForSelector('#problems li.clean');
  assert.equal(await page.getAttribute('body', 'data-errors'), '0');
  assert.equal(await docText(), starter);
  // One field per question and fact, each as its kind asks, in Finnish.
  const kinds = await page.$$eval('#preview .field', (fields) => fields.map((f) => `${f.dataset.question}:${f.dataset.kind}`));
  assert.deepEqual(kinds, ['branch:choice', 'changes_opening_hours:screening', 'library_access_impact:impact', 'weekly_hours:number']);
  assert.equal(await page.textContent('#preview h3'), 'Kirjastopalvelujen muutokset');
  assert.equal(await page.$$eval('[data-question="changes_opening_hours"] input[type=radio]', (r) => r.length), 3);
  assert.deepEqual(await page.$$eval('[data-question="library_access_impact"] tr[data-group] td:first-child', (c) => c.map((x) => x.textContent)), [
    'Lapset',
    'Ikääntyneet',
  ]);
  assert.deepEqual(await page.$$eval('[data-question="branch"] option', (o) => o.map((x) => x.textContent)), ['–', 'Pääkirjasto', 'Kyläkirjasto']);
  assert.match(await page.textContent('[data-question="library_access_impact"]'), /kysytään vain, kun ehto täyttyy/);
  assert.match(await page.textContent('#status'), /Käännetty .* ms · \d+ \/ 1048576 tavua/);
  await page.screenshot({ path: join(shots, '1-clean.png') });
});

test('a mistake typed in shows its diagnostic, and fixing it clears it', async () => {
  // `groups children, older_people` -> `older_peopel`: an unknown group.
  await cursorAfter('groups children, older_peop');
  await afterCompile(async () => {
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await page.keyboard.type('el');
  });
  await page.waitForSelector('.cm-lintRange-error');
  const problem = page.locator('#problems li.error').first();
  const code = await problem.getAttribute('data-code');
  assert.match(code, /^E\d{4}$/);
  const text = await problem.textContent();
  assert.match(text, /older_peopel/);
  assert.match(text, /tuntematon group `older_peopel`/, 'in the page\'s language (Finnish)');
  assert.match(text, /tarkoititko `older_people`\?/, 'the hint names the group meant');
  const line = starter.slice(0, starter.indexOf('groups children, older_people')).split('\n').length;
  assert.match(text, new RegExp(`rivi ${line}:`), 'the line of the mistake');
  // The editor marks the misspelt word itself.
  const marked = await page.$$eval('.cm-lintRange-error', (m) => m.map((x) => x.textContent).join(''));
  assert.match(marked, /older_peopel/);
  // The form stays, dimmed, as the last version that compiled.
  assert.ok(await page.$('#preview.stale'));
  assert.match(await page.textContent('#preview-note'), /viimeisin kääntynyt versio/);
  // The lint tooltip: hovering the mark shows the code, message and hint.
  const at = starterOffset(await docText(), 'older_peopel') + 3;
  await page.mouse.move(...Object.values(await coordsOf(at)));
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor({ timeout: 10_000 });
  const lint = await tooltip.textContent();
  assert.match(lint, new RegExp(code));
  assert.match(lint, /older_people/);
  await page.screenshot({ path: join(shots, '2-mistake.png') });

  await afterCompile(async () => {
    await page.mouse.move(5, 5);
    await cursorAfter('older_peopel');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('le');
    await page.keyboard.press('Escape'); // the completion list typing opened
  });
  await page.waitForSelector('#problems li.clean');
  assert.equal(await page.$$eval('.cm-lintRange-error', (m) => m.length), 0);
  assert.equal(await page.getAttribute('body', 'data-errors'), '0');
  assert.equal(await page.$('#preview.stale'), null);
  assert.equal(await docText(), starter);
  await page.screenshot({ path: join(shots, '3-fixed.png') });
});

test('hover shows a group in every language with its legal basis', async () => {
  // `children` where the impact question names it.
  const pos = starterOffset(await docText(), 'groups children') + 'groups ch'.length;
  await page.mouse.move(...Object.values(await coordsOf(pos)));
  const tooltip = page.locator('.cm-tooltip-hover .hover[data-hover="children"]');
  await tooltip.waitFor({ timeout: 10_000 });
  const text = await tooltip.textContent();
  for (const label of ['group', 'Lapset', 'Barn', 'Children', 'YK:n lapsen oikeuksien sopimus 3 art.', '0..17']) {
    assert.ok(text.includes(label), `hover shows ${label}: ${text}`);
  }
  assert.equal(await tooltip.locator('dd[lang="sv"]').first().textContent(), 'Barn');
  assert.ok(await tooltip.locator('dd[data-prop="legal basis"]').count());
  await page.screenshot({ path: join(shots, '4-hover.png') });
  await page.mouse.move(5, 5);
});

/** Types `typed` as a new line after the line holding `needle`, waits for
 *  the completion list to offer `expected` and returns its labels. */
async function completionsAfter(needle, typed, expected) {
  await cursorAfter(needle);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(typed, { delay: 20 });
  await page.waitForFunction(
    (label) => [...document.querySelectorAll('.cm-tooltip-autocomplete li .cm-completionLabel')].some((l) => l.textContent === label),
    expected,
    { timeout: 10_000 },
  );
  return page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (l) => l.map((x) => x.textContent));
}

async function undoAll() {
  await page.keyboard.press('Escape');
  await page.evaluate((text) => {
    const { view } = window.ennakkoEditor;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }, starter);
}

test('completion offers ids, keywords, scale levels and options', async () => {
  // A group id in an expression.
  let labels = await completionsAfter('  when fact.branch == "village" and changes_opening_hours == yes', '      and impact(chil', 'children');
  assert.ok(labels.includes('children'), labels.join(' '));
  await page.screenshot({ path: join(shots, '5-complete-id.png') });
  // Choose it with the mouse: the list may be redrawn by a later answer of
  // the engine, and a click waits for the item that is there then (Enter
  // pressed in between would type a new line).
  const label = page.locator('.cm-completionLabel', { hasText: /^children$/ });
  await page.locator('.cm-tooltip-autocomplete li', { has: label }).click();
  await page.waitForFunction(() => /and impact\(children/.test(window.ennakkoEditor.view.state.doc.toString()), null, {
    timeout: 10_000,
  });
  assert.match(await docText(), /and impact\(children/);
  await undoAll();

  // A property keyword inside a declaration.
  labels = await completionsAfter('  age 65..120', '  basi', 'basis');
  assert.ok(labels.includes('basis'), labels.join(' '));
  await undoAll();

  // A level of the default magnitude scale.
  labels = await completionsAfter('  when changes_opening_hours == yes', '  when any c in cells: c.magnitude >= magnitude.', 'severe');
  assert.deepEqual(labels, ['minimal', 'moderate', 'severe']);
  await page.screenshot({ path: join(shots, '6-complete-level.png') });
  await undoAll();

  // The options of a choice fact.
  labels = await completionsAfter('  each proposal', '  when fact.branch == "', 'village');
  assert.deepEqual(labels, ['main', 'village']);
  await undoAll();
});

test('the page, the preview and the diagnostics follow the page language', async () => {
  await cursorAfter('groups children, older_peop');
  await afterCompile(async () => {
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await page.keyboard.type('el');
    await page.keyboard.press('Escape');
  });
  assert.match(await page.textContent('#problems li.error'), /tuntematon group/);
  // The page redraws the preview from the last description, and the engine
  // words the diagnostics again in the new language.
  await afterCompile(() => page.selectOption('#lang', 'sv'));
  const problem = await page.textContent('#problems li.error');
  assert.match(problem, /okän[dt] group `older_peopel`/);
  assert.match(problem, /menade du `older_people`\?/);
  assert.match(problem, /rad \d+:/);
  assert.equal(await page.textContent('#preview h3'), 'Ändringar i bibliotekstjänsterna');
  assert.match(await page.textContent('[data-question="changes_opening_hours"]'), /Ändras öppettiderna\?/);
  assert.match(await page.textContent('[data-question="changes_opening_hours"]'), /Ja/);
  assert.equal(await page.textContent('#problems-h'), 'Problem');
  assert.match(await page.textContent('#status'), /Kompilerad på .* ms/);
  await page.screenshot({ path: join(shots, '7-svenska.png') });
  await afterCompile(() => undoAll());
  await page.waitForSelector('#problems li.clean');
  await afterCompile(() => page.selectOption('#lang', 'fi'));
});

test('a checklist over the size limit gets the engine\'s error, not a compile', async () => {
  await afterCompile(() =>
    page.evaluate(() => {
      const { view } = window.ennakkoEditor;
      const big = `# ${'x'.repeat(98)}\n`.repeat(20_000); // 2 MB in 20,000 lines
      view.dispatch({ changes: { from: 0, insert: big } });
    }),
  );
  await page.waitForSelector('#problems li[data-code="E0002"]');
  assert.match(await page.textContent('#problems li[data-code="E0002"]'), /suurempi kuin raja 1048576 tavua/);
  assert.match(await page.textContent('#status'), /Liian suuri/);
  await afterCompile(() => undoAll());
  await page.waitForSelector('#problems li.clean');
});

test('the page made no outside requests and logged no errors', () => {
  assert.deepEqual(consoleErrors, []);
});

// Browser test of the drafting page: Debian's Chromium, headless, driven by
// playwright-core. Fills in one decision through the form, checks that the
// verdict and the impact matrix on the page are what the Rust engine (the
// `ennakko` CLI) says for the same decision, reloads and checks the draft
// is still there, downloads the report, measures scoring time in the page,
// checks and fills a Word template in the page (the download is the
// committed filled copy), and saves screenshots to examples/web/screenshots/.
//
//   node --test examples/web/test/      (needs bindings/wasm/pkg and target/debug/ennakko)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { start } from '../serve.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const repo = join(here, '..', '..');
const cli = process.env.ENNAKKO_CLI ?? join(repo, 'target', 'debug', 'ennakko');
const shots = join(here, 'screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let server;
let context;
let page;
let userDataDir;
let base;
const consoleErrors = [];
/** Every URL the page requested, to see when the templates module is fetched. */
const fetched = [];

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run cargo build -p ennakko-cli`);
  assert.ok(existsSync(join(repo, 'bindings/wasm/pkg/index.js')), 'bindings/wasm/pkg is missing: run scripts/build-wasm.sh');
  mkdirSync(shots, { recursive: true });
  server = await start(0);
  base = `http://localhost:${server.address().port}/`;
  userDataDir = mkdtempSync(join(tmpdir(), 'ennakko-chromium-'));
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
    viewport: { width: 1440, height: 1000 },
    locale: 'fi-FI',
    acceptDownloads: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => fetched.push(r.url()));
  // Only localhost: anything else is a bug in the page.
  await context.route(/^(?!http:\/\/localhost:)/, (route) => {
    consoleErrors.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
});

after(async () => {
  await context?.close();
  server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function ready() {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
}

/** What the page holds as the draft decision. */
const pageDecision = () => page.evaluate(() => window.ennakkoPage.decision);

/** The Rust engine's report for a decision (through the CLI). */
function cliReport(decision, args = []) {
  const dir = mkdtempSync(join(tmpdir(), 'ennakko-decision-'));
  try {
    const path = join(dir, 'decision.json');
    writeFileSync(path, JSON.stringify(decision));
    return execFileSync(cli, ['score', path, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI's plain-language explanation of one result. */
function cliExplain(decision, id) {
  const dir = mkdtempSync(join(tmpdir(), 'ennakko-decision-'));
  try {
    const path = join(dir, 'decision.json');
    writeFileSync(path, JSON.stringify(decision));
    return execFileSync(cli, ['explain', path, id, '--lang', 'fi'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sum of cell values per "group|domain" (the page's matrix shows these). */
function matrixOf(alternative) {
  const sums = {};
  for (const c of alternative.cells) {
    const key = `${c.group}|${c.domain}`;
    sums[key] = (sums[key] ?? 0) + c.value;
  }
  return sums;
}

/** Answers every screening question shown for the selected alternative,
 *  one at a time (an answer may show or hide others), and records them. */
async function answerVisibleScreening(answers, chooseYes) {
  for (;;) {
    const open = page.locator('#alt-panel fieldset.question:visible').filter({ hasNot: page.locator('input:checked') });
    if ((await open.count()) === 0) return;
    const box = open.first();
    const q = await box.getAttribute('data-q');
    const value = chooseYes.has(q) ? 'yes' : 'no';
    await box.locator(`input[value="${value}"]`).check();
    answers[q] = value;
  }
}

test('draft a decision in the browser; the page agrees with the Rust engine', async () => {
  await page.goto(base);
  await ready();
  assert.equal(await page.getAttribute('html', 'lang'), 'fi', 'Finnish from the browser locale');

  // --- the decision and its facts
  const expected = {
    id: 'SIVLTK-2026-041',
    title: 'Kylänpään koulun lakkauttaminen',
    language: 'fi',
    facts: {},
    alternatives: [],
    kind: 'school_network',
  };
  await page.getByLabel('Asianumero').fill(expected.id);
  await page.getByLabel('Otsikko', { exact: true }).fill(expected.title);
  await page.getByLabel('Päätöksen laji').fill(expected.kind);
  const describe = await page.evaluate(() => window.ennakkoPage.checklist.describe());
  const factIds = describe.facts.map((f) => f.id);
  const facts = {
    cost_eur: 380000,
    affected_residents: 1150,
    services: ['basic_education', 'school_transport'],
  };
  for (const [id, value] of Object.entries(facts)) {
    if (!factIds.includes(id)) continue;
    const control = page.locator(`#fact-${id}`);
    if (typeof value === 'boolean') await control.selectOption(String(value));
    else if (Array.isArray(value)) await control.fill(value.join(', '));
    else await control.fill(String(value));
    expected.facts[id] = value;
  }

  // --- the zero option: nothing changes
  await page.getByRole('tab', { name: /Nollavaihtoehto/ }).click();
  const zero = { id: 'zero', kind: 'zero', title: 'Nykytila jatkuu', answers: {}, impacts: [] };
  await page.locator('#alt-title').fill('Koulu jatkaa nykyisellään');
  zero.title = 'Koulu jatkaa nykyisellään';
  await answerVisibleScreening(zero.answers, new Set());
  if (await page.locator('#q-no_assessment_reason:visible').count()) {
    await page.locator('#q-no_assessment_reason').fill('Mikään ei muutu nykytilaan verrattuna.');
    zero.answers.no_assessment_reason = 'Mikään ei muutu nykytilaan verrattuna.';
  }
  expected.alternatives.push(zero);

  // --- the proposal
  await page.getByRole('tab', { name: /Ehdotus/ }).click();
  const proposal = { id: 'proposal', kind: 'proposal', title: 'Päätösehdotus', answers: {}, impacts: [] };
  await page.locator('#alt-title').fill('Koulu lakkautetaan 31.7.2027');
  proposal.title = 'Koulu lakkautetaan 31.7.2027';
  const yes = new Set([
    'significant_resident_impact',
    'changes_service_network',
    'affects_children',
    'large_procurement',
    'affects_strategy',
  ]);
  await answerVisibleScreening(proposal.answers, yes);
  if (await page.locator('#q-directly_affected_people:visible').count()) {
    await page.locator('#q-directly_affected_people').fill('38');
    proposal.answers.directly_affected_people = 38;
  }
  if (await page.locator('#q-participation_method:visible').count()) {
    const option = await page.locator('#q-participation_method option:not([value=""])').first().getAttribute('value');
    await page.locator('#q-participation_method').selectOption(option);
    proposal.answers.participation_method = option;
  }

  // Impact cells through the "assess" buttons of the impact questions that apply.
  const cells = [
    {
      question: 'school_journeys',
      group: 'children',
      direction: '-1',
      magnitude: 'moderate',
      likelihood: 'certain',
      evidence: 'strong',
      mitigation: 'Maksuton koulukuljetus, enintään 45 min suuntaansa.',
      evidence_source: 'Kuljetusselvitys 2026',
    },
    {
      question: 'school_journeys',
      group: 'families_with_children',
      direction: '-1',
      magnitude: 'minimal',
      likelihood: 'likely',
      evidence: 'some',
    },
    {
      question: 'children_learning_wellbeing',
      group: 'children',
      direction: '1',
      magnitude: 'moderate',
      likelihood: 'likely',
      evidence: 'some',
    },
  ];
  for (const spec of cells) {
    const item = page.locator(`#impact-questions li[data-q="${spec.question}"]`);
    assert.equal(await item.count(), 1, `impact question ${spec.question} applies to the proposal`);
    const groupLabel = describe.groups.find((g) => g.id === spec.group).label.fi;
    await item
      .getByRole('button', { name: new RegExp(`${groupLabel}$`) })
      .first()
      .click();
    const c = proposal.impacts.length;
    const q = describe.questions.find((x) => x.id === spec.question);
    const cell = {
      question: spec.question,
      group: spec.group,
      domain: await page.locator(`#cell-${c}-domain`).inputValue(),
      direction: Number(spec.direction),
    };
    assert.ok(q.domains.includes(cell.domain));
    await page.locator(`#cell-${c}-direction`).selectOption(spec.direction);
    for (const scale of ['magnitude', 'likelihood', 'evidence']) {
      await page.locator(`#cell-${c}-${scale}`).selectOption(spec[scale]);
      cell[scale] = spec[scale];
    }
    if (spec.mitigation) {
      await page.locator(`#cell-${c}-mitigation`).fill(spec.mitigation);
      cell.mitigation = spec.mitigation;
    }
    if (spec.evidence_source) {
      await page.locator(`#cell-${c}-evidence_source`).fill(spec.evidence_source);
      cell.evidence_source = spec.evidence_source;
    }
    proposal.impacts.push(cell);
  }
  expected.alternatives.push(proposal);

  // --- the page's draft is exactly the decision entered
  const drafted = await pageDecision();
  assert.deepStrictEqual(drafted, expected);
  assert.deepEqual(consoleErrors, []);

  // --- verdict and matrix agree with the Rust engine
  const report = JSON.parse(cliReport(expected));
  assert.equal(await page.getAttribute('#verdict', 'data-level'), report.verdict.level);
  const reasons = await page.locator('#verdict li .msg').allTextContents();
  assert.deepEqual(
    reasons,
    report.verdict.reasons.map((f) => f.message.fi),
  );
  for (const alt of report.alternatives) {
    const shown = await page.evaluate((id) => {
      const table = document.querySelector(`table.matrix[data-alt="${id}"]`);
      if (!table) return null;
      const out = {};
      for (const td of table.querySelectorAll('td[data-value][data-group]'))
        out[`${td.dataset.group}|${td.dataset.domain}`] = Number(td.dataset.value);
      return { cells: out, total: Number(table.querySelector('td[data-total="alternative"]').dataset.value) };
    }, alt.id);
    if (alt.cells.length === 0) {
      assert.equal(shown, null);
      continue;
    }
    const expectedCells = matrixOf(alt);
    assert.deepEqual(Object.keys(shown.cells).sort(), Object.keys(expectedCells).sort(), `${alt.id}: matrix cells`);
    for (const [key, value] of Object.entries(expectedCells)) assert.ok(Math.abs(shown.cells[key] - value) < 1e-9, `${alt.id} ${key}`);
    assert.ok(Math.abs(shown.total - alt.total.value) < 1e-9, `${alt.id}: total`);
  }
  const findingRules = await page.locator('#findings li').evaluateAll((lis) => lis.map((li) => li.dataset.rule));
  assert.deepEqual(
    findingRules,
    report.findings.filter((f) => f.severity !== 'verdict').map((f) => f.rule ?? ''),
  );
  // findings about alternatives not proposed stand apart: they never set the verdict
  const comparisonRules = await page.locator('#comparison-findings li').evaluateAll((lis) => lis.map((li) => li.dataset.rule));
  assert.deepEqual(
    comparisonRules,
    (report.comparison ?? []).map((f) => f.rule ?? ''),
  );
  // the equity statement names the vulnerable groups harmed, in the report's words
  assert.equal(await page.locator('#equity li').count(), report.alternatives.filter((a) => a.kind !== 'zero').length);
  const equityText = await page.locator('#equity li[data-alt="proposal"]').textContent();
  for (const g of report.alternatives[1].equity.harmed) {
    const name = describe.groups.find((x) => x.id === g).label.fi;
    assert.match(equityText, new RegExp(`kielteinen vaikutus haavoittuvassa asemassa oleviin ryhmiin: .*${name}`, 'i'));
  }
  // ... and says what the report says (after the alternative's name, which the report qualifies with its kind)
  const markdown = cliReport(expected, ['--format', 'md', '--lang', 'fi']);
  for (const li of await page.locator('#equity li').allTextContents()) {
    const said = li.slice(li.indexOf(': ') + 2);
    assert.ok(markdown.includes(said), `not in the report: ${said}`);
  }
  for (const li of await page.locator('#comparison ul.comparison li').allTextContents()) {
    const said = li.slice(li.indexOf(' verrattuna nollavaihtoehtoon: '));
    assert.ok(markdown.includes(said), `not in the report: ${said}`);
  }
  // the official's words on the impacts are shown
  assert.match(await page.locator('ul.cell-texts[data-alt="proposal"]').textContent(), /Tietolähde: Kuljetusselvitys 2026/);

  // --- "why?": the explanation of a group's score is the CLI's `explain`
  await page.locator('table.matrix[data-alt="proposal"] tbody th button.why').first().click();
  await page.waitForSelector('dialog#why[open]');
  const firstGroup = report.alternatives[1].groups[0].id;
  const why = await page.locator('#why pre').textContent();
  assert.equal(why.trim(), cliExplain(expected, firstGroup).trim());
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog#why:not([open])', { state: 'attached' });

  // --- the downloaded HTML report is the CLI's, byte for byte
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-report').click()]);
  const html = readFileSync(await download.path(), 'utf8');
  assert.equal(html, cliReport(expected, ['--format', 'html', '--lang', 'fi']));
  assert.match(download.suggestedFilename(), /^SIVLTK-2026-041-eva\.html$/);

  writeFileSync(join(shots, 'decision.json'), JSON.stringify(expected, null, 2) + '\n');
  await page.screenshot({ path: join(shots, 'drafting-fi.png'), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'drafting-fi-top.png') });
  await page.locator('#results').screenshot({ path: join(shots, 'results-fi.png') });
  await page.locator('#cells').screenshot({ path: join(shots, 'cells-fi.png') });

  // --- reload: the draft is still there
  await page.reload();
  await ready();
  assert.deepStrictEqual(await pageDecision(), expected);
  assert.equal(await page.locator('#decision-title').inputValue(), expected.title);
  assert.equal(await page.getAttribute('[role="tab"][aria-selected="true"]', 'id'), 'tab-1');
  assert.equal(await page.locator('#cells fieldset.cell').count(), cells.length);
  assert.equal(await page.getAttribute('#verdict', 'data-level'), report.verdict.level);
  assert.equal(await page.locator('#cell-0-mitigation').inputValue(), cells[0].mitigation);
  assert.deepEqual(consoleErrors, []);
});

test('the questions that apply appear as the answers change', async () => {
  // The proposal answered affects_children = yes; switching it to no hides
  // the children's impact question prompt.
  const prompt = page.locator('#impact-questions li[data-q="children_learning_wellbeing"]');
  assert.equal(await prompt.count(), 1);
  await page.locator('#box-q-affects_children input[value="no"]').check();
  const d = await pageDecision();
  const report = JSON.parse(cliReport(d));
  const applies = report.alternatives[1].completeness.applicable.includes('children_learning_wellbeing');
  assert.equal(await prompt.count(), applies ? 1 : 0);
  await page.locator('#box-q-affects_children input[value="yes"]').check();
  assert.equal(await prompt.count(), 1);
});

test('errors point at the field', async () => {
  await page.locator('#fact-cost_eur').fill('-5');
  await page.waitForSelector('#problems');
  assert.equal(await page.getAttribute('#fact-cost_eur', 'aria-invalid'), 'true');
  // The problem is told in the page's language: Finnish here, then Swedish
  // and English as the interface changes (the engine's catalogue).
  const problem = () => page.locator('#problems li').first().innerText();
  assert.equal(await page.getAttribute('html', 'lang'), 'fi');
  assert.match(await problem(), /-5 on sallitun välin 0\.\.10000000000 ulkopuolella tarkista arvo ja sen yksikkö/);
  await page.locator('#ui-lang').selectOption('sv');
  assert.match(await problem(), /-5 ligger utanför det tillåtna intervallet/);
  await page.locator('#ui-lang').selectOption('en');
  assert.match(await problem(), /-5 is outside the allowed range/);
  await page.locator('#ui-lang').selectOption('fi');
  await page.waitForSelector('#problems');
  await page.locator('#problems button.link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'fact-cost_eur');
  await page.locator('#fact-cost_eur').fill('380000');
  assert.equal(await page.locator('#problems').count(), 0);
  assert.equal(await page.getAttribute('#fact-cost_eur', 'aria-invalid'), null);
});

test('keyboard and labels', async () => {
  // Arrow keys move between alternatives.
  await page.locator('#tab-1').focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('[role="tab"][aria-selected="true"]', 'id'), 'tab-0');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-0');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('[role="tab"][aria-selected="true"]', 'id'), 'tab-1');
  // Every form control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => {
        if (el.closest('[hidden]')) return false;
        const labelled = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        const text = el.tagName === 'BUTTON' && el.textContent.trim();
        return !(labelled || text);
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  assert.deepEqual(unnamed, []);
});

test('Swedish and English interface', async () => {
  await page.locator('#ui-lang').selectOption('sv');
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  assert.equal(await page.locator('#h-verdict').textContent(), 'Bedömning');
  await page.screenshot({ path: join(shots, 'drafting-sv.png'), fullPage: false });
  await page.locator('#ui-lang').selectOption('en');
  assert.equal(await page.locator('#h-verdict').textContent(), 'Verdict');
  await page.locator('#ui-lang').selectOption('fi');
});

test('scoring takes well under a frame', async () => {
  const village = readFileSync(join(repo, 'examples/village-school/decision.yaml'), 'utf8');
  const timing = await page.evaluate((yaml) => {
    const c = window.ennakkoPage.checklist;
    const drafted = window.ennakkoPage.decision;
    const measure = (fn) => {
      for (let i = 0; i < 20; i++) fn();
      const n = 200;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn();
      return (performance.now() - t0) / n;
    };
    return {
      draft: measure(() => c.score(drafted)),
      villageSchoolYaml: measure(() => c.score(yaml)),
      compileEva: measure(() => window.ennakkoPage.checklist.constructor.standard('eva').free()),
    };
  }, village);
  console.log(`# in-browser timing (ms per call): ${JSON.stringify(timing)}`);
  writeFileSync(join(shots, 'timing.json'), JSON.stringify(timing, null, 2) + '\n');
  assert.ok(timing.draft < 16, `scoring the draft took ${timing.draft} ms`);
  assert.ok(timing.villageSchoolYaml < 16, `scoring the village school took ${timing.villageSchoolYaml} ms`);
});

/** The CLI's check of a template file, as JSON. */
function cliTemplateCheck(path) {
  const out = spawnSync(cli, ['template', 'check', '--format', 'json', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(out.status === 0 || out.status === 1, out.stderr);
  return JSON.parse(out.stdout);
}

test('a Word template is checked and filled in the browser, with no server', async () => {
  const templates = join(repo, 'examples', 'templates');
  const docx = join(templates, 'village-school.docx');
  // the toolbar leads to the panel
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#goto-template').click();
  const [top, height] = await page
    .locator('#template-panel')
    .evaluate((el) => [el.getBoundingClientRect().top, window.innerHeight]);
  assert.ok(top >= 0 && top < height - 100, `the panel is scrolled into view (top ${top} of ${height})`);
  assert.ok(await page.evaluate(() => window.scrollY > 1000), 'the page scrolled down to it');
  // The templates' WebAssembly module is fetched when the panel is first used, not before.
  assert.deepEqual(fetched.filter((url) => url.includes('/pkg/templates')), [], 'templates loaded before use');
  const requests = [];
  const onRequest = (r) => requests.push(`${r.method()} ${r.url()}`);
  page.on('request', onRequest);
  await page.locator('#template-file').setInputFiles(docx);
  await page.waitForSelector('#template-download');
  page.off('request', onRequest);
  // Nothing sent: the only requests fetch the templates module from this server.
  assert.ok(requests.some((r) => r.endsWith('/pkg/templates/web/ennakko_bg.wasm')), requests.join('\n'));
  assert.deepEqual(
    requests.filter((r) => !/^GET http:\/\/localhost:\d+\/pkg\/templates[./]/.test(r)),
    [],
    'nothing was sent, nothing else fetched',
  );

  // what the page shows is what `ennakko template check` says
  const expected = cliTemplateCheck(docx);
  assert.equal(await page.getAttribute('#template-verdict', 'data-level'), expected.report.verdict.level);
  assert.equal(await page.locator('#template-verdict').textContent(), `Arvion tulos: ${{ none: 'Vaikutusten ennakkoarviointia ei tarvita', light: 'Suppea vaikutusten arviointi tarvitaan', full: 'Laaja vaikutusten arviointi tarvitaan' }[expected.report.verdict.level]}`);
  const shown = await page.locator('#template-problems li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
  assert.deepEqual(
    shown,
    expected.problems.map((p) => p.code),
  );
  assert.ok(shown.length > 0, 'the example has warnings to show');
  assert.match(await page.locator('#template-summary').textContent(), /village-school\.docx – Word \(\.docx\), tarkistuslista eva/);

  // the download is the committed filled copy, byte for byte
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#template-download').click()]);
  assert.equal(download.suggestedFilename(), 'village-school-eva.docx');
  const bytes = readFileSync(await download.path());
  assert.ok(bytes.equals(readFileSync(join(templates, 'village-school.filled.docx'))), 'not village-school.filled.docx');

  await page.locator('#template-panel').scrollIntoViewIfNeeded();
  await page.locator('#template-panel').screenshot({ path: join(shots, 'template-fi.png') });
  await page.locator('#template-panel').screenshot({ path: join(tmpdir(), 'ennakko-template-panel-fi.png') });

  // the panel follows the interface language
  await page.locator('#ui-lang').selectOption('sv');
  assert.equal(await page.locator('#h-template').textContent(), 'Mall för beslutsdokument (Word, Markdown, HTML)');
  assert.match(await page.locator('#template-download').textContent(), /Ladda ner det ifyllda dokumentet/);
  await page.locator('#template-panel').screenshot({ path: join(shots, 'template-sv.png') });
  await page.locator('#ui-lang').selectOption('en');
  assert.match(await page.locator('#template-verdict').textContent(), /^Verdict: /);
  await page.locator('#template-panel').screenshot({ path: join(tmpdir(), 'ennakko-template-panel-en.png') });
  await page.locator('#ui-lang').selectOption('fi');
  assert.deepEqual(consoleErrors, []);
});

test('templates with errors are explained, and blank ones download', async () => {
  // Markdown with an unknown placeholder: checked, not filled
  await page.locator('#template-file').setInputFiles({
    name: 'typo.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('---\nchecklist: eva\nid: x\ntitle: t\nalternatives: [{id: zero, kind: zero}]\n---\n\n<!-- eva:verdikt -->\n'),
  });
  await page.waitForSelector('#template-blocked');
  assert.equal(await page.locator('#template-download').count(), 0);
  assert.equal(await page.locator('#template-problems li').first().getAttribute('data-code'), 'T0104');
  assert.match(await page.locator('#template-problems li').first().textContent(), /rivi 8/);
  // not a zip: the engine's T0003, shown with its code
  await page.locator('#template-file').setInputFiles({ name: 'broken.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
  await page.waitForSelector('#template-error');
  assert.equal(await page.getAttribute('#template-error', 'data-code'), 'T0003');
  assert.match(await page.locator('#template-error').textContent(), /T0003/);
  await page.locator('#template-panel').screenshot({ path: join(shots, 'template-error-fi.png') });

  // a blank template in the page's checklist and language: the CLI's bytes
  for (const format of ['md', 'docx']) {
    await page.locator('#template-format').selectOption(format);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#template-blank').click()]);
    assert.equal(download.suggestedFilename(), `eva-fi.${format}`);
    const dir = mkdtempSync(join(tmpdir(), 'ennakko-blank-'));
    try {
      const path = join(dir, `blank.${format}`);
      execFileSync(cli, ['template', 'init', '--checklist', 'eva', '--lang', 'fi', '--format', format, '-o', path], { stdio: 'pipe' });
      assert.ok(readFileSync(await download.path()).equals(readFileSync(path)), `${format}: not the CLI's blank template`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  assert.deepEqual(consoleErrors, []);
});

test('a blank Markdown or HTML form from the page asks the impact questions that apply once filled in the page', async () => {
  for (const format of ['md', 'html']) {
    await page.locator('#template-format').selectOption(format);
    const [blank] = await Promise.all([page.waitForEvent('download'), page.locator('#template-blank').click()]);
    let text = readFileSync(await blank.path(), 'utf8');
    assert.ok(!text.includes('school_journeys'), `${format}: impact questions are not asked before screening`);
    // the official answers two screening questions of the proposal
    if (format === 'md') {
      const [head, proposal] = text.split('  - id: proposal\n');
      text = `${head}  - id: proposal\n${proposal
        .replace('affects_children: null', 'affects_children: yes')
        .replace('changes_service_network: null', 'changes_service_network: yes')}`;
    } else {
      for (const q of ['affects_children', 'changes_service_network']) {
        const at = text.indexOf(`data-eva="answer.proposal.${q}"`);
        const end = text.indexOf('</select>', at);
        text = `${text.slice(0, at)}${text.slice(at, end).replace('value="yes">', 'value="yes" selected>')}${text.slice(end)}`;
      }
    }
    const name = `lomake.${format}`;
    await page.locator('#template-file').setInputFiles({ name, mimeType: format === 'md' ? 'text/markdown' : 'text/html', buffer: Buffer.from(text) });
    await page.waitForFunction((n) => document.querySelector('#template-summary')?.textContent.includes(n) && document.querySelector('#template-download'), name);
    const [filled] = await Promise.all([page.waitForEvent('download'), page.locator('#template-download').click()]);
    const bytes = readFileSync(await filled.path());
    const dir = mkdtempSync(join(tmpdir(), 'ennakko-form-'));
    try {
      const path = join(dir, name);
      writeFileSync(path, text);
      execFileSync(cli, ['template', 'fill', path, '-o', join(dir, `filled.${format}`)], { stdio: 'pipe' });
      assert.ok(bytes.equals(readFileSync(join(dir, `filled.${format}`))), `${format}: not the CLI's fill`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const page2 = bytes.toString('utf8');
    assert.ok(page2.includes(format === 'md' ? '(school_journeys) ===' : 'data-eva="row.proposal.school_journeys.group"'), `${format}: asked now`);
    assert.ok(page2.includes('\u26a0 Vastaus puuttuu'), `${format}: notes beside the fields`);
  }
  assert.deepEqual(consoleErrors, []);
});

test('a decision with texts per language opens, and edits in the page language', async () => {
  const yaml = `id: K-7
title: {fi: Kyläkoulu, sv: Byskola}
language: fi
organisation: county
bilingual: true
alternatives:
  - {id: zero, kind: zero, title: {fi: Nykytila, sv: Nuläge}}
  - id: plan
    kind: proposal
    title: {fi: Ehdotus A, sv: Förslag A}
    description: {fi: Koulu suljetaan., sv: Skolan stängs.}
    impacts: [{group: children, domain: mobility, direction: -1, evidence_source: Kysely}]
`;
  await page.locator('#open-file').setInputFiles({ name: 'bilingual.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) });
  await page.waitForFunction(() => window.ennakkoPage.decision.id === 'K-7');
  assert.equal(await page.locator('#decision-title').inputValue(), 'Kyläkoulu');
  assert.equal(await page.locator('#decision-organisation').inputValue(), 'county');
  assert.equal(await page.locator('#decision-bilingual').inputValue(), 'true');
  assert.match(await page.locator('#tab-1').textContent(), /Ehdotus A/);
  assert.equal(await page.locator('#alt-description').inputValue(), 'Koulu suljetaan.');
  assert.equal(await page.locator('#cell-0-evidence_source').inputValue(), 'Kysely');
  await page.locator('#ui-lang').selectOption('sv');
  assert.equal(await page.locator('#decision-title').inputValue(), 'Byskola');
  assert.match(await page.locator('#tab-1').textContent(), /Förslag A/);
  await page.locator('#decision-title').fill('Byskolan');
  await page.locator('#alt-description').fill('Skolan stängs 2027.');
  const d = await pageDecision();
  assert.deepEqual(d.title, { fi: 'Kyläkoulu', sv: 'Byskolan' });
  assert.deepEqual(d.alternatives[1].description, { fi: 'Koulu suljetaan.', sv: 'Skolan stängs 2027.' });
  assert.equal(d.organisation, 'county');
  assert.equal(d.bilingual, true);
  // the results speak of the alternatives by their Swedish titles
  assert.match(await page.locator('#comparison').textContent(), /Förslag A jämfört med nollalternativet/);
  assert.equal(await page.getAttribute('#verdict', 'data-level'), JSON.parse(cliReport(d)).verdict.level);
  await page.locator('#ui-lang').selectOption('fi');
  assert.deepEqual(consoleErrors, []);
});

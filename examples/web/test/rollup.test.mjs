// Browser test of the drafting page's roll-up view: Debian's Chromium,
// headless, driven by playwright-core. Loads the 44 decision files of
// examples/municipality-year into the page, sets the period, and checks that
// the page shows, in Finnish, Swedish and English, byte for byte the page
// `ennakko rollup --format html` makes of the same files; that the list
// survives a reload; that the current draft can be added (and is listed as
// left out while it has no decision record); and that a period ending
// before it starts is shown as an error. Screenshots go to
// examples/web/screenshots/rollup-{fi,sv,en}.png.
//
//   node --test examples/web/test/      (needs bindings/wasm/pkg and target/debug/ennakko)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
const folder = join(repo, 'examples/municipality-year/decisions');
const files = readdirSync(folder).sort();
const PERIOD = { from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-31' };

let server;
let context;
let page;
let userDataDir;
let base;
const consoleErrors = [];

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run cargo build -p ennakko-cli`);
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
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
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

/** What the CLI makes of the same files, named as the page names them. */
function cliPage(lang) {
  const args = ['rollup', ...files, '--from', PERIOD.from, '--to', PERIOD.to, '--as-of', PERIOD.asOf];
  return execFileSync(cli, [...args, '--format', 'html', '--lang', lang], { cwd: folder, encoding: 'utf8' });
}

const shown = () => page.locator('#rollup-frame').getAttribute('srcdoc');

test('the roll-up view shows the CLI page of the loaded decisions in every language', async () => {
  await page.goto(base);
  await ready();
  await page.locator('#rollup-files').setInputFiles(files.map((f) => join(folder, f)));
  await page.locator('#rollup-list li').nth(files.length - 1).waitFor();
  await page.fill('#rollup-from', PERIOD.from);
  await page.fill('#rollup-to', PERIOD.to);
  await page.fill('#rollup-asOf', PERIOD.asOf);
  await page.locator('#rollup-summary').waitFor();
  assert.equal(await page.locator('#rollup-summary').textContent(), '43 päätöstä koottu, 1 jätetty pois.');
  assert.ok((await shown()) === cliPage('fi'), 'the Finnish roll-up differs from `ennakko rollup --lang fi`');
  const frame = page.frameLocator('#rollup-frame');
  assert.match(await frame.locator('h1').textContent(), /1\.1\.2026–31\.12\.2026/);
  await page.locator('#rollup-panel').screenshot({ path: join(shots, 'rollup-fi.png') });

  const summaries = { sv: '43 beslut sammanställda, 1 utelämnade.', en: '43 decisions rolled up, 1 left out.' };
  for (const lang of ['sv', 'en']) {
    await page.selectOption('#ui-lang', lang);
    await page.locator('#rollup-summary').waitFor();
    assert.equal(await page.locator('#rollup-summary').textContent(), summaries[lang]);
    assert.ok((await shown()) === cliPage(lang), `the ${lang} roll-up differs from \`ennakko rollup --lang ${lang}\``);
    assert.equal(await page.locator('#h-rollup').textContent(), lang === 'sv' ? 'Sammanställning för välfärdsberättelsen' : 'Roll-up for the welfare report');
    await page.locator('#rollup-panel').screenshot({ path: join(shots, `rollup-${lang}.png`) });
  }
  await page.selectOption('#ui-lang', 'fi');
  assert.deepEqual(consoleErrors, []);
});

test('the list and period survive a reload; the draft is added and listed as left out', async () => {
  await page.reload();
  await ready();
  assert.equal(await page.locator('#rollup-list li').count(), files.length);
  assert.equal(await page.inputValue('#rollup-asOf'), PERIOD.asOf);
  await page.fill('#decision-id', 'LUONNOS-1');
  await page.click('#rollup-add-draft');
  await page.locator('#rollup-list li').nth(files.length).waitFor();
  assert.equal(await page.locator('#rollup-summary').textContent(), '43 päätöstä koottu, 2 jätetty pois.');
  assert.match(await shown(), /LUONNOS-1\.json/);
  await page.locator('#rollup-list li', { hasText: 'LUONNOS-1.json' }).getByRole('button').click();
  assert.equal(await page.locator('#rollup-list li').count(), files.length);
  assert.deepEqual(consoleErrors, []);
});

test('a period that ends before it starts is an error on the page', async () => {
  await page.fill('#rollup-to', '2025-12-31');
  const error = page.locator('#rollup-error');
  await error.waitFor();
  assert.match(await error.textContent(), /U0002/);
  await page.fill('#rollup-to', PERIOD.to);
  await page.locator('#rollup-summary').waitFor();
});

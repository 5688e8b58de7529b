// Layout test of the committed HTML pages a welfare coordinator reads and
// prints (examples/*/report.{fi,sv,en}.html and the roll-up pages
// examples/*/rollup.{fi,sv,en}.html): Debian's Chromium, headless,
// driven by playwright-core. Each page is loaded as a screen 1100 px wide and
// as printed on A4 (print media, 178 mm = 673 CSS px between the 16 mm
// margins of the pages' @page rule), and the test asserts that
//   - no table is wider than the block it sits in, and the page has no
//     horizontal scroll (so Chromium's print does not shrink the page to fit);
//   - no word in a table breaks across lines except at a soft hyphen or a
//     hyphen the text has (no "Pää|tös");
//   - the page loads nothing and has no scripts (the pages are self-contained).
// Every committed page is checked, so a new example or a longer label is
// checked too. ENNAKKO_LAYOUT_PAGES=dir checks the *.html files of dir
// instead (to try a change before blessing the pages).
//
//   node --test examples/web/test/layout.test.mjs     (needs only Chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The committed pages: reports and roll-ups. */
function pages() {
  const dir = process.env.ENNAKKO_LAYOUT_PAGES;
  if (dir) return readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((f) => join(dir, f));
  const found = [];
  for (const example of readdirSync(join(repo, 'examples')).sort()) {
    const folder = join(repo, 'examples', example);
    if (example === 'web' || !existsSync(folder)) continue;
    let names;
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (/^(report|rollup)\.(fi|sv|en)\.html$/.test(name)) {
        found.push(join(folder, name));
      }
    }
  }
  return found;
}

// 210 mm less two 16 mm margins, at 96 CSS px per inch.
const A4_CONTENT = Math.floor(((210 - 2 * 16) / 25.4) * 96);
const VIEWS = [
  { name: 'screen 1100 px', media: 'screen', width: 1100 },
  { name: `A4 print (${A4_CONTENT} px)`, media: 'print', width: A4_CONTENT },
];

let context;
let page;
let userDataDir;
const requests = [];

before(async () => {
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
  });
  page = context.pages()[0] ?? (await context.newPage());
  await context.route(/.*/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** What does not fit, measured in the page: wide tables and words broken mid-word. */
function measure() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
  }
  const tables = [...document.querySelectorAll('table')];
  tables.forEach((table, i) => {
    const room = table.parentElement.clientWidth;
    const wide = Math.max(table.scrollWidth, Math.ceil(table.getBoundingClientRect().width));
    if (wide > room) {
      const head = table.querySelector('thead')?.textContent.replace(/\u00ad/g, '').slice(0, 60);
      problems.push(`table ${i + 1} (${table.className}: ${head}) is ${wide} px in ${room} px`);
    }
  });
  // A word is broken if its characters sit on more than one line; that is
  // fine only right after a soft hyphen or a hyphen of the text.
  const allowed = new Set(['\u00ad', '-', '‐', '–', '—', '/', '…']);
  for (const table of tables) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      for (const match of text.matchAll(/[^ \t\n\r]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length < 2) continue;
        // Each visible character's line; between two on different lines
        // there must be a soft hyphen or a hyphen (a soft hyphen that
        // breaks draws on the first line, one that does not has no width).
        let top = null;
        let last = 0;
        for (let k = 0; k < match[0].length; k++) {
          range.setStart(node, match.index + k);
          range.setEnd(node, match.index + k + 1);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          if (rects.length === 0) continue;
          const rect = rects[rects.length - 1];
          const between = [...match[0].slice(last, k)];
          if (top !== null && rect.top > top + 2 && !between.some((c) => allowed.has(c))) {
            const word = match[0].replace(/\u00ad/g, '');
            problems.push(`${table.className}: "${word}" breaks before "${match[0].slice(k).replace(/\u00ad/g, '')}"`);
          }
          top = rect.top;
          last = k;
        }
      }
    }
  }
  return problems;
}

const files = pages();

test('there are pages to check', () => {
  assert.ok(files.length >= 3, `only ${files.length} pages found`);
});

for (const file of files) {
  const name = file.slice(repo.length);
  test(`${name} fits a screen 1100 px wide and A4 paper`, async () => {
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<script/i, 'a page has no scripts');
    const problems = [];
    for (const view of VIEWS) {
      await page.setViewportSize({ width: view.width, height: 1000 });
      await page.emulateMedia({ media: view.media });
      await page.setContent(html, { waitUntil: 'load' });
      for (const p of await page.evaluate(measure)) problems.push(`${view.name}: ${p}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [], 'the page loads nothing');
  });
}

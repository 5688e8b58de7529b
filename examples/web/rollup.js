// The roll-up view of the drafting page: the decisions kept in this browser
// (the current draft added by a button, decision files loaded from disk)
// rolled up over a period by the engine (`rollup` of the WebAssembly
// package) into the EVA section of a welfare report, shown in the page's
// language as the engine renders it (the same page as `ennakko rollup
// --format html`), with downloads of the page and of the roll-up as JSON.
//
// The list and the period are kept in localStorage apart from the draft.
import { rollup } from './pkg/index.js';

const STORAGE_KEY = 'ennakko.rollup.v1';

const T = {
  title: ['Koonti hyvinvointikertomukseen', 'Sammanställning för välfärdsberättelsen', 'Roll-up for the welfare report'],
  help: [
    'Kokoa tähän selaimeen tallennetut päätökset hyvinvointikertomuksen ennakkoarviointiosioksi: kattavuus, vaikutukset väestöryhmiin, neljännekset ja seuranta. Päätöksessä tulee olla päätöstiedot (päivämäärä, toimielin, toimiala); muut luetellaan jätetyiksi pois syineen.',
    'Sammanställ besluten som sparats i den här webbläsaren till välfärdsberättelsens avsnitt om förhandsbedömning: täckning, konsekvenser för befolkningsgrupper, kvartal och uppföljning. Ett beslut behöver beslutsuppgifter (datum, organ, sektor); övriga räknas upp som utelämnade med orsak.',
    'Roll the decisions kept in this browser up into the EVA section of the welfare report: coverage, impacts on population groups, quarters and follow-up. A decision needs its decision record (date, body, sector); others are listed as left out, with the reason.',
  ],
  addDraft: ['Lisää nykyinen päätös koontiin', 'Lägg till det nuvarande beslutet', 'Add the current decision'],
  loadFiles: ['Lataa päätöstiedostoja (JSON/YAML)', 'Läs in beslutsfiler (JSON/YAML)', 'Load decision files (JSON/YAML)'],
  clear: ['Tyhjennä koonti', 'Töm sammanställningen', 'Empty the roll-up'],
  confirmClear: [
    'Poistetaanko kaikki päätökset koonnista?',
    'Ta bort alla beslut från sammanställningen?',
    'Remove every decision from the roll-up?',
  ],
  from: ['Alkaen', 'Från', 'From'],
  to: ['Päättyen', 'Till', 'To'],
  asOf: ['Seurannan tilanne päivänä', 'Uppföljningens läge den', 'Follow-up as of'],
  kept: ['Koonnin päätökset', 'Beslut i sammanställningen', 'Decisions in the roll-up'],
  none: ['Koonnissa ei ole vielä päätöksiä.', 'Sammanställningen har ännu inga beslut.', 'The roll-up has no decisions yet.'],
  remove: ['Poista', 'Ta bort', 'Remove'],
  summary: [
    '{screened} päätöstä koottu, {skipped} jätetty pois.',
    '{screened} beslut sammanställda, {skipped} utelämnade.',
    '{screened} decisions rolled up, {skipped} left out.',
  ],
  downloadHtml: ['Lataa koonti (HTML)', 'Ladda ner sammanställningen (HTML)', 'Download the roll-up (HTML)'],
  downloadJson: ['Lataa koonti (JSON)', 'Ladda ner sammanställningen (JSON)', 'Download the roll-up (JSON)'],
  frame: ['Koonti', 'Sammanställning', 'Roll-up'],
  failed: ['Koontia ei voitu tehdä', 'Sammanställningen kunde inte göras', 'The roll-up could not be made'],
};

const LANG_INDEX = { fi: 0, sv: 1, en: 2 };

/** Texts of this view in `lang`, with `{name}` filled in from `vars`. */
function say(lang, key, vars = {}) {
  const text = T[key][LANG_INDEX[lang] ?? 0];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
    if (saved && Array.isArray(saved.decisions)) return saved;
  } catch {
    // a broken store: start afresh
  }
  return { decisions: [], from: '', to: '', asOf: '' };
}

function save(store) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(store));
  } catch {
    // storage full or disabled: the view still works for this visit
  }
}

/** Adds or replaces (by name) a decision text in the store. */
function keep(store, name, text) {
  store.decisions = store.decisions.filter((d) => d.name !== name);
  store.decisions.push({ name, text });
  store.decisions.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The roll-up section. `page`: `{ h, lang, checklist, draft, download }`:
 * the page's element helper, language, standard checklist name, a function
 * giving the current draft decision, and its download helper.
 */
export function rollupSection(page) {
  const { h, lang } = page;
  const store = load();
  const list = h('div', { id: 'rollup-list' });
  const output = h('div', { id: 'rollup-output' });

  const options = (format) => ({
    checklist: page.checklist,
    lang,
    format,
    from: store.from || undefined,
    to: store.to || undefined,
    asOf: store.asOf || undefined,
  });
  const named = () => store.decisions.map(({ name, text }) => ({ name, decision: text }));

  function refresh() {
    save(store);
    list.replaceChildren(
      h('h3', { id: 'h-rollup-list' }, say(lang, 'kept')),
      store.decisions.length === 0
        ? h('p', { class: 'help' }, say(lang, 'none'))
        : h(
            'ul',
            { class: 'rollup-decisions', 'aria-labelledby': 'h-rollup-list' },
            store.decisions.map((d, i) =>
              h(
                'li',
                {},
                h('span', {}, d.name),
                ' ',
                h('button', {
                  type: 'button',
                  class: 'link',
                  text: say(lang, 'remove'),
                  'aria-label': `${say(lang, 'remove')}: ${d.name}`,
                  onclick: () => {
                    store.decisions.splice(i, 1);
                    refresh();
                  },
                }),
              ),
            ),
          ),
    );
    output.replaceChildren(...renderOutput());
  }

  function renderOutput() {
    if (store.decisions.length === 0) return [];
    let data;
    let html;
    try {
      data = rollup(named(), options('json'));
      html = rollup(named(), options('html'));
    } catch (error) {
      return [h('p', { class: 'error', role: 'alert', id: 'rollup-error' }, `${say(lang, 'failed')}: ${error.message}`)];
    }
    const frame = h('iframe', {
      id: 'rollup-frame',
      title: say(lang, 'frame'),
      // No scripts (the page has none); same origin only so its height can be read.
      sandbox: 'allow-same-origin',
      srcdoc: html,
      onload: (e) => {
        const body = e.target.contentDocument?.documentElement;
        if (body) e.target.style.height = `${body.scrollHeight + 16}px`;
      },
    });
    const stem = ['eva', store.from, store.to].filter(Boolean).join('-');
    return [
      h(
        'p',
        { id: 'rollup-summary', role: 'status' },
        say(lang, 'summary', { screened: data.coverage.screened, skipped: data.skipped.length }),
      ),
      h(
        'div',
        { class: 'template-controls' },
        h('button', {
          type: 'button',
          id: 'rollup-download-html',
          text: say(lang, 'downloadHtml'),
          onclick: () => page.download(`${stem}-${lang}.html`, 'text/html', html),
        }),
        h('button', {
          type: 'button',
          id: 'rollup-download-json',
          text: say(lang, 'downloadJson'),
          onclick: () => page.download(`${stem}.json`, 'application/json', JSON.stringify(data, null, 2) + '\n'),
        }),
      ),
      frame,
    ];
  }

  const date = (id, key) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `rollup-${id}` }, say(lang, key)),
      h('input', {
        type: 'date',
        id: `rollup-${id}`,
        value: store[id],
        onchange: (e) => {
          store[id] = e.target.value;
          refresh();
        },
      }),
    );

  async function loadFiles(event) {
    for (const file of event.target.files ?? []) keep(store, file.name, await file.text());
    event.target.value = '';
    refresh();
  }

  const section = h(
    'section',
    { class: 'card', id: 'rollup-panel', 'aria-labelledby': 'h-rollup' },
    h('h2', { id: 'h-rollup' }, say(lang, 'title')),
    h('p', { class: 'help' }, say(lang, 'help')),
    h(
      'div',
      { class: 'template-controls' },
      h('button', {
        type: 'button',
        id: 'rollup-add-draft',
        text: say(lang, 'addDraft'),
        onclick: () => {
          const draft = page.draft();
          keep(store, `${draft.id || 'decision'}.json`, JSON.stringify(draft));
          refresh();
        },
      }),
      h(
        'label',
        { class: 'button' },
        say(lang, 'loadFiles'),
        h('input', {
          type: 'file',
          id: 'rollup-files',
          class: 'visually-hidden',
          multiple: true,
          accept: '.json,.yaml,.yml,application/json,text/yaml',
          onchange: loadFiles,
        }),
      ),
      h('button', {
        type: 'button',
        id: 'rollup-clear',
        text: say(lang, 'clear'),
        onclick: () => {
          if (!confirm(say(lang, 'confirmClear'))) return;
          store.decisions = [];
          refresh();
        },
      }),
    ),
    h('div', { class: 'rollup-period' }, date('from', 'from'), date('to', 'to'), date('asOf', 'asOf')),
    list,
    output,
  );
  refresh();
  return section;
}

// The decision-drafting page: a form over the draft decision document,
// re-scored by the ennakko WebAssembly engine on every input.
//
// The draft *is* a decision document (docs/decision-format.md); the form
// edits it in place, saves it to localStorage, and hands it to
// `checklist.score()` on every change. Which questions show is what the
// report says applies; the matrix, findings and verdict are the report.
//
// The template panel does the same for a decision document template (Word,
// Markdown, HTML) the user picks: `template.check` and `template.fill` run
// here, on the file's bytes, so the document never leaves the browser. The
// templates are a WebAssembly module of their own (`ennakko/templates`),
// fetched the first time the panel is used.
import { Checklist, equity, explain, init, readDecision, render, standardChecklists } from './pkg/index.js';
import { LANGUAGES, local, num, pick, t } from './i18n.js';
import { rollupSection } from './rollup.js';

const STORAGE_KEY = 'ennakko.draft.v1';
const DIRECTIONS = ['2', '1', '0', '-1', '-2', 'mixed', 'unknown'];
const LEVEL_SCALES = ['magnitude', 'likelihood', 'people', 'timing', 'reversibility', 'evidence'];

const app = {
  state: null, // { checklist, lang, selected, decision }
  checklist: null,
  desc: null,
  report: null, // last successful report
  errors: [], // diagnostics of the last failed scoring
  fields: new Map(), // JSON path -> form control, to point at errors
  scoreMs: null,
  template: null, // the last template the user chose: { name, format, check, error, fillError, url, filledName }
};

// ---- small DOM helpers -----------------------------------------------------------------

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const $ = (selector) => document.querySelector(selector);
const L = (key, vars) => t(app.state.lang, key, vars);
const P = (text) => pick(text, app.state.lang);
const slug = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_');

function byId(list, id) {
  return list.find((item) => item.id === id);
}

function label(kind, id) {
  const list = {
    group: app.desc.groups,
    domain: app.desc.domains,
    question: app.desc.questions,
    scale: app.desc.scales,
    score: app.desc.scores,
  }[kind];
  const item = byId(list, id);
  return item ? P(item.label ?? item.text) : id;
}

// ---- the draft ---------------------------------------------------------------------------

function newDraft(lang, checklist) {
  return {
    checklist,
    lang,
    selected: 1,
    decision: {
      id: '',
      title: '',
      language: lang,
      facts: {},
      alternatives: [
        { id: 'zero', kind: 'zero', title: t(lang, 'zeroTitle'), answers: {}, impacts: [] },
        { id: 'proposal', kind: 'proposal', title: t(lang, 'proposalTitle'), answers: {}, impacts: [] },
      ],
    },
  };
}

function loadDraft() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
    if (saved && saved.decision && Array.isArray(saved.decision.alternatives)) return saved;
  } catch {
    // a broken draft: start afresh
  }
  const lang = (navigator.language ?? 'fi').slice(0, 2);
  return newDraft(['fi', 'sv', 'en'].includes(lang) ? lang : 'fi', 'eva');
}

function saveDraft() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(app.state));
    $('#saved').textContent = L('saved');
  } catch {
    // storage full or disabled: the page still works
  }
}

const decision = () => app.state.decision;
const selectedAlt = () => decision().alternatives[app.state.selected];

/** Sets or (for empty values) removes `obj[key]`. */
function assign(obj, key, value) {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete obj[key];
  else obj[key] = value;
}

/** Whether `obj[key]` is a text per language (`{fi: ..., sv: ...}`), as a
 *  decision may give its titles and descriptions. */
const perLanguage = (obj, key) => obj[key] !== null && typeof obj[key] === 'object' && !Array.isArray(obj[key]);

/** Sets an official's text: in the page's language when it is given per
 *  language, else as one text (removed when empty unless `keepEmpty`). */
function assignLocal(obj, key, value, keepEmpty = false) {
  if (perLanguage(obj, key)) {
    const lang = app.state.lang;
    if (value === '' && Object.keys(obj[key]).some((k) => k !== lang)) delete obj[key][lang];
    else obj[key][lang] = value;
  } else if (keepEmpty) obj[key] = value;
  else assign(obj, key, value);
}

// ---- scoring -------------------------------------------------------------------------------

function rescore() {
  const start = performance.now();
  try {
    // Problems are told in the page's language (the engine's catalogue).
    app.report = app.checklist.score(decision(), { lang: app.state.lang });
    app.errors = [];
  } catch (error) {
    if (!error.diagnostics) throw error;
    app.errors = error.diagnostics;
  }
  app.scoreMs = performance.now() - start;
}

/** After any edit: save, re-score, refresh what depends on the report. */
function changed() {
  saveDraft();
  rescore();
  refreshQuestions();
  refreshCells();
  refreshErrors();
  renderResults();
}

// ---- page skeleton -------------------------------------------------------------------------

function renderAll() {
  const { lang } = app.state;
  document.documentElement.lang = lang;
  document.title = L('appTitle');
  $('#skip').textContent = L('skipToResults');
  $('#app-title').textContent = L('appTitle');
  $('#app-intro').textContent = L('appIntro');
  renderToolbar();
  app.fields = new Map();
  const form = $('#form');
  form.replaceChildren(renderDecisionSection(), renderFactsSection(), renderAlternativesSection(), renderTemplateSection());
  // The roll-up spans the page's width under the form and the results: its tables have many columns.
  const page = { h, lang, checklist: app.state.checklist, draft: () => structuredClone(decision()), download };
  $('#rollup-panel')?.remove();
  $('.layout').after(rollupSection(page));
  rescore();
  refreshQuestions();
  refreshCells();
  refreshErrors();
  renderResults();
}

function renderToolbar() {
  const { lang } = app.state;
  const bar = $('#toolbar');
  bar.replaceChildren(
    h('label', { for: 'ui-lang' }, L('language')),
    h(
      'select',
      {
        id: 'ui-lang',
        onchange: (e) => {
          app.state.lang = e.target.value;
          decision().language = e.target.value;
          saveDraft();
          renderAll();
          $('#ui-lang').focus();
        },
      },
      LANGUAGES.map(([code, name]) => h('option', { value: code, selected: code === lang }, name)),
    ),
    h('label', { for: 'ui-checklist' }, L('checklist')),
    h(
      'select',
      {
        id: 'ui-checklist',
        onchange: (e) => {
          loadChecklist(e.target.value);
          app.state.checklist = e.target.value;
          saveDraft();
          renderAll();
          $('#ui-checklist').focus();
        },
      },
      standardChecklists().map((name) =>
        h(
          'option',
          { value: name, selected: name === app.state.checklist },
          name === app.desc.id ? `${P(app.desc.title)} (${name} ${app.desc.version})` : name,
        ),
      ),
    ),
    h('button', {
      type: 'button',
      id: 'new-draft',
      text: L('newDraft'),
      onclick: () => {
        if (!confirm(L('confirmNew'))) return;
        app.state = newDraft(app.state.lang, app.state.checklist);
        saveDraft();
        renderAll();
      },
    }),
    h(
      'label',
      { class: 'button' },
      L('openDecision'),
      h('input', {
        type: 'file',
        id: 'open-file',
        class: 'visually-hidden',
        accept: '.json,.yaml,.yml,application/json,text/yaml',
        onchange: openFile,
      }),
    ),
    h('button', { type: 'button', id: 'save-decision', text: L('saveDecision'), onclick: saveDecisionFile }),
    h('a', { class: 'button', id: 'goto-template', href: '#template-panel' }, L('templateShort')),
    h('a', { class: 'button', id: 'goto-rollup', href: '#rollup-panel' }, L('rollupShort')),
    h('button', { type: 'button', id: 'download-report', class: 'primary', text: L('downloadReport'), onclick: downloadReport }),
  );
}

// ---- decision and facts --------------------------------------------------------------------

function textField({ id, path, labelText, value, onInput, help, unit, multiline = false, type = 'text', attrs = {} }) {
  const helpId = help ? `${id}-help` : undefined;
  const control = h(multiline ? 'textarea' : 'input', {
    id,
    type: multiline ? undefined : type,
    rows: multiline ? 3 : undefined,
    'aria-describedby': helpId,
    ...attrs,
    oninput: (e) => {
      onInput(e.target.value, e.target);
      changed();
    },
  });
  control.value = value ?? '';
  if (path) app.fields.set(path, control);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, labelText),
    unit ? h('span', { class: 'with-unit' }, control, h('span', { class: 'unit', 'aria-hidden': 'true' }, unit)) : control,
    help && h('p', { class: 'help', id: helpId }, help),
  );
}

function selectField({ id, path, labelText, value, options, onChange, help, empty = true }) {
  const helpId = help ? `${id}-help` : undefined;
  const control = h(
    'select',
    {
      id,
      'aria-describedby': helpId,
      onchange: (e) => {
        onChange(e.target.value);
        changed();
      },
    },
    empty && h('option', { value: '' }, L('notGiven')),
    options.map(([v, text]) => h('option', { value: v, selected: String(value) === v }, text)),
  );
  if (value === undefined || value === null) control.value = '';
  if (path) app.fields.set(path, control);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, help && h('p', { class: 'help', id: helpId }, help));
}

function renderDecisionSection() {
  const d = decision();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-decision' },
    h('h2', { id: 'h-decision' }, L('decision')),
    h(
      'div',
      { class: 'grid2' },
      textField({ id: 'decision-id', path: '$.id', labelText: L('decisionId'), value: d.id, onInput: (v) => (d.id = v) }),
      textField({
        id: 'decision-kind',
        path: '$.kind',
        labelText: L('decisionKind'),
        value: d.kind,
        help: L('decisionKindHelp'),
        attrs: { list: 'kinds' },
        onInput: (v) => assign(d, 'kind', v.trim()),
      }),
    ),
    h(
      'datalist',
      { id: 'kinds' },
      ['school_network', 'transport', 'budget', 'land_use', 'service_fees', 'opening_hours'].map((k) => h('option', { value: k })),
    ),
    textField({
      id: 'decision-title',
      path: '$.title',
      labelText: L('decisionTitle'),
      value: local(d.title, app.state.lang),
      help: perLanguage(d, 'title') ? L('perLanguageHelp') : undefined,
      onInput: (v) => assignLocal(d, 'title', v, true),
    }),
    h(
      'div',
      { class: 'grid2' },
      selectField({
        id: 'decision-organisation',
        path: '$.organisation',
        labelText: L('organisation'),
        value: d.organisation,
        options: ['municipality', 'county'].map((o) => [o, L(`org_${o}`)]),
        onChange: (v) => assign(d, 'organisation', v || undefined),
      }),
      selectField({
        id: 'decision-bilingual',
        path: '$.bilingual',
        labelText: L('bilingual'),
        value: typeof d.bilingual === 'boolean' ? String(d.bilingual) : undefined,
        options: [
          ['true', L('yes')],
          ['false', L('no')],
        ],
        onChange: (v) => assign(d, 'bilingual', v === '' ? undefined : v === 'true'),
      }),
    ),
  );
}

function renderFactsSection() {
  const facts = (decision().facts ??= {});
  const controls = app.desc.facts.map((fact) => {
    const id = `fact-${slug(fact.id)}`;
    const path = `$.facts.${fact.id}`;
    const text = P(fact.text);
    const value = facts[fact.id];
    switch (fact.kind) {
      case 'number':
        return textField({
          id,
          path,
          labelText: text,
          value: value ?? '',
          type: 'number',
          unit: fact.unit,
          attrs: { step: 'any', inputmode: 'decimal', min: fact.range?.[0], max: fact.range?.[1] },
          onInput: (v) => assign(facts, fact.id, v === '' || Number.isNaN(Number(v)) ? undefined : Number(v)),
        });
      case 'flag':
        return selectField({
          id,
          path,
          labelText: text,
          value: value === undefined ? undefined : String(value),
          options: [
            ['true', L('yes')],
            ['false', L('no')],
          ],
          onChange: (v) => assign(facts, fact.id, v === '' ? undefined : v === 'true'),
        });
      case 'choice':
        return selectField({
          id,
          path,
          labelText: text,
          value,
          options: fact.options.map((o) => [o.id, P(o.label)]),
          onChange: (v) => assign(facts, fact.id, v || undefined),
        });
      case 'list':
        return textField({
          id,
          path,
          labelText: text,
          value: Array.isArray(value) ? value.join(', ') : '',
          help: L('listHelp'),
          onInput: (v) =>
            assign(
              facts,
              fact.id,
              v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            ),
        });
      default:
        return textField({ id, path, labelText: text, value, onInput: (v) => assign(facts, fact.id, v || undefined) });
    }
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-facts' },
    h('h2', { id: 'h-facts' }, L('facts')),
    h('div', { class: 'grid2' }, controls),
  );
}

// ---- alternatives ----------------------------------------------------------------------------

function altName(alt) {
  return local(alt.title, app.state.lang).trim() || alt.id || '?';
}

function renderAlternativesSection() {
  const d = decision();
  app.state.selected = Math.min(Math.max(0, app.state.selected ?? 0), d.alternatives.length - 1);
  const tabs = h(
    'div',
    { role: 'tablist', id: 'alt-tabs', 'aria-labelledby': 'h-alternatives', onkeydown: tabKeys },
    d.alternatives.map((alt, i) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${i}`,
          'aria-selected': String(i === app.state.selected),
          'aria-controls': 'alt-panel',
          tabindex: i === app.state.selected ? '0' : '-1',
          onclick: () => selectAlternative(i),
        },
        h('span', { class: 'tab-title' }, altName(alt)),
        h('span', { class: 'tab-kind' }, L(`kind_${alt.kind}`)),
      ),
    ),
    h('button', {
      type: 'button',
      id: 'add-alternative',
      class: 'add',
      text: `+ ${L('addAlternative')}`,
      onclick: () => {
        const ids = new Set(d.alternatives.map((a) => a.id));
        let n = d.alternatives.length;
        while (ids.has(`alt${n}`)) n++;
        d.alternatives.push({ id: `alt${n}`, kind: 'other', title: L('newAltTitle'), answers: {}, impacts: [] });
        app.state.selected = d.alternatives.length - 1;
        saveDraft();
        renderAll();
        $(`#tab-${app.state.selected}`).focus();
      },
    }),
  );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-alternatives' },
    h('h2', { id: 'h-alternatives' }, L('alternatives')),
    h('p', { class: 'help' }, L('alternativesHelp')),
    tabs,
    h('div', { role: 'tabpanel', id: 'alt-panel', 'aria-labelledby': `tab-${app.state.selected}` }, renderAlternative(app.state.selected)),
  );
}

function tabKeys(event) {
  const n = decision().alternatives.length;
  const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
  if (!(event.key in moves) || event.target.getAttribute('role') !== 'tab') return;
  event.preventDefault();
  const next = Math.min(n - 1, Math.max(0, app.state.selected + moves[event.key]));
  selectAlternative(next);
}

function selectAlternative(i) {
  app.state.selected = i;
  saveDraft();
  renderAll();
  $(`#tab-${i}`).focus();
}

function renderAlternative(i) {
  const alt = decision().alternatives[i];
  alt.answers ??= {};
  alt.impacts ??= [];
  const base = `$.alternatives[${i}]`;
  const questions = app.desc.questions;
  const screening = questions.filter((q) => q.kind === 'screening');
  const others = questions.filter((q) => ['choice', 'number', 'text'].includes(q.kind));
  return [
    h(
      'div',
      { class: 'grid3' },
      textField({
        id: 'alt-id',
        path: `${base}.id`,
        labelText: L('altId'),
        value: alt.id,
        onInput: (v) => {
          alt.id = v.trim();
          $(`#tab-${i} .tab-title`).textContent = altName(alt);
        },
      }),
      selectField({
        id: 'alt-kind',
        path: `${base}.kind`,
        labelText: L('altKind'),
        value: alt.kind,
        empty: false,
        options: ['zero', 'proposal', 'other'].map((k) => [k, L(`kind_${k}`)]),
        onChange: (v) => {
          alt.kind = v;
          $(`#tab-${i} .tab-kind`).textContent = L(`kind_${v}`);
        },
      }),
      decision().alternatives.length > 1 &&
        h(
          'div',
          { class: 'field end' },
          h('button', {
            type: 'button',
            id: 'remove-alternative',
            class: 'danger',
            text: L('removeAlternative'),
            onclick: () => {
              decision().alternatives.splice(i, 1);
              app.state.selected = Math.max(0, i - 1);
              saveDraft();
              renderAll();
              $(`#tab-${app.state.selected}`).focus();
            },
          }),
        ),
    ),
    textField({
      id: 'alt-title',
      path: `${base}.title`,
      labelText: L('altTitle'),
      value: local(alt.title, app.state.lang),
      help: perLanguage(alt, 'title') ? L('perLanguageHelp') : undefined,
      onInput: (v) => {
        assignLocal(alt, 'title', v);
        $(`#tab-${i} .tab-title`).textContent = altName(alt);
      },
    }),
    textField({
      id: 'alt-description',
      path: `${base}.description`,
      labelText: L('altDescription'),
      value: local(alt.description, app.state.lang),
      help: perLanguage(alt, 'description') ? L('perLanguageHelp') : undefined,
      multiline: true,
      onInput: (v) => assignLocal(alt, 'description', v),
    }),
    h('h3', {}, L('screening')),
    h(
      'div',
      { class: 'questions' },
      screening.map((q) => renderScreening(q, alt, base)),
    ),
    others.length > 0 && h('h3', {}, L('otherQuestions')),
    h(
      'div',
      { class: 'questions' },
      others.map((q) => renderOtherQuestion(q, alt, base)),
    ),
    h('h3', {}, L('impacts')),
    h('p', { class: 'help' }, L('impactsHelp')),
    h('div', { id: 'impact-questions' }),
    h(
      'div',
      { id: 'cells' },
      alt.impacts.map((cell, c) => renderCell(alt, cell, c, base)),
    ),
    h('button', { type: 'button', id: 'add-cell', class: 'add', text: `+ ${L('addCell')}`, onclick: () => addCell(alt, {}) }),
  ];
}

function questionBox(q, content, id) {
  return h(q.kind === 'screening' ? 'fieldset' : 'div', { class: 'question', dataset: { q: q.id }, id }, content);
}

function questionLabel(q, badge = true) {
  return [
    P(q.text),
    q.required && h('span', { class: 'req' }, ` (${L('required')})`),
    badge && h('span', { class: 'badge missing', hidden: true }, L('missing')),
  ];
}

function renderScreening(q, alt, base) {
  const name = `q-${slug(q.id)}`;
  const helpId = q.help ? `${name}-help` : undefined;
  const value = alt.answers[q.id];
  const radios = ['yes', 'no', 'unknown'].map((v) => {
    const id = `${name}-${v}`;
    return h(
      'span',
      { class: 'radio' },
      h('input', {
        type: 'radio',
        name,
        id,
        value: v,
        checked: value === v,
        'aria-describedby': helpId,
        onchange: () => {
          alt.answers[q.id] = v;
          changed();
        },
      }),
      h('label', { for: id }, L(v)),
    );
  });
  app.fields.set(`${base}.answers.${q.id}`, radios[0].querySelector('input'));
  return questionBox(
    q,
    [h('legend', {}, questionLabel(q)), q.help && h('p', { class: 'help', id: helpId }, P(q.help)), h('div', { class: 'radios' }, radios)],
    `box-${name}`,
  );
}

function renderOtherQuestion(q, alt, base) {
  const id = `q-${slug(q.id)}`;
  const path = `${base}.answers.${q.id}`;
  const value = alt.answers[q.id];
  const helpId = q.help ? `${id}-help` : undefined;
  let control;
  if (q.kind === 'choice') {
    control = h(
      'select',
      {
        id,
        'aria-describedby': helpId,
        onchange: (e) => {
          assign(alt.answers, q.id, e.target.value || undefined);
          changed();
        },
      },
      h('option', { value: '' }, L('notGiven')),
      q.options.map((o) => h('option', { value: o.id, selected: value === o.id }, P(o.label))),
    );
  } else {
    control = h(q.kind === 'text' ? 'textarea' : 'input', {
      id,
      type: q.kind === 'number' ? 'number' : undefined,
      step: q.kind === 'number' ? 'any' : undefined,
      min: q.range?.[0],
      max: q.range?.[1],
      rows: q.kind === 'text' ? 3 : undefined,
      'aria-describedby': helpId,
      oninput: (e) => {
        const v = e.target.value;
        assign(alt.answers, q.id, q.kind === 'number' ? (v === '' || Number.isNaN(Number(v)) ? undefined : Number(v)) : v);
        changed();
      },
    });
    control.value = value ?? '';
  }
  app.fields.set(path, control);
  return questionBox(
    q,
    [
      h('label', { for: id }, questionLabel(q), q.unit && ` (${q.unit})`),
      q.help && h('p', { class: 'help', id: helpId }, P(q.help)),
      control,
    ],
    `box-${id}`,
  );
}

// ---- impact cells -------------------------------------------------------------------------------

function addCell(alt, preset) {
  const q = preset.question && byId(app.desc.questions, preset.question);
  const cell = {
    ...(preset.question ? { question: preset.question } : {}),
    group: preset.group ?? q?.groups?.[0] ?? app.desc.groups[0]?.id,
    domain: preset.domain ?? q?.domains?.[0] ?? app.desc.domains[0]?.id,
    direction: -1,
  };
  alt.impacts.push(cell);
  changed();
  const i = app.state.selected;
  $('#cells').append(renderCell(alt, cell, alt.impacts.length - 1, `$.alternatives[${i}]`));
  refreshErrors();
  $(`#cell-${alt.impacts.length - 1}-direction`).focus();
}

function renderCell(alt, cell, c, base) {
  const path = `${base}.impacts[${c}]`;
  const id = (field) => `cell-${c}-${field}`;
  const question = cell.question ? byId(app.desc.questions, cell.question) : null;
  const groups = question?.groups?.length ? question.groups : app.desc.groups.map((g) => g.id);
  const domains = question?.domains?.length ? question.domains : app.desc.domains.map((d) => d.id);
  const legend = () => `${L('cell')} ${c + 1}: ${label('group', cell.group)} – ${label('domain', cell.domain)}`;
  const legendEl = h('legend', {}, legend());
  const relabel = () => (legendEl.textContent = legend());
  const impactQuestions = app.desc.questions.filter((q) => q.kind === 'impact');
  const scale = (s) => byId(app.desc.scales, s);
  return h(
    'fieldset',
    { class: 'cell', id: `cell-${c}`, dataset: { index: c } },
    legendEl,
    selectField({
      id: id('question'),
      path: `${path}.question`,
      labelText: L('question'),
      value: cell.question,
      options: impactQuestions.map((q) => [q.id, P(q.text)]),
      onChange: (v) => {
        assign(cell, 'question', v || undefined);
        const q = v && byId(app.desc.questions, v);
        if (q?.groups?.length && !q.groups.includes(cell.group)) cell.group = q.groups[0];
        if (q?.domains?.length && !q.domains.includes(cell.domain)) cell.domain = q.domains[0];
        $(`#cell-${c}`).replaceWith(renderCell(alt, cell, c, base));
        $(`#${id('question')}`).focus();
      },
    }),
    h(
      'div',
      { class: 'grid3' },
      selectField({
        id: id('group'),
        path: `${path}.group`,
        labelText: L('group'),
        value: cell.group,
        empty: false,
        options: groups.map((g) => [g, label('group', g)]),
        onChange: (v) => {
          cell.group = v;
          relabel();
        },
      }),
      selectField({
        id: id('domain'),
        path: `${path}.domain`,
        labelText: L('domain'),
        value: cell.domain,
        empty: false,
        options: domains.map((d) => [d, label('domain', d)]),
        onChange: (v) => {
          cell.domain = v;
          relabel();
        },
      }),
      selectField({
        id: id('direction'),
        path: `${path}.direction`,
        labelText: L('direction'),
        value: cell.direction,
        empty: false,
        options: DIRECTIONS.map((d) => [d, L(`dir_${d}`)]),
        onChange: (v) => (cell.direction = /^-?\d$/.test(v) ? Number(v) : v),
      }),
      LEVEL_SCALES.filter((s) => scale(s)).map((s) =>
        selectField({
          id: id(s),
          path: `${path}.${s}`,
          labelText: P(scale(s).label),
          value: cell[s],
          options: scale(s).levels.map((l) => [l.id, P(l.label)]),
          onChange: (v) => assign(cell, s, v || undefined),
        }),
      ),
    ),
    h(
      'div',
      { class: 'grid3' },
      textField({
        id: id('mitigation'),
        path: `${path}.mitigation`,
        labelText: L('mitigation'),
        value: cell.mitigation,
        multiline: true,
        onInput: (v) => assign(cell, 'mitigation', v),
      }),
      textField({
        id: id('note'),
        path: `${path}.note`,
        labelText: L('note'),
        value: cell.note,
        multiline: true,
        onInput: (v) => assign(cell, 'note', v),
      }),
      textField({
        id: id('evidence_source'),
        path: `${path}.evidence_source`,
        labelText: L('evidenceSource'),
        value: cell.evidence_source,
        multiline: true,
        onInput: (v) => assign(cell, 'evidence_source', v),
      }),
    ),
    h(
      'div',
      { class: 'cell-footer' },
      h('p', { class: 'cell-score', id: id('score'), 'aria-live': 'polite' }),
      h('button', {
        type: 'button',
        class: 'danger small',
        id: id('remove'),
        text: L('removeCell'),
        'aria-label': `${L('removeCell')}: ${legend()}`,
        onclick: () => {
          alt.impacts.splice(c, 1);
          saveDraft();
          renderAll();
          $('#add-cell').focus();
        },
      }),
    ),
  );
}

/** Each cell's score and how it was computed, from the report. */
function refreshCells() {
  const ar = app.report?.alternatives?.[app.state.selected];
  if (!ar || ar.id !== selectedAlt().id) return;
  for (const cell of ar.cells) {
    const el = document.getElementById(`cell-${cell.index}-score`);
    if (!el) continue;
    const range = cell.low !== cell.high ? ` (${num(cell.low, app.state.lang)}…${num(cell.high, app.state.lang)})` : '';
    el.replaceChildren(h('strong', {}, `${L('cellScore')}: ${num(cell.value, app.state.lang)}${range}`));
  }
}

// ---- live refresh from the report ------------------------------------------------------------

function refreshQuestions() {
  const i = app.state.selected;
  const alt = selectedAlt();
  const ar = app.report?.alternatives?.[i];
  if (!ar || ar.id !== alt.id) {
    // No report for this alternative yet (e.g. the decision has errors):
    // keep what is shown.
    if (!app.report) for (const box of document.querySelectorAll('#alt-panel .question')) box.hidden = false;
    return;
  }
  const applicable = new Set(ar.completeness.applicable);
  const missing = new Map(ar.completeness.missing.map((m) => [m.question, m.groups ?? []]));
  for (const box of document.querySelectorAll('#alt-panel .question')) {
    const q = box.dataset.q;
    const answered = alt.answers[q] !== undefined;
    box.hidden = !applicable.has(q) && !answered;
    box.classList.toggle('not-applicable', !applicable.has(q));
    const badge = box.querySelector('.badge.missing');
    badge.hidden = !missing.has(q);
  }
  // Impact questions that apply: prompts to assess each group.
  const list = $('#impact-questions');
  const impactQs = app.desc.questions.filter((q) => q.kind === 'impact' && applicable.has(q.id));
  list.replaceChildren(
    impactQs.length === 0
      ? h('p', { class: 'help' }, L('noImpactQuestions'))
      : h(
          'ul',
          { class: 'impact-questions', 'aria-label': L('impactQuestions') },
          impactQs.map((q) => {
            const missingGroups = missing.get(q.id) ?? [];
            return h(
              'li',
              { dataset: { q: q.id }, class: missing.has(q.id) ? 'is-missing' : '' },
              h('span', { class: 'iq-text' }, questionLabel(q, false)),
              missing.has(q.id) &&
                h('span', { class: 'badge missing' }, `${L('missingGroups')}: ${missingGroups.map((g) => label('group', g)).join(', ')}`),
              h(
                'span',
                { class: 'iq-actions' },
                (missingGroups.length ? missingGroups : q.groups).map((g) =>
                  h('button', {
                    type: 'button',
                    class: 'small',
                    text: `${L('addCellFor')}: ${label('group', g)}`,
                    'aria-label': `${L('addCellFor')}: ${P(q.text)} – ${label('group', g)}`,
                    onclick: () => addCell(alt, { question: q.id, group: g }),
                  }),
                ),
              ),
            );
          }),
        ),
  );
}

function refreshErrors() {
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const d of app.errors) {
    const el = d.path && findField(d.path);
    if (el) el.setAttribute('aria-invalid', 'true');
  }
}

/** The form control for a JSON path, or for its closest parent path. */
function findField(path) {
  for (let p = path; p && p !== '$'; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    if (app.fields.has(p)) return app.fields.get(p);
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return null;
}

function focusPath(path) {
  const m = /^\$\.alternatives\[(\d+)\]/.exec(path ?? '');
  if (m && Number(m[1]) !== app.state.selected && Number(m[1]) < decision().alternatives.length) selectAlternative(Number(m[1]));
  const el = path && findField(path);
  if (el) {
    el.closest('.question')?.removeAttribute('hidden');
    el.focus();
  }
}

// ---- results -----------------------------------------------------------------------------------

function renderResults() {
  const r = app.report;
  const out = $('#results');
  const { lang } = app.state;
  const parts = [h('h2', { id: 'h-results', tabindex: '-1' }, L('results'))];

  if (app.errors.length) {
    parts.push(
      h(
        'section',
        { class: 'problems', id: 'problems', 'aria-labelledby': 'h-problems' },
        h('h3', { id: 'h-problems' }, L('problems')),
        h('p', { class: 'help' }, L('problemsHelp')),
        h(
          'ul',
          {},
          app.errors.map((d) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'link', onclick: () => focusPath(d.path) }, d.message),
              d.help && h('span', { class: 'help' }, ` ${d.help}`),
              h('code', {}, ` ${d.code}${d.path ? ` ${d.path}` : ''}`),
            ),
          ),
        ),
      ),
    );
  }
  if (!r) {
    out.replaceChildren(...parts);
    $('#verdict-status').textContent = '';
    return;
  }

  // Verdict
  const level = r.verdict.level;
  parts.push(
    h(
      'section',
      { class: `verdict level-${level}`, id: 'verdict', dataset: { level }, 'aria-labelledby': 'h-verdict' },
      h('h3', { id: 'h-verdict' }, L('verdict')),
      h('p', { class: 'verdict-level' }, L(`verdict_${level}`)),
      h('h4', {}, L('reasons')),
      h(
        'ul',
        {},
        r.verdict.reasons.map((f) =>
          h(
            'li',
            {},
            h('span', { class: 'msg' }, P(f.message)),
            f.alternative && h('span', { class: 'alt-tag' }, ` (${altTitle(f.alternative)})`),
          ),
        ),
      ),
    ),
  );
  $('#verdict-status').textContent = `${L('verdict')}: ${L(`verdict_${level}`)}`;

  // Completeness
  parts.push(
    h(
      'section',
      { 'aria-labelledby': 'h-completeness', id: 'completeness' },
      h('h3', { id: 'h-completeness' }, L('completeness')),
      h(
        'ul',
        { class: 'completeness' },
        r.alternatives.map((a, i) =>
          h(
            'li',
            { dataset: { alt: a.id } },
            h('meter', {
              min: 0,
              max: 1,
              value: a.completeness.ratio,
              'aria-label': `${altTitle(a.id)}: ${Math.round(a.completeness.ratio * 100)} %`,
            }),
            h('strong', {}, altTitle(a.id)),
            ' ',
            L('answeredOf', { a: a.completeness.answered, r: a.completeness.required }),
            a.completeness.missing.length > 0 &&
              h(
                'details',
                { class: 'missing-details' },
                h('summary', {}, `${L('missing')}: ${a.completeness.missing.length}`),
                h(
                  'ul',
                  { class: 'missing-list' },
                  a.completeness.missing.map((m) =>
                    h(
                      'li',
                      {},
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'link',
                          onclick: () => focusPath(`$.alternatives[${i}].answers.${m.question}`),
                        },
                        label('question', m.question),
                      ),
                      m.groups?.length ? ` – ${m.groups.map((g) => label('group', g)).join(', ')}` : '',
                    ),
                  ),
                ),
              ),
          ),
        ),
      ),
    ),
  );

  // Impact matrix per alternative
  parts.push(
    h(
      'section',
      { 'aria-labelledby': 'h-matrix' },
      h('h3', { id: 'h-matrix' }, L('matrix')),
      r.alternatives.map((a) => renderMatrix(a, lang)),
      h('p', { class: 'help' }, `* ${L('vulnerable')}. ${L('matrixHelp')}`),
    ),
  );

  // Named scores side by side
  if (r.alternatives.length && r.alternatives[0].scores.length) {
    parts.push(
      h(
        'section',
        { 'aria-labelledby': 'h-scores' },
        h('h3', { id: 'h-scores' }, L('scores')),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'scores', id: 'scores' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, ''),
                r.alternatives.map((a) => h('th', { scope: 'col' }, altTitle(a.id))),
              ),
            ),
            h(
              'tbody',
              {},
              r.alternatives[0].scores.map((s, k) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, whyButton(s.id, label('score', s.id))),
                  r.alternatives.map((a) => h('td', { class: 'num' }, num(a.scores[k]?.value, lang))),
                ),
              ),
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, L('equityGap')),
                r.alternatives.map((a) => h('td', { class: 'num' }, num(a.equity.gap, lang))),
              ),
            ),
          ),
        ),
      ),
    );
  }

  // The comparison and equity in words, as the report says them
  parts.push(
    h(
      'section',
      { 'aria-labelledby': 'h-comparison', id: 'comparison' },
      h('h3', { id: 'h-comparison' }, L('comparison')),
      comparisonBlock(r),
      // as in the report: the zero option is what the others are compared with
      r.alternatives.some((a) => a.kind !== 'zero') && [
        h('h4', {}, L('equity')),
        h(
          'ul',
          { class: 'equity', id: 'equity' },
          // the engine words the statement, so the page says what the report says
          ((words) => r.alternatives.filter((a) => a.kind !== 'zero').map((a) => h('li', { dataset: { alt: a.id } }, words[a.id])))(
            equity(r, { lang }),
          ),
        ),
      ],
    ),
  );

  // Findings
  const findings = r.findings.filter((f) => f.severity !== 'verdict');
  parts.push(
    h(
      'section',
      { 'aria-labelledby': 'h-findings', id: 'findings' },
      h('h3', { id: 'h-findings' }, L('findings')),
      findings.length === 0
        ? h('p', {}, L('noFindings'))
        : h(
            'ul',
            { class: 'findings' },
            findings.map((f) =>
              h(
                'li',
                { class: `sev-${f.severity}`, dataset: { rule: f.rule ?? '' } },
                h('span', { class: 'sev' }, L(`sev_${f.severity}`)),
                ' ',
                P(f.message),
                f.alternative && h('span', { class: 'alt-tag' }, ` (${altTitle(f.alternative)})`),
                f.rule && [' ', whyButton(f.rule, L('whyShort'))],
              ),
            ),
          ),
    ),
  );
  // Findings about the zero option and alternatives not proposed: for
  // comparison only, they never set the verdict.
  const comparison = r.comparison ?? [];
  if (comparison.length) {
    parts.push(
      h(
        'section',
        { 'aria-labelledby': 'h-comparison-findings', id: 'comparison-findings' },
        h('h3', { id: 'h-comparison-findings' }, L('comparisonFindings')),
        h('p', { class: 'help' }, L('comparisonFindingsNote')),
        h(
          'ul',
          { class: 'findings' },
          comparison.map((f) =>
            h(
              'li',
              { class: `sev-${f.severity}`, dataset: { rule: f.rule ?? '' } },
              f.severity === 'verdict' && f.level
                ? h('span', { class: 'sev' }, `${L(`verdict_${f.level}`)} ${L('ifChosen')}:`)
                : h('span', { class: 'sev' }, L(`sev_${f.severity}`)),
              ' ',
              P(f.message),
              f.alternative && h('span', { class: 'alt-tag' }, ` (${altTitle(f.alternative)})`),
            ),
          ),
        ),
      ),
    );
  }
  if (r.notes.length) {
    parts.push(
      h(
        'section',
        { 'aria-labelledby': 'h-notes' },
        h('h3', { id: 'h-notes' }, L('notes')),
        h(
          'ul',
          { class: 'notes' },
          r.notes.map((n) =>
            h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => focusPath(n.path) }, noteText(n)), h('code', {}, ` ${n.code}`)),
          ),
        ),
      ),
    );
  }
  parts.push(h('p', { class: 'timing', id: 'timing' }, L('scoredIn', { ms: num(app.scoreMs, lang) })));
  out.replaceChildren(...parts);
}

function altTitle(id) {
  const alt = app.report?.alternatives.find((a) => a.id === id);
  return alt?.titles?.[app.state.lang] || alt?.title || id;
}

/** A group's label from the report's own vocabulary (or the checklist's). */
function groupName(id) {
  const term = app.report?.vocabulary?.groups?.find((g) => g.id === id);
  return term ? P(term.label) : label('group', id);
}

/** Each alternative against the zero option, group by group (as the report says it). */
function comparisonBlock(r) {
  const zero = r.alternatives.find((a) => a.kind === 'zero');
  if (!zero) return h('p', {}, L('noZeroOption'));
  const score = (alt, g) => alt.groups.find((e) => e.id === g)?.score.value ?? 0;
  return h(
    'ul',
    { class: 'comparison' },
    r.alternatives
      .filter((a) => a.kind !== 'zero')
      .map((alt) => {
        const better = [];
        const worse = [];
        for (const { id } of r.vocabulary.groups) {
          const change = score(alt, id) - score(zero, id);
          if (change > 1e-9) better.push(groupName(id));
          else if (change < -1e-9) worse.push(groupName(id));
        }
        const parts = [];
        if (better.length) parts.push(`${L('betterFor')}: ${better.join(', ')}`);
        if (worse.length) parts.push(`${L('worseFor')}: ${worse.join(', ')}`);
        if (!parts.length) parts.push(L('noDifference'));
        return h('li', { dataset: { alt: alt.id } }, `${altTitle(alt.id)} ${L('comparedWithZero')}: ${parts.join('; ')}.`);
      }),
  );
}

/** A note on the input in the page's language (the report keeps English for tools). */
function noteText(n) {
  const alt = n.alternative ? altTitle(n.alternative) : '';
  const q = n.question ? label('question', n.question) : null;
  if (n.code === 'N0001' && q) return `${alt}: ${q} — ${L(n.path.includes('.impacts[') ? 'noteImpactNotApplies' : 'noteNotApplies')}`;
  if (n.code === 'N0002') return `${alt}: ${L('noteEmpty')}`;
  return n.message;
}

function cellClass(value) {
  if (value <= -2) return 'neg2';
  if (value < 0) return 'neg1';
  if (value >= 2) return 'pos2';
  if (value > 0) return 'pos1';
  return 'zero';
}

function renderMatrix(a, lang) {
  if (a.cells.length === 0) {
    return h(
      'div',
      { class: 'matrix-block' },
      h('p', { class: 'caption' }, L('matrixCaption', { alt: altTitle(a.id) })),
      h('p', { class: 'help' }, L('noCells')),
    );
  }
  const groups = a.groups.map((g) => g.id);
  const domains = a.domains.map((d) => d.id);
  const sums = new Map();
  for (const c of a.cells) {
    const key = `${c.group}|${c.domain}`;
    const s = sums.get(key) ?? { value: 0, low: 0, high: 0 };
    s.value += c.value;
    s.low += c.low;
    s.high += c.high;
    sums.set(key, s);
  }
  const fmt = (s) => (s.low !== s.high ? `${num(s.value, lang)} (${num(s.low, lang)}…${num(s.high, lang)})` : num(s.value, lang));
  return h(
    'div',
    { class: 'matrix-block' },
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': L('matrixCaption', { alt: altTitle(a.id) }) },
      h(
        'table',
        { class: 'matrix', id: `matrix-${slug(a.id)}`, dataset: { alt: a.id } },
        h('caption', {}, L('matrixCaption', { alt: altTitle(a.id) })),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, L('group')),
            domains.map((d) => h('th', { scope: 'col', dataset: { domain: d } }, whyButton(d, label('domain', d)))),
            h('th', { scope: 'col' }, L('total')),
          ),
        ),
        h(
          'tbody',
          {},
          groups.map((g) =>
            h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                whyButton(g, label('group', g)),
                byId(app.desc.groups, g)?.vulnerable && h('span', { class: 'vuln', title: L('vulnerable') }, ' *'),
              ),
              domains.map((d) => {
                const s = sums.get(`${g}|${d}`);
                return s
                  ? h('td', { class: `num ${cellClass(s.value)}`, dataset: { group: g, domain: d, value: s.value } }, fmt(s))
                  : h('td', { class: 'empty', dataset: { group: g, domain: d } }, '');
              }),
              h('td', { class: 'num total', dataset: { group: g, total: 'group' } }, fmt(a.groups.find((e) => e.id === g).score)),
            ),
          ),
          h(
            'tr',
            { class: 'totals' },
            h('th', { scope: 'row' }, L('total')),
            domains.map((d) => h('td', { class: 'num total' }, fmt(a.domains.find((e) => e.id === d).score))),
            h('td', { class: 'num total grand', dataset: { total: 'alternative', value: a.total.value } }, fmt(a.total)),
          ),
        ),
      ),
    ),
    cellTexts(a),
  );
}

/** The official's own words on the impacts of an alternative: notes,
 *  mitigations and sources, strongest impact first (as the report lists them). */
function cellTexts(a) {
  const cells = a.cells
    .filter((c) => c.note || c.mitigation || c.evidence_source)
    .sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || x.value - y.value);
  if (!cells.length) return null;
  return h(
    'ul',
    { class: 'cell-texts', dataset: { alt: a.id } },
    cells.map((c) =>
      h(
        'li',
        { dataset: { index: c.index } },
        h('strong', {}, `${groupName(c.group)} – ${label('domain', c.domain)}: `),
        c.note && h('span', { class: 'note' }, `${c.note} `),
        c.mitigation && h('span', { class: 'mitigation' }, `${L('mitigation')}: ${c.mitigation} `),
        c.evidence_source && h('span', { class: 'source' }, `${L('evidenceSource')}: ${c.evidence_source}`),
      ),
    ),
  );
}

/** A button that explains a result (a group's, domain's or rule's) in a dialog. */
function whyButton(id, text) {
  return h('button', { type: 'button', class: 'link why', title: L('why'), onclick: () => showWhy(id, text) }, text);
}

function showWhy(id, title) {
  const text = app.report && explain(app.report, id, { lang: app.state.lang });
  const dialog = $('#why');
  dialog.replaceChildren(
    h('h2', { id: 'why-title' }, `${L('why')} ${title}`),
    h('pre', { class: 'explain' }, text ?? '–'),
    h('form', { method: 'dialog' }, h('button', { class: 'primary', autofocus: true }, L('close'))),
  );
  dialog.showModal();
}

// ---- files ---------------------------------------------------------------------------------------

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileStem() {
  return (decision().id || 'decision').replace(/[^\p{L}\p{N}_-]+/gu, '-');
}

function downloadReport() {
  if (!app.report) return;
  download(`${fileStem()}-eva.html`, 'text/html', render(app.report, { format: 'html', lang: app.state.lang }));
}

function saveDecisionFile() {
  download(`${fileStem()}.json`, 'application/json', JSON.stringify(decision(), null, 2) + '\n');
}

async function openFile(event) {
  const file = event.target.files?.[0];
  if (!file) return;
  try {
    const text = await file.text();
    const opened = readDecision(text, { format: /\.json$/i.test(file.name) ? 'json' : 'auto' });
    app.state.decision = opened;
    app.state.selected = Math.min(1, opened.alternatives.length - 1);
    if (['fi', 'sv', 'en'].includes(opened.language)) app.state.lang = opened.language;
    saveDraft();
    renderAll();
  } catch (error) {
    alert(`${L('openFailed')}: ${error.message}`);
  } finally {
    event.target.value = '';
  }
}

// ---- decision document templates (Word, Markdown, HTML) ----------------------------------------------

const TEMPLATE_FORMATS = ['docx', 'md', 'html'];
const TEMPLATE_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown',
  html: 'text/html',
};

function renderTemplateSection() {
  return h(
    'section',
    { class: 'card', id: 'template-panel', 'aria-labelledby': 'h-template' },
    h('h2', { id: 'h-template' }, L('templateTitle')),
    h('p', { class: 'help', id: 'template-help' }, L('templateHelp')),
    h(
      'div',
      { class: 'template-controls' },
      // A label styled as a button, so that its text is the page's (in fi,
      // sv or en) rather than the browser's "Choose file".
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { class: 'button primary' },
          L('templateFile'),
          h('input', {
            type: 'file',
            id: 'template-file',
            class: 'visually-hidden',
            accept: `.docx,.md,.markdown,.html,.htm,${Object.values(TEMPLATE_TYPES).join(',')}`,
            'aria-describedby': 'template-help',
            onchange: openTemplate,
          }),
        ),
      ),
      h(
        'div',
        { class: 'field blank-template' },
        h('label', { for: 'template-format' }, L('templateBlankFormat')),
        h(
          'span',
          { class: 'inline' },
          h(
            'select',
            { id: 'template-format' },
            TEMPLATE_FORMATS.map((f) => h('option', { value: f }, L(`format_${f}`))),
          ),
          h('button', { type: 'button', id: 'template-blank', text: L('templateBlank'), onclick: downloadBlankTemplate }),
        ),
      ),
    ),
    h('div', { id: 'template-result', role: 'status', 'aria-live': 'polite' }, renderTemplateResult()),
  );
}

/** The format a file name says (as the CLI: the extension, else the content decides). */
function formatOfName(name) {
  if (/\.docx$/i.test(name)) return 'docx';
  if (/\.(md|markdown)$/i.test(name)) return 'md';
  if (/\.html?$/i.test(name)) return 'html';
  return undefined;
}

let templatesModule = null;

/** The `template` functions, from their own WebAssembly module, loaded on first use. */
function templates() {
  templatesModule ??= import('./pkg/templates.js').then(async (module) => {
    await module.init();
    return module.template;
  });
  return templatesModule;
}

async function openTemplate(event) {
  const file = event.target.files?.[0];
  if (!file) return;
  $('#template-result').replaceChildren(h('p', { class: 'help' }, L('templateChecking')));
  const [bytes, template] = await Promise.all([file.arrayBuffer().then((b) => new Uint8Array(b)), templates()]);
  if (app.template?.url) URL.revokeObjectURL(app.template.url);
  app.template = processTemplate(template, file.name, bytes);
  // Cleared, so that choosing the same file again (after editing it) reads it again.
  event.target.value = '';
  $('#template-result').replaceChildren(...renderTemplateResult());
}

/** Checks a template and, when it has no errors, fills it: all in this browser. */
function processTemplate(template, name, bytes) {
  const result = { name, format: formatOfName(name), check: null, error: null, fillError: null, url: null, filledName: null };
  try {
    // The checklist is the one the template names (else `eva`), as `ennakko template check`.
    result.check = template.check(bytes, { format: result.format, lang: app.state.lang });
    result.format = result.check.format;
  } catch (error) {
    result.error = error;
    return result;
  }
  if (result.check.errors > 0) return result;
  try {
    const filled = template.fill(bytes, { format: result.format });
    result.url = URL.createObjectURL(new Blob([filled], { type: TEMPLATE_TYPES[result.format] }));
    result.filledName = `${name.replace(/\.[^.]*$/, '') || 'document'}-eva.${result.format}`;
  } catch (error) {
    result.fillError = error;
  }
  return result;
}

/** One engine diagnostic as a list item: severity, code, message, where, help. */
function diagnosticItem(d) {
  const where = d.line ? L('atLine', { n: d.line }) : d.path ?? '';
  return h(
    'li',
    { class: `sev-${d.severity === 'error' ? 'required' : 'warning'}`, dataset: { code: d.code } },
    h('span', { class: 'sev' }, L(d.severity === 'error' ? 'sev_error' : 'sev_warning')),
    ' ',
    h('code', {}, d.code),
    ' ',
    d.message,
    where && h('span', { class: 'where' }, ` (${where})`),
    d.help && h('span', { class: 'help' }, ` ${d.help}`),
  );
}

function renderTemplateError(error) {
  const diagnostics = error.diagnostics ?? [];
  return h(
    'div',
    { class: 'problems', id: 'template-error', dataset: { code: error.code ?? '' } },
    h('h3', {}, L('templateFailed')),
    diagnostics.length
      ? h('ul', { class: 'findings' }, diagnostics.map(diagnosticItem))
      : h('p', {}, error.message),
  );
}

function renderTemplateResult() {
  const t = app.template;
  if (!t) return [];
  if (t.error) return [h('p', { class: 'template-summary' }, h('strong', {}, t.name)), renderTemplateError(t.error)];
  const c = t.check;
  const missing = c.problems.filter((d) => d.code === 'T0201' || d.code === 'T0202').length;
  const level = c.report?.verdict.level;
  const parts = [
    h(
      'p',
      { class: 'template-summary', id: 'template-summary' },
      h('strong', {}, t.name),
      ' – ',
      L('templateSummary', { format: L(`format_${c.format}`), checklist: c.checklist ?? 'eva' }),
    ),
    level
      ? h(
          'p',
          { class: `verdict level-${level}`, id: 'template-verdict', dataset: { level } },
          h('strong', {}, `${L('verdict')}: `),
          L(`verdict_${level}`),
        )
      : h('p', { id: 'template-verdict' }, `${L('verdict')}: ${L('templateNotScored')}`),
    h(
      'p',
      { id: 'template-counts', dataset: { errors: c.errors, missing, complete: c.complete } },
      c.complete ? L('templateComplete') : L('templateCounts', { errors: c.errors, missing }),
    ),
  ];
  if (t.url) {
    parts.push(
      h('p', {}, h('a', { class: 'button primary', id: 'template-download', href: t.url, download: t.filledName }, L('templateDownload'))),
    );
  } else if (t.fillError) {
    parts.push(renderTemplateError(t.fillError));
  } else {
    parts.push(h('p', { class: 'template-blocked', id: 'template-blocked' }, L('templateHasErrors')));
  }
  parts.push(
    h('h3', { id: 'h-template-problems' }, L('templateProblems')),
    c.problems.length
      ? h(
          'ul',
          { class: 'findings template-problems', id: 'template-problems', 'aria-labelledby': 'h-template-problems' },
          c.problems.map(diagnosticItem),
        )
      : h('p', {}, L('templateNoProblems')),
  );
  return parts;
}

async function downloadBlankTemplate() {
  const format = $('#template-format').value;
  const template = await templates();
  const bytes = template.init({ format, lang: app.state.lang, checklist: app.state.checklist });
  const url = URL.createObjectURL(new Blob([bytes], { type: TEMPLATE_TYPES[format] }));
  const a = h('a', { href: url, download: `${app.state.checklist}-${app.state.lang}.${format}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- start ----------------------------------------------------------------------------------------

function loadChecklist(name) {
  app.checklist?.free();
  app.checklist = Checklist.standard(name);
  app.desc = app.checklist.describe();
}

async function main() {
  const status = $('#loading');
  try {
    await init();
    app.state = loadDraft();
    status.textContent = t(app.state.lang, 'loading');
    loadChecklist(standardChecklists().includes(app.state.checklist) ? app.state.checklist : 'eva');
    renderAll();
    status.remove();
    document.body.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `${t(app.state?.lang ?? 'fi', 'loadFailed')}: ${error.message}`;
    status.classList.add('error');
    throw error;
  }
}

// For tests and the curious: the engine and the draft.
window.ennakkoPage = {
  get decision() {
    return structuredClone(decision());
  },
  get report() {
    return app.report;
  },
  get checklist() {
    return app.checklist;
  },
};

main();

// The checklist editor page: CodeMirror 6 over the ennakko engine in
// WebAssembly. On each edit (debounced) the checklist is compiled in the
// page: its diagnostics become lint marks and a list of problems, and the
// form the checklist produces is drawn from the engine's description.
// Hover and completion ask the engine (`hover`, `complete`): the same
// answers as the language server, from the core's editor services; this
// file only draws them. Nothing leaves the browser.
import {
  EditorState,
  StateEffect,
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  hoverTooltip,
  history,
  defaultKeymap,
  historyKeymap,
  indentWithTab,
  StreamLanguage,
  syntaxHighlighting,
  defaultHighlightStyle,
  bracketMatching,
  indentOnInput,
  linter,
  lintGutter,
  lintKeymap,
  forceLinting,
  autocompletion,
  completionKeymap,
  closeBrackets,
  closeBracketsKeymap,
  searchKeymap,
  highlightSelectionMatches,
} from './dist/codemirror.js';
import { Checklist, EnnakkoError, check, complete, hover, init } from '/pkg/index.js';

/** The name the engine knows the edited file by (shown in diagnostics). */
const NAME = 'checklist.eva';
const STORAGE = 'ennakko-editor-source';
/** How long typing must pause before the checklist is compiled again. */
const DELAY_MS = 250;
/** Dispatched when the page's language changes: the linter runs again, so
 *  the engine words the diagnostics in the new language. */
const languageChanged = StateEffect.define();

const UI = {
  fi: {
    title: 'Tarkistuslistaeditori',
    language: 'Kieli',
    reset: 'Aloita esimerkistä',
    source: 'Tarkistuslista',
    problems: 'Ongelmat',
    preview: 'Lomakkeen esikatselu',
    clean: 'Ei ongelmia: tarkistuslista kääntyy.',
    compiled: (ms, bytes, max) => `Käännetty ${ms} ms · ${bytes} / ${max} tavua`,
    tooLarge: 'Liian suuri: ei käännetä ennen kuin tekstiä on lyhennetty.',
    stale: 'Tarkistuslistassa on virheitä: alla on viimeisin kääntynyt versio.',
    nothing: 'Lomake näkyy, kun tarkistuslista kääntyy.',
    facts: 'Päätöksen tiedot',
    questions: 'Kysymykset',
    required: 'pakollinen',
    conditional: 'kysytään vain, kun ehto täyttyy',
    yes: 'Kyllä',
    no: 'Ei',
    unknown: 'Ei tiedossa',
    group: 'Ryhmä',
    direction: 'Vaikutuksen suunta',
    domain: 'Vaikutusalue',
    declaredIn: 'määritelty tiedostossa',
    line: 'rivi',
    kinds: { screening: 'seulonta', impact: 'vaikutus', choice: 'valinta', number: 'luku', text: 'teksti', flag: 'kyllä/ei', list: 'luettelo' },
  },
  sv: {
    title: 'Redigerare för checklistor',
    language: 'Språk',
    reset: 'Börja från exemplet',
    source: 'Checklista',
    problems: 'Problem',
    preview: 'Förhandsvisning av formuläret',
    clean: 'Inga problem: checklistan kompileras.',
    compiled: (ms, bytes, max) => `Kompilerad på ${ms} ms · ${bytes} / ${max} byte`,
    tooLarge: 'För stor: kompileras inte förrän texten har kortats.',
    stale: 'Checklistan har fel: nedan visas den senaste versionen som kompilerades.',
    nothing: 'Formuläret visas när checklistan kompileras.',
    facts: 'Uppgifter om beslutet',
    questions: 'Frågor',
    required: 'obligatorisk',
    conditional: 'ställs bara när villkoret uppfylls',
    yes: 'Ja',
    no: 'Nej',
    unknown: 'Okänt',
    group: 'Grupp',
    direction: 'Konsekvensens riktning',
    domain: 'Konsekvensområde',
    declaredIn: 'definierad i filen',
    line: 'rad',
    kinds: { screening: 'screening', impact: 'konsekvens', choice: 'val', number: 'tal', text: 'text', flag: 'ja/nej', list: 'lista' },
  },
  en: {
    title: 'Checklist editor',
    language: 'Language',
    reset: 'Start from the example',
    source: 'Checklist',
    problems: 'Problems',
    preview: 'Form preview',
    clean: 'No problems: the checklist compiles.',
    compiled: (ms, bytes, max) => `Compiled in ${ms} ms · ${bytes} / ${max} bytes`,
    tooLarge: 'Too large: not compiled until the text is shortened.',
    stale: 'The checklist has errors: below is the last version that compiled.',
    nothing: 'The form appears once the checklist compiles.',
    facts: 'About the decision',
    questions: 'Questions',
    required: 'required',
    conditional: 'asked only when its condition holds',
    yes: 'Yes',
    no: 'No',
    unknown: 'Unknown',
    group: 'Group',
    direction: 'Direction of the impact',
    domain: 'Domain',
    declaredIn: 'declared in',
    line: 'line',
    kinds: { screening: 'screening', impact: 'impact', choice: 'choice', number: 'number', text: 'text', flag: 'yes/no', list: 'list' },
  },
};

const $ = (selector) => document.querySelector(selector);
let lang = pageLanguage();
/** The engine's limit on checklist source, read from the engine. */
let maxBytes = 0;
/** The last description that compiled, drawn while the source has errors. */
let lastDescription = null;
let lastDiagnostics = [];
let compiles = 0;
/** Time and size of the last compile, for the status line. */
let lastStatus = null;

function pageLanguage() {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('ennakko-editor-lang');
  if (asked && UI[asked]) return asked;
  const browser = (navigator.language || 'fi').slice(0, 2);
  return UI[browser] ? browser : 'fi';
}

const t = (key) => UI[lang][key];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('data')) node.setAttribute(key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A multilingual text in the page's language (else the first given). */
function pick(text) {
  if (!text) return '';
  return text[lang] ?? text.fi ?? text.en ?? Object.values(text)[0] ?? '';
}

// ---- compiling -------------------------------------------------------------------------

/**
 * The source as handed to the engine. The engine refuses a source larger
 * than `max_source_bytes` (E0002) before reading it; a text longer than
 * the limit in UTF-16 units is larger in UTF-8 bytes too, so the first
 * `max + 1` units are enough for the engine to say so, and the page never
 * copies more than that into the module.
 */
function bounded(text) {
  return text.length > maxBytes ? text.slice(0, maxBytes + 1) : text;
}

/**
 * Every diagnostic in the page's language (`check`), and the checklist
 * (or `null`) when there is no error: the engine compiles twice for a
 * clean source, about a millisecond each for a checklist this size.
 */
function compile(text) {
  const source = bounded(text);
  const diagnostics = check(source, { name: NAME, lang });
  if (diagnostics.some((d) => d.severity === 'error')) return { checklist: null, diagnostics };
  try {
    return { checklist: new Checklist(source, { name: NAME }), diagnostics };
  } catch (error) {
    // `check` found no error, so this does not happen; if it ever did, the
    // engine's diagnostics are still the ones to show.
    if (error instanceof EnnakkoError) return { checklist: null, diagnostics: error.diagnostics };
    throw error;
  }
}

/** The document offset of a 1-based line and character column (the
 *  engine counts characters; JavaScript strings count UTF-16 units). */
function offsetOf(doc, line, column) {
  if (!line) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  let units = 0;
  let chars = 0;
  for (const c of l.text) {
    if (chars >= column - 1) break;
    units += c.length;
    chars += 1;
  }
  return l.from + units;
}

/** A CodeMirror diagnostic from an engine diagnostic. */
function toLint(doc, d) {
  const elsewhere = d.file && d.file !== NAME;
  let from = elsewhere ? 0 : offsetOf(doc, d.line, d.column ?? 1);
  let to = elsewhere || !d.end_line ? from : offsetOf(doc, d.end_line, d.end_column ?? 1);
  if (to <= from) to = Math.min(from + 1, doc.line(doc.lineAt(from).number).to);
  if (to < from) [from, to] = [to, from];
  const where = elsewhere ? `${d.file}${d.line ? `:${d.line}:${d.column}` : ''}: ` : '';
  return {
    from,
    to,
    severity: d.severity === 'warning' ? 'warning' : 'error',
    source: d.code,
    message: `${where}${d.message}${d.help ? `\nhelp: ${d.help}` : ''}`,
    // The code is the diagnostic's `source`, which CodeMirror shows first.
    renderMessage: () => el('div', { class: 'lint-msg' }, where + d.message, d.help ? el('span', { class: 'help' }, d.help) : null),
  };
}

/** The lint source: compiles, lists the problems, draws the form. */
function lintSource(view) {
  const text = view.state.doc.toString();
  const start = performance.now();
  const { checklist, diagnostics } = compile(text);
  const ms = (performance.now() - start).toFixed(1);
  compiles += 1;
  lastDiagnostics = diagnostics;
  if (checklist) {
    lastDescription = checklist.describe();
    checklist.free();
  }
  saveDraft(text);
  lastStatus = { ms, bytes: new TextEncoder().encode(bounded(text)).length, tooLarge: text.length > maxBytes };
  drawStatus();
  drawProblems(view, diagnostics);
  drawPreview(checklist !== null);
  document.body.dataset.compiles = String(compiles);
  document.body.dataset.errors = String(diagnostics.filter((d) => d.severity === 'error').length);
  return diagnostics.map((d) => toLint(view.state.doc, d));
}

/** Keeps the draft in local storage; one over the size limit (or the
 *  storage's quota) is not kept. */
function saveDraft(text) {
  if (text.length > maxBytes) return;
  try {
    localStorage.setItem(STORAGE, text);
  } catch {
    // quota exceeded: the previous draft stays
  }
}

function drawStatus() {
  if (!lastStatus) return;
  const { ms, bytes, tooLarge } = lastStatus;
  $('#status').textContent = tooLarge ? t('tooLarge') : t('compiled')(ms, bytes, maxBytes);
}

function drawProblems(view, diagnostics) {
  const list = $('#problems');
  list.replaceChildren();
  if (diagnostics.length === 0) {
    list.append(el('li', { class: 'clean' }, t('clean')));
    return;
  }
  for (const d of diagnostics) {
    const at = d.line ? `${d.file && d.file !== NAME ? `${d.file}, ` : ''}${t('line')} ${d.line}:${d.column}` : d.file ?? '';
    const item = el(
      'li',
      { class: d.severity, dataCode: d.code, tabindex: 0 },
      el('span', { class: 'code' }, d.code),
      ' ',
      el('span', { class: 'at' }, at),
      el('div', {}, d.message),
      d.notes?.map((n) => el('div', { class: 'at' }, n)),
      d.help ? el('span', { class: 'help' }, d.help) : null,
    );
    const go = () => {
      const pos = offsetOf(view.state.doc, d.line, d.column ?? 1);
      view.dispatch({ selection: { anchor: Math.min(pos, view.state.doc.length) }, scrollIntoView: true });
      view.focus();
    };
    item.addEventListener('click', go);
    item.addEventListener('keydown', (e) => e.key === 'Enter' && go());
    list.append(item);
  }
}

// ---- the form preview ------------------------------------------------------------------

function drawPreview(fresh) {
  const form = $('#preview');
  form.classList.toggle('stale', !fresh && lastDescription !== null);
  $('#preview-note').textContent = lastDescription === null ? t('nothing') : fresh ? '' : t('stale');
  form.replaceChildren();
  const d = lastDescription;
  if (!d) return;
  const labels = (items) => new Map(items.map((i) => [i.id, pick(i.label)]));
  const groups = labels(d.groups);
  const domains = labels(d.domains);
  form.append(el('h3', {}, pick(d.title) || d.id));
  if (d.facts.length) form.append(el('fieldset', { dataSection: 'facts' }, el('legend', {}, t('facts')), d.facts.map((f) => field(f, 'fact', groups, domains))));
  if (d.questions.length) {
    form.append(el('fieldset', { dataSection: 'questions' }, el('legend', {}, t('questions')), d.questions.map((q) => field(q, 'question', groups, domains))));
  }
}

/** One field of the form, as its kind asks. */
function field(f, what, groups, domains) {
  const id = `${what}-${f.id}`;
  const meta = [t('kinds')[f.kind] ?? f.kind];
  if (f.conditional) meta.push(t('conditional'));
  const title = el('span', { class: 'q', id: `${id}-label` }, pick(f.text) || f.id, f.required ? el('span', { class: 'req', title: t('required') }, ' *') : null);
  const help = f.help ? el('div', { class: 'meta' }, pick(f.help)) : null;
  return el('div', { class: 'field', dataQuestion: f.id, dataKind: f.kind }, title, el('div', { class: 'meta' }, meta.join(' · ')), help, control(f, id, groups, domains));
}

function control(f, id, groups, domains) {
  const labelled = { 'aria-labelledby': `${id}-label` };
  switch (f.kind) {
    case 'screening':
      return el('div', { role: 'radiogroup', ...labelled }, ['yes', 'no', 'unknown'].map((a) => el('label', {}, el('input', { type: 'radio', name: id, value: a }), ` ${t(a)} `)));
    case 'flag':
      return el('input', { type: 'checkbox', ...labelled });
    case 'choice':
      return el('select', labelled, el('option', { value: '' }, '–'), f.options.map((o) => el('option', { value: o.id }, pick(o.label) || o.id)));
    case 'number':
      return el('span', {}, el('input', { type: 'number', min: f.range?.[0], max: f.range?.[1], ...labelled }), f.unit ? ` ${f.unit}` : '');
    case 'impact': {
      const domain = f.domains.map((x) => domains.get(x) ?? x).join(', ');
      const rows = f.groups.map((g) =>
        el('tr', { dataGroup: g }, el('td', {}, groups.get(g) ?? g), el('td', {}, el('select', { 'aria-label': `${t('direction')}: ${groups.get(g) ?? g}` }, ['', '-2', '-1', '0', '+1', '+2'].map((v) => el('option', { value: v }, v || '–'))))),
      );
      return el('div', {}, el('div', { class: 'meta' }, `${t('domain')}: ${domain}`), el('table', {}, el('tr', {}, el('th', {}, t('group')), el('th', {}, t('direction'))), rows));
    }
    default:
      return el('textarea', { rows: 2, cols: 40, ...labelled });
  }
}

// ---- hover and completion --------------------------------------------------------------

/** The engine's hover drawn: kind and id, every language's texts, the
 *  legal basis and other properties. */
function hoverDom(h) {
  const title = el('div', { class: 'title' }, `${h.kind} `, el('code', {}, h.parent ? `${h.parent}.${h.id}` : h.id), h.default ? ' (default)' : '');
  const parts = [title];
  for (const { key, texts } of h.texts) {
    parts.push(el('div', { class: 'key' }, key), el('dl', {}, texts.map(([l, text]) => [el('dt', {}, l), el('dd', { lang: l }, text)])));
  }
  if (h.props.length) parts.push(el('dl', {}, h.props.map((p) => [el('dt', {}, p.key), el('dd', { dataProp: p.key }, p.value || '✓')])));
  if (h.declared_in) parts.push(el('div', { class: 'meta' }, `${t('declaredIn')} ${h.declared_in}`));
  return el('div', { class: 'hover', dataHover: h.id }, parts);
}

const engineHover = hoverTooltip((view, pos) => {
  const text = view.state.doc.toString();
  if (text.length > maxBytes) return null;
  const found = hover(text, pos, { name: NAME });
  if (!found) return null;
  return { pos, above: true, create: () => ({ dom: hoverDom(found.hover) }) };
});

const TYPES = {
  keyword: 'keyword',
  checklist: 'namespace',
  group: 'class',
  scale: 'enum',
  fact: 'property',
  question: 'variable',
  score: 'function',
  declaration: 'namespace',
  member: 'enum',
  function: 'function',
  field: 'property',
};

/** Completion from the engine: ids, keywords, scale levels, options. */
function engineCompletion(context) {
  const text = context.state.doc.toString();
  if (text.length > maxBytes) return null;
  const { from, options } = complete(text, context.pos, { name: NAME });
  const before = context.state.sliceDoc(Math.max(0, from - 1), from);
  // While typing, offer only once a word is started or after `.` or `"`;
  // Ctrl-Space asks anywhere.
  if (!context.explicit && from === context.pos && before !== '.' && before !== '"') return null;
  if (options.length === 0) return null;
  return {
    from,
    validFor: /^[\p{L}\p{N}_]*$/u,
    options: options.map((c) => ({
      label: c.label,
      type: TYPES[c.kind] ?? 'text',
      detail: c.detail,
      info: c.info ? () => hoverDom(c.info) : undefined,
    })),
  };
}

// ---- syntax colouring (presentation only: the engine checks) ----------------------------

/** Comments, strings (which run over lines), numbers, and the first word
 *  of a line: a declaration keyword at the margin, a property inside. */
const evaLanguage = StreamLanguage.define({
  name: 'ennakko',
  startState: () => ({ inString: false }),
  token(stream, state) {
    if (state.inString) {
      while (!stream.eol()) {
        const c = stream.next();
        if (c === '\\') stream.next();
        else if (c === '"') {
          state.inString = false;
          break;
        }
      }
      return 'string';
    }
    if (stream.eatSpace()) return null;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.peek() === '"') {
      stream.next();
      state.inString = true;
      return 'string';
    }
    if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
    if (stream.match(/^[\p{L}\p{N}_]+/u)) {
      if (stream.string.slice(0, stream.start).trim() !== '') return null;
      return stream.start === 0 ? 'keyword' : 'propertyName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
});

// ---- the page --------------------------------------------------------------------------

function translatePage() {
  document.documentElement.lang = lang;
  document.title = `ennakko – ${t('title')}`;
  for (const node of document.querySelectorAll('[data-t]')) {
    const value = t(node.dataset.t);
    if (typeof value === 'string') node.textContent = value;
  }
  $('#lang').value = lang;
}

async function starter() {
  const response = await fetch('starter.eva');
  return response.ok ? response.text() : '';
}

async function main() {
  await init();
  maxBytes = Checklist.standard('eva').limits.max_source_bytes;
  translatePage();
  const source = localStorage.getItem(STORAGE) ?? (await starter());
  const view = new EditorView({
    parent: $('#editor'),
    state: EditorState.create({
      doc: source,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        evaLanguage,
        syntaxHighlighting(defaultHighlightStyle),
        lintGutter(),
        linter(lintSource, {
          delay: DELAY_MS,
          needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((e) => e.is(languageChanged))),
        }),
        engineHover,
        autocompletion({ override: [engineCompletion], icons: true }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        EditorView.lineWrapping,
      ],
    }),
  });
  $('#lang').addEventListener('change', () => {
    lang = $('#lang').value;
    localStorage.setItem('ennakko-editor-lang', lang);
    translatePage();
    drawStatus();
    drawPreview(!lastDiagnostics.some((d) => d.severity === 'error'));
    // The diagnostics are worded by the engine: ask again in the new language.
    view.dispatch({ effects: languageChanged.of(lang) });
  });
  $('#reset').addEventListener('click', async () => {
    const text = await starter();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    forceLinting(view);
  });
  // For the browser test and the console: the editor's view.
  window.ennakkoEditor = { view, forceLinting: () => forceLinting(view) };
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('#status').textContent = String(error);
  console.error(error);
});

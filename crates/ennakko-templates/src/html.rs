//! HTML templates: the decision is an optional
//! `<script type="application/yaml" id="eva-decision">` block plus the
//! elements with a `data-eva` attribute (form controls or plain elements);
//! the results go between `<!-- eva:NAME -->` and `<!-- /eva:NAME -->`.
//!
//! The reader is a small tolerant tokenizer, not a full HTML parser: it
//! knows tags, attributes, comments, entities and raw-text elements, which
//! is all a template needs, and it never rewrites anything outside the
//! placeholders.

use ennakko::t;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

use serde_json::Value;

use ennakko::diagnostic::Diagnostic;

use super::fields::{CELL_FIELDS, RawField, RawValue};

/// The attribute of the element whose content is the form `fill` rewrites.
const FORM_ATTR: &str = "data-eva-form";
/// The attribute of an element holding one row of impacts: the `row.`
/// fields inside it (the innermost row's) are one impact cell.
const ROW_ATTR: &str = "data-eva-row";
use super::words::W;
use super::{Body, Doc, Form, FormAlternative, Fragments, TemplateError, TemplateFormat, Yaml, esc, markers, plain};

#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: Vec<(String, Option<String>)>,
    range: Range<usize>,
    closing: bool,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n == name)
    }
}

#[derive(Debug, Clone)]
enum Tok {
    Tag(Element),
    Text(Range<usize>),
    /// The content of `script`, `style`, `textarea` or `title`.
    Raw(Range<usize>),
    /// `<!DOCTYPE ...>`, `<?...?>` and the like.
    Decl(Range<usize>),
}

const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

fn tokens(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let find = |from: usize, pat: &str| text.get(from..).and_then(|t| t.find(pat)).map(|j| j + from);
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let is_comment = text.get(i..).is_some_and(|t| t.starts_with("<!--"));
        let tag_like = is_comment || next == b'!' || next == b'?' || next == b'/' || next.is_ascii_alphabetic();
        if !tag_like {
            i += 1;
            continue;
        }
        if text_start < i {
            out.push(Tok::Text(text_start..i));
        }
        if is_comment {
            i = find(i + 4, "-->").map_or(b.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        if next == b'!' || next == b'?' {
            let start = i;
            i = find(i, ">").map_or(b.len(), |e| e + 1);
            out.push(Tok::Decl(start..i));
            text_start = i;
            continue;
        }
        let (element, end) = parse_tag(text, i);
        i = end;
        text_start = i;
        let raw = !element.closing && ["script", "style", "textarea", "title"].contains(&element.name.as_str());
        let name = element.name.clone();
        out.push(Tok::Tag(element));
        if raw {
            let end = raw_end(text, i, &name);
            out.push(Tok::Raw(i..end));
            i = end;
            text_start = i;
        }
    }
    if text_start < b.len() {
        out.push(Tok::Text(text_start..b.len()));
    }
    out
}

/// Where the raw text of a `script`, `style`... element ends: at its
/// closing tag, whatever its case.
fn raw_end(text: &str, from: usize, name: &str) -> usize {
    let b = text.as_bytes();
    let mut at = from;
    while let Some(j) = text.get(at..).and_then(|t| t.find("</")) {
        let start = at + j;
        let name_at = start + 2;
        if b.get(name_at..name_at + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes())) {
            return start;
        }
        at = start + 2;
    }
    b.len()
}

/// Parses the tag starting at `start` (`<name ...>` or `</name>`).
fn parse_tag(text: &str, start: usize) -> (Element, usize) {
    let b = text.as_bytes();
    let mut i = start + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = text.get(name_start..i).unwrap_or("").to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        let attr_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let attr = text.get(attr_start..i).unwrap_or("").to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v_start = i + 1;
                    let v_end = text.get(v_start..).and_then(|t| t.find(q as char)).map_or(b.len(), |j| v_start + j);
                    value = Some(decode(text.get(v_start..v_end).unwrap_or("")));
                    i = (v_end + 1).min(b.len());
                }
                _ => {
                    let v_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = Some(decode(text.get(v_start..i).unwrap_or("")));
                }
            }
        }
        if !attr.is_empty() {
            attrs.push((attr, value));
        } else if i == attr_start {
            i += 1;
        }
    }
    (Element { name, attrs, range: start..i, closing }, i)
}

/// Decodes the character references templates use.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let n = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"));
                    match n {
                        Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()).and_then(char::from_u32),
                    }
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// For each opening tag, the index of the token that closes it (the same
/// name, nested ones of that name matched first), in one pass.
fn closing_tokens(toks: &[Tok]) -> Vec<Option<usize>> {
    let mut close = vec![None; toks.len()];
    let mut open: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (k, tok) in toks.iter().enumerate() {
        let Tok::Tag(e) = tok else { continue };
        if VOID.contains(&e.name.as_str()) {
            continue;
        }
        if e.closing {
            if let Some(start) = open.get_mut(e.name.as_str()).and_then(Vec::pop) {
                close[start] = Some(k);
            }
        } else {
            open.entry(e.name.as_str()).or_default().push(k);
        }
    }
    close
}

/// How much text the fields' elements may span in all, for a document of
/// `len` bytes: fields nested in one another (or left open) each span the
/// text of the others, and copying it for each would be quadratic.
fn span_budget(len: usize) -> usize {
    len.saturating_mul(4).saturating_add(64 << 10)
}

pub(crate) fn read(text: String) -> Result<Doc, TemplateError> {
    let toks = tokens(&text);
    let close_of = closing_tokens(&toks);
    let mut spanned = 0usize;
    let mut skip = Vec::new();
    let mut yaml = None;
    let mut fields = Vec::new();
    let mut radios: Vec<(String, bool, (usize, usize))> = Vec::new();
    let lines = markers::LineIndex::new(&text);
    // Where each field lies (an element with its text), to check it against the result places.
    let mut spans: Vec<(String, Range<usize>, (usize, usize))> = Vec::new();
    // The rows of impacts open around the current token (token index of the
    // row's start and of its end), innermost last; the row of each field.
    let mut open_rows: Vec<(usize, usize)> = Vec::new();
    let mut rows: Vec<Option<usize>> = Vec::new();
    let mut place: Option<(Range<usize>, (usize, usize))> = None;
    let mut problems = super::problems::Problems::default();
    for (k, tok) in toks.iter().enumerate() {
        while open_rows.last().is_some_and(|&(_, end)| end <= k) {
            open_rows.pop();
        }
        match tok {
            // A placeholder comment counts only where the markup has comments:
            // not inside raw text, and not inside a tag whose `>` is missing
            // (its attributes would run on into the comment).
            Tok::Raw(r) | Tok::Decl(r) => skip.push(r.clone()),
            Tok::Tag(e) => {
                skip.push(e.range.clone());
                if e.closing {
                    continue;
                }
                if e.name == "script"
                    && (e.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/yaml"))
                        || e.attr("id") == Some("eva-decision"))
                    && yaml.is_none()
                    && let Some(Tok::Raw(r)) = toks.get(k + 1)
                {
                    let (line, _) = lines.line_col(&text, r.start);
                    yaml = Some(Yaml { text: text.get(r.clone()).unwrap_or("").to_string(), line_offset: line - 1 });
                }
                if e.has(ROW_ATTR) && !VOID.contains(&e.name.as_str()) {
                    open_rows.push((k, close_of[k].unwrap_or(toks.len())));
                }
                if e.has(FORM_ATTR) {
                    let pos = lines.line_col(&text, e.range.start);
                    match (&place, close_of[k].map(|c| &toks[c])) {
                        (None, Some(Tok::Tag(end))) => place = Some((e.range.end..end.range.start, pos)),
                        (None, _) => problems.add_with(ennakko::diagnostic::Severity::Error, || {
                            Diagnostic::error("T0112", t!("the form element `<{name}>` has no end tag", name = e.name))
                                .with_help(t!(
                                    "close it with `</{name}>`: `fill` rewrites what is inside it",
                                    name = e.name
                                ))
                                .at_line_col(None, &text, pos.0, pos.1)
                        }),
                        (Some(_), _) => problems.add_with(ennakko::diagnostic::Severity::Error, || {
                            Diagnostic::error("T0112", t!("the page has more than one form element (`data-eva-form`)"))
                                .with_help(t!("keep one: `fill` rewrites what is inside it"))
                                .at_line_col(None, &text, pos.0, pos.1)
                        }),
                    }
                }
                let Some(name) = e.attr("data-eva") else { continue };
                let name = name.trim().to_string();
                let pos = lines.line_col(&text, e.range.start);
                spans.push((name.clone(), e.range.clone(), pos));
                let at = Some(pos);
                let kind = e.attr("type").unwrap_or("text").to_ascii_lowercase();
                let value = match e.name.as_str() {
                    "input" if kind == "checkbox" => RawValue::Flag(e.has("checked")),
                    "input" if kind == "radio" => {
                        let checked = e.has("checked");
                        if checked {
                            radios.push((name.clone(), true, pos));
                            RawValue::Exact(e.attr("value").unwrap_or("on").to_string())
                        } else {
                            radios.push((name, false, pos));
                            continue;
                        }
                    }
                    "input" => RawValue::Text(e.attr("value").unwrap_or("").to_string()),
                    "select" => RawValue::Exact(selected(&text, &toks[k + 1..])),
                    "textarea" => match toks.get(k + 1) {
                        Some(Tok::Raw(r)) => RawValue::Text(decode(text.get(r.clone()).unwrap_or(""))),
                        _ => RawValue::Text(String::new()),
                    },
                    _ => {
                        let close = close_of[k];
                        let end = close.and_then(|c| match &toks[c] {
                            Tok::Tag(c) => Some(c.range.start),
                            _ => None,
                        });
                        spanned = spanned.saturating_add(end.unwrap_or(text.len()).saturating_sub(e.range.start));
                        if spanned > span_budget(text.len()) {
                            return Err(Diagnostic::error(
                                "T0004",
                                t!("the data-eva elements are nested in one another or left open: their text adds up to more than four times the document"),
                            )
                            .with_help(t!("close each field's element, and do not put data-eva elements inside one another"))
                            .at_line_col(None, &text, pos.0, pos.1)
                            .into());
                        }
                        let after = toks.get(k + 1..close.unwrap_or(toks.len())).unwrap_or(&[]);
                        let (inner, end) = inner_text(&text, &e.name, after, end);
                        if let Some(span) = spans.last_mut() {
                            span.1.end = span.1.end.max(end);
                        }
                        RawValue::Text(inner)
                    }
                };
                fields.push(RawField { name, value, at });
                rows.push(open_rows.last().map(|&(row, _)| row));
            }
            _ => {}
        }
    }
    // A radio group with nothing checked is an empty field.
    let checked: HashSet<&String> = radios.iter().filter(|r| r.1).map(|r| &r.0).collect();
    let mut empty: Vec<(String, (usize, usize))> = Vec::new();
    let mut listed: HashSet<&String> = HashSet::new();
    for (name, _, at) in &radios {
        if !checked.contains(name) && listed.insert(name) {
            empty.push((name.clone(), *at));
        }
    }
    fields.extend(empty.into_iter().map(|(name, at)| RawField {
        name,
        value: RawValue::Exact(String::new()),
        at: Some(at),
    }));
    rows.resize(fields.len(), None);
    let fields = super::fields::resolve_rows(fields, &rows, &mut problems);
    let found = markers::find(&text, &skip, &mut problems);
    // Result places inside the form would be written over by the form.
    if let Some((place, pos)) = &place
        && let Some(m) = found
            .iter()
            .find(|m| place.contains(&m.open.start) || m.close.as_ref().is_some_and(|c| place.contains(&c.start)))
    {
        let name = m.name.clone();
        problems.add_with(ennakko::diagnostic::Severity::Error, || {
            Diagnostic::error(
                "T0111",
                t!("the result place `{name}` is inside the form element (`data-eva-form`)", name = name),
            )
            .with_help(t!("move the result place after the form: `fill` rewrites the form"))
            .at_line_col(None, &text, pos.0, pos.1)
        });
    }
    fields_around_results(&text, &spans, &found, &mut problems);
    let checklist = yaml.as_ref().and_then(|y: &Yaml| super::yaml_checklist(&y.text)).or_else(|| {
        fields.iter().find(|f| f.name == "checklist").map(|f| match &f.value {
            RawValue::Text(t) | RawValue::Exact(t) => t.trim().to_string(),
            RawValue::Flag(_) => String::new(),
        })
    });
    let checklist = checklist.filter(|c| !c.is_empty());
    Ok(Doc {
        format: TemplateFormat::Html,
        checklist,
        yaml,
        fields,
        outputs: found.iter().map(|m| m.name.clone()).collect(),
        problems,
        body: Body::Text { text, markers: found, form: place.map(|(r, _)| r) },
    })
}

/// The value of the selected option of a `<select>` (its tokens follow);
/// an option without a `value` has its text as the value.
fn selected(text: &str, after: &[Tok]) -> String {
    let mut options: Vec<(Option<String>, bool, String)> = Vec::new();
    let mut open = false;
    for tok in after {
        match tok {
            Tok::Tag(e) if e.name == "option" => {
                open = !e.closing;
                if open {
                    options.push((e.attr("value").map(str::to_string), e.has("selected"), String::new()));
                }
            }
            Tok::Text(r) if open => {
                if let Some(o) = options.last_mut() {
                    o.2.push_str(&decode(text.get(r.clone()).unwrap_or("")));
                }
            }
            Tok::Tag(e) if e.name == "select" => break,
            _ => {}
        }
    }
    options
        .into_iter()
        .find(|o| o.1)
        .map(|(value, _, shown)| value.unwrap_or_else(|| shown.trim().to_string()))
        .unwrap_or_default()
}

/// T0111 for a field and a result place that overlap. Results inside a
/// field's element (an end tag is missing) would become its text and grow
/// with every fill; a field inside the results would be removed by the fill.
/// The result places are in document order and apart, so each look-up is
/// a binary search.
fn fields_around_results(
    text: &str,
    spans: &[(String, Range<usize>, (usize, usize))],
    found: &[markers::Marker],
    problems: &mut super::problems::Problems,
) {
    for (name, span, (line, column)) in spans {
        // The first place starting within the span.
        let first = found.partition_point(|m| m.open.start < span.start);
        let holds = found.get(first).filter(|m| span.contains(&m.open.start));
        // The last place starting at or before the span: the only one that can hold it.
        let before = found.partition_point(|m| m.open.start <= span.start);
        let inside = before
            .checked_sub(1)
            .and_then(|i| found.get(i))
            .filter(|m| m.close.as_ref().is_some_and(|c| (m.open.start..c.end).contains(&span.start)));
        let message = match (holds, inside) {
            (Some(m), _) => {
                t!("the field `{name}` holds the result place `{}`: is its end tag missing?", m.name ; name = name)
            }
            (None, Some(m)) => {
                t!("the field `{name}` is inside the result place `{}`: filling would remove it", m.name ; name = name)
            }
            (None, None) => continue,
        };
        problems.add_with(ennakko::diagnostic::Severity::Error, || {
            Diagnostic::error("T0111", message)
                .with_help(t!(
                    "keep fields and result places apart: close the field's element, or move the result place"
                ))
                .at_line_col(None, text, *line, *column)
                .at_path(format!("eva:{name}"))
        });
    }
}

/// The text inside an element, tags removed, from the tokens between its
/// start and end tags (`inside`; see [`closing_tokens`]), and where it
/// ends (`end`: its end tag, else the end of the text).
fn inner_text(text: &str, name: &str, inside: &[Tok], end: Option<usize>) -> (String, usize) {
    if VOID.contains(&name) {
        // It holds nothing: an empty span.
        return (String::new(), 0);
    }
    let mut out = String::new();
    let end = end.unwrap_or(text.len());
    for tok in inside {
        match tok {
            Tok::Tag(e) if e.name == "br" => out.push('\n'),
            Tok::Tag(e) if ["p", "div", "li", "tr", "td", "th"].contains(&e.name.as_str()) => out.push(' '),
            Tok::Text(r) => out.push_str(&decode(text.get(r.clone()).unwrap_or(""))),
            _ => {}
        }
    }
    let lines: Vec<String> = out.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    (lines.join("\n").trim().to_string(), end)
}

pub(crate) fn fill(text: &str, found: &[markers::Marker], fragments: &Fragments) -> String {
    markers::apply(text, found, |name| {
        let blocks = fragments.blocks(name)?;
        let mut html = String::from("\n");
        for b in &blocks {
            ennakko::report::render::write_html(&mut html, b);
        }
        Some(html)
    })
}

// ---- generating -----------------------------------------------------------------------

const FORM_CSS: &str = "
.eva-form table{table-layout:auto}.eva-fields th{width:45%;font-weight:normal;background:#fbfcfd}
.eva-form input,.eva-form select,.eva-form textarea{font:inherit;width:100%;padding:.2rem;border:1px solid var(--line);border-radius:3px}
.eva-form input[type=checkbox]{width:auto}.eva-form textarea{min-height:2.6em;resize:vertical}
.hint{color:var(--muted);font-size:.85rem;margin:.1rem 0}
.eva-form table.eva-impacts{table-layout:fixed}.eva-impacts th,.eva-impacts td{padding:.15rem .25rem;overflow:hidden}
.eva-impacts thead th{font-size:.72rem;overflow-wrap:break-word}.eva-impacts select{font-size:.8rem;min-width:0;padding:.1rem}
.eva-impacts tbody th{font-size:.8rem}.eva-impacts thead th:first-child{width:8.5rem}
.eva-impacts th[scope=row]{width:9rem}.eva-impacts td.text{background:#fbfcfd}.eva-impacts label{display:flex;gap:.4rem;align-items:baseline;font-size:.8rem;color:var(--muted)}
.required{color:var(--neg2)}.eva-note{color:var(--neg2);font-size:.8rem;margin:.1rem 0}
.eva-add-row{margin:.2rem 0 1rem;font:inherit;font-size:.85rem}.eva-stale{border-left:4px solid var(--neg1);padding-left:.6rem}#eva-save{margin:1rem 0;padding:.5rem 1rem;font:inherit}
@media print{#eva-save{display:none}.eva-form table{break-inside:auto}.eva-form tr{break-inside:avoid}}
";

/// Keeps what is typed in the page's attributes, and saves the page.
const SAVE_JS: &str = "(function(){
function sync(el){
 if(el.tagName==='SELECT'){for(var i=0;i<el.options.length;i++){el.options[i].toggleAttribute('selected',el.options[i].selected);}}
 else if(el.tagName==='TEXTAREA'){el.textContent=el.value;}
 else if(el.type==='checkbox'||el.type==='radio'){el.toggleAttribute('checked',el.checked);}
 else{el.setAttribute('value',el.value);}
}
function onEdit(e){if(e.target&&e.target.hasAttribute&&e.target.hasAttribute('data-eva')){sync(e.target);}}
document.addEventListener('change',onEdit);document.addEventListener('input',onEdit);
document.addEventListener('click',function(e){
 var b=e.target&&e.target.closest&&e.target.closest('.eva-add-row');
 var table=b&&b.previousElementSibling;if(!table){return;}
 var rows=table.querySelectorAll('tbody[data-eva-row]');if(!rows.length){return;}
 var copy=rows[rows.length-1].cloneNode(true);
 copy.querySelectorAll('[data-eva]').forEach(function(el){
  if(el.tagName==='SELECT'){el.selectedIndex=0;}else if(el.tagName==='TEXTAREA'){el.value='';}
  else if(el.type!=='hidden'){el.value='';}
  sync(el);
 });
 rows[rows.length-1].after(copy);
});
var save=document.getElementById('eva-save');
if(save){save.addEventListener('click',function(){
 document.querySelectorAll('[data-eva]').forEach(sync);
 var html='<!DOCTYPE html>\\n'+document.documentElement.outerHTML+'\\n';
 var a=document.createElement('a');
 a.href=URL.createObjectURL(new Blob([html],{type:'text/html'}));
 a.download=decodeURIComponent(location.pathname.split('/').pop()||'eva.html');
 document.body.appendChild(a);a.click();a.remove();
});}
})();";

struct Out<'f> {
    form: &'f Form<'f>,
    html: String,
}

impl Out<'_> {
    fn id(tag: &str) -> String {
        format!("f-{tag}")
    }

    fn input(&mut self, tag: &str, value: &str, label: Option<&str>) {
        let aria = label.map(|l| format!(" aria-label=\"{}\"", esc(l))).unwrap_or_default();
        let _ = write!(
            self.html,
            "<input id=\"{}\" data-eva=\"{}\" value=\"{}\"{aria}>",
            esc(&Self::id(tag)),
            esc(tag),
            esc(value)
        );
    }

    fn textarea(&mut self, tag: &str, value: &str, label: Option<&str>) {
        let aria = label.map(|l| format!(" aria-label=\"{}\"", esc(l))).unwrap_or_default();
        let _ = write!(
            self.html,
            "<textarea id=\"{}\" data-eva=\"{}\" rows=\"2\"{aria}>{}</textarea>",
            esc(&Self::id(tag)),
            esc(tag),
            esc(value)
        );
    }

    /// A drop-down; with a `title` it has no id (the impact grid's cells,
    /// named by their column).
    fn select(&mut self, tag: &str, options: &[(String, String)], value: Option<&str>, title: Option<&str>) {
        match title {
            Some(t) => {
                let _ = write!(self.html, "<select data-eva=\"{}\" title=\"{}\">", esc(tag), esc(t));
                self.html.push_str("<option value=\"\"></option>");
            }
            None => {
                let _ = write!(self.html, "<select id=\"{}\" data-eva=\"{}\">", esc(&Self::id(tag)), esc(tag));
                let _ = write!(self.html, "<option value=\"\">– {} –</option>", esc(self.form.w(W::Choose)));
            }
        }
        for (shown, v) in options {
            let sel = if Some(v.as_str()) == value { " selected" } else { "" };
            let _ = write!(self.html, "<option value=\"{}\"{sel}>{}</option>", esc(v), esc(shown));
        }
        self.html.push_str("</select>");
    }

    fn checkbox(&mut self, tag: &str, checked: bool) {
        let c = if checked { " checked" } else { "" };
        let _ = write!(
            self.html,
            "<input type=\"checkbox\" id=\"{}\" data-eva=\"{}\" value=\"true\"{c}>",
            esc(&Self::id(tag)),
            esc(tag)
        );
    }

    /// A table row: the label (with help) and the control.
    fn row(&mut self, tag: &str, label: &str, hints: &[String], control: impl FnOnce(&mut Self)) {
        let _ =
            write!(self.html, "<tr><th scope=\"row\"><label for=\"{}\">{}</label>", esc(&Self::id(tag)), esc(label));
        for h in hints.iter().filter(|h| !h.is_empty()) {
            let _ = write!(self.html, "<p class=\"hint\">{}</p>", esc(h));
        }
        self.html.push_str("</th><td>");
        control(self);
        self.notes(tag);
        self.html.push_str("</td></tr>\n");
    }

    fn field(&mut self, tag: &str, f: &ennakko::checklist::describe::Field, value: Option<&Value>) {
        let form = self.form;
        let (label, hints) = form.field_texts(f);
        let shown = value.map(plain).unwrap_or_default();
        let exact = value.and_then(|v| match v {
            Value::Bool(true) => Some("yes".to_string()),
            Value::Bool(false) => Some("no".to_string()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        });
        self.row(tag, &label, &hints, |out| match f.kind.as_str() {
            "screening" => out.select(tag, &form.screening_options(), exact.as_deref(), None),
            "choice" => {
                let options: Vec<(String, String)> =
                    f.options.iter().map(|o| (form.t(&o.label).to_string(), o.id.clone())).collect();
                out.select(tag, &options, exact.as_deref(), None)
            }
            "flag" => out.checkbox(tag, value == Some(&Value::Bool(true))),
            "text" => out.textarea(tag, &shown, None),
            _ => out.input(tag, &shown, None),
        });
    }

    /// The check notes of a field (missing, inconsistent), in small red type.
    fn notes(&mut self, key: &str) {
        for n in self.form.notes.get(key).map(Vec::as_slice).unwrap_or_default() {
            let _ = write!(self.html, "<p class=\"eva-note\">\u{26a0} {}</p>", esc(n));
        }
    }

    /// A table of fields, under a heading, when there are any.
    fn questions(&mut self, alt: &str, heading: W, questions: &[&ennakko::checklist::describe::Field]) {
        if questions.is_empty() {
            return;
        }
        let _ = writeln!(self.html, "<h3>{}</h3>\n<table class=\"eva-fields\"><tbody>", esc(self.form.w(heading)));
        for q in questions {
            let tag = format!("answer.{alt}.{}", q.id);
            self.field(&tag, q, self.form.answer(alt, &q.id));
        }
        self.html.push_str("</tbody></table>\n");
    }

    fn alternative(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let _ = writeln!(
            self.html,
            "<section class=\"eva-alternative\">\n<h2>{}</h2>",
            esc(&form.alternative_heading(alt))
        );
        self.html.push_str("<table class=\"eva-fields\"><tbody>\n");
        for field in super::text_fields(&format!("alternative.{}.title", alt.id), alt.title.as_ref()) {
            let label = format!("{}{}", form.w(W::AlternativeTitle), field.suffix);
            let value = field.value.unwrap_or_default();
            self.row(&field.tag, &label, &[], |o| o.input(&field.tag, &value, None));
        }
        let tag = format!("alternative.{}.kind", alt.id);
        let kinds = form.kind_options();
        self.row(&tag, form.w(W::AlternativeKind), &[], |o| o.select(&tag, &kinds, Some(alt.kind.name()), None));
        for field in super::text_fields(&format!("alternative.{}.description", alt.id), alt.description.as_ref()) {
            let label = format!("{}{}", form.w(W::Description), field.suffix);
            let value = field.value.unwrap_or_default();
            self.row(&field.tag, &label, &[], |o| o.textarea(&field.tag, &value, None));
        }
        self.html.push_str("</tbody></table>\n");
        let asked = |screening: bool| -> Vec<&ennakko::checklist::describe::Field> {
            form.desc
                .questions
                .iter()
                .filter(|q| q.kind != "impact" && (q.kind == "screening") == screening && form.applies(&alt.id, q))
                .collect()
        };
        self.questions(&alt.id, W::Screening, &asked(true));
        self.questions(&alt.id, W::OtherQuestions, &asked(false));
        self.impacts(alt);
        self.no_longer_applies(alt);
        self.html.push_str("</section>\n");
    }

    /// The impact questions that apply to an alternative, each with its
    /// rows and an empty row to fill in, and a button that adds a row;
    /// then impacts that answer no question of the checklist.
    fn impacts(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let cells: &[ennakko::decision::ImpactCell] = form.alternative(&alt.id).map_or(&[], |a| a.impacts.as_slice());
        let asked = form.asked_impacts(&alt.id);
        let others = form.unasked_cells(&alt.id);
        if asked.is_empty() && others.is_empty() {
            return;
        }
        let _ = writeln!(
            self.html,
            "<h3>{}</h3>\n<p class=\"hint\">{}</p>",
            esc(form.w(W::Impacts)),
            esc(form.w(W::RowsHelpHtml))
        );
        for q in asked {
            let heading = form.t(&q.text).split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = writeln!(self.html, "<h4>{}</h4>", esc(&heading));
            self.notes(&format!("impacts.{}.{}", alt.id, q.id));
            let rows: Vec<_> = cells.iter().filter(|c| c.question.as_ref() == Some(&q.id)).collect();
            self.rows_table(&alt.id, Some(q), &rows, true);
        }
        if !others.is_empty() {
            let _ = writeln!(self.html, "<h4>{}</h4>", esc(form.w(W::OtherImpacts)));
            for (question, rows) in by_question(&others) {
                self.rows_table_named(&alt.id, question, None, &rows, false);
            }
        }
    }

    /// What an alternative answered to questions that no longer apply: kept
    /// as fields, so that nothing typed is lost and it can be cleared.
    fn no_longer_applies(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let Some(a) = form.alternative(&alt.id) else { return };
        let question = |id: &str| form.desc.questions.iter().find(|q| q.id == id);
        let stale = |id: &str| question(id).filter(|q| !form.applies(&alt.id, q));
        let answers: Vec<_> = a.answers.iter().filter(|(id, v)| !v.is_null() && stale(id).is_some()).collect();
        let unknown: Vec<_> = a.answers.iter().filter(|(id, v)| !v.is_null() && question(id).is_none()).collect();
        let cells: Vec<_> = a
            .impacts
            .iter()
            .filter(|c| c.question.as_deref().and_then(stale).is_some_and(|q| q.kind == "impact"))
            .collect();
        if answers.is_empty() && unknown.is_empty() && cells.is_empty() {
            return;
        }
        let _ = writeln!(
            self.html,
            "<section class=\"eva-stale\">\n<h3>{}</h3>\n<p class=\"hint\">{}</p>",
            esc(form.w(W::NoLongerApplies)),
            esc(form.w(W::NoLongerAppliesHelp))
        );
        if !answers.is_empty() || !unknown.is_empty() {
            self.html.push_str("<table class=\"eva-fields\"><tbody>\n");
            for (id, value) in answers {
                let Some(q) = stale(id) else { continue };
                self.field(&format!("answer.{}.{id}", alt.id), q, Some(value));
            }
            for (id, value) in unknown {
                let tag = format!("answer.{}.{id}", alt.id);
                let shown = plain(value);
                self.row(&tag, id, &[], |o| o.input(&tag, &shown, None));
            }
            self.html.push_str("</tbody></table>\n");
        }
        for q in form.desc.questions.iter().filter(|q| q.kind == "impact") {
            let rows: Vec<_> = cells.iter().copied().filter(|c| c.question.as_ref() == Some(&q.id)).collect();
            if !rows.is_empty() {
                let heading = form.t(&q.text).split_whitespace().collect::<Vec<_>>().join(" ");
                let _ = writeln!(self.html, "<h4>{}</h4>", esc(&heading));
                self.rows_table(&alt.id, Some(q), &rows, false);
            }
        }
        self.html.push_str("</section>\n");
    }

    fn rows_table(
        &mut self,
        alt: &str,
        q: Option<&ennakko::checklist::describe::Field>,
        cells: &[&ennakko::decision::ImpactCell],
        blank: bool,
    ) {
        let question = q.map_or("-", |q| q.id.as_str()).to_string();
        self.rows_table_named(alt, &question, q, cells, blank);
    }

    /// A table of impact rows: each row (a `tbody` marked `data-eva-row`)
    /// holds a cell's group (and domain), its scales, and its note,
    /// mitigation and source of evidence; `blank` adds an empty row and the
    /// button that copies it.
    fn rows_table_named(
        &mut self,
        alt: &str,
        question: &str,
        q: Option<&ennakko::checklist::describe::Field>,
        cells: &[&ennakko::decision::ImpactCell],
        blank: bool,
    ) {
        let form = self.form;
        let with_domain = q.is_none_or(|q| q.domains.len() != 1);
        self.html.push_str("<table class=\"eva-impacts\"><thead><tr>");
        let first = match with_domain {
            true => form.w(W::GroupDomain).to_string(),
            false => form.w(W::Group).to_string(),
        };
        let _ = write!(self.html, "<th scope=\"col\">{}</th>", esc(&first));
        for f in &CELL_FIELDS[..7] {
            // Soft hyphens in the scale names ("Kunskaps|underlag") let the narrow columns wrap at a compound boundary.
            let label = ennakko::report::render::table::breakable(&form.cell_field_label(f));
            let _ = write!(self.html, "<th scope=\"col\">{label}</th>");
        }
        self.html.push_str("</tr></thead>\n");
        for cell in cells.iter().copied().map(Some).chain(blank.then_some(None)) {
            self.impact_row(alt, question, q, cell, with_domain);
        }
        self.html.push_str("</table>\n");
        if blank {
            let _ = writeln!(
                self.html,
                "<button type=\"button\" class=\"eva-add-row\">{}</button>",
                esc(form.w(W::AddRow))
            );
        }
    }

    /// One row of impacts: two table rows in a `tbody`.
    fn impact_row(
        &mut self,
        alt: &str,
        question: &str,
        q: Option<&ennakko::checklist::describe::Field>,
        cell: Option<&ennakko::decision::ImpactCell>,
        with_domain: bool,
    ) {
        let form = self.form;
        let grid = super::GridCell {
            group: cell.map(|c| c.group.clone()).unwrap_or_default(),
            domain: cell.and_then(|c| c.domain.clone()).unwrap_or_default(),
            value: cell,
        };
        let tag = |prop: &str| format!("row.{alt}.{question}.{prop}");
        let listed = |ids: &[String], all: Vec<(String, String)>, current: &str| -> Vec<(String, String)> {
            let mut items: Vec<(String, String)> = all.iter().filter(|(_, id)| ids.contains(id)).cloned().collect();
            items.extend(all.iter().filter(|(_, id)| !ids.contains(id)).cloned());
            if !current.is_empty() && !items.iter().any(|(_, id)| id == current) {
                items.push((current.to_string(), current.to_string()));
            }
            items
        };
        let groups: Vec<(String, String)> =
            form.desc.groups.iter().map(|g| (form.t(&g.label).to_string(), g.id.clone())).collect();
        let groups = listed(q.map_or(&[], |q| q.groups.as_slice()), groups, &grid.group);
        self.html.push_str("<tbody class=\"eva-row\" data-eva-row>\n<tr><th scope=\"row\">");
        self.select(&tag("group"), &groups, cell.map(|c| c.group.as_str()), Some(form.w(W::Group)));
        if with_domain {
            let domains: Vec<(String, String)> =
                form.desc.domains.iter().map(|d| (form.t(&d.label).to_string(), d.id.clone())).collect();
            let domains = listed(q.map_or(&[], |q| q.domains.as_slice()), domains, &grid.domain);
            self.select(&tag("domain"), &domains, cell.and_then(|c| c.domain.as_deref()), Some(form.w(W::Domain)));
        } else if let Some(domain) = cell.and_then(|c| c.domain.as_deref()) {
            // The question's one domain, as the decision names it.
            let _ = write!(
                self.html,
                "<input type=\"hidden\" data-eva=\"{}\" value=\"{}\">",
                esc(&tag("domain")),
                esc(domain)
            );
        }
        self.html.push_str("</th>");
        for f in &CELL_FIELDS[..7] {
            self.html.push_str("<td>");
            let options = short_options(form, f);
            self.select(&tag(f), &options, grid.get(f).as_deref(), Some(&form.cell_field_label(f)));
            self.html.push_str("</td>");
        }
        self.html.push_str("</tr>\n<tr>");
        for (f, span) in [("note", 3), ("mitigation", 3), ("evidence_source", 2)] {
            let _ = write!(
                self.html,
                "<td class=\"text\" colspan=\"{span}\"><label>{}<textarea data-eva=\"{}\" rows=\"1\">{}</textarea></label></td>",
                esc(&form.cell_field_label(f)),
                esc(&tag(f)),
                esc(&grid.get(f).unwrap_or_default())
            );
        }
        self.html.push_str("</tr>\n</tbody>\n");
    }
}

/// Impact cells grouped by their question id (`-` for none), in the order
/// the questions first appear.
fn by_question<'c>(
    cells: &[&'c ennakko::decision::ImpactCell],
) -> Vec<(&'c str, Vec<&'c ennakko::decision::ImpactCell>)> {
    let mut out: Vec<(&str, Vec<&ennakko::decision::ImpactCell>)> = Vec::new();
    for c in cells {
        let id = c.question.as_deref().unwrap_or("-");
        match out.iter_mut().find(|(q, _)| *q == id) {
            Some((_, list)) => list.push(c),
            None => out.push((id, vec![c])),
        }
    }
    out
}

/// Drop-down items of an impact grid cell; directions as numbers only
/// (the column says what they are).
fn short_options(form: &Form, field: &str) -> Vec<(String, String)> {
    let mut items = form.cell_options(field);
    if field == "direction" {
        for (shown, value) in items.iter_mut() {
            if value.parse::<i8>().is_ok() {
                *shown = shown.split_whitespace().next().unwrap_or("").to_string();
            }
        }
    }
    items
}

/// What is inside the form element: the decision, its facts, and per
/// alternative the questions that apply, its impact rows and the answers
/// to questions that no longer apply; `fill` writes it again.
fn form_inner(form: &Form) -> String {
    let lang = form.lang;
    let d = form.decision;
    let mut out = Out { form, html: String::from("\n") };
    let _ =
        writeln!(out.html, "<input type=\"hidden\" data-eva=\"checklist\" value=\"{}\">", esc(&form.checklist_name));
    let _ = writeln!(
        out.html,
        "<section class=\"eva-decision\">\n<h2>{}</h2>\n<table class=\"eva-fields\"><tbody>",
        esc(form.w(W::DecisionHeading))
    );
    let id = d.map(|d| d.id.clone()).unwrap_or_default();
    out.row("decision.id", form.w(W::CaseId), &[], |o| o.input("decision.id", &id, None));
    for field in super::text_fields("decision.title", d.map(|d| &d.title)) {
        let label = format!("{}{}", form.w(W::Title), field.suffix);
        let value = field.value.unwrap_or_default();
        out.row(&field.tag, &label, &[], |o| o.input(&field.tag, &value, None));
    }
    let kind = d.and_then(|d| d.kind.clone()).unwrap_or_default();
    out.row("decision.kind", form.w(W::Kind), &[], |o| o.input("decision.kind", &kind, None));
    let language = d.and_then(|d| d.language.clone()).unwrap_or_else(|| lang.to_string());
    let languages: Vec<(String, String)> = ["fi", "sv", "en"].iter().map(|l| (l.to_string(), l.to_string())).collect();
    out.row("decision.language", form.w(W::Language), &[], |o| {
        o.select("decision.language", &languages, Some(&language), None)
    });
    let organisations: Vec<(String, String)> =
        vec![(form.w(W::Municipality).into(), "municipality".into()), (form.w(W::County).into(), "county".into())];
    let organisation = d.and_then(|d| d.organisation).map(|o| o.name().to_string());
    out.row("decision.organisation", form.w(W::Organisation), &[], |o| {
        o.select("decision.organisation", &organisations, organisation.as_deref(), None)
    });
    let bilingual = d.and_then(|d| d.bilingual) == Some(true);
    out.row("decision.bilingual", form.w(W::Bilingual), &[], |o| o.checkbox("decision.bilingual", bilingual));
    let majorities: Vec<(String, String)> =
        vec![(form.w(W::Finnish).into(), "fi".into()), (form.w(W::Swedish).into(), "sv".into())];
    let majority = d.and_then(|d| d.majority_language).map(|l| l.name().to_string());
    out.row("decision.majority_language", form.w(W::MajorityLanguage), &[], |o| {
        o.select("decision.majority_language", &majorities, majority.as_deref(), None)
    });
    out.html.push_str("</tbody></table>\n");
    if !form.desc.facts.is_empty() {
        let _ = writeln!(out.html, "<h2>{}</h2>\n<table class=\"eva-fields\"><tbody>", esc(form.w(W::Facts)));
        for f in &form.desc.facts {
            let tag = format!("fact.{}", f.id);
            out.field(&tag, f, form.fact(&f.id));
        }
        out.html.push_str("</tbody></table>\n");
    }
    out.html.push_str("</section>\n");
    for alt in &form.alternatives {
        out.alternative(alt);
    }
    let _ = writeln!(out.html, "<button type=\"button\" id=\"eva-save\">{}</button>", esc(form.w(W::Save)));
    out.html
}

/// The page with the inside of its form element (`place`) written for `form`.
pub(crate) fn refresh(text: &str, place: Range<usize>, form: &Form) -> Option<String> {
    Some(format!("{}{}{}", text.get(..place.start)?, form_inner(form), text.get(place.end..)?))
}

pub(crate) fn generate(form: &Form) -> String {
    let lang = form.lang;
    let d = form.decision;
    let title = d
        .map(|d| d.title.get(lang).to_string())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| form.t(&form.desc.title).to_string());
    let mut out = Out { form, html: String::new() };
    let _ = write!(
        out.html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style id=\"eva-style\">{}{FORM_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p>{}</p>\n<p class=\"hint\">{}</p>\n",
        esc(lang),
        esc(&title),
        ennakko::report::render::CSS,
        esc(&title),
        esc(form.w(W::FormIntro)),
        esc(form.w(W::IntroFields)),
    );
    let _ = write!(out.html, "<form class=\"eva-form\" {FORM_ATTR} onsubmit=\"return false\">");
    out.html.push_str(&form_inner(form));
    out.html.push_str("</form>\n");
    let _ = writeln!(
        out.html,
        "<section class=\"eva-results\">\n<h2>{}</h2>\n<!-- eva:results -->\n<p class=\"hint\">{}</p>\n<!-- /eva:results -->\n</section>\n</main>\n<script>\n{SAVE_JS}\n</script>\n</body>\n</html>",
        esc(form.w(W::Results)),
        esc(form.w(W::ResultsPlaceholder)),
    );
    out.html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_of_every_kind() {
        let page = r#"<html><body>
<input data-eva="fact.a" value="1 &amp; 2">
<input type="checkbox" data-eva="fact.b" checked>
<select data-eva="answer.zero.q"><option value="">-</option><option value="yes" selected>Kyllä</option></select>
<select data-eva="answer.zero.r"><option>no value</option><option selected>Picked</option></select>
<textarea data-eva="answer.zero.t">a &lt; b</textarea>
<span data-eva="decision.title">Big <b>school</b> decision</span>
<input type="radio" data-eva="answer.zero.s" value="no"><input type="radio" data-eva="answer.zero.s" value="yes" checked>
<script>var x = "<span data-eva='fact.z'>";</script>
</body></html>"#;
        let doc = read(page.to_string()).unwrap();
        let got: Vec<(String, RawValue)> = doc.fields.into_iter().map(|f| (f.name, f.value)).collect();
        assert_eq!(
            got,
            vec![
                ("fact.a".into(), RawValue::Text("1 & 2".into())),
                ("fact.b".into(), RawValue::Flag(true)),
                ("answer.zero.q".into(), RawValue::Exact("yes".into())),
                ("answer.zero.r".into(), RawValue::Exact("Picked".into())),
                ("answer.zero.t".into(), RawValue::Text("a < b".into())),
                ("decision.title".into(), RawValue::Text("Big school decision".into())),
                ("answer.zero.s".into(), RawValue::Exact("yes".into())),
            ]
        );
    }

    #[test]
    fn never_panics_on_broken_markup() {
        for page in [
            "<",
            "<a",
            "<a b='",
            "<!--",
            "<script>",
            "&#xFFFFFFFF;",
            "<select data-eva=x><option",
            "<p data-eva=\"decision.id\">é",
        ] {
            let _ = read(page.to_string());
        }
    }
}

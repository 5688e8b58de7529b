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
    for (k, tok) in toks.iter().enumerate() {
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
    let mut problems = super::problems::Problems::default();
    let found = markers::find(&text, &skip, &mut problems);
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
        body: Body::Text { text, markers: found },
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
.eva-impacts thead th{font-size:.72rem;overflow-wrap:anywhere;hyphens:auto}.eva-impacts select{font-size:.8rem;min-width:0;padding:.1rem}
.eva-impacts tbody th{font-size:.8rem}.eva-impacts thead th:first-child{width:8.5rem}
.eva-impacts th[scope=row]{width:9rem}.eva-impacts td.text{background:#fbfcfd}.eva-impacts label{display:flex;gap:.4rem;align-items:baseline;font-size:.8rem;color:var(--muted)}
.required{color:var(--neg2)}#eva-save{margin:1rem 0;padding:.5rem 1rem;font:inherit}
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
        let screening: Vec<_> = form.desc.questions.iter().filter(|q| q.kind == "screening").collect();
        if !screening.is_empty() {
            let _ = writeln!(self.html, "<h3>{}</h3>\n<table class=\"eva-fields\"><tbody>", esc(form.w(W::Screening)));
            for q in screening {
                let tag = format!("answer.{}.{}", alt.id, q.id);
                self.field(&tag, q, form.answer(&alt.id, &q.id));
            }
            self.html.push_str("</tbody></table>\n");
        }
        self.impacts(alt);
        let other: Vec<_> =
            form.desc.questions.iter().filter(|q| q.kind != "screening" && q.kind != "impact").collect();
        if !other.is_empty() {
            let _ =
                writeln!(self.html, "<h3>{}</h3>\n<table class=\"eva-fields\"><tbody>", esc(form.w(W::OtherQuestions)));
            for q in other {
                let tag = format!("answer.{}.{}", alt.id, q.id);
                self.field(&tag, q, form.answer(&alt.id, &q.id));
            }
            self.html.push_str("</tbody></table>\n");
        }
        self.html.push_str("</section>\n");
    }

    fn impacts(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let cells = form.cells(&alt.id);
        if cells.is_empty() {
            return;
        }
        let _ = writeln!(
            self.html,
            "<h3>{}</h3>\n<p class=\"hint\">{}</p>",
            esc(form.w(W::Impacts)),
            esc(form.w(W::ImpactsHelp))
        );
        let mut current: Option<Option<&str>> = None;
        let scales: Vec<&str> = CELL_FIELDS[..7].to_vec();
        let options: Vec<Vec<(String, String)>> = scales.iter().map(|f| short_options(form, f)).collect();
        let titles: std::collections::HashMap<&str, String> =
            CELL_FIELDS.iter().map(|f| (*f, form.cell_field_label(f))).collect();
        for cell in &cells {
            if current != Some(cell.question) {
                if current.is_some() {
                    self.html.push_str("</tbody></table>\n");
                }
                current = Some(cell.question);
                let q = cell.question.and_then(|id| form.desc.questions.iter().find(|q| q.id == id));
                let heading = q.map_or_else(
                    || form.w(W::OtherImpacts).to_string(),
                    |q| form.t(&q.text).split_whitespace().collect::<Vec<_>>().join(" "),
                );
                let _ = writeln!(self.html, "<h4>{}</h4>", esc(&heading));
                if q.is_some_and(|q| q.conditional) {
                    let _ = writeln!(self.html, "<p class=\"hint\">{}</p>", esc(form.w(W::OnlyIfApplies)));
                }
                self.html.push_str("<table class=\"eva-impacts\"><thead><tr>");
                let _ = write!(self.html, "<th scope=\"col\">{}</th>", esc(form.w(W::GroupDomain)));
                for f in &scales {
                    let _ = write!(self.html, "<th scope=\"col\">{}</th>", esc(&form.cell_field_label(f)));
                }
                self.html.push_str("</tr></thead><tbody>\n");
            }
            let where_ = format!("{} / {}", form.group_label(&cell.group), form.domain_label(&cell.domain));
            let _ = write!(self.html, "<tr><th scope=\"row\" rowspan=\"2\">{}</th>", esc(&where_));
            for (f, options) in scales.iter().zip(&options) {
                let tag = cell.tag(&alt.id, f);
                self.html.push_str("<td>");
                self.select(&tag, options, cell.get(f).as_deref(), Some(&titles[&**f]));
                self.html.push_str("</td>");
            }
            self.html.push_str("</tr>\n<tr>");
            for (f, span) in [("mitigation", 4), ("note", 3)] {
                let tag = cell.tag(&alt.id, f);
                let _ = write!(
                    self.html,
                    "<td class=\"text\" colspan=\"{span}\"><label>{}<textarea data-eva=\"{}\" rows=\"1\">{}</textarea></label></td>",
                    esc(&titles[f]),
                    esc(&tag),
                    esc(&cell.get(f).unwrap_or_default())
                );
            }
            self.html.push_str("</tr>\n");
        }
        self.html.push_str("</tbody></table>\n");
    }
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
        esc(form.w(W::Intro)),
        esc(form.w(W::IntroFields)),
    );
    out.html.push_str("<form class=\"eva-form\" onsubmit=\"return false\">\n");
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
    let _ = writeln!(out.html, "<button type=\"button\" id=\"eva-save\">{}</button>\n</form>", esc(form.w(W::Save)));
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

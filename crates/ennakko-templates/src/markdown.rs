//! Markdown templates: the decision is the YAML front matter; the results go
//! between `<!-- eva:NAME -->` and `<!-- /eva:NAME -->` comments.

use ennakko::t;
use std::fmt::Write as _;
use std::ops::Range;

use serde_json::Value;

use ennakko::diagnostic::Diagnostic;

use super::words::W;
use super::{Body, Doc, Form, Fragments, TemplateError, TemplateFormat, Yaml, markers};

/// The front matter's YAML, the lines before it, and where the body starts.
fn front_matter(text: &str) -> Result<Option<(String, usize, usize)>, TemplateError> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return Ok(None) };
    if first.trim_end() != "---" {
        return Ok(None);
    }
    let mut offset = first.len();
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let yaml = text.get(first.len()..offset).unwrap_or("").to_string();
            return Ok(Some((yaml, 1, offset + line.len())));
        }
        offset += line.len();
    }
    Err(Diagnostic::error("T0101", t!("the front matter is not closed"))
        .with_help(t!("end the front matter with a line `---`"))
        .at_line_col(None, text, 1, 1)
        .into())
}

/// Code, where placeholders are only examples: fenced code blocks (three
/// backticks or tildes), indented code blocks (four spaces or a tab, after a blank line)
/// and inline code spans (`` `...` ``).
fn fences(text: &str, from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut offset = 0;
    // The previous line was blank or indented code: an indented line is code.
    let mut code_may_start = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < from {
            continue;
        }
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if open.is_none() {
            let blank = line.trim().is_empty();
            let indented = !blank && (indent >= 4 || line.starts_with('\t'));
            if indented && code_may_start {
                out.push(start..offset);
                continue;
            }
            code_may_start = blank || (indented && code_may_start);
            out.extend(inline_code(line).into_iter().map(|r| start + r.start..start + r.end));
        }
        let fence = if t.starts_with("```") {
            "```"
        } else if t.starts_with("~~~") {
            "~~~"
        } else {
            ""
        };
        match open {
            None if indent <= 3 && !fence.is_empty() => open = Some((start, fence)),
            Some((s, f)) if indent <= 3 && fence == f => {
                out.push(s..offset);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open {
        out.push(s..text.len());
    }
    out
}

pub(crate) fn read(text: String) -> Result<Doc, TemplateError> {
    let (yaml, body_start) = match front_matter(&text)? {
        Some((yaml, line_offset, body)) => (Some(Yaml { text: yaml, line_offset }), body),
        None => (None, 0),
    };
    let mut skip = fences(&text, body_start);
    skip.push(0..body_start);
    let mut problems = super::problems::Problems::default();
    let found = markers::find(&text, &skip, &mut problems);
    let checklist = yaml.as_ref().and_then(|y| super::yaml_checklist(&y.text));
    Ok(Doc {
        format: TemplateFormat::Markdown,
        checklist,
        yaml,
        fields: Vec::new(),
        outputs: found.iter().map(|m| m.name.clone()).collect(),
        problems,
        body: Body::Text { text, markers: found, form: None },
    })
}

pub(crate) fn fill(text: &str, found: &[markers::Marker], fragments: &Fragments) -> String {
    markers::apply(text, found, |name| {
        let blocks = fragments.blocks(name)?;
        let mut md = String::new();
        for b in &blocks {
            ennakko::report::render::write_markdown(&mut md, b);
        }
        Some(format!("\n\n{}\n\n", safe_fragment(md.trim())))
    })
}

// ---- generating -----------------------------------------------------------------------

/// Inline code spans in one line: a run of backticks up to the next run of
/// the same length.
fn inline_code(line: &str) -> Vec<Range<usize>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|&&c| c == b'`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < b.len() {
            if b[j] == b'`' {
                let other = b[j..].iter().take_while(|&&c| c == b'`').count();
                if other == run {
                    closed = Some(j + other);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(i..end);
                i = end;
            }
            None => i += run,
        }
    }
    out
}

/// Text from the decision made safe to put in Markdown as one line: no
/// line break (a `~~~` or `---` line would start a code block or end the
/// front matter) and no comment (`<!-- eva:... -->` would be a placeholder).
fn inline_text(text: &str) -> String {
    oneline(text).replace('<', "&lt;")
}

/// A results fragment made safe to put between placeholders, so filling
/// again finds the same places: comments are escaped (a title with
/// `<!-- /eva:results -->` ended the place early), and a line that would
/// open a code block (a title `~~~`) is escaped too.
fn safe_fragment(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.split_inclusive('\n') {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if indent <= 3 && (t.starts_with("```") || t.starts_with("~~~")) {
            out.push_str(&line[..indent]);
            out.push('\\');
            out.push_str(t);
        } else {
            out.push_str(line);
        }
    }
    out.replace("<!--", "&lt;!--")
}

/// A scalar as YAML: plain where that reads back as the same string,
/// else double-quoted (JSON's quoting is valid YAML).
pub(crate) fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) if plain_ok(s) => s.clone(),
        Value::String(s) => serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()),
        Value::Array(items) => format!("[{}]", items.iter().map(scalar).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

fn plain_ok(s: &str) -> bool {
    const RESERVED: [&str; 12] = ["true", "false", "yes", "no", "null", "on", "off", "y", "n", "~", ".nan", ".inf"];
    let Some(first) = s.chars().next() else { return false };
    !(s.trim() != s
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains('\n')
        || s.chars().any(char::is_control)
        || RESERVED.contains(&s.to_lowercase().as_str())
        || s.parse::<f64>().is_ok()
        || s.starts_with("0x"))
}

/// One-line text for a YAML comment.
fn oneline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first line of a front matter that is a form `fill` rewrites.
pub(crate) const FORM_MARK: &str = "# eva:form";

/// Whether a Markdown template's front matter is a form (its first line is
/// [`FORM_MARK`]): `fill` then writes it again for what now applies.
pub(crate) fn is_form(text: &str) -> bool {
    matches!(front_matter(text), Ok(Some((yaml, _, _))) if yaml.lines().next().map(str::trim_end) == Some(FORM_MARK))
}

/// The text with its front matter replaced by the form `form` asks.
pub(crate) fn refresh(text: &str, form: &Form) -> Option<String> {
    let (_, _, body) = front_matter(text).ok()??;
    Some(format!("---\n{}---\n{}", front(form), text.get(body..)?))
}

pub(crate) fn generate(form: &Form) -> String {
    let d = form.decision;
    let heading = d.map_or_else(|| form.t(&form.desc.title).to_string(), |d| d.title.get(form.lang).to_string());
    let heading = if heading.trim().is_empty() { form.t(&form.desc.title).to_string() } else { heading };
    let heading = inline_text(&heading);
    format!(
        "---\n{}---\n\n# {heading}\n\n{}\n\n{}\n\n<!-- eva:results -->\n<!-- /eva:results -->\n",
        front(form),
        form.w(W::FormIntro),
        form.w(W::IntroFields)
    )
}

/// The check notes of a field as comment lines (`# ⚠ Vastaus puuttuu`).
fn notes(y: &mut String, form: &Form, key: &str, indent: &str) {
    for n in form.notes.get(key).map(Vec::as_slice).unwrap_or_default() {
        let _ = writeln!(y, "{indent}# \u{26a0} {}", oneline(n));
    }
}

/// The front matter of a form: the decision and its facts, then per
/// alternative the questions that apply, the impact rows of the impact
/// questions that apply (with a commented row to copy), and what was
/// answered to questions that no longer apply.
fn front(form: &Form) -> String {
    let lang = form.lang;
    let d = form.decision;
    let mut y = String::new();
    let _ = writeln!(y, "{FORM_MARK}");
    let _ = writeln!(y, "# {}", oneline(form.w(W::YamlIntro)));
    let _ = writeln!(y, "# {}", oneline(form.w(W::FormIntro)));
    let _ = writeln!(y, "# {}", form.w(W::YamlNull));
    let _ = writeln!(y, "checklist: {}", scalar(&Value::String(form.checklist_name.clone())));
    let id = d.map_or_else(String::new, |d| d.id.clone());
    let title = d.map_or(Value::String(String::new()), |d| local_value(&d.title));
    let _ = writeln!(y, "id: {}   # {}", scalar(&Value::String(id)), form.w(W::CaseId));
    let _ = writeln!(y, "title: {}   # {}", scalar(&title), form.w(W::Title));
    let kind = d.and_then(|d| d.kind.clone()).map_or(Value::Null, Value::String);
    let _ = writeln!(y, "kind: {}   # {}", scalar(&kind), form.w(W::Kind));
    let language = d.and_then(|d| d.language.clone()).unwrap_or_else(|| lang.to_string());
    let _ = writeln!(y, "language: {}", scalar(&Value::String(language)));
    let organisation = d.and_then(|d| d.organisation).map_or(Value::Null, |o| Value::String(o.name().into()));
    let _ = writeln!(
        y,
        "organisation: {}   # {} (municipality = {}, county = {})",
        scalar(&organisation),
        form.w(W::Organisation),
        form.w(W::Municipality),
        form.w(W::County)
    );
    let bilingual = d.and_then(|d| d.bilingual).map_or(Value::Null, Value::Bool);
    let _ = writeln!(y, "bilingual: {}   # {} [true, false]", scalar(&bilingual), form.w(W::Bilingual));
    let majority = d.and_then(|d| d.majority_language).map_or(Value::Null, |l| Value::String(l.name().into()));
    let _ = writeln!(
        y,
        "majority_language: {}   # {} (fi = {}, sv = {})",
        scalar(&majority),
        form.w(W::MajorityLanguage),
        form.w(W::Finnish),
        form.w(W::Swedish)
    );
    // What the form has no field for is kept as it was, as JSON (valid YAML).
    if let Some(decided) = d.and_then(|d| d.decided.as_ref()).and_then(|v| serde_json::to_value(v).ok()) {
        let _ = writeln!(y, "decided: {decided}");
    }
    if let Some(meta) = d.and_then(|d| d.meta.as_ref()) {
        let _ = writeln!(y, "meta: {meta}");
    }
    let known: Vec<&str> = form.desc.facts.iter().map(|f| f.id.as_str()).collect();
    let extra: Vec<(&String, &Value)> = d
        .map(|d| d.facts.iter().filter(|(k, v)| !v.is_null() && !known.contains(&k.as_str())).collect())
        .unwrap_or_default();
    if !form.desc.facts.is_empty() || !extra.is_empty() {
        let _ = writeln!(y, "facts:   # {}", form.w(W::Facts));
        for f in &form.desc.facts {
            let _ = writeln!(y, "  # {}{}", oneline(form.t(&f.text)), value_hint(form, f));
            let value = form.fact(&f.id).map_or_else(|| "null".into(), scalar);
            let _ = writeln!(y, "  {}: {value}", key(&f.id));
            notes(&mut y, form, &format!("fact.{}", f.id), "  ");
        }
        for (k, v) in extra {
            let _ = writeln!(y, "  {}: {}", key(k), scalar(v));
        }
    }
    let _ = writeln!(y, "alternatives:");
    for alt in &form.alternatives {
        alternative(&mut y, form, alt);
    }
    y
}

/// A mapping key: plain when that reads back as the same string.
fn key(k: &str) -> String {
    scalar(&Value::String(k.to_string()))
}

/// One alternative of a form's front matter.
fn alternative(y: &mut String, form: &Form, alt: &super::FormAlternative) {
    let _ = writeln!(y, "  - id: {}", scalar(&Value::String(alt.id.clone())));
    let _ = writeln!(y, "    kind: {}   # zero, proposal, other", alt.kind.name());
    let title = alt.title.as_ref().map_or_else(|| Value::String(form.kind_label(alt.kind).into()), local_value);
    let _ = writeln!(y, "    title: {}   # {}", scalar(&title), form.w(W::AlternativeTitle));
    if let Some(desc) = &alt.description {
        let _ = writeln!(y, "    description: {}", scalar(&local_value(desc)));
    }
    let decided = form.alternative(&alt.id);
    let question = |id: &str| form.desc.questions.iter().find(|q| q.id == id);
    let mut answers = String::new();
    for (which, heading) in [("screening", W::Screening), ("other", W::OtherQuestions)] {
        let asked: Vec<_> = form
            .desc
            .questions
            .iter()
            .filter(|q| q.kind != "impact" && ((q.kind == "screening") == (which == "screening")))
            .filter(|q| form.applies(&alt.id, q))
            .collect();
        if asked.is_empty() {
            continue;
        }
        let _ = writeln!(answers, "      # --- {} ---", form.w(heading));
        for q in asked {
            let mut hints = Vec::new();
            if q.required {
                hints.push(form.w(W::Required).to_string());
            }
            let hints = if hints.is_empty() { String::new() } else { format!(" ({})", hints.join("; ")) };
            let _ = writeln!(answers, "      # {}{hints}{}", oneline(form.t(&q.text)), value_hint(form, q));
            let value = match form.answer(&alt.id, &q.id) {
                Some(Value::String(s)) if q.kind == "screening" && ["yes", "no", "unknown"].contains(&s.as_str()) => {
                    s.clone()
                }
                Some(v) => scalar(v),
                None => "null".into(),
            };
            let _ = writeln!(answers, "      {}: {value}", key(&q.id));
            notes(&mut answers, form, &format!("answer.{}.{}", alt.id, q.id), "      ");
        }
    }
    // Answers to questions that no longer apply (or that the checklist
    // does not ask): kept, visibly, until the official clears them.
    let stale: Vec<(&String, &Value)> = decided
        .map(|a| {
            a.answers
                .iter()
                .filter(|(id, v)| !v.is_null() && question(id).is_none_or(|q| !form.applies(&alt.id, q)))
                .collect()
        })
        .unwrap_or_default();
    if !stale.is_empty() {
        let _ = writeln!(answers, "      # --- {} ---", form.w(W::NoLongerApplies));
        let _ = writeln!(answers, "      # {}", oneline(form.w(W::NoLongerAppliesHelp)));
        for (id, v) in stale {
            let _ = writeln!(answers, "      {}: {}", key(id), scalar(v));
        }
    }
    if answers.is_empty() {
        let _ = writeln!(y, "    answers: {{}}");
    } else {
        let _ = writeln!(y, "    answers:");
        y.push_str(&answers);
    }
    impacts(y, form, alt);
}

/// The impact rows of an alternative: under each impact question that
/// applies its rows and a commented row to copy; then rows that answer no
/// question of the checklist, then rows of questions that no longer apply.
fn impacts(y: &mut String, form: &Form, alt: &super::FormAlternative) {
    let cells: &[ennakko::decision::ImpactCell] = form.alternative(&alt.id).map_or(&[], |a| a.impacts.as_slice());
    let impact_q = |id: &Option<String>| {
        id.as_ref().and_then(|id| form.desc.questions.iter().find(|q| &q.id == id && q.kind == "impact"))
    };
    let asked = form.asked_impacts(&alt.id);
    let mut out = String::new();
    if !asked.is_empty() {
        let _ = writeln!(out, "      # {}", oneline(form.w(W::ImpactsHelp)));
    }
    for q in &asked {
        let _ = writeln!(out, "      # === {} ({}) ===", oneline(form.t(&q.text)), q.id);
        notes(&mut out, form, &format!("impacts.{}.{}", alt.id, q.id), "      ");
        for c in cells.iter().filter(|c| c.question.as_ref() == Some(&q.id)) {
            row(&mut out, c);
        }
        let _ = writeln!(out, "      # {}:", form.w(W::YamlRow));
        let _ = writeln!(out, "      # - question: {}", q.id);
        let _ = writeln!(out, "      #   group:   # {}", q.groups.join(" | "));
        if q.domains.len() != 1 {
            let _ = writeln!(out, "      #   domain:   # {}", q.domains.join(" | "));
        }
        let _ = writeln!(out, "      #   direction:   # -2, -1, 0, 1, 2, mixed, unknown");
        for s in &form.desc.scales {
            let ids: Vec<&str> = s.levels.iter().map(|l| l.id.as_str()).collect();
            let _ = writeln!(out, "      #   {}:   # {}: {}", s.id, oneline(form.t(&s.label)), ids.join(", "));
        }
        for f in ["note", "mitigation", "evidence_source"] {
            let _ = writeln!(out, "      #   {f}: \"\"   # {}", form.cell_field_label(f));
        }
    }
    let others: Vec<_> = cells.iter().filter(|c| impact_q(&c.question).is_none()).collect();
    if !others.is_empty() {
        let _ = writeln!(out, "      # === {} ===", form.w(W::OtherImpacts));
        for c in others {
            row(&mut out, c);
        }
    }
    let stale: Vec<_> =
        cells.iter().filter(|c| impact_q(&c.question).is_some_and(|q| !form.applies(&alt.id, q))).collect();
    if !stale.is_empty() {
        let _ = writeln!(out, "      # === {} ===", form.w(W::NoLongerApplies));
        let _ = writeln!(out, "      # {}", oneline(form.w(W::NoLongerAppliesHelp)));
        for c in stale {
            row(&mut out, c);
        }
    }
    let has_rows = out.lines().any(|l| l.starts_with("      - "));
    let _ = writeln!(y, "    impacts:{}", if has_rows { "" } else { " []" });
    y.push_str(&out);
}

/// One impact row as a YAML list item: every property the cell has.
fn row(y: &mut String, cell: &ennakko::decision::ImpactCell) {
    let Ok(Value::Object(map)) = serde_json::to_value(cell) else { return };
    let mut first = true;
    for (k, v) in &map {
        let lead = if first { "      - " } else { "        " };
        first = false;
        let v = match (k.as_str(), v) {
            ("direction", Value::Number(n)) => n.to_string(),
            (_, v) => scalar(v),
        };
        let _ = writeln!(y, "{lead}{}: {v}", key(k));
    }
}

/// ` [a, b, c]`: the values a field takes.
fn value_hint(form: &Form, field: &ennakko::checklist::describe::Field) -> String {
    let range = |r: &Option<[f64; 2]>| r.map(|[a, b]| format!(" {a}..{b}"));
    match field.kind.as_str() {
        "screening" => " [yes, no, unknown]".into(),
        "choice" => format!(
            " [{}]",
            field.options.iter().map(|o| format!("{} = {}", o.id, form.t(&o.label))).collect::<Vec<_>>().join("; ")
        ),
        "number" => {
            let unit = field.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            format!(" [{}{unit}{}]", form.w(W::Number), range(&field.range).unwrap_or_default())
        }
        "flag" => " [true, false]".into(),
        "list" => " [[a, b]]".into(),
        _ => String::new(),
    }
}

/// A text as the decision gave it: a string, or a map of texts per language
/// (written as a YAML flow mapping, so every language survives a fill).
fn local_value(text: &ennakko::decision::LocalText) -> Value {
    serde_json::to_value(text).unwrap_or(Value::Null)
}

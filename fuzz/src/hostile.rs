//! Generators of the shapes that hand-written attacks found and byte
//! mutations almost never make: deep and long structures sized around the
//! engine's limits, YAML alias graphs, nested template fields.
//!
//! The text targets (`parse`, `check`, `format`, `decision`) take any UTF-8
//! text as before; an input whose first byte is [`MARK`] (never valid UTF-8,
//! so such inputs were ignored before) drives one of these generators with
//! the rest of its bytes instead. The `template` target uses a first byte
//! of [`MARK`] or more the same way.

use arbitrary::{Result, Unstructured};

/// A first byte that hands the rest of the input to a generator here.
pub const MARK: u8 = 0xFF;

/// A size near one of the limits (small and default: nesting 24 and 64,
/// expression depth 48 and 200, decision depth 12 and 32), just past one,
/// or anything up to `max`.
fn size(u: &mut Unstructured, max: usize) -> Result<usize> {
    const NEAR: &[usize] = &[12, 24, 32, 48, 64, 128, 200, 256, 1000];
    let n = if u.ratio(2, 3)? {
        let base = NEAR[u.choose_index(NEAR.len())?];
        (base + u.int_in_range(0..=2usize)?).saturating_sub(1)
    } else {
        u.int_in_range(1..=max)?
    };
    Ok(n.clamp(1, max))
}

fn pick<'s>(u: &mut Unstructured, items: &[&'s str]) -> Result<&'s str> {
    Ok(items[u.choose_index(items.len())?])
}

// ---------------------------------------------------------------- .eva

const L: &str = "fi \"x\" sv \"x\" en \"x\"";

/// String escapes, good and bad.
const ESCAPES: &[&str] = &[
    "\\u0041",
    "\\u00e4",
    "\\r",
    "\\n",
    "\\t",
    "\\\"",
    "\\\\",
    "\\q",
    "\\u",
    "\\u00",
    "\\uD800",
    "\\uDFFF",
    "\\u{41}",
    "\\u{110000}",
    "\\x41",
    "\\0",
    "\\'",
    "\\\r\n",
    "\r",
    "\u{feff}",
    "\u{202e}",
    "a\u{301}",
    "\\u000",
    "\\uZZZZ",
    "\\u0000",
    "\\u000D",
    "\\",
    "\u{1f600}",
];

fn escaped_string(u: &mut Unstructured) -> Result<String> {
    let mut s = String::from("\"");
    let n = u.int_in_range(1..=8usize)?;
    for _ in 0..n {
        s += pick(u, ESCAPES)?;
        if u.ratio(1, 3)? {
            s += "x";
        }
    }
    if !u.ratio(1, 8)? {
        s += "\"";
    }
    Ok(s)
}

/// One level of nesting around `inner`, for every recursive construct.
fn wrap(u: &mut Unstructured, inner: &str) -> Result<String> {
    Ok(match u.int_in_range(0..=16)? {
        // `if` nests without brackets in each of its three parts, and
        // `if (` must not read as a call.
        13 => format!("if (true) then 1 else {inner}"),
        14 => format!("if {inner} then (1) else 2"),
        15 => format!("(if true then {inner} else (2))"),
        16 => format!("{inner} ?? (1)"),
        0 => format!("({inner})"),
        1 => format!("[{inner}]"),
        2 => format!("[1, {inner}, (2)]"),
        3 => format!("abs({inner})"),
        4 => format!("min({inner}, (1))"),
        5 => format!("not {inner}"),
        6 => format!("not ({inner})"),
        7 => format!("-{inner}"),
        8 => format!("-({inner})"),
        9 => format!("any proposal: ({inner})"),
        10 => format!("(all g in groups: ({inner}))"),
        11 => format!("(sum d in domains where ({inner}): (1))"),
        _ => format!("(count alternatives: [{inner}])"),
    })
}

/// A body for a quantifier that holds a bracket (the pre-scan once reset its
/// depth at every `)`).
fn bracket_body(u: &mut Unstructured) -> Result<&'static str> {
    pick(u, &["(true)", "((true))", "[true]", "(fact.urban)", "abs(1) > 0", "(1) < (2)", "\"(\" == \")\""])
}

/// An expression of a hostile shape.
fn expression(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=11)? {
        // `any proposal: (true) and any proposal: (true) and ...`
        0 => {
            let n = size(u, 3000)?;
            let mut parts = Vec::with_capacity(n);
            for _ in 0..n {
                let op = pick(u, &["any", "all"])?;
                let alts = pick(u, &["proposal", "proposals", "alternatives"])?;
                parts.push(format!("{op} {alts}: {}", bracket_body(u)?));
            }
            parts.join(&format!(" {} ", pick(u, &["and", "or"])?))
        }
        // Quantifiers nested in their bodies, each body bracketed.
        1 => {
            let n = size(u, 2000)?;
            let open = if u.arbitrary()? { "any proposal: (" } else { "any proposal: (true) and (" };
            let close = if u.ratio(7, 8)? { ")".repeat(n) } else { ")".repeat(n.saturating_sub(1)) };
            format!("{}true{close}", open.repeat(n))
        }
        // One construct nested n deep.
        2 => {
            let (open, leaf, close) = match u.int_in_range(0..=6)? {
                0 => ("(", "true", ")"),
                1 => ("[", "1", "]"),
                2 => ("abs(", "1", ")"),
                3 => ("not ", "true", ""),
                4 => ("-", "1", ""),
                5 => ("-(", "1", ")"),
                _ => ("not (", "true", ")"),
            };
            let n = size(u, 20_000)?;
            let closers = if u.ratio(7, 8)? { n } else { n.saturating_sub(u.int_in_range(1..=2)?) };
            format!("{}{leaf}{}", open.repeat(n), close.repeat(closers))
        }
        // Every construct mixed, one level at a time.
        3 | 4 => {
            let n = size(u, 600)?;
            let mut e = String::from(if u.arbitrary()? { "true" } else { "1" });
            for _ in 0..n {
                if u.is_empty() {
                    break;
                }
                e = wrap(u, &e)?;
            }
            e
        }
        // Long flat chains.
        5 => {
            let n = size(u, 8000)?;
            let op = pick(u, &[" + ", " and ", " or ", " * ", " - ", "+", " < "])?;
            let leaf = if op.contains("and") || op.contains("or") { "true" } else { "1" };
            vec![leaf; n + 1].join(op)
        }
        6 => {
            let n = size(u, 4000)?;
            format!("{} > 0", vec!["(1)"; n + 1].join(" + "))
        }
        // A call with very many arguments, a list with very many items.
        7 => {
            let n = size(u, 8000)?;
            let call = pick(u, &["min", "max", "abs", "impact", "answered"])?;
            format!("{call}({}) > 0", vec!["1"; n].join(", "))
        }
        8 => {
            let n = size(u, 8000)?;
            format!("\"a\" in [{}]", vec!["\"a\""; n].join(", "))
        }
        // Strings with escapes.
        9 => format!("fact.note == {}", escaped_string(u)?),
        // Unbalanced: closers without openers, openers without closers.
        10 => {
            let n = size(u, 4000)?;
            let piece = pick(u, &[")", "]", "(", "[", "any proposal: (", "(true) and"])?;
            format!("true {}", piece.repeat(n))
        }
        _ => {
            let n = size(u, 300)?;
            format!("{}true{}", "(not (-(abs([(".repeat(n), "))])) > 0))".repeat(n))
        }
    })
}

/// A checklist around hostile expressions and strings. Sizes stay within
/// the default source limit (1 MiB) and often past the small one (64 KiB).
pub fn eva(u: &mut Unstructured) -> Result<String> {
    let mut src = String::new();
    if u.ratio(1, 8)? {
        src += "\u{feff}";
    }
    src += &format!("checklist h {{ title {L} version \"1\" }}\n");
    src += &format!("perspective p {{ label {L} }}\ndomain d {{ label {L} perspective p }}\n");
    if u.ratio(1, 4)? {
        let (a, b, c) = (escaped_string(u)?, escaped_string(u)?, escaped_string(u)?);
        src += &format!("group g {{ label fi {a} sv {b} en {c} }}\n");
    } else {
        src += &format!("group g {{ label {L} }}\n");
    }
    src += &format!(
        "fact cost: number {{ label {L} }}\nfact urban: flag {{ label {L} }}\nfact note: text {{ label {L} }}\n"
    );
    src += &format!("question q: screening {{ text {L} }}\n");
    let rules = u.int_in_range(1..=3)?;
    for i in 0..rules {
        let e = expression(u)?;
        match u.int_in_range(0..=3)? {
            0 => src += &format!("score s{i} {{ label {L} value {e} }}\n"),
            1 => src += &format!("question w{i}: screening {{ text {L} when {e} }}\n"),
            2 => src += &format!("rule r{i}: verdict full {{ each proposal when {e} message {L} }}\n"),
            _ => src += &format!("rule r{i}: verdict full {{ when {e} message {L} }}\n"),
        }
        if src.len() > 900_000 {
            break;
        }
    }
    Ok(src)
}

// ---------------------------------------------------------------- decisions

const BASE: &str = "id: x\ntitle: x\nchecklist: eva\n";
const ALTS: &str = "alternatives:\n  - id: zero\n    kind: zero\n  - id: plan\n    kind: proposal\n";

/// Anchors referenced by many aliases, each referenced again: expansion
/// grows as fanout^levels while the text stays small.
fn alias_graph(u: &mut Unstructured, key: &str) -> Result<String> {
    let levels = u.int_in_range(1..=12usize)?;
    let fanout = u.int_in_range(2..=if levels > 6 { 12 } else { 60usize })?;
    let flow: bool = u.arbitrary()?;
    let mut out = String::new();
    let leaf = pick(u, &["x", "xxxxxxxxxxxxxxxx", "{a: 1, b: [1, 2]}", "[1, 2, 3]", "\"(((\""])?;
    out += &format!("{key}0: &a0 [{}]\n", vec![leaf; fanout].join(", "));
    for l in 1..levels {
        let prev = format!("*a{}", l - 1);
        if flow {
            out += &format!("{key}{l}: &a{l} [{}]\n", vec![prev.as_str(); fanout].join(", "));
        } else {
            out += &format!("{key}{l}: &a{l}\n");
            for k in 0..fanout {
                if u.ratio(1, 4)? {
                    out += &format!("  k{k}: {prev}\n");
                } else {
                    out += &format!("  ? k{k}\n  : {prev}\n");
                }
            }
        }
    }
    if u.ratio(1, 3)? {
        out += &format!("{key}m:\n  <<: *a{}\n", levels - 1);
    }
    Ok(out)
}

const BIG_INTEGERS: &[&str] = &[
    "18446744073709551616",
    "18446744073709551615",
    "-18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "340282366920938463463374607431768211456",
    "0x10000000000000000",
    "0o2000000000000000000000",
    "0b10000000000000000000000000000000000000000000000000000000000000000",
    "1_8446_7440_7370_9551_616",
    "+18446744073709551616",
    "1e400",
    "-1e400",
    "18446744073709551616.0",
    ".inf",
    "-.Inf",
    ".nan",
    "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
];

/// A YAML (or JSON) decision of a hostile shape for the standard checklist.
pub fn decision(u: &mut Unstructured) -> Result<String> {
    let mut text = String::new();
    let boms = u.int_in_range(0..=3)?;
    for _ in 0..boms {
        text += "\u{feff}";
    }
    if u.ratio(1, 4)? {
        text += "---\n";
        if u.ratio(1, 3)? {
            text += "\u{feff}";
        }
    }
    match u.int_in_range(0..=6)? {
        0 | 1 => {
            text += BASE;
            let place = u.int_in_range(0..=3)?;
            let graph = alias_graph(u, "a")?;
            match place {
                0 => {
                    text += &graph;
                    text += ALTS;
                }
                1 => {
                    // Inside facts, aliases used as values.
                    text += "facts:\n";
                    for line in graph.lines() {
                        text += &format!("  {line}\n");
                    }
                    text += ALTS;
                }
                2 => {
                    text += &graph;
                    let last = graph.lines().filter(|l| l.contains('&')).count().saturating_sub(1);
                    text += ALTS;
                    text += &format!("    answers: *a{last}\n    title: *a0\n");
                }
                _ => {
                    text += &graph;
                    let last = graph.lines().filter(|l| l.contains('&')).count().saturating_sub(1);
                    text += &format!(
                        "alternatives: [{{id: zero, kind: zero}}, {{id: plan, kind: proposal, impacts: *a{last}}}]\n"
                    );
                }
            }
        }
        // Deep flow nesting after a `"` the pre-scan may take for a string.
        2 | 3 => {
            text += BASE;
            let n = size(u, 30_000)?;
            let hide = match u.int_in_range(0..=5)? {
                0 => "# it's \"quoted\n".to_string(),
                1 => "# \"\n".to_string(),
                2 => "note: plain \" scalar\n".to_string(),
                3 => "note: a'b\"c\n".to_string(),
                4 => "note: 'single \" inside'\n".to_string(),
                _ => "note: |\n  \"block\n".to_string(),
            };
            text += &hide;
            let (open, close) = match u.int_in_range(0..=3)? {
                0 => ("[", "]"),
                1 => ("{a: ", "}"),
                2 => ("[{a: ", "}]"),
                _ => ("{? ", "}"),
            };
            let closed = u.ratio(3, 4)?;
            text += &format!("meta: {}1{}\n", open.repeat(n), if closed { close.repeat(n) } else { String::new() });
            text += ALTS;
        }
        // Integers past 2^64 wherever numbers go.
        4 | 5 => {
            text += BASE;
            let big = pick(u, BIG_INTEGERS)?;
            match u.int_in_range(0..=4)? {
                0 => text += &format!("facts: {{cost: {big}, budget: {big}}}\n{ALTS}"),
                1 => {
                    text += &format!(
                        "{ALTS}    impacts:\n      - {{group: children, domain: mobility, direction: {big}}}\n"
                    )
                }
                2 => text += &format!("{ALTS}    answers: {{q: {big}}}\n"),
                3 => text += &format!("{big}: {big}\n{ALTS}"),
                _ => text += &format!("meta: [{}]\n{ALTS}", vec![big; u.int_in_range(1..=200usize)?].join(", ")),
            }
        }
        // Deep block nesting.
        _ => {
            text += BASE;
            let n = size(u, 400)?;
            text += "meta:\n";
            for i in 0..n {
                text += &" ".repeat(2 * (i + 1));
                text += if u.ratio(1, 4)? { "- k:\n" } else { "k:\n" };
            }
            text += &" ".repeat(2 * (n + 1));
            text += "x\n";
            text += ALTS;
        }
    }
    Ok(text)
}

// ---------------------------------------------------------------- templates

/// What a generated template is.
pub enum Template {
    Markdown(String),
    Html(String),
    /// The XML of `word/document.xml`.
    DocxXml(String),
}

const FIELDS: &[&str] = &[
    "decision.title",
    "decision.id",
    "fact.cost_eur",
    "alternative.zero.title",
    "alternative.proposal.title",
    "checklist",
    "nothing.here",
    "results",
];

/// A title that would break out of its place if not escaped.
fn hostile_title(u: &mut Unstructured) -> Result<String> {
    let n = u.int_in_range(1..=6usize)?;
    let mut s = String::new();
    for _ in 0..n {
        s += pick(
            u,
            &[
                "~~~",
                "```",
                "|",
                " | a | b |",
                "\n",
                "\r\n",
                "---",
                "# h",
                "<!-- eva:results -->",
                "<b>",
                "&amp;",
                "x",
                "\u{0}",
                "]]>",
                "\"",
                "'",
            ],
        )?;
    }
    Ok(s)
}

fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\n' => out += "\\n",
            '\r' => out += "\\r",
            '\0' => out += "\\0",
            c => out.push(c),
        }
    }
    out + "\""
}

fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\0', "")
}

const DOCX_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";

fn sdt_open(tag: &str, id: usize) -> String {
    format!("<w:sdt><w:sdtPr><w:tag w:val=\"eva:{tag}\"/><w:id w:val=\"{id}\"/><w:text/></w:sdtPr><w:sdtContent>")
}

/// A template document of a hostile shape, for the small checklist.
pub fn template(u: &mut Unstructured) -> Result<Template> {
    let title = hostile_title(u)?;
    Ok(match u.int_in_range(0..=6)? {
        // Word controls nested many levels, each with text runs.
        0 | 1 => {
            let n = size(u, 3000)?;
            let mut body = String::new();
            let inline: bool = u.arbitrary()?;
            body += if inline { "<w:p>" } else { "" };
            for i in 0..n {
                let tag = pick(u, FIELDS)?;
                body += &sdt_open(tag, i + 1);
                if !inline {
                    body += "<w:p>";
                }
                body += &format!("<w:r><w:t xml:space=\"preserve\">{}{i}</w:t></w:r>", xml_text(&title));
                if !inline {
                    body += "</w:p>";
                }
            }
            let closed = if u.ratio(3, 4)? { n } else { u.int_in_range(0..=n)? };
            for _ in 0..closed {
                body += "<w:r><w:t>after</w:t></w:r></w:sdtContent></w:sdt>";
            }
            body += if inline { "</w:p>" } else { "" };
            Template::DocxXml(format!("{DOCX_HEAD}{body}</w:body></w:document>"))
        }
        // Many sibling controls, many unknown ones.
        2 => {
            let n = size(u, 3000)?;
            let mut body = String::new();
            for i in 0..n {
                let tag = if u.ratio(1, 2)? { format!("unknown.f{i}") } else { pick(u, FIELDS)?.to_string() };
                body += &format!(
                    "<w:p>{}<w:r><w:t>{}</w:t></w:r></w:sdtContent></w:sdt></w:p>",
                    sdt_open(&tag, i),
                    xml_text(&title)
                );
            }
            Template::DocxXml(format!("{DOCX_HEAD}{body}</w:body></w:document>"))
        }
        // HTML fields nested, or left unclosed.
        3 | 4 => {
            let n = size(u, 4000)?;
            let nested: bool = u.arbitrary()?;
            let mut body = format!("<!DOCTYPE html><html><head><title>{}</title></head><body>", xml_text(&title));
            let element = pick(u, &["span", "div", "p", "td", "textarea", "select"])?;
            for i in 0..n {
                let field = pick(u, FIELDS)?;
                body += &format!("<{element} data-eva=\"{field}\">{}{i}", xml_text(&title));
                if !nested && u.ratio(1, 2)? {
                    body += &format!("</{element}>");
                }
            }
            if nested && u.ratio(3, 4)? {
                body += &format!("</{element}>").repeat(n);
            }
            if u.arbitrary()? {
                body += "<!-- eva:results --><!-- /eva:results -->";
            }
            body += "</body></html>";
            Template::Html(body)
        }
        // Markdown with many unknown placeholders, unclosed ones, and a
        // title that could restructure the document.
        _ => {
            let n = size(u, 4000)?;
            let mut md = String::from("---\nchecklist: small.eva\nid: x\n");
            md += &format!("title: {}\n", yaml_quoted(&title));
            md += "alternatives:\n  - id: zero\n    kind: zero\n";
            md += &format!("    title: {}\n", yaml_quoted(&hostile_title(u)?));
            md += "  - id: proposal\n    kind: proposal\n---\n\n";
            let kind = u.int_in_range(0..=2)?;
            for i in 0..n {
                match kind {
                    0 => md += &format!("<!-- eva:unknown{i} -->\n"),
                    1 => md += "<!-- eva:results -->\n",
                    _ => {
                        md += &format!(
                            "<!-- eva:{} -->\n",
                            pick(u, &["results", "verdict", "matrix", "findings", "missing", "x"])?
                        )
                    }
                }
            }
            if u.arbitrary()? {
                md += "<!-- /eva:results -->\n";
            }
            Template::Markdown(md)
        }
    })
}

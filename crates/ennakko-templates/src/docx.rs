//! Word `.docx` templates: the fields are content controls (`w:sdt`) whose
//! tag is `eva:<field>`; a block-level control tagged `eva:results` (or
//! another result name) receives the report as real Word paragraphs and
//! tables.
//!
//! Filling rewrites only the main document part, and in it only the content
//! of the result controls: every other byte of `document.xml` and every
//! other zip part (copied raw, still compressed) stays as it was.

use ennakko::message::Message;
use ennakko::t;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Cursor, Read, Write};
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use ennakko::diagnostic::Diagnostic;
use ennakko::report::render::{Block, Table};

use super::fields::{CELL_FIELDS, RawField, RawValue, Tag, parse_tag};
use super::words::W;
use super::{Body, Doc, Form, FormAlternative, Fragments, TemplateError, TemplateFormat, TemplateLimits, esc, plain};

const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const STRICT_NS: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const W14_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordml";
const W15_NS: &str = "http://schemas.microsoft.com/office/word/2012/wordml";

/// A `.docx` read into memory.
pub(crate) struct Package {
    /// The original zip.
    bytes: Vec<u8>,
    /// The main document part's name (`word/document.xml`).
    main: String,
    /// Its text.
    document: String,
    /// Its prefix for the WordprocessingML namespace (`w`).
    prefix: String,
    /// Its content controls.
    sdts: Vec<Sdt>,
    /// Paragraph style ids by lower-case name (`heading 1` → `Heading1`).
    styles: HashMap<String, String>,
    /// Text width of the last section, in twentieths of a point.
    text_width: u32,
    /// The content of the form control (`eva:form`), which filling
    /// rewrites; `true` when it is an empty `<w:sdtContent/>`.
    form: Option<(Range<usize>, bool)>,
    /// The prefixes of the Word 2010 and 2012 namespaces, which the form's
    /// check boxes and repeating sections need.
    w14: Option<String>,
    w15: Option<String>,
}

/// The tag (after `eva:`) of the control holding the form that filling
/// rewrites to ask what now applies.
pub(crate) const FORM: &str = "form";

impl Package {
    /// Whether the document has a form control that filling rewrites.
    pub(crate) fn has_form(&self) -> bool {
        self.form.is_some()
    }

    /// The document's bytes.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// One content control.
#[derive(Debug, Clone, Default)]
struct Sdt {
    tag: Option<String>,
    placeholder: Option<Range<usize>>,
    showing_placeholder: bool,
    items: Vec<(String, String)>,
    dropdown: bool,
    checkbox: Option<bool>,
    /// Between `<w:sdtContent>` and `</w:sdtContent>`.
    content: Option<Range<usize>>,
    /// An empty `<w:sdtContent/>`.
    empty_content: Option<Range<usize>>,
    /// Its text: a range of [`Scan::text`], which holds the text of every
    /// control once (nested controls share it).
    text: Range<usize>,
    /// A result control: its name.
    output: Option<String>,
    /// The first result control inside its content.
    holds_output: Option<String>,
    /// The result control whose content it is in.
    inside_output: Option<String>,
    /// Holds paragraphs and tables (not runs, not cells).
    block: bool,
    /// A row of a repeating section (`w15:repeatingSectionItem`): its number.
    item: Option<usize>,
    /// The innermost repeating-section row it is in.
    in_item: Option<usize>,
    in_pr: bool,
    content_open: bool,
    pr_done: bool,
}

fn error(code: &str, message: Message, help: Message) -> TemplateError {
    Diagnostic::error(code, message).with_help(help).into()
}

fn zip_error(e: zip::result::ZipError) -> TemplateError {
    error(
        "T0003",
        t!("the file is not a readable .docx (zip) document: {e}", e = e),
        t!("open and save it again in Word or LibreOffice as .docx"),
    )
}

/// The number of entries the zip's end record declares, read before the
/// archive is opened (so a forged central directory cannot make it allocate).
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    let start = bytes.len().saturating_sub(65_557);
    let tail = bytes.get(start..)?;
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rec = tail.get(pos..pos + 22)?;
    Some(u64::from(u16::from_le_bytes([rec[10], rec[11]])))
}

/// Every part's compressed bytes must end before the next part (or the
/// central directory) begins. A damaged or forged size would otherwise make
/// `fill`, which copies untouched parts raw, copy other parts' bytes into
/// one part: the output would be a different, larger document each time.
fn check_layout<R: Read + std::io::Seek>(archive: &mut ZipArchive<R>) -> Result<(), TemplateError> {
    let mut spans = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(zip_error)?;
        let name = file.name().map(|n| n.to_string()).unwrap_or_default();
        let data_start = file.data_start().unwrap_or_else(|| file.header_start());
        spans.push((
            file.header_start(),
            data_start.saturating_add(file.compressed_size()),
            file.central_header_start(),
            name,
        ));
    }
    let directory = spans.iter().map(|s| s.2).min().unwrap_or(u64::MAX);
    spans.sort_by_key(|s| s.0);
    for (k, (_, end, _, name)) in spans.iter().enumerate() {
        let next = spans.get(k + 1).map_or(directory, |s| s.0);
        if *end > next {
            return Err(error(
                "T0003",
                t!("the part `{name}` overlaps the next part of the archive: the file is damaged", name = name),
                t!("open and save it again in Word or LibreOffice as .docx"),
            ));
        }
    }
    Ok(())
}

fn read_part<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
    limits: &TemplateLimits,
) -> Result<Option<Vec<u8>>, TemplateError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e)),
    };
    if file.encrypted() {
        return Err(error(
            "T0003",
            t!("the part `{name}` is encrypted", name = name),
            t!("remove the password protection"),
        ));
    }
    let too_big = || {
        error(
            "T0004",
            t!("the part `{name}` is larger than {} bytes uncompressed", limits.max_part_bytes ; name = name),
            t!("this looks like a zip bomb; if the document is real, raise `max_part_bytes`"),
        )
    };
    if file.size() > limits.max_part_bytes {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    file.take(limits.max_part_bytes + 1).read_to_end(&mut buf).map_err(|e| {
        error(
            "T0003",
            t!("the part `{name}` cannot be decompressed: {e}", name = name, e = e),
            t!("open and save it again as .docx"),
        )
    })?;
    if buf.len() as u64 > limits.max_part_bytes {
        return Err(too_big());
    }
    Ok(Some(buf))
}

fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The targets of the relationships of one type in a `.rels` part.
fn relationship(xml: &[u8], type_suffix: &str) -> Option<String> {
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship"
                    && attr(&e, b"Type").is_some_and(|t| t.ends_with(type_suffix)) =>
            {
                return attr(&e, b"Target");
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Resolves a relationship target against the folder of its source part.
fn resolve(folder: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

pub(crate) fn read(bytes: &[u8], limits: &TemplateLimits) -> Result<Doc, TemplateError> {
    if let Some(n) = declared_entries(bytes)
        && n > limits.max_zip_entries as u64
    {
        return Err(error(
            "T0004",
            t!("the zip archive declares {n} entries; the limit is {}", limits.max_zip_entries ; n = n),
            t!("a Word document has a few dozen parts; raise `max_zip_entries` if this one is real"),
        ));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    if archive.len() > limits.max_zip_entries {
        return Err(error(
            "T0004",
            t!("the zip archive has {} entries; the limit is {}", archive.len(), limits.max_zip_entries),
            t!("a Word document has a few dozen parts; raise `max_zip_entries` if this one is real"),
        ));
    }
    check_layout(&mut archive)?;
    let main = read_part(&mut archive, "_rels/.rels", limits)?
        .and_then(|rels| relationship(&rels, "/officeDocument"))
        .map_or_else(|| "word/document.xml".to_string(), |t| resolve("", &t));
    let Some(raw) = read_part(&mut archive, &main, limits)? else {
        return Err(error(
            "T0005",
            t!("the document has no main part `{main}`", main = main),
            t!("this is not a Word document; save it as .docx"),
        ));
    };
    let document = String::from_utf8(raw).map_err(|_| {
        error(
            "T0005",
            t!("`{main}` is not UTF-8 XML", main = main),
            t!("save the document again in Word or LibreOffice"),
        )
    })?;
    let scan = scan(&document)?;
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name =
        if folder.is_empty() { format!("_rels/{file}.rels") } else { format!("{folder}/_rels/{file}.rels") };
    let styles_name = read_part(&mut archive, &rels_name, limits)
        .ok()
        .flatten()
        .and_then(|rels| relationship(&rels, "/styles"))
        .map(|t| resolve(folder, &t));
    let styles = match styles_name {
        Some(name) => read_part(&mut archive, &name, limits).ok().flatten().map(|x| style_ids(&x)).unwrap_or_default(),
        None => HashMap::new(),
    };
    let mut fields = Vec::new();
    let mut outputs = Vec::new();
    let mut problems = super::problems::Problems::default();
    // Nested controls share their text; copying it for each field must
    // not multiply the document.
    let budget = document.len().saturating_mul(4).saturating_add(64 << 10);
    let mut copied = 0usize;
    let mut form = None;
    let mut rows = Vec::new();
    for s in &scan.sdts {
        let Some(tag) = s.tag.as_deref().and_then(|t| t.trim().strip_prefix("eva:")) else { continue };
        let name = tag.trim().to_string();
        if name == FORM {
            if !s.block {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    Diagnostic::error("T0110", t!("the form control `eva:form` is inside a paragraph"))
                        .with_help(t!(
                            "put the content control around whole paragraphs and tables (a block-level control)"
                        ))
                        .at_path("eva:form")
                });
            } else if let Some(out) = s.holds_output.as_deref().or(s.inside_output.as_deref()) {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    Diagnostic::error(
                        "T0111",
                        t!("the form control `eva:form` and the result control `eva:{out}` overlap: filling would write one over the other", out = out),
                    )
                    .with_help(t!("keep the form and the results apart: move one out of the other"))
                    .at_path("eva:form")
                });
            } else if form.is_none() {
                form = match (&s.content, &s.empty_content) {
                    (Some(c), _) => Some((c.clone(), false)),
                    (None, Some(e)) => Some((e.clone(), true)),
                    (None, None) => None,
                };
            }
            continue;
        }
        if let Ok(Tag::Output(out)) = parse_tag(&name) {
            if !s.block {
                problems.add_with(ennakko::diagnostic::Severity::Error, || {
                    Diagnostic::error("T0110", t!("the result control `eva:{name}` is inside a paragraph", name = name))
                        .with_help(t!("put the content control around whole paragraphs (a block-level control), so tables fit in it"))
                        .at_path(format!("eva:{name}"))
                });
            }
            outputs.push(out.to_string());
            continue;
        }
        let value = if s.showing_placeholder {
            RawValue::Text(String::new())
        } else if let Some(checked) = s.checkbox {
            RawValue::Flag(checked)
        } else {
            let mut text = scan.text.get(s.text.clone()).unwrap_or("");
            if text.len() > MAX_FIELD_TEXT {
                let mut cut = MAX_FIELD_TEXT;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text = &text[..cut];
            }
            copied = copied.saturating_add(text.len());
            if copied > budget {
                return Err(error(
                    "T0004",
                    t!(
                        "the content controls are nested in one another so deeply that their text adds up to more than four times the document"
                    ),
                    t!("do not put eva: content controls inside one another"),
                ));
            }
            let shown = text.trim().to_string();
            match s.items.iter().find(|(display, value)| *display == shown || (!value.is_empty() && *value == shown)) {
                Some((_, value)) if s.dropdown => RawValue::Exact(value.clone()),
                _ => RawValue::Text(shown),
            }
        };
        let has_content = s.content.is_some() || s.empty_content.is_some();
        let (holds, inside) =
            if has_content { (s.holds_output.as_deref(), s.inside_output.as_deref()) } else { (None, None) };
        let message = match (holds, inside) {
            (Some(out), _) => Some(t!(
                "the field `{name}` holds the result control `eva:{out}`: its text would take in the results",
                name = name,
                out = out
            )),
            (None, Some(out)) => Some(t!(
                "the field `{name}` is inside the result control `eva:{out}`: filling would remove it",
                name = name,
                out = out
            )),
            (None, None) => None,
        };
        if let Some(message) = message {
            problems.add_with(ennakko::diagnostic::Severity::Error, || {
                Diagnostic::error("T0111", message)
                    .with_help(t!("keep fields and result controls apart: move one out of the other"))
                    .at_path(format!("eva:{name}"))
            });
        }
        fields.push(RawField { name, value, at: None });
        rows.push(s.in_item);
    }
    let fields = super::fields::resolve_rows(fields, &rows, &mut problems);
    let checklist = fields
        .iter()
        .find(|f| f.name == "checklist")
        .and_then(|f| match &f.value {
            RawValue::Text(t) | RawValue::Exact(t) => Some(t.trim().to_string()),
            RawValue::Flag(_) => None,
        })
        .filter(|c| !c.is_empty());
    Ok(Doc {
        format: TemplateFormat::Docx,
        checklist,
        yaml: None,
        fields,
        outputs,
        problems,
        body: Body::Docx(Package {
            bytes: bytes.to_vec(),
            main,
            document,
            prefix: scan.prefix,
            sdts: scan.sdts,
            styles,
            text_width: scan.text_width,
            form,
            w14: scan.w14,
            w15: scan.w15,
        }),
    })
}

struct Scan {
    prefix: String,
    /// The prefixes the root binds to the Word 2010 and 2012 namespaces.
    w14: Option<String>,
    w15: Option<String>,
    sdts: Vec<Sdt>,
    /// The text of the content controls, each run once.
    text: String,
    text_width: u32,
}

/// The most text one field's value keeps.
const MAX_FIELD_TEXT: usize = 1 << 20;

/// Adds text to the controls whose content is open (`open` of them): once,
/// to the shared text, of which each control keeps a range.
fn push_text(shared: &mut String, open: usize, text: &str) {
    if open > 0 {
        shared.push_str(text);
    }
}

/// The name of the result control a control's tag names, if it is one.
fn output_name(tag: Option<&str>) -> Option<String> {
    let name = tag?.trim().strip_prefix("eva:")?.trim();
    matches!(parse_tag(name), Ok(Tag::Output(_))).then(|| name.to_string())
}

/// Paragraph style ids by lower-case style name.
fn style_ids(xml: &[u8]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_reader(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"style" => {
                current = (attr(&e, b"type").as_deref() == Some("paragraph")).then(|| attr(&e, b"styleId")).flatten();
            }
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == b"name" => {
                if let (Some(id), Some(name)) = (&current, attr(&e, b"val")) {
                    out.insert(name.to_lowercase(), id.clone());
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Reads the main document: its namespace prefix, content controls and page width.
fn scan(doc: &str) -> Result<Scan, TemplateError> {
    let mut reader = Reader::from_str(doc);
    let mut prefix: Option<String> = None;
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut open: Vec<Sdt> = Vec::new();
    let mut done: Vec<(usize, Sdt)> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut shared = String::new();
    let mut contents = 0usize;
    let mut in_t = 0usize;
    let mut items = 0usize;
    let (mut w14, mut w15) = (None, None);
    let (mut page_w, mut margin_l, mut margin_r) = (11_906u32, 1_134u32, 1_134u32);
    let bad_xml = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| {
        let at = reader.error_position() as usize;
        let (line, column) = super::markers::line_col(doc, at);
        error(
            "T0005",
            t!(
                "the document's XML is broken at line {line}, column {column}: {e}",
                line = line,
                column = column,
                e = e
            ),
            t!("open and save the document again in Word or LibreOffice"),
        )
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(bad_xml(&reader, &e)),
        };
        let after = reader.buffer_position() as usize;
        let p: &[u8] = prefix.as_deref().map_or(b"", str::as_bytes);
        let is = |qname: &[u8], local: &str| -> bool {
            match qname.strip_prefix(p) {
                Some(rest) => !p.is_empty() && rest.first() == Some(&b':') && &rest[1..] == local.as_bytes(),
                None => false,
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let qname = e.name().as_ref().to_vec();
                if prefix.is_none() {
                    let found = e.attributes().filter_map(Result::ok).find_map(|a| {
                        let key = a.key.as_ref();
                        let value = a.unescape_value().ok()?;
                        let ns = value == MAIN_NS || value == STRICT_NS;
                        key.strip_prefix(b"xmlns:").filter(|_| ns).map(|k| String::from_utf8_lossy(k).into_owned())
                    });
                    for a in e.attributes().filter_map(Result::ok) {
                        let Some(key) = a.key.as_ref().strip_prefix(b"xmlns:") else { continue };
                        let key = String::from_utf8_lossy(key).into_owned();
                        match a.unescape_value().ok().as_deref() {
                            Some(W14_NS) => w14 = Some(key),
                            Some(W15_NS) => w15 = Some(key),
                            _ => {}
                        }
                    }
                    match found {
                        Some(found) => prefix = Some(found),
                        None => {
                            return Err(error(
                                "T0005",
                                t!("the main document does not declare the WordprocessingML namespace with a prefix"),
                                t!("save the document again in Word or LibreOffice"),
                            ));
                        }
                    }
                    if !empty {
                        stack.push(qname);
                    }
                    continue;
                }
                let parent_local = stack.last().map(|q| local_of(q).to_vec()).unwrap_or_default();
                if is(&qname, "sdt") {
                    let block = match parent_local.as_slice() {
                        b"body" | b"tc" | b"txbxContent" | b"comment" | b"footnote" | b"endnote" | b"hdr" | b"ftr"
                        | b"docPartBody" => true,
                        b"sdtContent" => open.last().is_some_and(|s| s.block),
                        _ => false,
                    };
                    let inside_output = open
                        .last()
                        .filter(|parent| parent.content_open)
                        .and_then(|parent| parent.inside_output.clone().or_else(|| parent.output.clone()));
                    let in_item = open.last().filter(|parent| parent.content_open).and_then(|p| p.item.or(p.in_item));
                    open.push(Sdt { block, inside_output, in_item, ..Sdt::default() });
                    starts.push(before);
                } else if let Some(s) = open.last_mut() {
                    if is(&qname, "sdtPr") && !s.pr_done && !s.content_open {
                        s.in_pr = !empty;
                    } else if s.in_pr {
                        let local = local_of(&qname);
                        match local {
                            b"tag" => s.tag = attr(e, b"val"),
                            b"showingPlcHdr" => {
                                s.showing_placeholder = attr(e, b"val").is_none_or(|v| v != "0" && v != "false");
                                if empty {
                                    s.placeholder = Some(before..after);
                                }
                            }
                            b"dropDownList" | b"comboBox" => s.dropdown = true,
                            b"repeatingSectionItem" if s.item.is_none() => {
                                s.item = Some(items);
                                items += 1;
                            }
                            b"listItem" => {
                                let value = attr(e, b"value").unwrap_or_default();
                                let display = attr(e, b"displayText").unwrap_or_else(|| value.clone());
                                s.items.push((display, value));
                            }
                            b"checkbox" => s.checkbox = Some(s.checkbox.unwrap_or(false)),
                            b"checked" => {
                                s.checkbox =
                                    Some(attr(e, b"val").is_some_and(|v| v == "1" || v == "true" || v == "on"));
                            }
                            _ => {}
                        }
                    } else if is(&qname, "sdtContent") && !s.content_open && s.content.is_none() {
                        if empty {
                            s.empty_content = Some(before..after);
                        } else {
                            s.content_open = true;
                            s.content = Some(after..after);
                            s.text = shared.len()..shared.len();
                            contents += 1;
                        }
                    } else if is(&qname, "t") && !empty {
                        in_t += 1;
                    } else if is(&qname, "tab") {
                        push_text(&mut shared, contents, "\t");
                    } else if is(&qname, "br") || is(&qname, "cr") {
                        push_text(&mut shared, contents, "\n");
                    }
                }
                if is(&qname, "pgSz") {
                    page_w = attr(e, b"w").and_then(|v| v.parse().ok()).unwrap_or(page_w);
                } else if is(&qname, "pgMar") {
                    margin_l = attr(e, b"left").and_then(|v| v.parse().ok()).unwrap_or(margin_l);
                    margin_r = attr(e, b"right").and_then(|v| v.parse().ok()).unwrap_or(margin_r);
                }
                if !empty {
                    stack.push(qname);
                }
            }
            Event::End(ref e) => {
                stack.pop();
                let qname = e.name().as_ref().to_vec();
                if is(&qname, "sdt") {
                    if let (Some(mut s), Some(start)) = (open.pop(), starts.pop()) {
                        if s.content_open {
                            s.content_open = false;
                            s.text.end = shared.len();
                            contents = contents.saturating_sub(1);
                        }
                        // What it is or holds, its parent holds.
                        if let Some(parent) = open.last_mut().filter(|p| p.content_open && p.holds_output.is_none()) {
                            parent.holds_output = s.output.clone().or_else(|| s.holds_output.clone());
                        }
                        done.push((start, s));
                    }
                } else if let Some(s) = open.last_mut() {
                    if is(&qname, "sdtPr") && s.in_pr {
                        s.in_pr = false;
                        s.pr_done = true;
                        s.output = output_name(s.tag.as_deref());
                    } else if is(&qname, "sdtContent") && s.content_open {
                        s.content_open = false;
                        if let Some(c) = s.content.as_mut() {
                            c.end = before;
                        }
                        s.text.end = shared.len();
                        contents = contents.saturating_sub(1);
                    } else if is(&qname, "t") {
                        in_t = in_t.saturating_sub(1);
                    } else if is(&qname, "p") {
                        push_text(&mut shared, contents, "\n");
                    }
                }
            }
            Event::Text(t) if in_t > 0 => {
                let text = t.decode().map_err(|e| bad_xml(&reader, &e))?;
                push_text(&mut shared, contents, &text);
            }
            Event::CData(t) if in_t > 0 => {
                let text = t.decode().map_err(|e| bad_xml(&reader, &e))?;
                push_text(&mut shared, contents, &text);
            }
            Event::GeneralRef(r) if in_t > 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.decode().as_deref() {
                        Ok("amp") => Some('&'),
                        Ok("lt") => Some('<'),
                        Ok("gt") => Some('>'),
                        Ok("quot") => Some('"'),
                        Ok("apos") => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut shared, contents, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() || !stack.is_empty() {
        return Err(error(
            "T0005",
            t!("the document's XML ends too early"),
            t!("save the document again in Word or LibreOffice"),
        ));
    }
    done.sort_by_key(|(start, _)| *start);
    let text_width = page_w.saturating_sub(margin_l + margin_r).clamp(2_000, 30_000);
    Ok(Scan {
        prefix: prefix.unwrap_or_else(|| "w".into()),
        w14,
        w15,
        sdts: done.into_iter().map(|(_, s)| s).collect(),
        text: shared,
        text_width,
    })
}

fn local_of(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => &qname[i + 1..],
        None => qname,
    }
}

// ---- filling ------------------------------------------------------------------------

/// A copy of the document with the results written into the result
/// controls (when `fragments` are given) and the form control's content
/// replaced by `form` (when given).
pub(crate) fn fill(
    package: &Package,
    fragments: Option<&Fragments>,
    form: Option<&Form>,
) -> Result<Vec<u8>, TemplateError> {
    let x = Xml::new(&package.prefix);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    if let (Some(form), Some((range, empty))) = (form, &package.form) {
        let (Some(w14), Some(w15)) = (&package.w14, &package.w15) else {
            return Err(error(
                "T0112",
                t!(
                    "the document has a form control (`eva:form`) but does not declare the Word 2010 and 2012 namespaces its fields need"
                ),
                t!("start from `ennakko template init`, or remove the content control tagged eva:form"),
            ));
        };
        let body = form_xml(form, &package.prefix, w14, w15);
        let body = if *empty { format!("<{0}sdtContent>{body}</{0}sdtContent>", x.p) } else { body };
        edits.push((range.clone(), body));
    }
    for (s, fragments) in package.sdts.iter().filter_map(|s| Some((s, fragments?))) {
        let Some(name) = s.tag.as_deref().and_then(|t| t.trim().strip_prefix("eva:")).map(str::trim) else { continue };
        if !matches!(parse_tag(name), Ok(Tag::Output(_))) || !s.block {
            continue;
        }
        let Some(blocks) = fragments.blocks(name) else { continue };
        let body = Writer { x: &x, styles: &package.styles, width: package.text_width }.blocks(&blocks);
        if let Some(plc) = &s.placeholder {
            edits.push((plc.clone(), String::new()));
        }
        match (&s.content, &s.empty_content) {
            (Some(c), _) => edits.push((c.clone(), body)),
            (None, Some(e)) => edits.push((e.clone(), format!("<{0}sdtContent>{body}</{0}sdtContent>", x.p))),
            (None, None) => {}
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let doc = &package.document;
    let mut out = String::with_capacity(doc.len() + 65_536);
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at || range.end > doc.len() {
            continue;
        }
        out.push_str(doc.get(at..range.start).unwrap_or(""));
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(doc.get(at..).unwrap_or(""));
    rewrite(&package.bytes, &package.main, out.as_bytes())
}

/// A copy of the zip with one part replaced; every other entry is copied
/// raw (compressed bytes, names, times unchanged).
fn rewrite(zip_bytes: &[u8], part: &str, content: &[u8]) -> Result<Vec<u8>, TemplateError> {
    let mut archive = ZipArchive::new(Cursor::new(zip_bytes)).map_err(zip_error)?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(zip_bytes.len() + content.len())));
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(zip_error)?;
        let is_part = file.name().map(|n| n == part).unwrap_or(false);
        if is_part {
            let time = file.last_modified().unwrap_or_default();
            drop(file);
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(time);
            writer.start_file(part, options).map_err(zip_error)?;
            writer.write_all(content).map_err(|e| zip_error(e.into()))?;
        } else {
            writer.raw_copy_file(file).map_err(zip_error)?;
        }
    }
    writer.finish().map(Cursor::into_inner).map_err(zip_error)
}

// ---- WordprocessingML writing -----------------------------------------------------------

/// Element names with the document's prefix.
struct Xml {
    p: String,
}

impl Xml {
    fn new(prefix: &str) -> Xml {
        Xml { p: if prefix.is_empty() { String::new() } else { format!("{prefix}:") } }
    }

    /// `<w:t>` runs for text, with `<w:br/>` for new lines and `<w:tab/>` for tabs.
    fn runs(&self, text: &str, rpr: &str) -> String {
        let p = &self.p;
        let rpr = if rpr.is_empty() { String::new() } else { format!("<{p}rPr>{rpr}</{p}rPr>") };
        let mut out = String::new();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                let _ = write!(out, "<{p}r>{rpr}<{p}br/></{p}r>");
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    let _ = write!(out, "<{p}r>{rpr}<{p}tab/></{p}r>");
                }
                if !part.is_empty() {
                    let _ = write!(out, "<{p}r>{rpr}<{p}t xml:space=\"preserve\">{}</{p}t></{p}r>", esc(part));
                }
            }
        }
        out
    }

    fn para(&self, ppr: &str, rpr: &str, text: &str) -> String {
        let p = &self.p;
        let ppr = if ppr.is_empty() { String::new() } else { format!("<{p}pPr>{ppr}</{p}pPr>") };
        format!("<{p}p>{ppr}{}</{p}p>", self.runs(text, rpr))
    }
}

/// Writes report blocks as paragraphs and tables.
struct Writer<'a> {
    x: &'a Xml,
    styles: &'a HashMap<String, String>,
    width: u32,
}

fn shading(class: &str) -> Option<(&'static str, bool)> {
    Some(match class {
        "neg2" => ("A40E26", true),
        "neg1" => ("F6C3C8", false),
        "zero" => ("EEF1F4", false),
        "pos1" => ("B9E3C6", false),
        "pos2" => ("1A7F37", true),
        "mixed" | "unknown" => ("F4DD8B", false),
        _ => return None,
    })
}

impl Writer<'_> {
    fn blocks(&self, blocks: &[Block]) -> String {
        let mut out = String::new();
        let mut last_table = true;
        for b in blocks {
            self.block(&mut out, b, "", &mut last_table);
        }
        if last_table {
            let _ = write!(out, "<{0}p/>", self.x.p);
        }
        out
    }

    fn block(&self, out: &mut String, block: &Block, section: &str, last_table: &mut bool) {
        let p = &self.x.p;
        *last_table = false;
        match block {
            Block::Heading(level, text) => {
                let style = self.styles.get(&format!("heading {level}"));
                let (ppr, rpr) = match style {
                    Some(id) => (format!("<{p}pStyle {p}val=\"{}\"/><{p}keepNext/>", esc(id)), String::new()),
                    None => {
                        let size = match level {
                            1 => 32,
                            2 => 26,
                            _ => 22,
                        };
                        (
                            format!("<{p}keepNext/><{p}spacing {p}before=\"240\" {p}after=\"80\"/>"),
                            format!("<{p}b/><{p}sz {p}val=\"{size}\"/><{p}szCs {p}val=\"{size}\"/>"),
                        )
                    }
                };
                out.push_str(&self.x.para(&ppr, &rpr, text));
            }
            Block::Para(text) if section == "title" => {
                out.push_str(&self.x.para("", &format!("<{p}color {p}val=\"57606A\"/>"), text));
            }
            Block::Para(text) => out.push_str(&self.x.para("", "", text)),
            Block::Callout(text, class) => {
                let (line, fill) = match *class {
                    "verdict-full" => ("A40E26", "FBE9EB"),
                    "verdict-light" => ("BF8700", "FFF8C5"),
                    _ => ("1A7F37", "DAFBE1"),
                };
                let ppr = format!(
                    "<{p}keepNext/><{p}pBdr><{p}left {p}val=\"single\" {p}sz=\"36\" {p}space=\"8\" {p}color=\"{line}\"/></{p}pBdr>\
                     <{p}shd {p}val=\"clear\" {p}color=\"auto\" {p}fill=\"{fill}\"/><{p}spacing {p}before=\"120\" {p}after=\"120\"/>\
                     <{p}ind {p}left=\"170\"/>"
                );
                out.push_str(&self.x.para(
                    &ppr,
                    &format!("<{p}b/><{p}sz {p}val=\"26\"/><{p}szCs {p}val=\"26\"/>"),
                    text,
                ));
            }
            Block::List(items) if section == "legend" => {
                let rpr = format!("<{p}color {p}val=\"57606A\"/><{p}sz {p}val=\"16\"/><{p}szCs {p}val=\"16\"/>");
                out.push_str(&self.x.para("", &rpr, &items.join("   ·   ")));
            }
            Block::List(items) => {
                for item in items {
                    let ppr = format!("<{p}spacing {p}after=\"40\"/><{p}ind {p}left=\"357\" {p}hanging=\"238\"/>");
                    out.push_str(&self.x.para(&ppr, "", &format!("•\t{item}")));
                }
            }
            Block::Table(t) => {
                self.table(out, t);
                *last_table = true;
            }
            Block::Section(class, blocks) => {
                for b in blocks {
                    self.block(out, b, class, last_table);
                }
            }
        }
    }

    fn table(&self, out: &mut String, t: &Table) {
        let p = &self.x.p;
        let n = t.head.len().max(t.rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
        let w = self.width;
        let widths: Vec<u32> = match (t.class, n) {
            ("calc", 3) => vec![w / 5, w / 5, w - 2 * (w / 5)],
            (_, 1) => vec![w],
            (class, n) => {
                let first = if class == "compare" { w * 34 / 100 } else { (w * 22 / 100).min(2_400) };
                let rest = (w - first) / (n as u32 - 1);
                let mut v = vec![first];
                v.extend(std::iter::repeat_n(rest, n - 1));
                v
            }
        };
        let size = match (t.class, n) {
            ("matrix", n) if n > 6 => 14,
            ("matrix" | "calc", _) => 16,
            _ => 18,
        };
        if let Some(caption) = &t.caption {
            let rpr = format!("<{p}i/><{p}color {p}val=\"57606A\"/><{p}sz {p}val=\"16\"/><{p}szCs {p}val=\"16\"/>");
            out.push_str(&self.x.para(&format!("<{p}keepNext/><{p}spacing {p}after=\"40\"/>"), &rpr, caption));
        }
        let border =
            |side: &str| format!("<{p}{side} {p}val=\"single\" {p}sz=\"4\" {p}space=\"0\" {p}color=\"B8C0C8\"/>");
        let borders: String =
            ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
        let _ = write!(
            out,
            "<{p}tbl><{p}tblPr><{p}tblW {p}w=\"{total}\" {p}type=\"dxa\"/><{p}tblBorders>{borders}</{p}tblBorders>\
             <{p}tblLayout {p}type=\"fixed\"/><{p}tblCellMar><{p}left {p}w=\"57\" {p}type=\"dxa\"/><{p}right {p}w=\"57\" {p}type=\"dxa\"/></{p}tblCellMar>\
             <{p}tblLook {p}val=\"0020\" {p}firstRow=\"1\" {p}lastRow=\"0\" {p}firstColumn=\"1\" {p}lastColumn=\"0\" {p}noHBand=\"1\" {p}noVBand=\"1\"/>{caption}</{p}tblPr><{p}tblGrid>",
            total = widths.iter().sum::<u32>(),
            caption = t.caption.as_ref().map(|c| format!("<{p}tblCaption {p}val=\"{}\"/>", esc(c))).unwrap_or_default(),
        );
        for wd in &widths {
            let _ = write!(out, "<{p}gridCol {p}w=\"{wd}\"/>");
        }
        let _ = write!(out, "</{p}tblGrid>");
        let center = matches!(t.class, "matrix" | "compare");
        let cell = |out: &mut String, i: usize, text: &str, fill: Option<&str>, white: bool, bold: bool, grey: bool| {
            let wd = widths.get(i).copied().unwrap_or(widths[widths.len() - 1]);
            let shd = fill
                .map(|f| format!("<{p}shd {p}val=\"clear\" {p}color=\"auto\" {p}fill=\"{f}\"/>"))
                .unwrap_or_default();
            let jc = if center && i > 0 { format!("<{p}jc {p}val=\"center\"/>") } else { String::new() };
            let mut rpr = String::new();
            if bold {
                let _ = write!(rpr, "<{p}b/>");
            }
            if white {
                let _ = write!(rpr, "<{p}color {p}val=\"FFFFFF\"/>");
            } else if grey {
                let _ = write!(rpr, "<{p}color {p}val=\"57606A\"/>");
            }
            let _ = write!(rpr, "<{p}sz {p}val=\"{size}\"/><{p}szCs {p}val=\"{size}\"/>");
            let ppr = format!("<{p}spacing {p}before=\"20\" {p}after=\"20\"/>{jc}");
            let _ = write!(
                out,
                "<{p}tc><{p}tcPr><{p}tcW {p}w=\"{wd}\" {p}type=\"dxa\"/>{shd}</{p}tcPr>{}</{p}tc>",
                self.x.para(&ppr, &rpr, text)
            );
        };
        let _ = write!(out, "<{p}tr><{p}trPr><{p}cantSplit/><{p}tblHeader/></{p}trPr>");
        for i in 0..n {
            let h = t.head.get(i).map_or("", String::as_str);
            cell(out, i, h, Some("EEF1F4"), false, true, false);
        }
        let _ = write!(out, "</{p}tr>");
        for row in &t.rows {
            let _ = write!(out, "<{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
            for i in 0..n {
                let Some(c) = row.get(i) else {
                    cell(out, i, "", None, false, false, false);
                    continue;
                };
                let look = c.class.and_then(shading);
                let grey = c.class == Some("none");
                let first = i == 0;
                cell(
                    out,
                    i,
                    &c.text,
                    look.map(|l| l.0).or(first.then_some("FBFCFD")),
                    look.is_some_and(|l| l.1),
                    first || look.is_some_and(|l| l.1),
                    grey,
                );
            }
            let _ = write!(out, "</{p}tr>");
        }
        let _ = write!(out, "</{p}tbl>");
    }
}

// ---- generating a template --------------------------------------------------------------

const FIXED_TIME: DateTime = DateTime::DEFAULT;

/// Builds the document of a template.
struct Gen<'f> {
    form: &'f Form<'f>,
    x: Xml,
    out: String,
    next_id: u32,
    /// Prefixes of the Word 2010 (check boxes) and 2012 (repeating
    /// sections) namespaces.
    w14: String,
    w15: String,
    /// The help shown as the next control's placeholder text.
    help: Option<String>,
}

const WIDTH: u32 = 9_638;

impl Gen<'_> {
    fn w(&self, word: W) -> &'static str {
        self.form.w(word)
    }

    fn heading(&mut self, level: u8, text: &str) {
        let p = &self.x.p;
        let para = self.x.para(&format!("<{p}pStyle {p}val=\"Heading{level}\"/>"), "", text);
        self.out.push_str(&para);
    }

    fn styled(&mut self, style: &str, text: &str) {
        let p = &self.x.p;
        let para = self.x.para(&format!("<{p}pStyle {p}val=\"{style}\"/>"), "", text);
        self.out.push_str(&para);
    }

    /// An inline content control.
    fn control(&mut self, tag: &str, alias: &str, kind: Control, value: Option<String>, small: bool) -> String {
        let help = self.help.take();
        let p = &self.x.p;
        self.next_id += 1;
        let id = self.next_id;
        let alias: String = alias.chars().take(60).collect();
        let size = if small { format!("<{p}sz {p}val=\"16\"/><{p}szCs {p}val=\"16\"/>") } else { String::new() };
        let mut pr = format!(
            "<{p}sdtPr><{p}rPr>{size}</{p}rPr><{p}alias {p}val=\"{}\"/><{p}tag {p}val=\"eva:{}\"/><{p}id {p}val=\"{id}\"/>",
            esc(&alias),
            esc(tag)
        );
        let shown: Option<String> = match &kind {
            Control::Drop(items) => {
                value.as_ref().and_then(|v| items.iter().find(|(_, iv)| iv == v).map(|(d, _)| d.clone()))
            }
            _ => value.clone().filter(|v| !v.is_empty()),
        };
        let placeholder = shown.is_none() && !matches!(kind, Control::Check);
        if placeholder {
            let _ = write!(pr, "<{p}showingPlcHdr/>");
        }
        let content = match &kind {
            Control::Drop(items) => {
                let _ = write!(pr, "<{p}dropDownList>");
                let _ = write!(pr, "<{p}listItem {p}displayText=\"– {} –\" {p}value=\"\"/>", esc(self.w(W::Choose)));
                for (display, value) in items {
                    let _ =
                        write!(pr, "<{p}listItem {p}displayText=\"{}\" {p}value=\"{}\"/>", esc(display), esc(value));
                }
                let _ = write!(pr, "</{p}dropDownList>");
                shown.clone().unwrap_or_else(|| help.unwrap_or_else(|| format!("– {} –", self.w(W::Choose))))
            }
            Control::Text { multiline } => {
                let ml = if *multiline { format!(" {p}multiLine=\"1\"") } else { String::new() };
                let _ = write!(pr, "<{p}text{ml}/>");
                shown.clone().unwrap_or_else(|| help.unwrap_or_else(|| self.w(W::TypeHere).to_string()))
            }
            Control::Check => {
                let checked = value.as_deref() == Some("true");
                let _ = write!(
                    pr,
                    "<{w}:checkbox><{w}:checked {w}:val=\"{}\"/><{w}:checkedState {w}:val=\"2612\" {w}:font=\"MS Gothic\"/>\
                     <{w}:uncheckedState {w}:val=\"2610\" {w}:font=\"MS Gothic\"/></{w}:checkbox>",
                    u8::from(checked),
                    w = self.w14
                );
                if checked { "☒".into() } else { "☐".into() }
            }
        };
        let _ = write!(pr, "</{p}sdtPr>");
        let mut rpr = String::new();
        if placeholder {
            let _ = write!(rpr, "<{p}rStyle {p}val=\"PlaceholderText\"/>");
        }
        if matches!(kind, Control::Check) {
            let _ = write!(
                rpr,
                "<{p}rFonts {p}ascii=\"MS Gothic\" {p}eastAsia=\"MS Gothic\" {p}hAnsi=\"MS Gothic\" {p}hint=\"eastAsia\"/>"
            );
        }
        rpr.push_str(&size);
        format!("<{p}sdt>{pr}<{p}sdtContent>{}</{p}sdtContent></{p}sdt>", self.x.runs(&content, &rpr))
    }

    fn table_start(&mut self, widths: &[u32]) {
        let p = &self.x.p;
        let _ = write!(
            self.out,
            "<{p}tbl><{p}tblPr><{p}tblStyle {p}val=\"TableGrid\"/><{p}tblW {p}w=\"{}\" {p}type=\"dxa\"/><{p}tblLayout {p}type=\"fixed\"/>\
             <{p}tblLook {p}val=\"0020\" {p}firstRow=\"1\" {p}lastRow=\"0\" {p}firstColumn=\"1\" {p}lastColumn=\"0\" {p}noHBand=\"1\" {p}noVBand=\"1\"/></{p}tblPr><{p}tblGrid>",
            widths.iter().sum::<u32>()
        );
        for w in widths {
            let _ = write!(self.out, "<{p}gridCol {p}w=\"{w}\"/>");
        }
        let _ = write!(self.out, "</{p}tblGrid>");
    }

    fn table_end(&mut self) {
        let p = &self.x.p;
        let _ = write!(self.out, "</{p}tbl><{p}p><{p}pPr><{p}spacing {p}after=\"0\"/></{p}pPr></{p}p>");
    }

    /// A cell: `paras` is already paragraph XML.
    fn cell(&mut self, width: u32, extra: &str, paras: &str) {
        let p = &self.x.p;
        let _ = write!(
            self.out,
            "<{p}tc><{p}tcPr><{p}tcW {p}w=\"{width}\" {p}type=\"dxa\"/>{extra}</{p}tcPr>{paras}</{p}tc>"
        );
    }

    /// A paragraph of check notes (missing, inconsistent) in small red type.
    fn notes_xml(&self, key: &str) -> String {
        let p = &self.x.p;
        let rpr = format!("<{p}color {p}val=\"A40E26\"/><{p}sz {p}val=\"16\"/><{p}szCs {p}val=\"16\"/>");
        let ppr = format!("<{p}spacing {p}before=\"20\" {p}after=\"0\"/>");
        let notes = self.form.notes.get(key).map(Vec::as_slice).unwrap_or_default();
        notes.iter().map(|n| self.x.para(&ppr, &rpr, &format!("\u{26a0} {n}"))).collect()
    }

    /// A two-column row: the label, and the control with its check notes.
    fn row(&mut self, label: &str, tag: &str, control: String) {
        let p = self.x.p.clone();
        let left = self.x.para("", "", label);
        let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
        self.cell(WIDTH * 45 / 100, "", &left);
        let right = format!("<{p}p>{control}</{p}p>{}", self.notes_xml(tag));
        self.cell(WIDTH - WIDTH * 45 / 100, "", &right);
        let _ = write!(self.out, "</{p}tr>");
    }

    /// The help of a field, as placeholder text: its help and its unit or
    /// list format, on one line.
    fn help_of(&self, f: &ennakko::checklist::describe::Field) -> Option<String> {
        let (_, hints) = self.form.field_texts(f);
        let only = self.w(W::OnlyIfApplies);
        let hints: Vec<String> = hints.into_iter().filter(|h| h != only && !h.is_empty()).collect();
        (!hints.is_empty()).then(|| hints.join(" · "))
    }

    /// The control of a fact or an answer, its help as placeholder text
    /// when `help` (once per question: the next alternative's column shows
    /// "choose"); `small` in the narrow columns of the question table.
    fn field_control(
        &mut self,
        tag: &str,
        f: &ennakko::checklist::describe::Field,
        value: Option<&Value>,
        help: bool,
        small: bool,
    ) -> String {
        let form = self.form;
        let (label, _) = form.field_texts(f);
        self.help = if help { self.help_of(f) } else { None };
        let exact = value.map(|v| match v {
            Value::Bool(true) => "true".to_string(),
            Value::Bool(false) => "false".to_string(),
            other => plain(other),
        });
        match f.kind.as_str() {
            "screening" => {
                let exact = exact.map(|v| match v.as_str() {
                    "true" => "yes".to_string(),
                    "false" => "no".to_string(),
                    _ => v,
                });
                self.control(tag, &label, Control::Drop(form.screening_options()), exact, small)
            }
            "choice" => {
                let items = f.options.iter().map(|o| (form.t(&o.label).to_string(), o.id.clone())).collect();
                self.control(tag, &label, Control::Drop(items), exact, small)
            }
            "flag" => {
                self.help = None;
                self.control(tag, &label, Control::Check, exact, small)
            }
            "text" => self.control(tag, &label, Control::Text { multiline: true }, exact, small),
            _ => self.control(tag, &label, Control::Text { multiline: false }, exact, small),
        }
    }

    /// A fact or answer as a two-column row.
    fn field(&mut self, tag: &str, f: &ennakko::checklist::describe::Field, value: Option<&Value>) {
        let (label, _) = self.form.field_texts(f);
        let control = self.field_control(tag, f, value, true, false);
        self.row(&label, tag, control);
    }

    /// The whole form: the decision, its facts, the alternatives, the
    /// questions that apply to each (one column per alternative), the
    /// impacts of each alternative as rows, and the answers to questions
    /// that no longer apply.
    fn form_body(&mut self) {
        self.decision_table();
        self.facts_table();
        self.alternatives_table();
        let questions = &self.form.desc.questions;
        let screening: Vec<_> = questions.iter().filter(|q| q.kind == "screening").collect();
        self.question_matrix(W::Screening, &screening);
        let other: Vec<_> = questions.iter().filter(|q| q.kind != "screening" && q.kind != "impact").collect();
        self.question_matrix(W::OtherQuestions, &other);
        for alt in &self.form.alternatives {
            self.impacts(alt);
        }
        for alt in &self.form.alternatives {
            self.no_longer_applies(alt);
        }
    }

    fn decision_table(&mut self) {
        let form = self.form;
        let d = form.decision;
        self.heading(1, self.w(W::DecisionHeading));
        self.table_start(&[WIDTH * 45 / 100, WIDTH - WIDTH * 45 / 100]);
        let text = Control::Text { multiline: false };
        let c = self.control("checklist", self.w(W::Checklist), text, Some(form.checklist_name.clone()), false);
        self.row(self.w(W::Checklist), "checklist", c);
        let id = d.map(|d| d.id.clone());
        let c = self.control("decision.id", self.w(W::CaseId), Control::Text { multiline: false }, id, false);
        self.row(self.w(W::CaseId), "decision.id", c);
        for field in super::text_fields("decision.title", d.map(|d| &d.title)) {
            let label = format!("{}{}", self.w(W::Title), field.suffix);
            let c = self.control(&field.tag, &label, Control::Text { multiline: false }, field.value, false);
            self.row(&label, &field.tag, c);
        }
        let kind = d.and_then(|d| d.kind.clone());
        let c = self.control("decision.kind", self.w(W::Kind), Control::Text { multiline: false }, kind, false);
        self.row(self.w(W::Kind), "decision.kind", c);
        let languages = ["fi", "sv", "en"].iter().map(|l| (l.to_string(), l.to_string())).collect();
        let language = d.and_then(|d| d.language.clone()).unwrap_or_else(|| form.lang.to_string());
        let c = self.control("decision.language", self.w(W::Language), Control::Drop(languages), Some(language), false);
        self.row(self.w(W::Language), "decision.language", c);
        let organisations = vec![
            (self.w(W::Municipality).to_string(), "municipality".to_string()),
            (self.w(W::County).to_string(), "county".to_string()),
        ];
        let organisation = d.and_then(|d| d.organisation).map(|o| o.name().to_string());
        let tag = "decision.organisation";
        let c = self.control(tag, self.w(W::Organisation), Control::Drop(organisations), organisation, false);
        self.row(self.w(W::Organisation), tag, c);
        let bilingual = d.and_then(|d| d.bilingual).map(|b| b.to_string());
        let c = self.control("decision.bilingual", self.w(W::Bilingual), Control::Check, bilingual, false);
        self.row(self.w(W::Bilingual), "decision.bilingual", c);
        let majorities = vec![
            (self.w(W::Finnish).to_string(), "fi".to_string()),
            (self.w(W::Swedish).to_string(), "sv".to_string()),
        ];
        let majority = d.and_then(|d| d.majority_language).map(|l| l.name().to_string());
        let tag = "decision.majority_language";
        let c = self.control(tag, self.w(W::MajorityLanguage), Control::Drop(majorities), majority, false);
        self.row(self.w(W::MajorityLanguage), tag, c);
        self.table_end();
    }

    /// The checklist's facts, then any other fact the decision gives (so
    /// that no value is lost when the form is written again).
    fn facts_table(&mut self) {
        let form = self.form;
        let unknown: Vec<(&String, &Value)> = form
            .decision
            .map(|d| {
                d.facts.iter().filter(|(id, v)| !v.is_null() && !form.desc.facts.iter().any(|f| &f.id == *id)).collect()
            })
            .unwrap_or_default();
        if form.desc.facts.is_empty() && unknown.is_empty() {
            return;
        }
        self.heading(1, self.w(W::Facts));
        self.table_start(&[WIDTH * 45 / 100, WIDTH - WIDTH * 45 / 100]);
        for f in &form.desc.facts {
            self.field(&format!("fact.{}", f.id), f, form.fact(&f.id));
        }
        for (id, value) in unknown {
            let tag = format!("fact.{id}");
            let c = self.control(&tag, id, Control::Text { multiline: false }, Some(plain(value)), false);
            self.row(id, &tag, c);
        }
        self.table_end();
    }

    /// Each alternative's title, kind and description.
    fn alternatives_table(&mut self) {
        let form = self.form;
        for alt in &form.alternatives {
            self.heading(2, &form.alternative_heading(alt));
            self.table_start(&[WIDTH * 45 / 100, WIDTH - WIDTH * 45 / 100]);
            for field in super::text_fields(&format!("alternative.{}.title", alt.id), alt.title.as_ref()) {
                let label = format!("{}{}", self.w(W::AlternativeTitle), field.suffix);
                let c = self.control(&field.tag, &label, Control::Text { multiline: false }, field.value, false);
                self.row(&label, &field.tag, c);
            }
            let tag = format!("alternative.{}.kind", alt.id);
            let kinds = form.kind_options();
            let kind = Some(alt.kind.name().into());
            let c = self.control(&tag, self.w(W::AlternativeKind), Control::Drop(kinds), kind, false);
            self.row(self.w(W::AlternativeKind), &tag, c);
            for field in super::text_fields(&format!("alternative.{}.description", alt.id), alt.description.as_ref()) {
                let label = format!("{}{}", self.w(W::Description), field.suffix);
                let c = self.control(&field.tag, &label, Control::Text { multiline: true }, field.value, false);
                self.row(&label, &field.tag, c);
            }
            self.table_end();
        }
    }

    /// Questions as rows, one column of answers per alternative; a question
    /// is asked only of the alternatives it applies to.
    fn question_matrix(&mut self, heading: W, questions: &[&ennakko::checklist::describe::Field]) {
        let form = self.form;
        let alts = &form.alternatives;
        let asked: Vec<_> = questions.iter().filter(|q| alts.iter().any(|a| form.applies(&a.id, q))).copied().collect();
        if asked.is_empty() || alts.is_empty() {
            return;
        }
        self.heading(1, self.w(heading));
        let n = alts.len() as u32;
        let column = (WIDTH / 2 / n).min(2_600);
        let mut widths = vec![WIDTH - column * n];
        widths.extend(std::iter::repeat_n(column, alts.len()));
        self.table_start(&widths);
        let p = self.x.p.clone();
        let shd = format!("<{p}shd {p}val=\"clear\" {p}color=\"auto\" {p}fill=\"EEF1F4\"/>");
        let head_rpr = format!("<{p}b/><{p}sz {p}val=\"16\"/><{p}szCs {p}val=\"16\"/>");
        let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/><{p}tblHeader/></{p}trPr>");
        let head = self.x.para("", &head_rpr, "");
        self.cell(widths[0], &shd, &head);
        for alt in alts {
            let head = self.x.para("", &head_rpr, &form.alternative_heading(alt));
            self.cell(column, &shd, &head);
        }
        let _ = write!(self.out, "</{p}tr>");
        let grey = format!("<{p}color {p}val=\"57606A\"/><{p}sz {p}val=\"16\"/><{p}szCs {p}val=\"16\"/>");
        for q in asked {
            let (label, _) = form.field_texts(q);
            let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
            let left = self.x.para("", "", &label);
            self.cell(widths[0], "", &left);
            let mut help = true;
            for alt in alts {
                let content = if form.applies(&alt.id, q) {
                    let tag = format!("answer.{}.{}", alt.id, q.id);
                    let c = self.field_control(&tag, q, form.answer(&alt.id, &q.id), help, true);
                    help = false;
                    format!("<{p}p>{c}</{p}p>{}", self.notes_xml(&tag))
                } else {
                    self.x.para("", &grey, self.w(W::DoesNotApply))
                };
                self.cell(column, "", &content);
            }
            let _ = write!(self.out, "</{p}tr>");
        }
        self.table_end();
    }

    /// The impact questions that apply to an alternative, each with its
    /// rows and an empty row to fill in; then impacts that answer no
    /// question of the checklist.
    fn impacts(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let cells: &[ennakko::decision::ImpactCell] = form.alternative(&alt.id).map_or(&[], |a| a.impacts.as_slice());
        let asked = form.asked_impacts(&alt.id);
        let others = form.unasked_cells(&alt.id);
        if asked.is_empty() && others.is_empty() {
            return;
        }
        self.heading(1, &format!("{}: {}", self.w(W::ImpactsOf), form.alternative_heading(alt)));
        self.styled("EvaHelp", self.w(W::RowsHelp));
        for q in asked {
            let heading = form.t(&q.text).split_whitespace().collect::<Vec<_>>().join(" ");
            self.heading(3, &heading);
            let key = format!("impacts.{}.{}", alt.id, q.id);
            let notes = self.notes_xml(&key);
            self.out.push_str(&notes);
            let rows: Vec<_> = cells.iter().filter(|c| c.question.as_ref() == Some(&q.id)).collect();
            self.rows_table(&alt.id, Some(q), &rows, true);
        }
        if !others.is_empty() {
            self.heading(3, self.w(W::OtherImpacts));
            self.rows_table(&alt.id, None, &others, false);
        }
    }

    /// What an alternative answered to questions that no longer apply: kept
    /// as fields, so that nothing typed is lost and it can be cleared.
    fn no_longer_applies(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let Some(a) = form.alternative(&alt.id) else { return };
        let stale = |id: &str| form.desc.questions.iter().find(|q| q.id == id).filter(|q| !form.applies(&alt.id, q));
        let answers: Vec<_> = a.answers.iter().filter(|(id, v)| !v.is_null() && stale(id).is_some()).collect();
        let cells: Vec<_> = a
            .impacts
            .iter()
            .filter(|c| c.question.as_deref().and_then(stale).is_some_and(|q| q.kind == "impact"))
            .collect();
        if answers.is_empty() && cells.is_empty() {
            return;
        }
        self.heading(1, &format!("{}: {}", self.w(W::NoLongerApplies), form.alternative_heading(alt)));
        self.styled("EvaHelp", self.w(W::NoLongerAppliesHelp));
        if !answers.is_empty() {
            self.table_start(&[WIDTH * 45 / 100, WIDTH - WIDTH * 45 / 100]);
            for (id, value) in answers {
                let Some(q) = stale(id) else { continue };
                self.field(&format!("answer.{}.{id}", alt.id), q, Some(value));
            }
            self.table_end();
        }
        for q in form.desc.questions.iter().filter(|q| q.kind == "impact") {
            let rows: Vec<_> = cells.iter().copied().filter(|c| c.question.as_ref() == Some(&q.id)).collect();
            if !rows.is_empty() {
                self.heading(3, &form.t(&q.text).split_whitespace().collect::<Vec<_>>().join(" "));
                self.rows_table(&alt.id, Some(q), &rows, false);
            }
        }
    }

    /// A table of impact rows: a repeating section whose every row (item)
    /// holds a cell's group (and domain), its scales, and its note,
    /// mitigation and source of evidence; `blank` adds an empty row.
    fn rows_table(
        &mut self,
        alt: &str,
        q: Option<&ennakko::checklist::describe::Field>,
        cells: &[&ennakko::decision::ImpactCell],
        blank: bool,
    ) {
        let form = self.form;
        let p = self.x.p.clone();
        let w15 = self.w15.clone();
        let first = 2_000;
        let rest = (WIDTH - first) / 7;
        let widths: Vec<u32> = std::iter::once(first).chain(std::iter::repeat_n(rest, 7)).collect();
        self.table_start(&widths);
        let shd = format!("<{p}shd {p}val=\"clear\" {p}color=\"auto\" {p}fill=\"EEF1F4\"/>");
        let head_ppr = format!("<{p}pStyle {p}val=\"EvaTable\"/>");
        let head_rpr = format!("<{p}b/><{p}sz {p}val=\"14\"/><{p}szCs {p}val=\"14\"/>");
        let with_domain = q.is_none_or(|q| q.domains.len() != 1);
        let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/><{p}tblHeader/></{p}trPr>");
        let first_head = match with_domain {
            true => format!("{} / {}", self.w(W::Group), self.w(W::Domain)),
            false => self.w(W::Group).to_string(),
        };
        let head = self.x.para(&head_ppr, &head_rpr, &first_head);
        self.cell(first, &shd, &head);
        for f in &CELL_FIELDS[..7] {
            let head = self.x.para(&head_ppr, &head_rpr, &form.cell_field_label(f));
            self.cell(rest, &shd, &head);
        }
        let _ = write!(self.out, "</{p}tr>");
        self.next_id += 1;
        let question = q.map_or("-", |q| q.id.as_str());
        let alias: String = q.map_or_else(|| self.w(W::OtherImpacts).to_string(), |q| form.t(&q.text).to_string());
        let alias: String = alias.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(60).collect();
        let _ = write!(
            self.out,
            "<{p}sdt><{p}sdtPr><{p}alias {p}val=\"{}\"/><{p}id {p}val=\"{}\"/><{w15}:repeatingSection/></{p}sdtPr><{p}sdtContent>",
            esc(&alias),
            self.next_id
        );
        for cell in cells.iter().map(Some).chain(blank.then_some(None)) {
            self.next_id += 1;
            let _ = write!(
                self.out,
                "<{p}sdt><{p}sdtPr><{p}id {p}val=\"{}\"/><{w15}:repeatingSectionItem/></{p}sdtPr><{p}sdtContent>",
                self.next_id
            );
            self.impact_row(alt, question, q, cell.copied(), with_domain, &widths);
            let _ = write!(self.out, "</{p}sdtContent></{p}sdt>");
        }
        let _ = write!(self.out, "</{p}sdtContent></{p}sdt>");
        self.table_end();
    }

    /// One row of impacts: two table rows.
    fn impact_row(
        &mut self,
        alt: &str,
        question: &str,
        q: Option<&ennakko::checklist::describe::Field>,
        cell: Option<&ennakko::decision::ImpactCell>,
        with_domain: bool,
        widths: &[u32],
    ) {
        let form = self.form;
        let p = self.x.p.clone();
        let grid = super::GridCell {
            group: cell.map(|c| c.group.clone()).unwrap_or_default(),
            domain: cell.and_then(|c| c.domain.clone()).unwrap_or_default(),
            value: cell,
        };
        let tag = |prop: &str| format!("row.{alt}.{question}.{prop}");
        let para = |c: String| format!("<{p}p><{p}pPr><{p}pStyle {p}val=\"EvaTable\"/></{p}pPr>{c}</{p}p>");
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
        let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
        let group = cell.map(|c| c.group.clone());
        let mut first = para(self.control(&tag("group"), self.w(W::Group), Control::Drop(groups), group, true));
        if with_domain {
            let domains: Vec<(String, String)> =
                form.desc.domains.iter().map(|d| (form.t(&d.label).to_string(), d.id.clone())).collect();
            let domains = listed(q.map_or(&[], |q| q.domains.as_slice()), domains, &grid.domain);
            let domain = cell.and_then(|c| c.domain.clone());
            first.push_str(&para(self.control(
                &tag("domain"),
                self.w(W::Domain),
                Control::Drop(domains),
                domain,
                true,
            )));
        }
        self.cell(widths[0], "", &first);
        for f in &CELL_FIELDS[..7] {
            let label = form.cell_field_label(f);
            let c = self.control(&tag(f), &label, Control::Drop(form.cell_options(f)), grid.get(f), true);
            self.cell(widths[1], "", &para(c));
        }
        let _ = write!(self.out, "</{p}tr><{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
        for (f, span) in [("note", 3u32), ("mitigation", 3), ("evidence_source", 2)] {
            let label = form.cell_field_label(f);
            let c = self.control(&tag(f), &label, Control::Text { multiline: true }, grid.get(f), true);
            let width = if span == 3 { widths[0] + 2 * widths[1] } else { span * widths[1] };
            let content = format!(
                "<{p}p><{p}pPr><{p}pStyle {p}val=\"EvaTable\"/></{p}pPr>{}{c}</{p}p>",
                self.x.runs(&format!("{label}: "), &format!("<{p}b/>"))
            );
            self.cell(width, &format!("<{p}gridSpan {p}val=\"{span}\"/>"), &content);
        }
        let _ = write!(self.out, "</{p}tr>");
    }
}

enum Control {
    Drop(Vec<(String, String)>),
    Text { multiline: bool },
    Check,
}

fn lang_tag(lang: &str) -> &'static str {
    match lang {
        "fi" => "fi-FI",
        "sv" => "sv-FI",
        _ => "en-GB",
    }
}

/// The first id of the form's content controls; the document's other
/// controls have ids below it, so a form written again keeps them unique.
const FORM_IDS: u32 = 1000;

/// The content of the form control (`eva:form`) for a form, with the
/// document's prefixes for WordprocessingML and the 2010 and 2012 namespaces.
pub(crate) fn form_xml(form: &Form, prefix: &str, w14: &str, w15: &str) -> String {
    let mut g = Gen {
        form,
        x: Xml::new(prefix),
        out: String::new(),
        next_id: FORM_IDS,
        w14: w14.to_string(),
        w15: w15.to_string(),
        help: None,
    };
    g.form_body();
    g.out
}

pub(crate) fn generate(form: &Form) -> Vec<u8> {
    let mut g = Gen {
        form,
        x: Xml::new("w"),
        out: String::new(),
        next_id: 0,
        w14: "w14".into(),
        w15: "w15".into(),
        help: None,
    };
    let d = form.decision;
    let title = d
        .map(|d| d.title.get(form.lang).to_string())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| form.t(&form.desc.title).to_string());
    g.styled("Title", &title);
    g.styled("EvaHelp", g.w(W::FormIntro));
    let p = g.x.p.clone();
    let _ = write!(
        g.out,
        "<{p}sdt><{p}sdtPr><{p}alias {p}val=\"{}\"/><{p}tag {p}val=\"eva:{FORM}\"/><{p}id {p}val=\"1\"/></{p}sdtPr><{p}sdtContent>{}</{p}sdtContent></{p}sdt>",
        esc(g.w(W::Impacts)),
        form_xml(form, "w", "w14", "w15"),
    );
    g.heading(1, g.w(W::Results));
    let _ = write!(
        g.out,
        "<{p}sdt><{p}sdtPr><{p}alias {p}val=\"{}\"/><{p}tag {p}val=\"eva:results\"/><{p}id {p}val=\"2\"/><{p}showingPlcHdr/></{p}sdtPr><{p}sdtContent>{}</{p}sdtContent></{p}sdt>",
        esc(g.w(W::Results)),
        g.x.para("", &format!("<{p}rStyle {p}val=\"PlaceholderText\"/>"), g.w(W::ResultsPlaceholder)),
    );
    let _ = write!(
        g.out,
        "<{p}sectPr><{p}pgSz {p}w=\"11906\" {p}h=\"16838\"/><{p}pgMar {p}top=\"1134\" {p}right=\"1134\" {p}bottom=\"1134\" {p}left=\"1134\" {p}header=\"567\" {p}footer=\"567\" {p}gutter=\"0\"/></{p}sectPr>"
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{MAIN_NS}\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
         xmlns:w14=\"{W14_NS}\" xmlns:w15=\"{W15_NS}\" mc:Ignorable=\"w14 w15\"><w:body>{}</w:body></w:document>",
        g.out
    );
    let title_meta = esc(&title);
    let parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        (
            "docProps/core.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <dc:title>{title_meta}</dc:title><dc:language>{}</dc:language><dc:creator>ennakko</dc:creator></cp:coreProperties>",
                lang_tag(form.lang)
            ),
        ),
        ("docProps/app.xml", APP.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles(form.lang)),
        ("word/settings.xml", SETTINGS.to_string()),
    ];
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(FIXED_TIME)
        .unix_permissions(0o644);
    for (name, content) in parts {
        if writer.start_file(name, options).is_err() || writer.write_all(content.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>ennakko</Application></Properties>";

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

fn styles(lang: &str) -> String {
    let style = |kind: &str, id: &str, name: &str, extra: &str| {
        format!("<w:style w:type=\"{kind}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{extra}</w:style>")
    };
    let heading = |level: u8, size: u8, before: u16, after: u16| {
        style(
            "paragraph",
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
                 <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"{after}\"/><w:outlineLvl w:val=\"{}\"/></w:pPr>\
                 <w:rPr><w:b/><w:bCs/><w:color w:val=\"1B1F24\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>",
                level - 1
            ),
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{MAIN_NS}\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:eastAsia=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>\
         <w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"{}\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"80\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         {}{}{}{}{}{}{}\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
         <w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B8C0C8\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B8C0C8\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B8C0C8\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B8C0C8\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B8C0C8\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B8C0C8\"/>\
         </w:tblBorders><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         </w:styles>",
        lang_tag(lang),
        style(
            "paragraph",
            "Title",
            "Title",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"200\"/></w:pPr>\
             <w:rPr><w:b/><w:bCs/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr>"
        ),
        heading(1, 30, 360, 120),
        heading(2, 24, 240, 80),
        heading(3, 20, 200, 60),
        style(
            "paragraph",
            "EvaHelp",
            "EVA help",
            "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"20\" w:after=\"60\"/></w:pPr>\
             <w:rPr><w:color w:val=\"57606A\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"
        ),
        style(
            "paragraph",
            "EvaTable",
            "EVA table",
            "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>\
             <w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr>"
        ),
        style(
            "character",
            "PlaceholderText",
            "Placeholder Text",
            "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:rPr><w:color w:val=\"808080\"/></w:rPr>"
        ),
    )
}

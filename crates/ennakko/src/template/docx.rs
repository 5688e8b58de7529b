//! Word `.docx` templates: the fields are content controls (`w:sdt`) whose
//! tag is `eva:<field>`; a block-level control tagged `eva:results` (or
//! another result name) receives the report as real Word paragraphs and
//! tables.
//!
//! Filling rewrites only the main document part, and in it only the content
//! of the result controls: every other byte of `document.xml` and every
//! other zip part (copied raw, still compressed) stays as it was.

use crate::message::Message;
use crate::t;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Cursor, Read, Write};
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::diagnostic::Diagnostic;
use crate::report::render::{Block, Table};

use super::fields::{CELL_FIELDS, RawField, RawValue, Tag, parse_tag};
use super::words::W;
use super::{Body, Doc, Form, FormAlternative, Fragments, TemplateError, TemplateFormat, TemplateLimits, esc, plain};

const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const STRICT_NS: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

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
    for s in &scan.sdts {
        let Some(tag) = s.tag.as_deref().and_then(|t| t.trim().strip_prefix("eva:")) else { continue };
        let name = tag.trim().to_string();
        if let Ok(Tag::Output(out)) = parse_tag(&name) {
            if !s.block {
                problems.add_with(crate::diagnostic::Severity::Error, || {
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
            problems.add_with(crate::diagnostic::Severity::Error, || {
                Diagnostic::error("T0111", message)
                    .with_help(t!("keep fields and result controls apart: move one out of the other"))
                    .at_path(format!("eva:{name}"))
            });
        }
        fields.push(RawField { name, value, at: None });
    }
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
        }),
    })
}

struct Scan {
    prefix: String,
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
                    open.push(Sdt { block, inside_output, ..Sdt::default() });
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

pub(crate) fn fill(package: &Package, fragments: &Fragments) -> Result<Vec<u8>, TemplateError> {
    let x = Xml::new(&package.prefix);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for s in &package.sdts {
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
                shown.clone().unwrap_or_else(|| format!("– {} –", self.w(W::Choose)))
            }
            Control::Text { multiline } => {
                let ml = if *multiline { format!(" {p}multiLine=\"1\"") } else { String::new() };
                let _ = write!(pr, "<{p}text{ml}/>");
                shown.clone().unwrap_or_else(|| self.w(W::TypeHere).to_string())
            }
            Control::Check => {
                let checked = value.as_deref() == Some("true");
                let _ = write!(
                    pr,
                    "<w14:checkbox><w14:checked w14:val=\"{}\"/><w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>\
                     <w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox>",
                    u8::from(checked)
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

    /// A two-column row: label (with hints) and control.
    fn row(&mut self, label: &str, hints: &[String], control: String) {
        let p = self.x.p.clone();
        let mut left = self.x.para("", "", label);
        for h in hints.iter().filter(|h| !h.is_empty()) {
            left.push_str(&self.x.para(&format!("<{p}pStyle {p}val=\"EvaHelp\"/>"), "", h));
        }
        let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
        self.cell(WIDTH * 55 / 100, "", &left);
        let right = format!("<{p}p>{control}</{p}p>");
        self.cell(WIDTH - WIDTH * 55 / 100, "", &right);
        let _ = write!(self.out, "</{p}tr>");
    }

    fn field(&mut self, tag: &str, f: &crate::checklist::describe::Field, value: Option<&Value>) {
        let form = self.form;
        let (label, hints) = form.field_texts(f);
        let exact = value.map(|v| match v {
            Value::Bool(true) => "true".to_string(),
            Value::Bool(false) => "false".to_string(),
            other => plain(other),
        });
        let control = match f.kind.as_str() {
            "screening" => {
                let exact = exact.map(|v| match v.as_str() {
                    "true" => "yes".to_string(),
                    "false" => "no".to_string(),
                    _ => v,
                });
                self.control(tag, &label, Control::Drop(form.screening_options()), exact, false)
            }
            "choice" => {
                let items = f.options.iter().map(|o| (form.t(&o.label).to_string(), o.id.clone())).collect();
                self.control(tag, &label, Control::Drop(items), exact, false)
            }
            "flag" => self.control(tag, &label, Control::Check, exact, false),
            "text" => self.control(tag, &label, Control::Text { multiline: true }, exact, false),
            _ => self.control(tag, &label, Control::Text { multiline: false }, exact, false),
        };
        self.row(&label, &hints, control);
    }

    fn alternative(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let heading = form.alternative_heading(alt);
        self.heading(1, &heading);
        self.table_start(&[WIDTH * 55 / 100, WIDTH - WIDTH * 55 / 100]);
        for field in super::text_fields(&format!("alternative.{}.title", alt.id), alt.title.as_ref()) {
            let label = format!("{}{}", self.w(W::AlternativeTitle), field.suffix);
            let c = self.control(&field.tag, &label, Control::Text { multiline: false }, field.value, false);
            self.row(&label, &[], c);
        }
        let tag = format!("alternative.{}.kind", alt.id);
        let kinds = [
            crate::decision::AlternativeKind::Zero,
            crate::decision::AlternativeKind::Proposal,
            crate::decision::AlternativeKind::Other,
        ]
        .iter()
        .map(|k| (form.kind_label(*k).to_string(), k.name().to_string()))
        .collect();
        let c =
            self.control(&tag, self.w(W::AlternativeKind), Control::Drop(kinds), Some(alt.kind.name().into()), false);
        self.row(self.w(W::AlternativeKind), &[], c);
        for field in super::text_fields(&format!("alternative.{}.description", alt.id), alt.description.as_ref()) {
            let label = format!("{}{}", self.w(W::Description), field.suffix);
            let c = self.control(&field.tag, &label, Control::Text { multiline: true }, field.value, false);
            self.row(&label, &[], c);
        }
        self.table_end();
        let screening: Vec<_> = form.desc.questions.iter().filter(|q| q.kind == "screening").collect();
        if !screening.is_empty() {
            self.heading(2, self.w(W::Screening));
            self.table_start(&[WIDTH * 55 / 100, WIDTH - WIDTH * 55 / 100]);
            for q in screening {
                let tag = format!("answer.{}.{}", alt.id, q.id);
                self.field(&tag, q, form.answer(&alt.id, &q.id));
            }
            self.table_end();
        }
        self.impacts(alt);
        let other: Vec<_> =
            form.desc.questions.iter().filter(|q| q.kind != "screening" && q.kind != "impact").collect();
        if !other.is_empty() {
            self.heading(2, self.w(W::OtherQuestions));
            self.table_start(&[WIDTH * 55 / 100, WIDTH - WIDTH * 55 / 100]);
            for q in other {
                let tag = format!("answer.{}.{}", alt.id, q.id);
                self.field(&tag, q, form.answer(&alt.id, &q.id));
            }
            self.table_end();
        }
    }

    fn impacts(&mut self, alt: &FormAlternative) {
        let form = self.form;
        let cells = form.cells(&alt.id);
        if cells.is_empty() {
            return;
        }
        self.heading(2, self.w(W::Impacts));
        self.styled("EvaHelp", self.w(W::ImpactsHelp));
        let p = self.x.p.clone();
        let first = 2_000;
        let rest = (WIDTH - first) / 7;
        let widths: Vec<u32> = std::iter::once(first).chain(std::iter::repeat_n(rest, 7)).collect();
        let small = |x: &Xml, text: &str, bold: bool| {
            let rpr = if bold { format!("<{p}b/>") } else { String::new() };
            x.para(&format!("<{p}pStyle {p}val=\"EvaTable\"/>"), &rpr, text)
        };
        let mut current: Option<Option<&str>> = None;
        for cell in &cells {
            if current != Some(cell.question) {
                if current.is_some() {
                    self.table_end();
                }
                current = Some(cell.question);
                let q = cell.question.and_then(|id| form.desc.questions.iter().find(|q| q.id == id));
                let heading = q.map_or_else(
                    || self.w(W::OtherImpacts).to_string(),
                    |q| form.t(&q.text).split_whitespace().collect::<Vec<_>>().join(" "),
                );
                self.heading(3, &heading);
                if q.is_some_and(|q| q.conditional) {
                    self.styled("EvaHelp", self.w(W::OnlyIfApplies));
                }
                self.table_start(&widths);
                let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/><{p}tblHeader/></{p}trPr>");
                let shd = format!("<{p}shd {p}val=\"clear\" {p}color=\"auto\" {p}fill=\"EEF1F4\"/>");
                let head = |x: &Xml, text: &str| {
                    x.para(
                        &format!("<{p}pStyle {p}val=\"EvaTable\"/>"),
                        &format!("<{p}b/><{p}sz {p}val=\"14\"/><{p}szCs {p}val=\"14\"/>"),
                        text,
                    )
                };
                let label = head(&self.x, self.w(W::GroupDomain));
                self.cell(first, &shd, &label);
                for f in &CELL_FIELDS[..7] {
                    let label = head(&self.x, &form.cell_field_label(f));
                    self.cell(rest, &shd, &label);
                }
                let _ = write!(self.out, "</{p}tr>");
            }
            let where_ = format!("{} / {}", form.group_label(&cell.group), form.domain_label(&cell.domain));
            let _ = write!(self.out, "<{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
            let label = small(&self.x, &where_, true);
            self.cell(first, &format!("<{p}vMerge {p}val=\"restart\"/>"), &label);
            for f in &CELL_FIELDS[..7] {
                let alias = format!("{where_}: {}", form.cell_field_label(f));
                let c =
                    self.control(&cell.tag(&alt.id, f), &alias, Control::Drop(form.cell_options(f)), cell.get(f), true);
                let para = format!("<{p}p><{p}pPr><{p}pStyle {p}val=\"EvaTable\"/></{p}pPr>{c}</{p}p>");
                self.cell(rest, "", &para);
            }
            let _ = write!(self.out, "</{p}tr><{p}tr><{p}trPr><{p}cantSplit/></{p}trPr>");
            let empty = small(&self.x, "", false);
            self.cell(first, &format!("<{p}vMerge/>"), &empty);
            for (f, span) in [("mitigation", 4u32), ("note", 3u32)] {
                let label = form.cell_field_label(f);
                let alias = format!("{where_}: {label}");
                let c =
                    self.control(&cell.tag(&alt.id, f), &alias, Control::Text { multiline: true }, cell.get(f), true);
                let para = format!(
                    "<{p}p><{p}pPr><{p}pStyle {p}val=\"EvaTable\"/></{p}pPr>{}{c}</{p}p>",
                    self.x.runs(&format!("{label}: "), &format!("<{p}b/>"))
                );
                self.cell(rest * span, &format!("<{p}gridSpan {p}val=\"{span}\"/>"), &para);
            }
            let _ = write!(self.out, "</{p}tr>");
        }
        self.table_end();
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

pub(crate) fn generate(form: &Form) -> Vec<u8> {
    let mut g = Gen { form, x: Xml::new("w"), out: String::new(), next_id: 1000 };
    let d = form.decision;
    let title = d
        .map(|d| d.title.get(form.lang).to_string())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| form.t(&form.desc.title).to_string());
    g.styled("Title", &title);
    g.styled("Normal", g.w(W::Intro));
    g.styled("EvaHelp", g.w(W::IntroFields));
    g.heading(1, g.w(W::DecisionHeading));
    let halves = [WIDTH * 55 / 100, WIDTH - WIDTH * 55 / 100];
    g.table_start(&halves);
    let checklist = g.control(
        "checklist",
        g.w(W::Checklist),
        Control::Text { multiline: false },
        Some(form.checklist_name.clone()),
        false,
    );
    g.row(g.w(W::Checklist), &[], checklist);
    let id =
        g.control("decision.id", g.w(W::CaseId), Control::Text { multiline: false }, d.map(|d| d.id.clone()), false);
    g.row(g.w(W::CaseId), &[], id);
    for field in super::text_fields("decision.title", d.map(|d| &d.title)) {
        let label = format!("{}{}", g.w(W::Title), field.suffix);
        let t = g.control(&field.tag, &label, Control::Text { multiline: false }, field.value, false);
        g.row(&label, &[], t);
    }
    let k = g.control(
        "decision.kind",
        g.w(W::Kind),
        Control::Text { multiline: false },
        d.and_then(|d| d.kind.clone()),
        false,
    );
    g.row(g.w(W::Kind), &[], k);
    let languages = ["fi", "sv", "en"].iter().map(|l| (l.to_string(), l.to_string())).collect();
    let language = d.and_then(|d| d.language.clone()).unwrap_or_else(|| form.lang.to_string());
    let l = g.control("decision.language", g.w(W::Language), Control::Drop(languages), Some(language), false);
    g.row(g.w(W::Language), &[], l);
    let organisations = vec![
        (g.w(W::Municipality).to_string(), "municipality".to_string()),
        (g.w(W::County).to_string(), "county".to_string()),
    ];
    let organisation = d.and_then(|d| d.organisation).map(|o| o.name().to_string());
    let o = g.control("decision.organisation", g.w(W::Organisation), Control::Drop(organisations), organisation, false);
    g.row(g.w(W::Organisation), &[], o);
    let bilingual = d.and_then(|d| d.bilingual).map(|b| b.to_string());
    let b = g.control("decision.bilingual", g.w(W::Bilingual), Control::Check, bilingual, false);
    g.row(g.w(W::Bilingual), &[], b);
    let majorities =
        vec![(g.w(W::Finnish).to_string(), "fi".to_string()), (g.w(W::Swedish).to_string(), "sv".to_string())];
    let majority = d.and_then(|d| d.majority_language).map(|l| l.name().to_string());
    let m =
        g.control("decision.majority_language", g.w(W::MajorityLanguage), Control::Drop(majorities), majority, false);
    g.row(g.w(W::MajorityLanguage), &[], m);
    g.table_end();
    if !form.desc.facts.is_empty() {
        g.heading(1, g.w(W::Facts));
        g.table_start(&halves);
        for f in &form.desc.facts {
            let tag = format!("fact.{}", f.id);
            g.field(&tag, f, form.fact(&f.id));
        }
        g.table_end();
    }
    for alt in &form.alternatives {
        g.alternative(alt);
    }
    g.heading(1, g.w(W::Results));
    let p = g.x.p.clone();
    g.next_id += 1;
    let _ = write!(
        g.out,
        "<{p}sdt><{p}sdtPr><{p}alias {p}val=\"{}\"/><{p}tag {p}val=\"eva:results\"/><{p}id {p}val=\"{}\"/><{p}showingPlcHdr/></{p}sdtPr><{p}sdtContent>{}</{p}sdtContent></{p}sdt>",
        esc(g.w(W::Results)),
        g.next_id,
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
         xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14\"><w:body>{}</w:body></w:document>",
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

//! Decision document templates (the input a web service or a browser gets
//! as an upload) read, checked and filled with a small checklist. The first
//! byte picks how the rest is used:
//!
//! - even: the whole document, read as Markdown, HTML and `.docx`;
//! - odd: the XML of `word/document.xml`, packed into a `.docx` with the
//!   other parts of a real template, so mutations reach the XML reader;
//! - `0xFF` (`hostile::MARK`): the rest drives `hostile::template`, which
//!   makes nested Word controls, nested or unclosed HTML fields, many
//!   unknown Markdown placeholders and titles holding `~~~`, `|` or line
//!   ends.
//!
//! Must hold: a check or a `T`/`D` error, never a panic; a template without
//! errors fills, and filling the filled document again gives the same bytes.
#![no_main]

use std::io::Write;
use std::sync::LazyLock;

use ennakko_templates::{self as template, TemplateFormat, TemplateLimits};
use ennakko::{Checklist, Options};
use ennakko_fuzz::small_limits;
use libfuzzer_sys::fuzz_target;

static SMALL: LazyLock<Checklist> = LazyLock::new(|| {
    let options = Options { limits: small_limits(), ..Options::default() };
    Checklist::compile("small.eva", include_str!("../../tests/checklists/small.eva"), &options)
        .expect("small.eva compiles")
});

/// The parts of a blank Word template other than its main document.
static PARTS: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    let blank = template::init(&SMALL, TemplateFormat::Docx, "fi");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(blank)).expect("a zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("a part");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).expect("readable");
        parts.push((file.name().expect("a name").to_string(), bytes));
    }
    parts
});

const LIMITS: TemplateLimits =
    TemplateLimits { max_bytes: 1 << 20, max_zip_entries: 64, max_part_bytes: 4 << 20, max_fields: 2_000 };

/// A `.docx` with `document` as its main part.
fn docx_with(document: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in PARTS.iter() {
        out.start_file(name.as_str(), stored).expect("start");
        let body = if name == "word/document.xml" { document } else { bytes.as_slice() };
        out.write_all(body).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn exercise(bytes: &[u8], format: TemplateFormat) {
    let check = match template::check_with(&SMALL, bytes, format, &LIMITS) {
        Ok(check) => check,
        Err(e) => {
            assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                assert!(d.code.starts_with('T') || d.code.starts_with('D'), "{}", d.code);
            }
            return;
        }
    };
    serde_json::to_string(&check).expect("a check serializes");
    match template::fill_with(&SMALL, bytes, format, Some("sv"), &LIMITS) {
        Ok(filled) => {
            assert_eq!(check.errors(), 0, "filled a template with errors");
            let again = template::fill_with(&SMALL, &filled.bytes, format, Some("sv"), &LIMITS)
                .expect("a filled document fills again");
            assert!(again.bytes == filled.bytes, "filling a filled document changed it");
        }
        // A template just under the size limit may fill past it (T0002);
        // one with no place for the results, which check warns about, is
        // refused by fill with the same code (T0109).
        Err(e) => {
            let warned_no_place = check.problems.iter().any(|d| d.code == "T0109");
            let refused = |code: &str| e.diagnostics.iter().any(|d| d.code == code);
            assert!(
                check.errors() > 0
                    || check.report.is_none()
                    || refused("T0002")
                    || (warned_no_place && refused("T0109")),
                "fill failed on a clean check: {e}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode == ennakko_fuzz::hostile::MARK {
        use ennakko_fuzz::hostile::{self, Template};
        let generated = hostile::template(&mut arbitrary::Unstructured::new(rest));
        if let Ok(Template::Markdown(t) | Template::Html(t) | Template::DocxXml(t)) = &generated {
            ennakko_fuzz::show(t);
        }
        match generated {
            Ok(Template::Markdown(text)) => exercise(text.as_bytes(), TemplateFormat::Markdown),
            Ok(Template::Html(text)) => exercise(text.as_bytes(), TemplateFormat::Html),
            Ok(Template::DocxXml(xml)) => exercise(&docx_with(xml.as_bytes()), TemplateFormat::Docx),
            Err(_) => {}
        }
        return;
    }
    if mode % 2 == 1 {
        exercise(&docx_with(rest), TemplateFormat::Docx);
        return;
    }
    for format in [TemplateFormat::Markdown, TemplateFormat::Html, TemplateFormat::Docx] {
        exercise(rest, format);
    }
});

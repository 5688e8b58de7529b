//! The shared hostile corpus (tests/hostile/checklists) and a few inputs
//! made to hurt, opened as editor documents and asked every question at
//! many positions: nothing panics, and answers stay inside the text.

use ennakko::Limits;
use ennakko_lsp::document::Document;
use ennakko_lsp::stdfiles::StdFiles;
use lsp_types::Position;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/hostile/checklists");

/// Asks everything at up to about 600 positions spread over the text.
fn ask_everything(name: &str, text: &str, std: &StdFiles) {
    let uri = ennakko_lsp::uri::from_path(&std::path::Path::new(CORPUS).join(name));
    let limits = Limits::default();
    let doc = Document::new(uri.parse().expect("a URI"), text, &limits);
    let lines = text.split('\n').collect::<Vec<_>>();
    let line_step = (lines.len() / 100).max(1);
    for (n, line) in lines.iter().enumerate().step_by(line_step) {
        let width = line.encode_utf16().count() as u32;
        for character in [0, 1, width / 2, width.saturating_sub(1), width, width + 5] {
            let p = Position::new(n as u32, character);
            let _ = (doc.hover(p), doc.definition(p, std), doc.complete(p));
            let _ = doc.rename(p, "uusi_nimi", &limits);
        }
    }
    let past = Position::new(lines.len() as u32 + 3, 0);
    assert!(doc.hover(past).is_none() || !text.is_empty());
    let _ = (doc.diagnostics(&limits, ennakko::api::Lang::En), doc.symbols(), doc.format());
    for symbol in doc.symbols() {
        assert!(symbol.range.start.line as usize <= lines.len(), "{name}: {symbol:?}");
    }
}

#[test]
fn the_hostile_corpus() {
    let std = StdFiles::in_dir(std::env::temp_dir().join(format!("ennakko-lsp-hostile-{}", std::process::id())));
    let mut seen = 0;
    for entry in std::fs::read_dir(CORPUS).expect("the corpus") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // An editor hands the server text, so invalid UTF-8 arrives decoded
        // with replacement characters.
        let text = String::from_utf8_lossy(&std::fs::read(&path).expect("readable")).into_owned();
        ask_everything(&name, &text, &std);
        seen += 1;
    }
    assert!(seen >= 30, "only {seen} files in the corpus");
}

#[test]
fn inputs_made_to_hurt() {
    let std = StdFiles::in_dir(std::env::temp_dir().join(format!("ennakko-lsp-hurt-{}", std::process::id())));
    let deep = format!("rule r: info {{ when {}x{} }}", "(".repeat(50_000), ")".repeat(50_000));
    let quantifiers = format!("score s {{ value {} 1 }}", "any proposal: ".repeat(10_000));
    let braces = "{".repeat(100_000);
    let too_big = format!("group a {{ label en \"{}\" }}", "ä".repeat(1 << 20));
    let many = (0..5_000).map(|n| format!("group g{n} {{ parent g{} }}\n", n + 1)).collect::<String>();
    let one_line = "group a { } ".repeat(20_000);
    let strings = "\"\\".repeat(50_000);
    for (name, text) in [
        ("deep.eva", deep),
        ("quantifiers.eva", quantifiers),
        ("braces.eva", braces),
        ("too-big.eva", too_big),
        ("many.eva", many),
        ("one-line.eva", one_line),
        ("strings.eva", strings),
    ] {
        let started = std::time::Instant::now();
        ask_everything(name, &text, &std);
        // Generous: a debug build on a shared machine; a hang or a
        // quadratic blow-up takes far longer.
        assert!(started.elapsed().as_secs() < 120, "{name} took {:?}", started.elapsed());
    }
}

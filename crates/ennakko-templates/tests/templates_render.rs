//! Opens filled Word templates in a real office suite: LibreOffice
//! (headless) converts them to PDF, poppler's `pdftotext` reads the text
//! back and `pdftoppm` makes PNG pages to look at (printed at the end).
//!
//! Skipped when LibreOffice is not installed, unless
//! `ENNAKKO_REQUIRE_LIBREOFFICE=1` (set by `scripts/test-templates.sh`,
//! which installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ennakko::{Checklist, Decision, Format, Limits};
use ennakko_templates::{self as template, TemplateFormat};

fn found(program: &str) -> bool {
    Command::new(program).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// Runs a command with a time limit; true if it succeeded.
fn run(cmd: &mut Command, limit: Duration) -> bool {
    let Ok(mut child) = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn() else { return false };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

fn to_pdf(docx: &Path, out: &Path, profile: &Path) -> PathBuf {
    let ok = run(
        Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
            .arg(out)
            .arg(docx),
        Duration::from_secs(180),
    );
    let pdf = out.join(docx.with_extension("pdf").file_name().expect("name"));
    assert!(ok && pdf.exists(), "LibreOffice could not convert {}", docx.display());
    pdf
}

/// The number of pages of a PDF (poppler's `pdfinfo`), if it can tell.
fn pdf_pages(pdf: &Path) -> Option<usize> {
    let output = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok())
}

fn pdf_text(pdf: &Path) -> Option<String> {
    let output = Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn libreoffice_opens_and_renders_filled_word_templates() {
    let required = std::env::var("ENNAKKO_REQUIRE_LIBREOFFICE").is_ok_and(|v| v == "1");
    if !found("soffice") {
        assert!(!required, "LibreOffice (soffice) is required but not installed");
        eprintln!("skipped: LibreOffice is not installed (scripts/test-templates.sh installs it)");
        return;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("templates-render");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("output folder");
    let profile = out.join("lo-profile");

    // A decision filled in through the template, then `template fill`.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("examples/village-school/decision.yaml")).expect("example");
    let decision = Decision::from_str(&text, Format::Yaml, &Limits::default()).expect("decision");
    let eva = Checklist::standard("eva").expect("eva");
    let doc = template::init_from(&eva, &decision, TemplateFormat::Docx, "fi");
    let filled = template::fill(&eva, &doc, TemplateFormat::Docx, None).expect("fills");
    let filled_path = out.join("village-school.filled.docx");
    std::fs::write(&filled_path, &filled).expect("write");
    let twice = template::fill(&eva, &filled, TemplateFormat::Docx, None).expect("fills again");
    let twice_path = out.join("village-school.twice.docx");
    std::fs::write(&twice_path, &twice).expect("write");
    // And a blank Swedish template as it comes from `template init`.
    let blank_path = out.join("blank.sv.docx");
    std::fs::write(&blank_path, template::init(&eva, TemplateFormat::Docx, "sv")).expect("write");

    // The form asks only what applies: a few pages (14 when every impact
    // question was laid out in advance), the same once filled and twice.
    let mut pages = Vec::new();
    for docx in [&filled_path, &twice_path, &blank_path] {
        let pdf = to_pdf(docx, &out, &profile);
        pages.push(pdf_pages(&pdf));
        if let Some(text) = pdf_text(&pdf) {
            let expect: &[&str] = if docx != &blank_path {
                &[
                    "Laaja vaikutusten arviointi tarvitaan",
                    "Vaihtoehdot rinnakkain",
                    "Vaikutusmatriisi",
                    "Havainnot",
                    "Mitä puuttuu",
                    "Kylänpään koulu",
                ]
            } else {
                &["Screeningfrågor", "Konsekvenser", "Bedömningens resultat", "Välj"]
            };
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for phrase in expect {
                let words = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    flat.to_lowercase().contains(&words.to_lowercase()),
                    "{}: the PDF does not show {phrase:?}",
                    docx.display()
                );
            }
        }
        if found("pdftoppm") {
            let stem = out.join(docx.file_stem().expect("stem"));
            assert!(run(
                Command::new("pdftoppm").args(["-r", "60", "-png"]).arg(&pdf).arg(&stem),
                Duration::from_secs(120)
            ));
        }
    }
    eprintln!("pages: filled {:?}, filled twice {:?}, blank {:?}", pages[0], pages[1], pages[2]);
    if let [Some(filled), Some(twice), Some(blank)] = pages[..] {
        assert_eq!(filled, twice, "filling again changes nothing");
        assert!(filled <= 10 && blank <= 4, "the form is a few pages: {filled} filled, {blank} blank");
    }
    // A document saved again by LibreOffice (as an official using it would)
    // still reads. LibreOffice 7.4 drops the content controls' tags when it
    // saves, so the fields found are printed, not required.
    let resaved = out.join("resaved");
    let ok = run(
        Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
            .arg(&resaved)
            .arg(&filled_path),
        Duration::from_secs(180),
    );
    let again = std::fs::read(resaved.join("village-school.filled.docx")).ok().filter(|_| ok);
    let again = again.expect("LibreOffice saves the filled document as .docx");
    match template::check(&eva, &again, TemplateFormat::Docx) {
        Ok(check) => eprintln!("LibreOffice's re-saved .docx: {} eva fields kept", check.fields.len()),
        Err(e) => panic!("LibreOffice's re-saved .docx is unreadable: {e}"),
    }
    let mut pngs: Vec<String> = std::fs::read_dir(&out)
        .expect("listing")
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".png"))
        .collect();
    pngs.sort();
    eprintln!("rendered pages (look at them):\n  {}", pngs.join("\n  "));
}

//! What every front end of templates shares (the CLI, Python, the
//! WebAssembly package): which format a document is in, which language a
//! template is written in, and, for hosts that hold no Rust values, the
//! three steps with options as JSON text and the checklist chosen as the
//! CLI chooses it. Decided here once; the bindings only convert.
//!
//! ```
//! use ennakko_templates::front::{self, Using};
//! let blank = front::init(Using::Named, "md", "en", None, None).unwrap();
//! let check = front::check(Using::Named, &blank, None, None).unwrap();
//! assert!(check.contains("\"T0201\""));
//! ```

use std::borrow::Cow;

use ennakko::api::{Lang, json};
use ennakko::diagnostic::{Diagnostic, hint, quoted};
use ennakko::message::Message;
use ennakko::{Checklist, Decision, Error, ErrorKind, Format, Limits, t};

use crate::{InitOptions, Summary, TemplateFormat, TemplateLimits};

/// An argument error (`A` codes): the calling program's mistake.
fn argument(code: &str, message: Message, help: Message) -> Error {
    Error::one(ErrorKind::Argument, Diagnostic::error(code, message).with_help(help))
}

/// A template format by name: `docx`, `md` (`markdown`) or `html`
/// (`htm`), in any case; another name is `A0001` with a suggestion.
///
/// ```
/// use ennakko_templates::{TemplateFormat, front};
/// assert_eq!(front::format_named("Markdown").unwrap(), TemplateFormat::Markdown);
/// assert_eq!(front::format_named("pdf").unwrap_err().code(), "A0001");
/// ```
pub fn format_named(name: &str) -> Result<TemplateFormat, Error> {
    TemplateFormat::from_name(name).ok_or_else(|| {
        argument("A0001", t!("unknown template format {}", quoted(name)), hint(name, ["docx", "md", "html"]))
    })
}

/// The format of a template document: the one `given`, else the one its
/// file name's suffix says (`path`), else what its bytes look like (a zip
/// is `.docx`, `---` starts Markdown, `<html` is HTML). A document none of
/// these tells is `A0007`.
///
/// ```
/// use ennakko_templates::{TemplateFormat, front::format};
/// assert_eq!(format(Some("html"), Some("a.md"), b"").unwrap(), TemplateFormat::Html);
/// assert_eq!(format(None, Some("a.md"), b"PK\x03\x04").unwrap(), TemplateFormat::Markdown);
/// assert_eq!(format(None, Some("a.txt"), b"PK\x03\x04").unwrap(), TemplateFormat::Docx);
/// assert_eq!(format(None, None, b"plain").unwrap_err().code(), "A0007");
/// ```
pub fn format(given: Option<&str>, path: Option<&str>, bytes: &[u8]) -> Result<TemplateFormat, Error> {
    if let Some(name) = given {
        return format_named(name);
    }
    path.and_then(TemplateFormat::from_path).or_else(|| TemplateFormat::sniff(bytes)).ok_or_else(|| {
        argument(
            "A0007",
            t!("cannot tell the template's format from its content (not a zip, no `---` front matter, no `<html`)"),
            t!("name the format: \"docx\", \"md\" or \"html\" (options.format in JavaScript, format= in Python)"),
        )
    })
}

/// A language templates and their results are written in: `fi`, `sv` or
/// `en` (`A0001` otherwise).
///
/// ```
/// assert_eq!(ennakko_templates::front::lang("sv").unwrap(), "sv");
/// assert_eq!(ennakko_templates::front::lang("se").unwrap_err().code(), "A0001");
/// ```
pub fn lang(lang: &str) -> Result<&'static str, Error> {
    Ok(lang.parse::<Lang>()?.code())
}

/// Which checklist a template step works with, in a host that reads no
/// files.
#[derive(Debug, Clone, Copy)]
pub enum Using<'a> {
    /// A checklist the caller compiled.
    Checklist(&'a Checklist),
    /// A standard checklist the caller named.
    Standard(&'a str),
    /// The one the document names (for [`init`], the decision), else the
    /// default, as the CLI chooses.
    Named,
}

/// Who named a checklist.
#[derive(Debug, Clone, Copy)]
enum Whose {
    Caller,
    Decision,
    Template,
}

/// A standard checklist by a name that `whose` gave. A checklist file
/// cannot be read where there are no files (a browser): `A0008` says to
/// compile it and pass it.
fn standard_named(name: &str, whose: Whose) -> Result<Checklist, Error> {
    if ennakko::checklist::load::names_a_file(name) {
        let name = quoted(name);
        let message = match whose {
            Whose::Caller => {
                t!("options.checklist names the checklist file {name}, and there is no file system here", name = name)
            }
            Whose::Decision => {
                t!("the decision names the checklist file {name}, and there is no file system here", name = name)
            }
            Whose::Template => {
                t!("the template names the checklist file {name}, and there is no file system here", name = name)
            }
        };
        let help = t!(
            "compile that file's source with `new Checklist(source, options)`, naming it {name}, and pass it as options.checklist",
            name = name
        );
        return Err(argument("A0008", message, help));
    }
    Checklist::standard(name)
}

/// The checklist to use: the given one, or a standard one compiled now.
/// `named` says what the document names; it is only read when needed.
fn choose<'a>(
    using: Using<'a>,
    whose: Whose,
    named: impl FnOnce() -> Result<Option<String>, Error>,
) -> Result<Cow<'a, Checklist>, Error> {
    match using {
        Using::Checklist(checklist) => Ok(Cow::Borrowed(checklist)),
        Using::Standard(name) => standard_named(name, Whose::Caller).map(Cow::Owned),
        Using::Named => {
            let named = named()?;
            let spec = ennakko::api::checklist_spec(None, named.as_deref());
            standard_named(spec, whose).map(Cow::Owned)
        }
    }
}

/// A blank template in `format` (`docx`, `md`, `html`) and `lang`.
/// `decision` (text and its format: `json`, `yaml`, `auto`) prefills it
/// with its values and alternatives, as the CLI's `--from`; with
/// [`Using::Named`] the checklist is the one the decision names, else
/// `eva`. `checklist_name` is how the template names its checklist
/// (default: the decision's `checklist`, else the checklist's id).
pub fn init(
    using: Using,
    format: &str,
    lang: &str,
    decision: Option<(&str, &str)>,
    checklist_name: Option<&str>,
) -> Result<Vec<u8>, Error> {
    let (format, lang) = (format_named(format)?, self::lang(lang)?);
    let decision = match decision {
        Some((text, format)) => Some(Decision::from_str(text, Format::named(format, text)?, &Limits::default())?),
        None => None,
    };
    let checklist = choose(using, Whose::Decision, || Ok(decision.as_ref().and_then(|d| d.checklist.clone())))?;
    let options = InitOptions { decision: decision.as_ref(), checklist_name: checklist_name.map(str::to_string) };
    Ok(crate::init_with(&checklist, format, lang, &options))
}

/// The checklist a template names, if any, without compiling anything;
/// `limits` as JSON text (some of [`TemplateLimits`]).
pub fn checklist_name(bytes: &[u8], format: Option<&str>, limits: Option<&str>) -> Result<Option<String>, Error> {
    let (format, limits) = (self::format(format, None, bytes)?, json::limits::<TemplateLimits>(limits)?);
    crate::checklist_name_with(bytes, format, &limits)
}

/// Reads a filled template and lists what is unanswered, inconsistent or
/// wrong, as JSON ([`Summary`]). A document that cannot be read at all
/// (not a zip, not UTF-8, too large...) is a `template` error.
pub fn check(using: Using, bytes: &[u8], format: Option<&str>, limits: Option<&str>) -> Result<String, Error> {
    check_in(using, bytes, format, limits, Lang::En)
}

/// [`check`] with the problems told in `lang`.
pub fn check_in(
    using: Using,
    bytes: &[u8],
    format: Option<&str>,
    limits: Option<&str>,
    lang: Lang,
) -> Result<String, Error> {
    let (format, limits) = (self::format(format, None, bytes)?, json::limits::<TemplateLimits>(limits)?);
    let named = || crate::checklist_name_with(bytes, format, &limits);
    let checklist = choose(using, Whose::Template, named)?;
    let mut check = crate::check_with(&checklist, bytes, format, &limits)?;
    check.problems = ennakko::api::diagnostics_in(&check.problems, lang);
    Ok(json::to_json(&Summary::of(&check), false))
}

/// Scores a template's decision and returns a copy of the document with
/// the results written in, in `lang` (default: the decision's language,
/// else Finnish). A template with errors is a `template` error listing
/// them (`T` and `D` codes).
pub fn fill(
    using: Using,
    bytes: &[u8],
    format: Option<&str>,
    lang: Option<&str>,
    limits: Option<&str>,
) -> Result<Vec<u8>, Error> {
    let (format, limits) = (self::format(format, None, bytes)?, json::limits::<TemplateLimits>(limits)?);
    let lang = lang.map(self::lang).transpose()?;
    let named = || crate::checklist_name_with(bytes, format, &limits);
    let checklist = choose(using, Whose::Template, named)?;
    crate::fill_with(&checklist, bytes, format, lang, &limits).map(|filled| filled.bytes)
}

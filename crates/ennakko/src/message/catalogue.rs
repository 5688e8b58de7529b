//! The catalogue: each English template of a diagnostic text with its
//! Finnish and Swedish wording.
//!
//! The reader is a welfare coordinator writing a checklist or an official
//! filling in a decision, not a programmer: plain, official wording. Code
//! (`ids`, keywords, `--options`) stays as it is, in backquotes. Placeholders
//! are those of the English template: `{}` in order (a translation that
//! reorders them writes `{0}`, `{1}`), `{name}` by name.
//!
//! `tests/messages.rs` checks that every template written with `t!` in the
//! core is here, that each translation has the placeholders of its template,
//! and that every code in the source is documented in `docs/errors.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::report::i18n::Lang;

/// One text: English template, Finnish, Swedish.
pub type Entry = (&'static str, &'static str, &'static str);

/// The wording of `template` in `lang` (`None` for English, whose wording
/// is the template, and for a template the catalogue lacks).
///
/// ```
/// use ennakko::{api::Lang, message::catalogue::lookup};
/// assert_eq!(lookup("empty name", Lang::Sv), Some("tomt namn"));
/// assert_eq!(lookup("empty name", Lang::En), None);
/// ```
pub fn lookup(template: &str, lang: Lang) -> Option<&'static str> {
    static INDEX: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| ENTRIES.iter().map(|&(en, fi, sv)| (en, (fi, sv))).collect());
    let (fi, sv) = index.get(template)?;
    match lang {
        Lang::Fi => Some(fi),
        Lang::Sv => Some(sv),
        Lang::En => None,
    }
}

/// Every entry, for the catalogue test.
///
/// ```
/// assert!(!ennakko::message::catalogue::entries().is_empty());
/// ```
pub fn entries() -> &'static [Entry] {
    ENTRIES
}

const ENTRIES: &[Entry] = &[
    // Shared hints and phrases.
    ("did you mean `{}`?", "tarkoititko `{}`?", "menade du `{}`?"),
    ("use one of: {}", "käytä jotakin näistä: {}", "använd något av: {}"),
    ("empty name", "tyhjä nimi", "tomt namn"),
    ("write a name", "kirjoita nimi", "skriv ett namn"),
    ("unknown name `{}`", "tuntematon nimi `{}`", "okänt namn `{}`"),
    ("{} and {} found", "löytyi {} ja {}", "{} och {} hittades"),
    (
        "alternative `{}` has no answers and no impact cells",
        "vaihtoehdolla `{}` ei ole vastauksia eikä vaikutusarvioita",
        "alternativet `{}` har inga svar och inga konsekvensbedömningar",
    ),
    ("a group", "ryhmä", "en grupp"),
    ("expected {}, found {}", "odotettiin: {}, löytyi: {}", "väntade mig {}, fann {}"),
];

//! The standard checklists, embedded so the library, the CLI and the
//! bindings work with no files present.

/// Name and source of every standard checklist. `eva` comes first: it is the
/// general checklist, and the others import it.
const CHECKLISTS: &[(&str, &str)] = &[
    ("eva", include_str!("../../checklists/eva.eva")),
    ("children", include_str!("../../checklists/children.eva")),
    ("gender", include_str!("../../checklists/gender.eva")),
    ("language", include_str!("../../checklists/language.eva")),
    ("environment", include_str!("../../checklists/environment.eva")),
];

/// The source of a standard checklist.
///
/// ```
/// assert!(ennakko::checklist::stdlib::source("eva").is_some());
/// assert!(ennakko::checklist::stdlib::source("nope").is_none());
/// ```
pub fn source(name: &str) -> Option<&'static str> {
    CHECKLISTS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Names of the standard checklists.
pub fn names() -> impl Iterator<Item = &'static str> {
    CHECKLISTS.iter().map(|(n, _)| *n)
}

/// The checklist used when none is named.
pub const DEFAULT: &str = "eva";

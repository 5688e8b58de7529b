//! JSON Schemas: the engine's (`ennakko::schema`) and the one of what
//! checking a template finds. Front ends built with templates look schemas
//! up here, those without in `ennakko::schema`; both have `named` and
//! `unknown`.

/// The name of the schema of what checking a template finds.
pub const TEMPLATE_CHECK: &str = "template-check";

/// The JSON Schema of what checking a template finds ([`crate::Summary`]).
///
/// ```
/// assert_eq!(ennakko_templates::schema::template_check()["title"], "TemplateCheck");
/// ```
pub fn template_check() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(crate::Summary)).unwrap_or_default()
}

/// The names [`named`] knows, in the order tools list them: the engine's,
/// then [`TEMPLATE_CHECK`].
///
/// ```
/// assert_eq!(ennakko_templates::schema::names().last(), Some(&"template-check"));
/// ```
pub fn names() -> Vec<&'static str> {
    ennakko::schema::NAMES.into_iter().chain([TEMPLATE_CHECK]).collect()
}

/// A schema by its name in [`names`].
///
/// ```
/// use ennakko_templates::schema::named;
/// assert_eq!(named("template-check").unwrap()["title"], "TemplateCheck");
/// assert_eq!(named("report").unwrap()["title"], "Report");
/// assert!(named("nope").is_none());
/// ```
pub fn named(name: &str) -> Option<serde_json::Value> {
    match name {
        TEMPLATE_CHECK => Some(template_check()),
        _ => ennakko::schema::named(name),
    }
}

/// The message for a name that is not in [`names`], with a suggestion.
///
/// ```
/// assert!(ennakko_templates::schema::unknown("template-chek").contains("did you mean `template-check`?"));
/// ```
pub fn unknown(name: &str) -> String {
    ennakko::schema::unknown_among(name, &names())
}

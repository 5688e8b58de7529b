//! WebAssembly bindings of ennakko: the npm package `ennakko`.
//!
//! An adapter, like cedar's wasm crate over its `ffi` module: every export
//! passes its strings to the core's text-in, text-out façade
//! (`ennakko::api::json`, and `ennakko_templates::front` for templates)
//! and maps `ennakko::Error` to JavaScript: argument errors (the calling
//! program's mistakes, `A` codes) become a `TypeError`; every other kind
//! an `Error` named `EnnakkoError` with `kind` (`compile`, `decision`,
//! `evaluation`, `template`), `code` and `diagnosticsJson`. Strings cross
//! the boundary (JSON is parsed on the JavaScript side with `JSON.parse`,
//! which is faster than building objects from Rust); template documents
//! cross as bytes. The tests of what the exports do are the core's
//! (`crates/ennakko/tests/json_api.rs`, `crates/ennakko-templates/tests/front.rs`)
//! and the Node tests in `tests/`.
//!
//! The public JavaScript API (classes `Checklist` and `EnnakkoError`,
//! objects instead of JSON text) is the small wrapper in `js/api.js`; see
//! `bindings/wasm/README.md`.
//!
//! Problems are told in the language of the last [`speak`]: the wrapper
//! calls it with a call's `lang` option when it differs from the last one,
//! so each call of the public API has its own (the module runs one call at
//! a time).

use std::sync::Mutex;

use ennakko::api::{self, Lang, json};
use ennakko::checklist::describe::Description;
use ennakko::{Checklist, Error, ErrorKind};
use wasm_bindgen::prelude::*;
// The schemas this build knows: with templates, also `template-check`.
#[cfg(not(feature = "templates"))]
use ennakko::schema as schemas;
#[cfg(feature = "templates")]
use ennakko_templates::schema as schemas;

#[cfg(feature = "templates")]
mod templates;

/// The message of the last panic, if one happened. A panic aborts the
/// module (the caller sees a `WebAssembly.RuntimeError`); the wrapper then
/// reads this to say what went wrong. It should never be set: every input
/// is handled without panicking.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The language problems are told in (see [`speak`]).
static SPEAKING: Mutex<Lang> = Mutex::new(Lang::En);

/// The language problems are told in now.
pub(crate) fn speaking() -> Lang {
    SPEAKING.lock().map_or(Lang::En, |lang| *lang)
}

/// Sets the language the next calls tell problems in: `fi`, `sv` or `en`
/// (none: English), checked by the core (a `TypeError` otherwise).
#[wasm_bindgen]
pub fn speak(lang: Option<String>) -> Result<(), JsValue> {
    let lang = api::diagnostics_language(lang.as_deref()).map_err(to_js)?;
    if let Ok(mut speaking) = SPEAKING.lock() {
        *speaking = lang;
    }
    Ok(())
}

/// Runs when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
}

/// The message of the panic that aborted the module, if any.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|last| last.clone())
}

/// The JavaScript error for a core error: a document's problems told in
/// the language of the last [`speak`]; the calling program's mistakes
/// (`TypeError`) in English, as the code that made them is written.
pub(crate) fn to_js(error: Error) -> JsValue {
    if error.kind == ErrorKind::Argument {
        let lines: Vec<String> = error
            .diagnostics
            .iter()
            .map(|d| d.help.as_ref().map_or_else(|| d.message.clone(), |help| format!("{}: {help}", d.message)))
            .collect();
        return js_sys::TypeError::new(&lines.join("\n")).into();
    }
    let (lang, error) = (speaking(), error.in_language(speaking()));
    let message = ennakko::diagnostic::render_all_in(&error.diagnostics, lang);
    let value: JsValue = js_sys::Error::new(message.trim_end()).into();
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        e.set_name("EnnakkoError");
    }
    let set = |key: &str, field: &JsValue| js_sys::Reflect::set(&value, &key.into(), field);
    let _ = set("kind", &error.kind.name().into());
    let _ = set("code", &error.code().into());
    let _ = set("diagnosticsJson", &json::to_json(&error.diagnostics, false).into());
    value
}

/// A compiled checklist and its description (low level: JSON text in and out).
#[wasm_bindgen(js_name = RawChecklist)]
pub struct RawChecklist {
    pub(crate) checklist: Checklist,
    description: Description,
}

impl RawChecklist {
    fn new(checklist: Checklist) -> RawChecklist {
        RawChecklist { description: checklist.describe(), checklist }
    }
}

#[wasm_bindgen(js_class = RawChecklist)]
impl RawChecklist {
    /// Compiles checklist `source` named `name`. `files`: JSON object of
    /// file name to source, for relative imports; `limits`: JSON object.
    #[wasm_bindgen(js_name = fromSource)]
    pub fn from_source(
        name: &str,
        source: &str,
        files: Option<String>,
        limits: Option<String>,
    ) -> Result<RawChecklist, JsValue> {
        let options = json::options(files.as_deref(), limits.as_deref()).map_err(to_js)?;
        Checklist::compile(name, source, &options).map(RawChecklist::new).map_err(to_js)
    }

    /// Compiles a standard checklist by name (`eva`).
    pub fn standard(name: &str, limits: Option<String>) -> Result<RawChecklist, JsValue> {
        let limits = json::limits(limits.as_deref()).map_err(to_js)?;
        Checklist::standard_with(name, limits).map(RawChecklist::new).map_err(to_js)
    }

    /// The description, as JSON.
    #[wasm_bindgen(js_name = describeJson)]
    pub fn describe_json(&self) -> String {
        json::to_json(&self.description, false)
    }

    /// Compile warnings, as a JSON array.
    #[wasm_bindgen(js_name = warningsJson)]
    pub fn warnings_json(&self) -> String {
        json::diagnostics(self.checklist.warnings(), speaking())
    }

    /// The limits in force, as JSON.
    #[wasm_bindgen(js_name = limitsJson)]
    pub fn limits_json(&self) -> String {
        json::to_json(self.checklist.limits(), false)
    }

    /// Scores a decision (JSON or YAML text; `format`: json, yaml or auto);
    /// the report as JSON, pretty-printed like the CLI when `pretty`.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, decision: &str, format: &str, pretty: bool) -> Result<String, JsValue> {
        json::score(&self.checklist, decision, format, pretty).map_err(to_js)
    }

    /// Evaluates a decision (JSON or YAML text) into the compact result:
    /// verdict, fired rules and numbers, no report; as JSON.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(&self, decision: &str, format: &str) -> Result<String, JsValue> {
        json::evaluate(&self.checklist, decision, format).map_err(to_js)
    }

    /// Explains one result of a decision, also a rule that did not fire.
    #[wasm_bindgen(js_name = explainDecision)]
    pub fn explain_decision(
        &self,
        decision: &str,
        format: &str,
        id: &str,
        lang: Option<String>,
    ) -> Result<Option<String>, JsValue> {
        json::explain_decision(&self.checklist, decision, format, id, lang.as_deref()).map_err(to_js)
    }

    /// Which questions apply and are missing per alternative, as JSON.
    #[wasm_bindgen(js_name = questionsJson)]
    pub fn questions_json(&self, decision: &str, format: &str) -> Result<String, JsValue> {
        json::questions(&self.checklist, &self.description, decision, format).map_err(to_js)
    }
}

/// Every diagnostic of a checklist source, as a JSON array (`[]` if clean),
/// in the language of the last [`speak`].
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(name: &str, source: &str, files: Option<String>, limits: Option<String>) -> Result<String, JsValue> {
    let options = json::options(files.as_deref(), limits.as_deref()).map_err(to_js)?;
    Ok(json::check_in(name, source, &options, speaking()))
}

/// What the name at string index `offset` of checklist source is, as JSON
/// (`{ markdown, hover }`, or `null`): for editors.
#[wasm_bindgen(js_name = hoverJson)]
pub fn hover_json(
    name: &str,
    source: &str,
    offset: u32,
    files: Option<String>,
    limits: Option<String>,
) -> Result<String, JsValue> {
    json::hover(name, source, offset, files.as_deref(), limits.as_deref()).map_err(to_js)
}

/// What may be typed at string index `offset` of checklist source, as JSON
/// (`{ from, options }`): for editors.
#[wasm_bindgen(js_name = completeJson)]
pub fn complete_json(
    name: &str,
    source: &str,
    offset: u32,
    files: Option<String>,
    limits: Option<String>,
) -> Result<String, JsValue> {
    json::complete(name, source, offset, files.as_deref(), limits.as_deref()).map_err(to_js)
}

/// Renders a report (JSON text) as `html` or `md`.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(report: &str, format: &str, lang: Option<String>) -> Result<String, JsValue> {
    json::render(report, format, lang.as_deref()).map_err(to_js)
}

/// Explains one result of a report (JSON text) in plain language, or `undefined`.
#[wasm_bindgen(js_name = explainReport)]
pub fn explain_report(report: &str, id: &str, lang: Option<String>) -> Result<Option<String>, JsValue> {
    json::explain(report, id, lang.as_deref()).map_err(to_js)
}

/// The equity statement of each alternative of a report (JSON text) in
/// words, as a JSON object of alternative id to sentence.
#[wasm_bindgen(js_name = equityJson)]
pub fn equity_json(report: &str, lang: Option<String>) -> Result<String, JsValue> {
    json::equity(report, lang.as_deref()).map_err(to_js)
}

/// A JSON Schema by name (`decision`, `report`, `template-check`...), as JSON.
#[wasm_bindgen(js_name = schemaJson)]
pub fn schema_json(name: &str) -> Result<String, JsValue> {
    schema_text(name).ok_or_else(|| js_sys::TypeError::new(&schemas::unknown(name)).into())
}

/// A schema generated now from the Rust types.
#[cfg(not(feature = "prebuilt-schemas"))]
fn schema_text(name: &str) -> Option<String> {
    schemas::named(name).map(|schema| json::to_json(&schema, true))
}

/// A schema as `scripts/build-wasm.sh` wrote it into the folder
/// `ENNAKKO_WASM_SCHEMAS` with the native `ennakko schema` (from the same
/// Rust types): generating schemas in the module took 133 KB of its code.
#[cfg(feature = "prebuilt-schemas")]
fn schema_text(name: &str) -> Option<String> {
    macro_rules! prebuilt {
        ($name:literal) => {
            include_str!(concat!(env!("ENNAKKO_WASM_SCHEMAS"), "/", $name, ".json"))
        };
    }
    let text = match name {
        "decision" => prebuilt!("decision"),
        "report" => prebuilt!("report"),
        "description" => prebuilt!("description"),
        "diagnostic" => prebuilt!("diagnostic"),
        "rollup" => prebuilt!("rollup"),
        #[cfg(feature = "templates")]
        "template-check" => prebuilt!("template-check"),
        _ => return None,
    };
    Some(text.to_string())
}

/// A roll-up of decisions from a JSON request (see docs/rollup.md), printed
/// as the request asks (JSON, Markdown, HTML or CSV).
#[wasm_bindgen(js_name = rollupJson)]
pub fn rollup_json(request: &str) -> Result<String, JsValue> {
    ennakko::api::rollup_json(request).map_err(to_js)
}

/// A decision document (JSON or YAML text) read and given back as JSON.
#[wasm_bindgen(js_name = readDecisionJson)]
pub fn read_decision_json(text: &str, format: &str) -> Result<String, JsValue> {
    json::read_decision(text, format).map_err(to_js)
}

/// Names of the standard checklists, as a JSON array.
#[wasm_bindgen(js_name = standardNamesJson)]
pub fn standard_names_json() -> String {
    json::standard_names()
}

/// The version of the ennakko engine.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

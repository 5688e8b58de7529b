//! The `#[wasm_bindgen]` exports: the low-level module that `js/api.js`
//! wraps. Strings cross the boundary (JSON is parsed on the JavaScript side
//! with `JSON.parse`, which is faster than building objects from Rust);
//! failures become JavaScript errors:
//!
//! - user data problems: an `Error` named `EnnakkoError` with `kind`
//!   (`compile`, `decision`, `evaluation`, `template`), `code` and
//!   `diagnosticsJson`;
//! - bad arguments from the host program: a `TypeError`.
//!
//! Template documents cross as bytes: `&[u8]` in (a `Uint8Array`, copied
//! into the module's memory) and `Vec<u8>` out (a new `Uint8Array`).
//!
//! Problems are told in the language of the last [`speak`]: the wrapper
//! calls it before every call with the call's `lang` option, so each call
//! of the public API has its own (the module runs one call at a time).

use std::sync::Mutex;

use ennakko::api::{self, Lang};
use wasm_bindgen::prelude::*;

use crate::host::{self, Engine, Failure};

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
    let lang = api::diagnostics_language(lang.as_deref()).map_err(|e| to_js(e.into()))?;
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

pub(crate) fn to_js(failure: Failure) -> JsValue {
    let failure = match failure {
        Failure::Diagnostics { kind, diagnostics } => {
            Failure::Diagnostics { kind, diagnostics: api::diagnostics_in(&diagnostics, speaking()) }
        }
        argument => argument,
    };
    match &failure {
        Failure::Argument(message) => js_sys::TypeError::new(message).into(),
        Failure::Diagnostics { kind, .. } => {
            let error = js_sys::Error::new(&failure.message_in(speaking()));
            error.set_name("EnnakkoError");
            let value: JsValue = error.into();
            let _ = js_sys::Reflect::set(&value, &"kind".into(), &(*kind).into());
            let _ = js_sys::Reflect::set(&value, &"code".into(), &failure.code().into());
            let _ = js_sys::Reflect::set(&value, &"diagnosticsJson".into(), &failure.diagnostics_json().into());
            value
        }
    }
}

/// A compiled checklist (low level: JSON text in and out).
#[wasm_bindgen(js_name = RawChecklist)]
pub struct RawChecklist {
    pub(crate) engine: Engine,
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
        Engine::compile(name, source, files.as_deref(), limits.as_deref())
            .map(|engine| RawChecklist { engine })
            .map_err(to_js)
    }

    /// Compiles a standard checklist by name (`eva`).
    pub fn standard(name: &str, limits: Option<String>) -> Result<RawChecklist, JsValue> {
        Engine::standard(name, limits.as_deref()).map(|engine| RawChecklist { engine }).map_err(to_js)
    }

    /// The description, as JSON.
    #[wasm_bindgen(js_name = describeJson)]
    pub fn describe_json(&self) -> String {
        self.engine.describe_json()
    }

    /// Compile warnings, as a JSON array.
    #[wasm_bindgen(js_name = warningsJson)]
    pub fn warnings_json(&self) -> String {
        crate::host::to_json(&api::diagnostics_in(self.engine.checklist().warnings(), speaking()), false)
    }

    /// The limits in force, as JSON.
    #[wasm_bindgen(js_name = limitsJson)]
    pub fn limits_json(&self) -> String {
        self.engine.limits_json()
    }

    /// Scores a decision (JSON or YAML text; `format`: json, yaml or auto);
    /// the report as JSON, pretty-printed like the CLI when `pretty`.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, decision: &str, format: &str, pretty: bool) -> Result<String, JsValue> {
        self.engine.score_json(decision, format, pretty).map_err(to_js)
    }

    /// Evaluates a decision (JSON or YAML text) into the compact result:
    /// verdict, fired rules and numbers, no report; as JSON.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(&self, decision: &str, format: &str) -> Result<String, JsValue> {
        self.engine.evaluate_json(decision, format).map_err(to_js)
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
        self.engine.explain_decision(decision, format, id, lang.as_deref()).map_err(to_js)
    }

    /// Which questions apply and are missing per alternative, as JSON.
    #[wasm_bindgen(js_name = questionsJson)]
    pub fn questions_json(&self, decision: &str, format: &str) -> Result<String, JsValue> {
        self.engine.questions_json(decision, format).map_err(to_js)
    }
}

/// Every diagnostic of a checklist source, as a JSON array (`[]` if clean),
/// in `lang` when given.
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(name: &str, source: &str, files: Option<String>, limits: Option<String>) -> Result<String, JsValue> {
    host::check_json_in(name, source, files.as_deref(), limits.as_deref(), speaking()).map_err(to_js)
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
    host::hover_json(name, source, offset, files.as_deref(), limits.as_deref()).map_err(to_js)
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
    host::complete_json(name, source, offset, files.as_deref(), limits.as_deref()).map_err(to_js)
}

/// Renders a report (JSON text) as `html` or `md`.
#[wasm_bindgen(js_name = renderReport)]
pub fn render_report(report: &str, format: &str, lang: Option<String>) -> Result<String, JsValue> {
    host::render(report, format, lang.as_deref()).map_err(to_js)
}

/// Explains one result of a report (JSON text) in plain language, or `undefined`.
#[wasm_bindgen(js_name = explainReport)]
pub fn explain_report(report: &str, id: &str, lang: Option<String>) -> Result<Option<String>, JsValue> {
    host::explain(report, id, lang.as_deref()).map_err(to_js)
}

/// The equity statement of each alternative of a report (JSON text) in
/// words, as a JSON object of alternative id to sentence.
#[wasm_bindgen(js_name = equityJson)]
pub fn equity_json(report: &str, lang: Option<String>) -> Result<String, JsValue> {
    host::equity_json(report, lang.as_deref()).map_err(to_js)
}

/// A JSON Schema by name (`decision`, `report`, `template-check`...), as JSON.
#[wasm_bindgen(js_name = schemaJson)]
pub fn schema_json(name: &str) -> Result<String, JsValue> {
    host::schema_json(name).map_err(to_js)
}

/// A roll-up of decisions from a JSON request (see docs/rollup.md), printed
/// as the request asks (JSON, Markdown, HTML or CSV).
#[wasm_bindgen(js_name = rollupJson)]
pub fn rollup_json(request: &str) -> Result<String, JsValue> {
    ennakko::api::rollup_json(request).map_err(|e| to_js(e.into()))
}

/// A decision document (JSON or YAML text) read and given back as JSON.
#[wasm_bindgen(js_name = readDecisionJson)]
pub fn read_decision_json(text: &str, format: &str) -> Result<String, JsValue> {
    host::read_decision_json(text, format).map_err(to_js)
}

/// Names of the standard checklists, as a JSON array.
#[wasm_bindgen(js_name = standardNamesJson)]
pub fn standard_names_json() -> String {
    host::standard_names_json()
}

/// The version of the ennakko engine.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

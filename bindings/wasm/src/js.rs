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

use wasm_bindgen::prelude::*;

use crate::host::{self, Engine, Failure, Using};

/// The message of the last panic, if one happened. A panic aborts the
/// module (the caller sees a `WebAssembly.RuntimeError`); the wrapper then
/// reads this to say what went wrong. It should never be set: every input
/// is handled without panicking.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

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

fn to_js(failure: Failure) -> JsValue {
    match &failure {
        Failure::Argument(message) => js_sys::TypeError::new(message).into(),
        Failure::Diagnostics { kind, .. } => {
            let error = js_sys::Error::new(&failure.message());
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
    engine: Engine,
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
        self.engine.warnings_json()
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

    /// A blank template of this checklist (see the free `templateInit`).
    #[wasm_bindgen(js_name = templateInit)]
    pub fn template_init(
        &self,
        format: &str,
        lang: &str,
        decision: Option<String>,
        decision_format: &str,
        checklist_name: Option<String>,
    ) -> Result<Vec<u8>, JsValue> {
        let decision = decision.as_deref().map(|text| (text, decision_format));
        host::template_init(Using::Checklist(&self.engine), format, lang, decision, checklist_name.as_deref())
            .map_err(to_js)
    }

    /// Checks a template with this checklist; the check as JSON.
    #[wasm_bindgen(js_name = templateCheckJson)]
    pub fn template_check_json(
        &self,
        document: &[u8],
        format: Option<String>,
        limits: Option<String>,
    ) -> Result<String, JsValue> {
        host::template_check_json(Using::Checklist(&self.engine), document, format.as_deref(), limits.as_deref())
            .map_err(to_js)
    }

    /// Fills a template with this checklist's results; the new document.
    #[wasm_bindgen(js_name = templateFill)]
    pub fn template_fill(
        &self,
        document: &[u8],
        format: Option<String>,
        lang: Option<String>,
        limits: Option<String>,
    ) -> Result<Vec<u8>, JsValue> {
        let using = Using::Checklist(&self.engine);
        host::template_fill(using, document, format.as_deref(), lang.as_deref(), limits.as_deref()).map_err(to_js)
    }
}

/// The checklist a free template function uses: the standard one named,
/// else the one the document names, else `eva`.
fn using(checklist: Option<&str>) -> Using<'_> {
    checklist.map_or(Using::Named, Using::Standard)
}

/// A blank template (`format`: docx, md, html; `lang`: fi, sv, en),
/// prefilled from `decision` (JSON or YAML text) if given.
#[wasm_bindgen(js_name = templateInit)]
pub fn template_init(
    checklist: Option<String>,
    format: &str,
    lang: &str,
    decision: Option<String>,
    decision_format: &str,
    checklist_name: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let decision = decision.as_deref().map(|text| (text, decision_format));
    host::template_init(using(checklist.as_deref()), format, lang, decision, checklist_name.as_deref()).map_err(to_js)
}

/// Checks a template document; the check as JSON.
#[wasm_bindgen(js_name = templateCheckJson)]
pub fn template_check_json(
    checklist: Option<String>,
    document: &[u8],
    format: Option<String>,
    limits: Option<String>,
) -> Result<String, JsValue> {
    host::template_check_json(using(checklist.as_deref()), document, format.as_deref(), limits.as_deref())
        .map_err(to_js)
}

/// Fills a template document with its results; the new document.
#[wasm_bindgen(js_name = templateFill)]
pub fn template_fill(
    checklist: Option<String>,
    document: &[u8],
    format: Option<String>,
    lang: Option<String>,
    limits: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let using = using(checklist.as_deref());
    host::template_fill(using, document, format.as_deref(), lang.as_deref(), limits.as_deref()).map_err(to_js)
}

/// The checklist a template document names, or `undefined`.
#[wasm_bindgen(js_name = templateChecklistName)]
pub fn template_checklist_name(
    document: &[u8],
    format: Option<String>,
    limits: Option<String>,
) -> Result<Option<String>, JsValue> {
    host::template_checklist_name(document, format.as_deref(), limits.as_deref()).map_err(to_js)
}

/// The default limits template documents are read within, as JSON.
#[wasm_bindgen(js_name = templateDefaultLimitsJson)]
pub fn template_default_limits_json() -> String {
    host::template_default_limits_json()
}

/// Every diagnostic of a checklist source, as a JSON array (`[]` if clean).
#[wasm_bindgen(js_name = checkJson)]
pub fn check_json(name: &str, source: &str, files: Option<String>, limits: Option<String>) -> Result<String, JsValue> {
    host::check_json(name, source, files.as_deref(), limits.as_deref()).map_err(to_js)
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

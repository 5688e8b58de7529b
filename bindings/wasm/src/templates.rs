//! The template exports (feature `templates`) over `ennakko_templates::front`:
//! documents cross as bytes, `&[u8]` in (a `Uint8Array`, copied into the
//! module's memory) and `Vec<u8>` out (a new `Uint8Array`).

use ennakko_templates::TemplateLimits;
use ennakko_templates::front::{self, Using};
use wasm_bindgen::prelude::*;

use super::{RawChecklist, json, speaking, to_js};

#[wasm_bindgen(js_class = RawChecklist)]
impl RawChecklist {
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
        front::init(Using::Checklist(&self.checklist), format, lang, decision, checklist_name.as_deref()).map_err(to_js)
    }

    /// Checks a template with this checklist; the check as JSON, its
    /// problems in the language of the last `speak`.
    #[wasm_bindgen(js_name = templateCheckJson)]
    pub fn template_check_json(
        &self,
        document: &[u8],
        format: Option<String>,
        limits: Option<String>,
    ) -> Result<String, JsValue> {
        let using = Using::Checklist(&self.checklist);
        front::check_in(using, document, format.as_deref(), limits.as_deref(), speaking()).map_err(to_js)
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
        let using = Using::Checklist(&self.checklist);
        front::fill(using, document, format.as_deref(), lang.as_deref(), limits.as_deref()).map_err(to_js)
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
    front::init(using(checklist.as_deref()), format, lang, decision, checklist_name.as_deref()).map_err(to_js)
}

/// Checks a template document; the check as JSON, its problems in the
/// language of the last `speak`.
#[wasm_bindgen(js_name = templateCheckJson)]
pub fn template_check_json(
    checklist: Option<String>,
    document: &[u8],
    format: Option<String>,
    limits: Option<String>,
) -> Result<String, JsValue> {
    let using = using(checklist.as_deref());
    front::check_in(using, document, format.as_deref(), limits.as_deref(), speaking()).map_err(to_js)
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
    front::fill(using, document, format.as_deref(), lang.as_deref(), limits.as_deref()).map_err(to_js)
}

/// The checklist a template document names, or `undefined`.
#[wasm_bindgen(js_name = templateChecklistName)]
pub fn template_checklist_name(
    document: &[u8],
    format: Option<String>,
    limits: Option<String>,
) -> Result<Option<String>, JsValue> {
    front::checklist_name(document, format.as_deref(), limits.as_deref()).map_err(to_js)
}

/// The default limits template documents are read within, as JSON.
#[wasm_bindgen(js_name = templateDefaultLimitsJson)]
pub fn template_default_limits_json() -> String {
    json::to_json(&TemplateLimits::default(), false)
}

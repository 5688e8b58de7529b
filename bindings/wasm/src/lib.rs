//! WebAssembly bindings of ennakko: the npm package `ennakko`.
//!
//! The binding only converts: JSON text in, JSON text out (template
//! documents: bytes in, bytes out), errors as structured diagnostics. All
//! the work happens in the core crate.
//!
//! Two layers:
//! - [`host`]: plain Rust over strings, with no JavaScript types, so it runs
//!   (and is tested against hostile input) natively in `cargo test`;
//! - [`js`]: the `#[wasm_bindgen]` exports, which turn [`host::Failure`]s
//!   into JavaScript `Error` objects carrying `code` and `diagnostics`.
//!
//! The public JavaScript API (classes `Checklist` and `EnnakkoError`,
//! objects instead of JSON text) is the small wrapper in `js/api.js`; see
//! `bindings/wasm/README.md`.

pub mod host;
pub mod js;

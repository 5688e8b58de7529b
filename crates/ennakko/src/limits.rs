//! Resource limits for untrusted checklists and decisions.
//!
//! Every limit has a safe default and can be changed by the embedding
//! application. Exceeding a limit is an ordinary error with a code, never a
//! crash: pest and the evaluator recurse once per nesting level, so nesting is
//! bounded *before* parsing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Most diagnostics reported for one checklist or one decision. Past this
/// many, further problems are not looked for (a note on the last one says
/// so): an input full of mistakes must not cost unbounded time and memory.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Limits applied while compiling checklists and scoring decisions.
///
/// ```
/// let limits = ennakko::Limits { max_eval_steps: 1_000, ..Default::default() };
/// assert_eq!(limits.max_nesting, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Limits {
    /// Largest checklist source file, in bytes (E0002).
    pub max_source_bytes: usize,
    /// Deepest nesting of brackets, braces and quantifiers (E0003).
    pub max_nesting: usize,
    /// Deepest expression tree, e.g. a chain of `and` (E0003).
    pub max_expr_depth: usize,
    /// Most declarations in one checklist, imports included (E0004).
    pub max_declarations: usize,
    /// Most files one checklist may import, directly or not (E0004).
    pub max_imports: usize,
    /// Largest decision document, in bytes (D0002).
    pub max_decision_bytes: usize,
    /// Deepest nesting in a decision document (D0003).
    pub max_decision_depth: usize,
    /// Most alternatives in one decision (D0004).
    pub max_alternatives: usize,
    /// Most impact cells in one alternative (D0004).
    pub max_cells: usize,
    /// Evaluation steps allowed for one decision (R0001).
    pub max_eval_steps: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_source_bytes: 1 << 20,
            max_nesting: 64,
            max_expr_depth: 200,
            max_declarations: 20_000,
            max_imports: 64,
            max_decision_bytes: 16 << 20,
            max_decision_depth: 32,
            max_alternatives: 64,
            max_cells: 10_000,
            max_eval_steps: 10_000_000,
        }
    }
}

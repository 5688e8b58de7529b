//! Stage 2, **checklist**: syntax trees to the compiled, immutable checklist.
//!
//! [`load`] reads a root file and its imports through a [`load::Resolver`]
//! ([`stdlib`] serves the embedded standard checklists); `check` resolves
//! every name and property, `typing` types each expression and `reach` finds
//! questions that can never apply, all reporting every problem at once. The
//! result is a [`model::Model`], with the [`defaults`] scales filled in;
//! [`describe`] turns it into what a form or an analyst needs.
//!
//! ```
//! let checklist = ennakko::Checklist::standard("eva").unwrap();
//! assert!(!checklist.model().groups.is_empty());
//! ```

pub(crate) mod check;
pub mod defaults;
pub mod describe;
pub mod index;
pub mod load;
pub mod message;
pub mod model;
pub(crate) mod reach;
pub mod stdlib;
pub(crate) mod typing;

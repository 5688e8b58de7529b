//! Stage 1, **syntax**: checklist text to a syntax tree and back.
//!
//! [`source`] holds files and positions, [`parser`] turns text into the
//! [`ast`] (the grammar lives in `grammar/ennakko.pest`), and [`format`](mod@format)
//! prints any tree in canonical form. Nothing here knows what a name means;
//! that is the next stage, [`crate::checklist`].
//!
//! ```
//! use ennakko::syntax::{self, source::SourceMap};
//! let mut sources = SourceMap::default();
//! let file = sources.add("a.eva", "checklist a {\n  version \"1\"\n}\n");
//! let tree = syntax::parse(&sources, file, &ennakko::Limits::default()).unwrap();
//! assert_eq!(tree.decls.len(), 1);
//! ```

pub mod ast;
pub mod format;
pub mod parser;
pub mod source;

pub use parser::{parse, unescape};

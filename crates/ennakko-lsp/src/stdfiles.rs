//! Read-only copies of the standard checklists, so that "go to
//! definition" can open them in any editor: they are embedded in the
//! binary and have no file of their own. Each is written once to
//! `<temp>/ennakko-lsp-<version>/<name>.eva` and made read-only; a copy
//! that differs from the embedded text (edited by someone, or left by
//! another build) is written again.

use std::path::PathBuf;

/// Where the copies go.
pub struct StdFiles {
    dir: PathBuf,
}

impl Default for StdFiles {
    fn default() -> StdFiles {
        StdFiles { dir: std::env::temp_dir().join(format!("ennakko-lsp-{}", env!("CARGO_PKG_VERSION"))) }
    }
}

impl StdFiles {
    /// Copies into `dir` (for tests).
    pub fn in_dir(dir: PathBuf) -> StdFiles {
        StdFiles { dir }
    }

    /// The path of the read-only copy of a standard checklist, written if
    /// missing or different; `None` for an unknown name or when the copy
    /// cannot be written.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("ennakko-std-doc-{}", std::process::id()));
    /// let std = ennakko_lsp::stdfiles::StdFiles::in_dir(dir.clone());
    /// let path = std.path("eva").unwrap();
    /// assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
    /// assert!(std.path("nope").is_none());
    /// # let _ = std::fs::remove_dir_all(dir);
    /// ```
    pub fn path(&self, name: &str) -> Option<PathBuf> {
        let text = ennakko::checklist::stdlib::source(name)?;
        let path = self.dir.join(format!("{name}.eva"));
        if std::fs::read_to_string(&path).is_ok_and(|t| t == text) {
            return Some(path);
        }
        std::fs::create_dir_all(&self.dir).ok()?;
        // Written under a name of its own, then renamed into place: two
        // servers starting at once never see half a file.
        let partial = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&partial, text).ok()?;
        let mut permissions = std::fs::metadata(&partial).ok()?.permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&partial, permissions).ok()?;
        std::fs::rename(&partial, &path).ok()?;
        Some(path)
    }
}

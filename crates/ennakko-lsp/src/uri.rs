//! `file:` URIs and paths. Only local files have paths: a document with
//! another scheme (`untitled:`) is checked with the standard checklists as
//! its only imports.

use std::path::{Path, PathBuf};

/// The local path of a `file:` URI (`file:///home/a/x%20y.eva` or
/// `file://localhost/...`), percent-decoded; `None` for other schemes and
/// for a path that is not valid UTF-8 once decoded.
///
/// ```
/// use ennakko_lsp::uri::to_path;
/// assert_eq!(to_path("file:///tmp/k%C3%A4si.eva").unwrap(), std::path::Path::new("/tmp/käsi.eva"));
/// assert_eq!(to_path("untitled:Untitled-1"), None);
/// ```
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(path)).ok()?;
    // `file:///C:/x` on Windows is the path `C:/x`.
    let windows_drive = decoded.as_bytes().get(2) == Some(&b':') && cfg!(windows);
    Some(PathBuf::from(if windows_drive { &decoded[1..] } else { &decoded }))
}

/// The `file:` URI of an absolute path, percent-encoding every byte but
/// unreserved characters and `/`.
///
/// ```
/// use ennakko_lsp::uri::from_path;
/// assert_eq!(from_path(std::path::Path::new("/tmp/käsi ja.eva")), "file:///tmp/k%C3%A4si%20ja.eva");
/// ```
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_bad_escapes() {
        let path = Path::new("/työ/ä ö/å #1%/🙂.eva");
        assert_eq!(to_path(&from_path(path)).unwrap(), path);
        assert_eq!(to_path("file:///a%2").unwrap(), Path::new("/a%2"));
        assert_eq!(to_path("file:///a%zz%").unwrap(), Path::new("/a%zz%"));
        assert_eq!(to_path("file://server/share/x.eva"), None);
        assert_eq!(to_path("file:///%FF"), None);
    }
}

//! Finds where a JSON path (`$.alternatives[1].answers.x`) is in YAML text,
//! so a problem in a front matter can point at its line. Block-style YAML
//! only (what templates use); for anything else it returns the deepest
//! part of the path it found.

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 0-based line number.
    no: usize,
    /// Column (in characters) where the content starts.
    indent: usize,
    text: &'a str,
}

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    let path = path.strip_prefix('$').unwrap_or(path);
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let (n, after) = r.split_once(']').unwrap_or((r, ""));
            if let Ok(n) = n.parse() {
                out.push(Seg::Index(n));
            }
            rest = after;
        }
    }
    out
}

/// 1-based line and column of `path` in `yaml`, or of its deepest part found.
pub(crate) fn locate(yaml: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<Line> = yaml
        .lines()
        .enumerate()
        .filter_map(|(no, raw)| {
            let text = raw.trim_start_matches([' ', '\u{feff}']);
            let indent = raw.chars().count() - text.chars().count();
            let t = text.trim_end();
            (!t.is_empty() && !t.starts_with('#') && t != "---" && t != "...").then_some(Line { no, indent, text: t })
        })
        .collect();
    let mut block: Vec<Line> = lines;
    let mut found: Option<(usize, usize)> = None;
    for seg in segments(path) {
        let Some(first) = block.first().copied() else { break };
        let indent = first.indent;
        match seg {
            Seg::Key(key) => {
                let hit = block.iter().position(|l| l.indent == indent && is_key(l.text, key));
                let Some(i) = hit else { break };
                let line = block[i];
                found = Some((line.no + 1, line.indent + 1));
                let mut child = Vec::new();
                let mut sequence_here = false;
                for (k, l) in block[i + 1..].iter().enumerate() {
                    let dash_here = l.indent == indent && (l.text == "-" || l.text.starts_with("- "));
                    sequence_here |= k == 0 && dash_here;
                    if l.indent > indent || (sequence_here && dash_here) {
                        child.push(*l);
                    } else {
                        break;
                    }
                }
                block = child;
            }
            Seg::Index(n) => {
                let items: Vec<usize> = block
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.indent == indent && (l.text == "-" || l.text.starts_with("- ")))
                    .map(|(i, _)| i)
                    .collect();
                let Some(&i) = items.get(n) else { break };
                let line = block[i];
                let inner = line.text.strip_prefix('-').unwrap_or("");
                let pad = inner.chars().take_while(|c| *c == ' ').count();
                let rest = inner.trim_start();
                found = Some((line.no + 1, line.indent + 1 + 1 + pad));
                let mut child = Vec::new();
                if !rest.is_empty() {
                    child.push(Line { no: line.no, indent: line.indent + 1 + pad, text: rest });
                }
                for l in &block[i + 1..] {
                    if l.indent > indent {
                        child.push(*l);
                    } else {
                        break;
                    }
                }
                block = child;
            }
        }
    }
    found
}

fn is_key(text: &str, key: &str) -> bool {
    let unquoted = |q: char| text.strip_prefix(q).and_then(|t| t.strip_prefix(key)).and_then(|t| t.strip_prefix(q));
    let rest = text.strip_prefix(key).or_else(|| unquoted('"')).or_else(|| unquoted('\''));
    match rest {
        Some(r) => r == ":" || r.starts_with(": ") || r.starts_with(":\t"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    const Y: &str = "id: x\nfacts:\n  cost: 1 # c\nalternatives:\n  - id: zero\n    answers:\n      a: yes\n  -\n    id: plan\n    impacts:\n    - group: g\n      domain: d\n";

    #[test]
    fn finds_paths() {
        assert_eq!(locate(Y, "$.facts.cost"), Some((3, 3)));
        assert_eq!(locate(Y, "$.alternatives[0].answers.a"), Some((7, 7)));
        assert_eq!(locate(Y, "$.alternatives[0].id"), Some((5, 5)));
        assert_eq!(locate(Y, "$.alternatives[1].id"), Some((9, 5)));
        assert_eq!(locate(Y, "$.alternatives[1].impacts[0].domain"), Some((12, 7)));
        // Missing parts: the deepest found.
        assert_eq!(locate(Y, "$.alternatives[0].answers.b"), Some((6, 5)));
        assert_eq!(locate(Y, "$.nothing"), None);
    }
}

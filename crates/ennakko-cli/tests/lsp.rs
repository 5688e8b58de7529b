//! `ennakko lsp` driven over standard input and output as an editor drives
//! it: initialize, open a checklist with a mistake, see the diagnostic,
//! fix it, see it cleared, then hover, definition (locally, across a file
//! import and into a standard checklist), completion, formatting, rename,
//! shutdown and exit.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Longest wait for one answer: the server compiles in milliseconds; this
/// only keeps a broken server from hanging the test.
const WAIT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(tmp: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ennakko"))
            .arg("lsp")
            .env("TMPDIR", tmp)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Client { child, stdin, incoming, next_id: 1 }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("writes");
        self.stdin.flush().expect("flushes");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response's `result` (or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m["id"] == id);
        if response.get("error").is_some() { json!({"error": response["error"]}) } else { response["result"].clone() }
    }

    fn wait_for(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.incoming.recv_timeout(WAIT).expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
        }
    }

    fn diagnostics(&self) -> Vec<Value> {
        let note = self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
        note["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The LSP position (UTF-16 column) of the `nth` occurrence of `needle`.
fn position_of(text: &str, needle: &str, nth: usize) -> Value {
    let offset = text.match_indices(needle).nth(nth).expect("in the text").0;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({
        "line": text[..offset].matches('\n').count(),
        "character": text[line_start..offset].encode_utf16().count(),
    })
}

const LIB: &str =
    "import \"eva\"\n\ngroup pupils {\n  label fi \"Oppilaat\" sv \"Elever\" en \"Pupils\"\n  parent children\n}\n";

/// The mistake (`chidren`) is on a line with an emoji and `ä`, `ö`, `å`
/// before it, so its UTF-16 column differs from its byte and character
/// columns.
const BROKEN: &str = "import \"eva\"\nimport \"./lib.eva\"\n\n\
checklist koulu {\n  title fi \"Kouluverkko\" sv \"Skolnätet\" en \"School network\"\n  version \"1\"\n}\n\n\
question matkat: impact {\n  text fi \"Pidentyvätkö 🙂 matkat?\" sv \"Blir resorna längre?\" en \"Longer?\" groups pupils, chidren\n  domain mobility\n}\n\n\
rule pitkat: warning {\n  each proposal\n  when impact(pupils) < 0 and impact(children) < 0 and answered(matkat)\n  message fi \"Pidemmät matkat.\" sv \"Längre resor.\" en \"Longer journeys.\"\n}\n";

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ennakko-lsp-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("tmp")).expect("scratch folder");
    std::fs::write(dir.join("lib.eva"), LIB).expect("writes lib.eva");
    dir
}

#[test]
fn an_editor_session_over_stdio() {
    let dir = scratch();
    let uri = format!("file://{}/main.eva", dir.display());
    let doc = json!({"uri": uri});
    let mut client = Client::start(&dir.join("tmp"));

    let init = client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    assert_eq!(init["serverInfo"]["name"], "ennakko");
    assert_eq!(init["capabilities"]["renameProvider"], true);
    client.notify("initialized", json!({}));

    // A mistake: one diagnostic, with its code, hint and UTF-16 range.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "eva", "version": 1, "text": BROKEN}}),
    );
    let found = client.diagnostics();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "E0101");
    assert!(found[0]["message"].as_str().unwrap().contains("did you mean `children`?"), "{}", found[0]);
    assert_eq!(found[0]["range"]["start"], position_of(BROKEN, "chidren", 0));
    let end = &found[0]["range"]["end"];
    assert_eq!(end["character"], position_of(BROKEN, "chidren", 0)["character"].as_u64().unwrap() + 7);

    // Fixed: the diagnostics are cleared.
    let fixed = BROKEN.replace("chidren", "children");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(client.diagnostics(), Vec::<Value>::new());

    // Hover on a standard group: its labels in every language and its legal basis.
    let hover = client
        .request("textDocument/hover", json!({"textDocument": doc, "position": position_of(&fixed, "children", 0)}));
    let text = hover["contents"]["value"].as_str().expect("markdown");
    for expected in ["**group** `children`", "fi: Lapset", "sv: Barn", "en: Children", "legal basis", "Perustuslaki"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    // Definition: a group in the imported file, a standard group in its
    // read-only copy, and the local question.
    let lib = client
        .request("textDocument/definition", json!({"textDocument": doc, "position": position_of(&fixed, "pupils", 0)}));
    assert!(lib["uri"].as_str().unwrap().ends_with("/lib.eva"), "{lib}");
    assert_eq!(lib["range"]["start"], position_of(LIB, "pupils", 0));
    let std = client.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": position_of(&fixed, "children", 1)}),
    );
    let std_path = std["uri"].as_str().unwrap().strip_prefix("file://").expect("a file").to_string();
    let std_text = std::fs::read_to_string(&std_path).expect("the copy exists");
    assert!(std::fs::metadata(&std_path).unwrap().permissions().readonly());
    assert_eq!(
        std["range"]["start"],
        position_of(&std_text, "group children", 0)
            .as_object()
            .map(|p| { json!({"line": p["line"], "character": p["character"].as_u64().unwrap() + 6}) })
            .unwrap()
    );

    // Completion: group ids after `groups`, levels after `magnitude.`.
    let labels = |result: Value| -> Vec<String> {
        result.as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_string()).collect()
    };
    let completing = format!("{fixed}\nquestion q: impact {{\n  groups chi");
    let end_of = |text: &str| {
        let last = text.rsplit('\n').next().unwrap();
        json!({"line": text.matches('\n').count(), "character": last.encode_utf16().count()})
    };
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": completing}]}),
    );
    let items = labels(
        client.request("textDocument/completion", json!({"textDocument": doc, "position": end_of(&completing)})),
    );
    assert!(items.contains(&"children".to_string()) && items.contains(&"pupils".to_string()), "{items:?}");
    assert!(!items.contains(&"mobility".to_string()), "a domain is not a group: {items:?}");
    let completing = format!("{fixed}\nscore s {{\n  value count c in cells where c.magnitude >= magnitude.");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": completing}]}),
    );
    let items = labels(
        client.request("textDocument/completion", json!({"textDocument": doc, "position": end_of(&completing)})),
    );
    assert_eq!(items, ["minimal", "moderate", "severe"]);

    // Formatting gives what `ennakko fmt` writes.
    let messy = fixed.replace("  version \"1\"\n", "      version    \"1\"\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": messy}]}),
    );
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = edits[0]["newText"].as_str().expect("one edit with the whole text");
    assert_eq!(formatted, ennakko::syntax::format::format_source("main.eva", &messy).unwrap());
    assert!(formatted.contains("\n  version \"1\"\n"));

    // Rename a local id: its declaration and both uses; an id from a
    // standard checklist is refused.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 6}, "contentChanges": [{"text": fixed}]}),
    );
    let rename = client.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": position_of(&fixed, "matkat", 0), "newName": "koulumatkat"}),
    );
    let edits = rename["changes"][&uri].as_array().expect("edits for this file");
    let starts: Vec<&Value> = edits.iter().map(|e| &e["range"]["start"]).collect();
    assert_eq!(starts, [&position_of(&fixed, "matkat", 0), &position_of(&fixed, "matkat", 2)], "{edits:?}");
    assert!(edits.iter().all(|e| e["newText"] == "koulumatkat"));
    let rename = client.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": position_of(&fixed, "children", 0), "newName": "lapset"}),
    );
    assert!(rename["error"]["message"].as_str().unwrap().contains("<std>/eva.eva"), "{rename}");

    // Document symbols: the checklist, the question and the rule.
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": doc}));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["koulu", "matkat", "pitkat"]);

    // A mistake saved in the imported file shows on the import line.
    std::fs::write(dir.join("lib.eva"), LIB.replace("parent children", "parent chidren")).unwrap();
    client
        .notify("textDocument/didSave", json!({"textDocument": {"uri": format!("file://{}/lib.eva", dir.display())}}));
    let note = client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
    });
    let found = &note["params"]["diagnostics"][0];
    assert_eq!(found["code"], "E0101");
    assert!(found["message"].as_str().unwrap().contains("lib.eva:5:10: unknown"), "{found}");
    assert_eq!(found["range"]["start"], position_of(&fixed, "import \"./lib.eva\"", 0));

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown, Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().expect("the server exits");
    assert!(status.success(), "{status}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// An editor whose `locale` is Finnish gets its diagnostics in Finnish.
#[test]
fn diagnostics_follow_the_editors_locale() {
    let dir = std::env::temp_dir().join(format!("ennakko-lsp-test-{}-fi", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("tmp")).expect("scratch folder");
    std::fs::write(dir.join("lib.eva"), LIB).expect("writes lib.eva");
    let uri = format!("file://{}/main.eva", dir.display());
    let mut client = Client::start(&dir.join("tmp"));
    let params = json!({"processId": null, "rootUri": null, "capabilities": {}, "locale": "fi-FI"});
    client.request("initialize", params);
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "eva", "version": 1, "text": BROKEN}}),
    );
    let found = client.diagnostics();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0]["message"].as_str().unwrap().contains("tarkoititko `children`?"), "{}", found[0]);
    client.request("shutdown", json!(null));
    client.notify("exit", json!(null));
    let _ = client.child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

//! The ennakko language server: `ennakko lsp` speaks the Language Server
//! Protocol over standard input and output, for any editor.
//!
//! It offers diagnostics as you type (every problem the compiler finds,
//! with codes, notes and hints), hover (a declaration's texts in every
//! language, its kind and legal basis), go to definition (across imports;
//! standard checklists open as read-only copies, see [`stdfiles`]),
//! completion, document symbols, formatting with the canonical formatter
//! and rename of an id across a file. Documents are synchronised in full;
//! diagnostics are computed once a burst of edits has been read, not per
//! keystroke. Every answer is bounded by the core's [`Limits`].
//!
//! The protocol itself is `lsp-server` (rust-analyzer's) and `lsp-types`.

pub mod document;
pub use ennakko::editor::lexical;
pub mod position;
pub mod stdfiles;
pub mod uri;

use std::collections::{BTreeSet, HashMap};

use ennakko::Limits;
use ennakko::api::{self, Lang};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Rename, Request as _,
};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, InitializeResult, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    Uri, WorkspaceEdit,
};

use crossbeam_channel::RecvTimeoutError;
use document::Document;
use stdfiles::StdFiles;

/// How long the text must stay unchanged before diagnostics are computed.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Runs the server on standard input and output until the client says
/// `exit` (or closes the connection).
pub fn run_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (connection, threads) = Connection::stdio();
    serve(connection)?;
    threads.join()?;
    Ok(())
}

/// What this server can do, as told to the client.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), "\"".into()]),
            ..Default::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// Serves one connection: the initialize handshake, then requests and
/// notifications until `shutdown` and `exit`.
pub fn serve(connection: Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (id, params) = connection.initialize_start()?;
    let lang = language_of(&params);
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo { name: "ennakko".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server {
        docs: HashMap::new(),
        stale: BTreeSet::new(),
        limits: Limits::default(),
        std: StdFiles::default(),
        lang,
    };
    loop {
        // Diagnostics wait until the user pauses: edits typed in a burst
        // are compiled once, not once per keystroke.
        let message = if server.stale.is_empty() {
            connection.receiver.recv().ok()
        } else {
            match connection.receiver.recv_timeout(PAUSE) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => {
                    for note in server.publish() {
                        connection.sender.send(note.into())?;
                    }
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => None,
            }
        };
        let Some(message) = message else { return Ok(()) };
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(());
                }
                let response = server.request(req);
                connection.sender.send(response.into())?;
            }
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
}

struct Server {
    /// Open documents by URI.
    docs: HashMap<String, Document>,
    /// Documents whose diagnostics are out of date (closed ones get an
    /// empty list).
    stale: BTreeSet<String>,
    limits: Limits,
    std: StdFiles,
    /// The language diagnostics are told in.
    lang: Lang,
}

/// The language of diagnostics: the editor's `locale` from `initialize`
/// (`fi`, `sv-FI`, `fi_FI`...) when it is Finnish or Swedish, else English
/// (the language ids and checklist syntax are written in).
fn language_of(params: &serde_json::Value) -> Lang {
    let locale = params.get("locale").and_then(serde_json::Value::as_str).unwrap_or_default();
    let primary = locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    api::diagnostics_language(Some(&primary)).unwrap_or(Lang::En)
}

impl Server {
    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    self.update(p.text_document.uri, &p.text_document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.update(p.text_document.uri, &change.text);
                    }
                }
            }
            // A saved file may be imported by the others: read them again.
            DidSaveTextDocument::METHOD => {
                let docs = std::mem::take(&mut self.docs);
                for doc in docs.into_values() {
                    let (uri, text) = doc.into_parts();
                    self.update(uri, &text);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    self.docs.remove(p.text_document.uri.as_str());
                    self.stale.insert(p.text_document.uri.as_str().to_string());
                }
            }
            _ => {}
        }
    }

    fn update(&mut self, uri: Uri, text: &str) {
        let key = uri.as_str().to_string();
        self.docs.insert(key.clone(), Document::new(uri, text, &self.limits));
        self.stale.insert(key);
    }

    fn publish(&mut self) -> Vec<Notification> {
        let stale = std::mem::take(&mut self.stale);
        let notes = stale.into_iter().filter_map(|key| {
            let (uri, diagnostics) = match self.docs.get(&key) {
                Some(doc) => (doc.uri().clone(), doc.diagnostics(&self.limits, self.lang)),
                None => (key.parse().ok()?, Vec::new()),
            };
            let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
            Some(Notification::new(PublishDiagnostics::METHOD.into(), params))
        });
        notes.collect()
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => {
                self.on::<HoverRequest>(req, |doc, p, _| Ok(doc.hover(p.text_document_position_params.position)))
            }
            GotoDefinition::METHOD => self.on::<GotoDefinition>(req, |doc, p, s| {
                let location = doc.definition(p.text_document_position_params.position, &s.std);
                Ok(location.map(lsp_types::GotoDefinitionResponse::Scalar))
            }),
            Completion::METHOD => self.on::<Completion>(req, |doc, p, _| {
                Ok(Some(lsp_types::CompletionResponse::Array(doc.complete(p.text_document_position.position))))
            }),
            DocumentSymbolRequest::METHOD => self.on::<DocumentSymbolRequest>(req, |doc, _, _| {
                Ok(Some(lsp_types::DocumentSymbolResponse::Nested(doc.symbols())))
            }),
            Formatting::METHOD => self.on::<Formatting>(req, |doc, _, _| Ok(Some(doc.format()))),
            Rename::METHOD => self.on::<Rename>(req, |doc, p, s| {
                let edits = doc.rename(p.text_document_position.position, &p.new_name, &s.limits)?;
                // `WorkspaceEdit` is keyed by `Uri`, whose inner cell is a
                // cache that does not change its hash.
                #[allow(clippy::mutable_key_type)]
                let changes = HashMap::from([(p.text_document_position.text_document.uri, edits)]);
                Ok(Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }))
            }),
            _ => Err((ErrorCode::MethodNotFound, format!("ennakko does not handle `{}`", req.method))),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    /// Decodes a request's parameters, finds its document and runs `f`;
    /// an error sentence from `f` becomes a request failure the editor
    /// shows.
    fn on<R>(
        &self,
        req: Request,
        f: impl FnOnce(&Document, R::Params, &Server) -> Result<R::Result, String>,
    ) -> Result<serde_json::Value, (ErrorCode, String)>
    where
        R: lsp_types::request::Request,
        R::Params: serde::de::DeserializeOwned + HasUri,
    {
        let params: R::Params =
            serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let doc = self.docs.get(params.uri()).ok_or((ErrorCode::InvalidParams, "the document is not open".into()))?;
        let result = f(doc, params, self).map_err(|e| (ErrorCode::RequestFailed, e))?;
        serde_json::to_value(result).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }
}

/// The document a request is about.
trait HasUri {
    fn uri(&self) -> &str;
}

macro_rules! has_uri {
    ($($t:ty => |$p:ident| $e:expr),* $(,)?) => {
        $(impl HasUri for $t {
            fn uri(&self) -> &str {
                let $p = self;
                $e.as_str()
            }
        })*
    };
}

has_uri! {
    lsp_types::HoverParams => |p| p.text_document_position_params.text_document.uri,
    lsp_types::GotoDefinitionParams => |p| p.text_document_position_params.text_document.uri,
    lsp_types::CompletionParams => |p| p.text_document_position.text_document.uri,
    lsp_types::DocumentSymbolParams => |p| p.text_document.uri,
    lsp_types::DocumentFormattingParams => |p| p.text_document.uri,
    lsp_types::RenameParams => |p| p.text_document_position.text_document.uri,
}

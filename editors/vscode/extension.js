// The VS Code side of the ennakko language server: it starts `ennakko lsp`
// (the command named by the `ennakko.server.path` setting) for `.eva` files
// and leaves everything else (diagnostics, hover, definition, completion,
// symbols, formatting, rename) to the server.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const command = vscode.workspace.getConfiguration('ennakko').get('server.path') || 'ennakko';
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(
    'ennakko',
    'ennakko checklists',
    { run, debug: run },
    { documentSelector: [{ language: 'eva' }] },
  );
  try {
    await client.start();
  } catch (err) {
    // A missing command is the usual first-run problem: say what to set.
    vscode.window.showErrorMessage(
      `Could not start \`${command} lsp\` (${err.message}). Install the ennakko command ` +
        'or set "ennakko.server.path" to its full path.',
    );
  }
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor, waitForEvent, workspaceFolder } from './helpers';

async function replaceDocument(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('Diagram editor', () => {
  after(closeAllEditors);

  it('renders the .mmd file in a webview and follows edits; syntax errors become diagnostics', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'cache.mmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  app[App] --> redis[(Redis)]\n'));

    const firstRender = waitForEvent(api.onDidRenderDiagram, (e) => e.uri.toString() === uri.toString(), 'the first render');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor');
    assert.equal((await firstRender).nodeCount, 2);

    const document = await vscode.workspace.openTextDocument(uri);
    const secondRender = waitForEvent(
      api.onDidRenderDiagram,
      (e) => e.uri.toString() === uri.toString() && e.nodeCount === 3,
      'the render after an edit',
    );
    await replaceDocument(document, 'flowchart LR\n  app[App] --> redis[(Redis)]\n  app --> mysql[(MySQL)]\n');
    await secondRender;

    await replaceDocument(document, 'flowchart LR\n  app[App] --> redis[(Redis)]\n  app --> --> mysql[(MySQL)\n');
    const [diagnostic] = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length ? found : undefined;
    }, 'a syntax-error diagnostic');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'mermaid');
    assert.equal(diagnostic.range.start.line, 2, 'the error is reported on the broken line');

    const repaired = waitForEvent(api.onDidRenderDiagram, (e) => e.uri.toString() === uri.toString(), 'the render after the fix');
    await replaceDocument(document, 'flowchart LR\n  app[App] --> mysql[(MySQL)]\n');
    assert.equal((await repaired).nodeCount, 2);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  it('drops its diagnostics when the last diagram panel of the file closes', async () => {
    await activateExtension();
    await closeAllEditors();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'broken.mmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  a --> --> b\n'));
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor');
    await waitFor(() => (vscode.languages.getDiagnostics(uri).length ? true : undefined), 'a syntax-error diagnostic');
    // Keep the text open, so only the diagram panel goes away.
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
    const diagramTab = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString());
    assert.ok(diagramTab);
    await vscode.window.tabGroups.close(diagramTab);
    await waitFor(() => (vscode.languages.getDiagnostics(uri).length ? undefined : true), 'the diagnostics to be cleared');
  });

  it('opens .mermaid files too, and says when a document is too large to draw', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'big.mermaid');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart TB\n  a[Gateway] --> b[Service]\n'));
    const rendered = waitForEvent(api.onDidRenderDiagram, (e) => e.uri.toString() === uri.toString(), 'the .mermaid render');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor');
    assert.equal((await rendered).nodeCount, 2);

    const document = await vscode.workspace.openTextDocument(uri);
    const lines = ['flowchart TB'];
    for (let i = 0; lines.join('\n').length <= 60_000; i++) lines.push(`  n${i}[Service number ${i}] --> n${i + 1}[Service number ${i + 1}]`);
    await replaceDocument(document, lines.join('\n') + '\n');
    const [diagnostic] = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length ? found : undefined;
    }, 'a too-large diagnostic');
    assert.match(diagnostic.message, /too large/);
    assert.match(diagnostic.message, /50,000|50000/);
    await closeAllEditors();
    await vscode.workspace.fs.delete(uri);
  });
});

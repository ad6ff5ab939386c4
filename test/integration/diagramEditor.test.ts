import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, waitFor, waitForEvent, workspaceFolder } from './helpers';

/** The diagram editor's own diagnostics (the design linter reports on the same files). */
const mermaidDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'mermaid');

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
      const found = mermaidDiagnostics(uri);
      return found.length ? found : undefined;
    }, 'a syntax-error diagnostic');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'mermaid');
    assert.equal(diagnostic.range.start.line, 2, 'the error is reported on the broken line');
    assert.equal(diagnostic.range.start.character, 10, 'from the second arrow, where the parser stopped');

    const repaired = waitForEvent(api.onDidRenderDiagram, (e) => e.uri.toString() === uri.toString(), 'the render after the fix');
    await replaceDocument(document, 'flowchart LR\n  app[App] --> mysql[(MySQL)]\n');
    assert.equal((await repaired).nodeCount, 2);
    assert.deepEqual(mermaidDiagnostics(uri), []);
  });

  it('drops its diagnostics when the last diagram panel of the file closes', async () => {
    await activateExtension();
    await closeAllEditors();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'broken.mmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  a --> --> b\n'));
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor');
    await waitFor(() => (mermaidDiagnostics(uri).length ? true : undefined), 'a syntax-error diagnostic');
    // Keep the text open, so only the diagram panel goes away.
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
    const diagramTab = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString());
    assert.ok(diagramTab);
    await vscode.window.tabGroups.close(diagramTab);
    await waitFor(() => (mermaidDiagnostics(uri).length ? undefined : true), 'the diagnostics to be cleared');
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
      const found = mermaidDiagnostics(uri);
      return found.length ? found : undefined;
    }, 'a too-large diagnostic');
    assert.match(diagnostic.message, /too large/);
    assert.match(diagnostic.message, /50,000|50000/);
    await closeAllEditors();
    await vscode.workspace.fs.delete(uri);
  });
});

describe('Diagram editor: visual edits in the real host', () => {
  after(closeAllEditors);

  const rendersOf = (api: Awaited<ReturnType<typeof activateExtension>>, uri: vscode.Uri, version: number, what: string) =>
    waitForEvent(api.onDidRenderDiagram, (e) => e.uri.toString() === uri.toString() && e.version >= version, what, 60_000);

  it('palette, connect, rename and direction edits change only their lines, and undo restores the file', async () => {
    const api = await activateExtension();
    await closeAllEditors();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'visual.mmd');
    const original = 'flowchart LR\n    %% kept as written\n    client([Client]) -->   gw[[API gateway]]\n    gw --> svc[Order service]\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    const first = rendersOf(api, uri, 1, 'the first render');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor');
    await first;
    const document = await vscode.workspace.openTextDocument(uri);

    const step = async (command: string, args: unknown[], what: string) => {
      const version = document.version;
      const changed = waitFor(() => (document.version > version ? true : undefined), what, 60_000);
      await vscode.commands.executeCommand(command, ...args);
      await changed;
      await rendersOf(api, uri, document.version, `the render after ${what}`);
    };
    await step('sdcoach.addDiagramNode', ['cache'], 'the palette insert');
    assert.equal(document.getText(), `${original}    cache[(Redis cache)]\n`);
    await step('sdcoach.connectDiagramNodes', ['svc', 'cache', 'read-through', 'sync'], 'the connect');
    await step('sdcoach.renameDiagramNode', ['svc', '订单服务'], 'the rename');
    await step('sdcoach.setDiagramDirection', ['TB'], 'the direction');
    assert.equal(
      document.getText(),
      'flowchart TB\n    %% kept as written\n    client([Client]) -->   gw[[API gateway]]\n    gw --> svc["订单服务"]\n    cache[(Redis cache)]\n    svc -->|"read-through"| cache\n',
      'untouched lines keep their exact text (comment, spacing)',
    );
    assert.equal(document.isDirty, true, 'edits are unsaved changes, as if typed');

    for (let i = 0; i < 4 && document.getText() !== original; i++) {
      const version = document.version;
      await vscode.commands.executeCommand('undo');
      await waitFor(() => (document.version !== version ? true : undefined), `undo ${i + 1}`);
    }
    assert.equal(document.getText(), original, 'four undos restore the file');
    await vscode.commands.executeCommand('redo');
    await waitFor(() => (document.getText().includes('cache[(Redis cache)]') ? true : undefined), 'redo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  it('edits a ```mermaid block of answer.md from its CodeLens and writes back only that block', async () => {
    const api = await activateExtension();
    await closeAllEditors();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'answer.md');
    const before = '# Design\n\n```mermaid\nflowchart LR\n  a[App] --> b[(DB)]\n```\n\nNotes between.\n\n```mermaid\nflowchart LR\n  web[Web] --> api[API]\n```\n\nThe end.\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const ours = lenses.filter((lens) => lens.command?.command === 'sdcoach.editDiagramBlock');
    assert.deepEqual(ours.map((lens) => lens.range.start.line), [2, 9], 'one lens above each mermaid fence');
    assert.match(ours[0].command!.title, /Edit diagram/);

    const rendered = waitForEvent(api.onDidRenderDiagram, (e) => e.uri.toString() === uri.toString() && e.nodeCount === 2, 'the block render', 60_000);
    await vscode.commands.executeCommand(ours[1].command!.command, ...(ours[1].command!.arguments ?? []));
    await rendered;

    const version = document.version;
    await vscode.commands.executeCommand('sdcoach.addDiagramNode', 'queue');
    await waitFor(() => (document.version > version ? true : undefined), 'the block edit', 60_000);
    assert.equal(
      document.getText(),
      before.replace('  web[Web] --> api[API]\n', '  web[Web] --> api[API]\n  queue[/Kafka topic/]\n'),
      'only the second block changed',
    );

    // A syntax error inside the block is reported on its line of answer.md.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(11, 0), '  web --> --> api\n');
    await vscode.workspace.applyEdit(edit);
    const [diagnostic] = await waitFor(() => {
      const found = mermaidDiagnostics(uri);
      return found.length ? found : undefined;
    }, 'a diagnostic in answer.md', 60_000);
    assert.equal(diagnostic.range.start.line, 11);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  it('reopens as text in the same place, and puts text left and the diagram right in one step', async () => {
    await activateExtension();
    await closeAllEditors();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'switch.mmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  a --> b\n'));
    const tabsOf = () =>
      vscode.window.tabGroups.all.flatMap((group) =>
        group.tabs
          .filter((tab) => (tab.input as { uri?: vscode.Uri }).uri?.toString() === uri.toString())
          .map((tab) => `${group.viewColumn}:${tab.input instanceof vscode.TabInputCustom ? 'diagram' : 'text'}`),
      );
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor', vscode.ViewColumn.One);
    await waitFor(() => (tabsOf().join() === '1:diagram' ? true : undefined), 'the diagram tab');

    await vscode.commands.executeCommand('sdcoach.reopenDiagramAsText');
    await waitFor(() => (tabsOf().join() === '1:text' ? true : undefined), `the text editor in its place (tabs: ${tabsOf().join()})`);

    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor', vscode.ViewColumn.One);
    await waitFor(() => (tabsOf().includes('1:diagram') ? true : undefined), 'the diagram again');
    await vscode.commands.executeCommand('sdcoach.openDiagramSource');
    await waitFor(
      () => (tabsOf().sort().join() === '1:text,2:diagram' ? true : undefined),
      `text left, diagram right (tabs: ${tabsOf().join()})`,
    );
    await closeAllEditors();
  });

  it('exports the diagram as SVG and PNG files and copies the SVG', async () => {
    const api = await activateExtension();
    await closeAllEditors();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'export.mmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  user([User]) --> cdn{{CDN}}\n'));
    const rendered = rendersOf(api, uri, 1, 'the render');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'sdcoach.diagramEditor');
    await rendered;
    const svgTarget = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'export.svg');
    const pngTarget = vscode.Uri.joinPath(workspaceFolder().uri, 'diagrams', 'export.png');
    await vscode.commands.executeCommand('sdcoach.exportDiagramSvg', { target: svgTarget, background: 'transparent' });
    await vscode.commands.executeCommand('sdcoach.exportDiagramPng', { target: pngTarget, background: 'theme' });
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgTarget));
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /User/);
    const png = await vscode.workspace.fs.readFile(pngTarget);
    assert.equal(Buffer.from(png.subarray(1, 4)).toString(), 'PNG');
    const copied = await vscode.commands.executeCommand<string>('sdcoach.copyDiagramSvg');
    assert.match(copied ?? '', /^<svg /);
    await closeAllEditors();
  });
});

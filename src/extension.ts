import * as vscode from 'vscode';
import { CatalogService } from './catalog/catalogService';
import { CatalogTreeProvider, type CatalogNode } from './catalog/catalogTreeProvider';
import { openStatement, STATEMENT_SCHEME, StatementDocumentProvider } from './catalog/statementDocumentProvider';
import { resolveEntry, type EntryArgument } from './catalog/resolveEntry';
import { DIAGRAM_EDITOR_VIEW_TYPE, DiagramEditorProvider, type DiagramRendered } from './diagramEditor/diagramEditorProvider';
import { startPractice } from './practice/startPractice';

/** What `activate` returns: what other extensions and our integration tests can observe. */
export interface SdcoachApi {
  readonly catalogTree: vscode.TreeDataProvider<CatalogNode>;
  readonly onDidRenderDiagram: vscode.Event<DiagramRendered>;
}

export function activate(context: vscode.ExtensionContext): SdcoachApi {
  const log = vscode.window.createOutputChannel('System Design Coach', { log: true });
  const catalog = new CatalogService(vscode.Uri.joinPath(context.extensionUri, 'catalog'), log);
  const tree = new CatalogTreeProvider(catalog);
  const statements = new StatementDocumentProvider(catalog);
  const diagrams = new DiagramEditorProvider(context.extensionUri, log);

  context.subscriptions.push(
    log,
    catalog,
    tree,
    statements,
    diagrams,
    vscode.window.createTreeView('sdcoach.catalog', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(STATEMENT_SCHEME, statements),
    vscode.commands.registerCommand('sdcoach.startPractice', (argument) => startPractice(catalog, argument)),
    vscode.commands.registerCommand('sdcoach.openEntry', async (argument: EntryArgument) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose a statement to read'));
      return entry && openStatement(entry.id);
    }),
    vscode.commands.registerCommand('sdcoach.refreshCatalog', () => catalog.reload()),
    vscode.commands.registerCommand('sdcoach.openDiagramEditor', (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      return target && vscode.commands.executeCommand('vscode.openWith', target, DIAGRAM_EDITOR_VIEW_TYPE, vscode.ViewColumn.Beside);
    }),
    vscode.commands.registerCommand('sdcoach.openDiagramSource', (uri?: vscode.Uri) => {
      const target = uri ?? activeCustomEditorUri();
      return target && vscode.commands.executeCommand('vscode.openWith', target, 'default', vscode.ViewColumn.Beside);
    }),
  );
  return { catalogTree: tree, onDidRenderDiagram: diagrams.onDidRender };
}

function activeCustomEditorUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}

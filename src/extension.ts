import * as vscode from 'vscode';
import { registerCatalogCommands } from './catalog/catalogCommands';
import { CatalogService } from './catalog/catalogService';
import { CatalogTreeProvider, type CatalogNode } from './catalog/catalogTreeProvider';
import { EntryDocumentProvider, openStatement, REFERENCE_SCHEME, STATEMENT_SCHEME } from './catalog/entryDocumentProvider';
import { resolveEntry, type EntryArgument } from './catalog/resolveEntry';
import type { Catalog } from './core/catalog/catalogLoader';
import { registerDiagramCommands, runDiagramCommand } from './diagramEditor/diagramCommands';
import { DiagramEditorProvider, type DiagramRendered } from './diagramEditor/diagramEditorProvider';
import { DesignDiagnostics } from './critic/designDiagnostics';
import { PracticeLocator, ReviewCommand } from './critic/reviewCommand';
import { registerLlmCommands } from './llm/llmCommands';
import { LlmService } from './llm/llmService';
import { HistoryTreeProvider } from './interview/historyTreeProvider';
import { MockInterviews } from './interview/mockInterviews';
import { ProgressDocument } from './interview/progressDocument';
import { CodeReviewDrills } from './drills/codeReviewDrills';
import { IncidentDrills } from './drills/incidentDrills';
import { startPractice } from './practice/startPractice';
import { ProgressStore } from './progress/progressStore';

/** What `activate` returns: what other extensions and our integration tests can observe. */
export interface SdcoachApi {
  readonly catalogTree: CatalogTreeProvider;
  readonly catalog: { get(): Promise<Catalog>; readonly onDidChange: vscode.Event<void> };
  readonly progress: ProgressStore;
  readonly onDidRenderDiagram: vscode.Event<DiagramRendered>;
  /** The LLM layer: the mock interviewer (and other extensions) chat through it. */
  readonly llm: LlmService;
  /** The mock interview (its active session and commands) and the Interview History view. */
  readonly interviews: MockInterviews;
  readonly history: HistoryTreeProvider;
  /** Incident drills (clues, grading) and code-review drills (marks, submit). */
  readonly drills: { incidents: IncidentDrills; codeReviews: CodeReviewDrills };
  /** This extension's log folder; the "System Design Coach" output channel's file is in a sibling folder. */
  readonly logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): SdcoachApi {
  const log = vscode.window.createOutputChannel('System Design Coach', { log: true });
  // While developing content (F5), read catalog/ itself so edits show without a build.
  const snapshot =
    context.extensionMode === vscode.ExtensionMode.Development ? undefined : vscode.Uri.joinPath(context.extensionUri, 'dist', 'catalog.json');
  const catalog = new CatalogService(vscode.Uri.joinPath(context.extensionUri, 'catalog'), snapshot, log);
  const progress = new ProgressStore(context.globalState);
  const tree = new CatalogTreeProvider(catalog, progress, context.workspaceState);
  const documents = new EntryDocumentProvider(catalog, progress);
  const diagrams = new DiagramEditorProvider(context.extensionUri, log, context.workspaceState, runDiagramCommand);
  const practices = new PracticeLocator(catalog);
  const llm = new LlmService(context.extensionUri, context.secrets, context.globalState, log);
  const designDiagnostics = new DesignDiagnostics((uri) => practices.entryFor(uri));
  const interviews = new MockInterviews(context.extensionUri, catalog, progress, llm, context.workspaceState, log, () => tree.filter);
  const history = new HistoryTreeProvider(catalog, interviews);
  const drills = new IncidentDrills(context.extensionUri, catalog, progress);
  const codeReviews = new CodeReviewDrills(catalog, progress);
  const treeView = vscode.window.createTreeView<CatalogNode>('sdcoach.catalog', { treeDataProvider: tree, showCollapseAll: true });

  context.subscriptions.push(
    log,
    catalog,
    progress,
    tree,
    documents,
    diagrams,
    practices,
    designDiagnostics,
    practices.onDidChange(() => designDiagnostics.relintOpen()),
    new ReviewCommand(context.extensionUri, catalog, practices, progress, llm),
    ...registerLlmCommands(llm),
    interviews,
    history,
    vscode.window.createTreeView('sdcoach.history', { treeDataProvider: history }),
    vscode.commands.registerCommand('sdcoach.refreshHistory', () => history.refresh()),
    new ProgressDocument(catalog),
    drills,
    codeReviews,
    treeView,
    vscode.workspace.registerTextDocumentContentProvider(STATEMENT_SCHEME, documents),
    vscode.workspace.registerTextDocumentContentProvider(REFERENCE_SCHEME, documents),
    ...registerCatalogCommands(catalog, tree, treeView as vscode.TreeView<unknown>, progress),
    vscode.commands.registerCommand('sdcoach.startPractice', (argument) => startPractice(catalog, progress, argument)),
    vscode.commands.registerCommand('sdcoach.openEntry', async (argument: EntryArgument) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose a statement to read'));
      return entry && openStatement(entry.id);
    }),
    vscode.commands.registerCommand('sdcoach.refreshCatalog', () => catalog.reload()),
    ...registerDiagramCommands(diagrams, context.globalState),
  );
  return {
    catalogTree: tree,
    catalog,
    progress,
    onDidRenderDiagram: diagrams.onDidRender,
    llm,
    interviews,
    history,
    drills: { incidents: drills, codeReviews },
    logUri: context.logUri,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}

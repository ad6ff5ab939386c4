import * as vscode from 'vscode';
import type { DiagramCommand, ExportBackground, ExportFormat } from '../core/diagramProtocol';
import { localizedPalette } from '../core/diagramPalette';
import { scanFlowchart, type FlowDirection } from '../core/flowchart/flowchartScanner';
import { findMermaidFences } from '../core/markdownFences';
import { contentLanguage } from '../config';
import type { DiagramSession } from './diagramSession';
import { FenceDiagramModel } from './diagramModel';
import { DIAGRAM_EDITOR_VIEW_TYPE, type DiagramEditorProvider } from './diagramEditorProvider';

const BACKGROUND_KEY = 'sdcoach.exportBackground';

/** Options for the export commands; without them the user is asked (tests and scripts pass them). */
export interface ExportOptions {
  target?: vscode.Uri;
  background?: ExportBackground;
}

/** The commands around the diagram editor: open, side by side, as text, export, copy, Markdown blocks. */
export function registerDiagramCommands(diagrams: DiagramEditorProvider, memento: vscode.Memento): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sdcoach.openDiagramEditor', async (uri?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      // In Markdown with a ```mermaid block, the block is the diagram the user means.
      if (!uri && editor?.document.languageId === 'markdown' && findMermaidFences(editor.document.getText()).length) {
        return editBlock(diagrams, editor.document.uri);
      }
      const active = editor?.document.uri;
      const target = uri ?? (active && /\.(mmd|mermaid)$/.test(active.path) ? active : await pickDiagramFile());
      return target && vscode.commands.executeCommand('vscode.openWith', target, DIAGRAM_EDITOR_VIEW_TYPE, vscode.ViewColumn.Beside);
    }),
    vscode.commands.registerCommand('sdcoach.openDiagramSource', (uri?: vscode.Uri) => openSideBySide(uri)),
    vscode.commands.registerCommand('sdcoach.reopenDiagramAsText', (uri?: vscode.Uri) => reopenAsText(uri)),
    vscode.commands.registerCommand('sdcoach.editDiagramBlock', (uri?: vscode.Uri | string, line?: number) => editBlock(diagrams, uri, line)),
    vscode.commands.registerCommand('sdcoach.exportDiagramSvg', (options?: ExportOptions) => exportDiagram(diagrams, memento, 'svg', options)),
    vscode.commands.registerCommand('sdcoach.exportDiagramPng', (options?: ExportOptions) => exportDiagram(diagrams, memento, 'png', options)),
    vscode.commands.registerCommand('sdcoach.copyDiagramSvg', () => copySvg(diagrams)),
    vscode.commands.registerCommand('sdcoach.addDiagramNode', (key?: string) => addNode(diagrams, key)),
    vscode.commands.registerCommand('sdcoach.connectDiagramNodes', (from?: string, to?: string, label?: string, style?: 'sync' | 'async') =>
      connectNodes(diagrams, from, to, label, style),
    ),
    vscode.commands.registerCommand('sdcoach.renameDiagramNode', (id?: string, label?: string) => renameNode(diagrams, id, label)),
    vscode.commands.registerCommand('sdcoach.setDiagramDirection', (direction?: FlowDirection) => setDirection(diagrams, direction)),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, new MermaidBlockCodeLensProvider()),
  ];
}

/** Runs a command the diagram webview's toolbar asked for. */
export function runDiagramCommand(command: DiagramCommand): void {
  const ids: Record<DiagramCommand, string> = {
    exportSvg: 'sdcoach.exportDiagramSvg',
    exportPng: 'sdcoach.exportDiagramPng',
    copySvg: 'sdcoach.copyDiagramSvg',
  };
  void vscode.commands.executeCommand(ids[command]);
}

/** "Edit diagram" above each ```mermaid block of a Markdown file. */
export class MermaidBlockCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return findMermaidFences(document.getText()).map(
      (fence) =>
        new vscode.CodeLens(new vscode.Range(fence.startLine, 0, fence.startLine, 0), {
          title: vscode.l10n.t('$(type-hierarchy) Edit diagram'),
          tooltip: vscode.l10n.t('Open this Mermaid block in the diagram editor; changes are written back to this block only.'),
          command: 'sdcoach.editDiagramBlock',
          arguments: [document.uri, fence.startLine],
        }),
    );
  }
}

async function editBlock(diagrams: DiagramEditorProvider, uri?: vscode.Uri | string, line?: number) {
  const editor = vscode.window.activeTextEditor;
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? editor?.document.uri);
  if (!target) return undefined;
  let startLine = line;
  if (startLine === undefined && editor && editor.document.uri.toString() === target.toString()) {
    // From the palette: the block around the cursor, else the first one.
    const fences = findMermaidFences(editor.document.getText());
    const cursor = editor.selection.active.line;
    startLine = (fences.find((fence) => fence.startLine <= cursor && cursor <= fence.endLine) ?? fences[0])?.startLine;
  }
  if (startLine === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no ```mermaid block here to edit.'));
    return undefined;
  }
  return diagrams.openBlock(target, startLine);
}

/** Text in the diagram's place (left), the diagram beside it (right): one click from either. */
async function openSideBySide(uri?: vscode.Uri): Promise<void> {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  const target = uri ?? (tab?.input instanceof vscode.TabInputCustom ? tab.input.uri : vscode.window.activeTextEditor?.document.uri);
  if (!target) return;
  const column = tab?.group.viewColumn ?? vscode.ViewColumn.One;
  await vscode.commands.executeCommand('vscode.openWith', target, 'default', column);
  if (tab?.input instanceof vscode.TabInputCustom && tab.input.viewType === DIAGRAM_EDITOR_VIEW_TYPE) await closeTab(tab);
  await vscode.commands.executeCommand('vscode.openWith', target, DIAGRAM_EDITOR_VIEW_TYPE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
}

/** The diagram's tab becomes the text editor, in the same place. */
async function reopenAsText(uri?: vscode.Uri): Promise<void> {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  const target = uri ?? (tab?.input instanceof vscode.TabInputCustom ? tab.input.uri : undefined);
  if (!target) return;
  await vscode.commands.executeCommand('vscode.openWith', target, 'default', tab?.group.viewColumn ?? vscode.ViewColumn.Active);
  if (tab?.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === target.toString()) await closeTab(tab);
}

async function closeTab(tab: vscode.Tab): Promise<void> {
  // Tabs are snapshots: find the diagram tab as it is now. The text editor holds the document, so
  // closing the diagram never asks to save.
  const input = tab.input as vscode.TabInputCustom;
  const current = vscode.window.tabGroups.all
    .find((group) => group.viewColumn === tab.group.viewColumn)
    ?.tabs.find(
      (candidate) =>
        candidate.input instanceof vscode.TabInputCustom &&
        candidate.input.viewType === input.viewType &&
        candidate.input.uri.toString() === input.uri.toString(),
    );
  if (current) await vscode.window.tabGroups.close(current, true);
}

function exportTarget(diagrams: DiagramEditorProvider, format: ExportFormat): vscode.Uri | undefined {
  const model = diagrams.activeSession?.model;
  if (!model) return undefined;
  const { uri } = model.document;
  const folder = uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(uri, '..');
  if (!folder) return undefined;
  const stem = (uri.path.split('/').pop() ?? 'diagram').replace(/\.[^.]+$/, '') || 'diagram';
  const name = model instanceof FenceDiagramModel ? `${stem}-diagram-${model.startLine + 1}` : stem;
  return vscode.Uri.joinPath(folder, `${name}.${format}`);
}

async function pickBackground(memento: vscode.Memento): Promise<ExportBackground | undefined> {
  const last = memento.get<ExportBackground>(BACKGROUND_KEY, 'theme');
  const items: (vscode.QuickPickItem & { value: ExportBackground })[] = [
    { value: 'theme', label: vscode.l10n.t('Theme background'), description: vscode.l10n.t('as you see it in the editor') },
    { value: 'transparent', label: vscode.l10n.t('Transparent background'), description: vscode.l10n.t('for slides and documents') },
  ];
  items.sort((a, b) => Number(b.value === last) - Number(a.value === last));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Background of the exported image') });
  if (picked) await memento.update(BACKGROUND_KEY, picked.value);
  return picked?.value;
}

async function exportDiagram(diagrams: DiagramEditorProvider, memento: vscode.Memento, format: ExportFormat, options: ExportOptions = {}) {
  const session = diagrams.activeSession;
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a diagram in the System Design Diagram editor first.'));
    return undefined;
  }
  const background = options.background ?? (await pickBackground(memento));
  if (!background) return undefined;
  const target =
    options.target ??
    (await vscode.window.showSaveDialog({
      defaultUri: exportTarget(diagrams, format),
      filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
      saveLabel: format === 'svg' ? vscode.l10n.t('Export SVG') : vscode.l10n.t('Export PNG'),
    }));
  if (!target) return undefined;
  try {
    const data = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the diagram…') },
      () => session.requestExport(format, background),
    );
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    if (!options.target) {
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)), open).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('vscode.open', target);
      });
    }
    return target;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the diagram: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

async function copySvg(diagrams: DiagramEditorProvider): Promise<string | undefined> {
  const session = diagrams.activeSession;
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a diagram in the System Design Diagram editor first.'));
    return undefined;
  }
  try {
    const svg = await session.requestExport('svg', 'transparent');
    await vscode.env.clipboard.writeText(svg);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram SVG copied to the clipboard.'), 4000);
    return svg;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not copy the diagram: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/** The active diagram when it can be edited as a flowchart; otherwise says why not. */
function editableSession(diagrams: DiagramEditorProvider): { session: DiagramSession; source: ReturnType<typeof scanFlowchart> } | undefined {
  const session = diagrams.activeSession;
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a diagram in the System Design Diagram editor first.'));
    return undefined;
  }
  if (!session.model.editable) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This diagram is read-only.'));
    return undefined;
  }
  const text = session.model.locate()?.text ?? '';
  const source = scanFlowchart(text);
  if (!source.header && text.trim() !== '') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Visual editing works on flowcharts; edit this diagram as text.'));
    return undefined;
  }
  return { session, source };
}

async function pickNode(source: ReturnType<typeof scanFlowchart>, placeHolder: string, exclude?: string): Promise<string | undefined> {
  const items = [...source.nodes].filter(([id]) => id !== exclude).map(([id, node]) => ({ label: node.label, description: id, id }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The diagram has no nodes yet. Add a building block first.'));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.id;
}

async function addNode(diagrams: DiagramEditorProvider, key?: string): Promise<void> {
  const target = editableSession(diagrams);
  if (!target) return;
  const palette = localizedPalette(contentLanguage());
  const entry =
    palette.find((item) => item.key === key) ??
    (
      await vscode.window.showQuickPick(
        palette.map((item) => ({ label: `$(${item.icon}) ${item.label}`, description: item.kind, item })),
        { placeHolder: vscode.l10n.t('Building block to add') },
      )
    )?.item;
  if (entry) target.session.perform({ op: 'addNode', stem: entry.key, label: entry.label, open: entry.open, close: entry.close });
}

async function connectNodes(diagrams: DiagramEditorProvider, from?: string, to?: string, label?: string, style?: 'sync' | 'async'): Promise<void> {
  const target = editableSession(diagrams);
  if (!target) return;
  const source = from ?? (await pickNode(target.source, vscode.l10n.t('Connect from…')));
  if (!source) return;
  const destination = to ?? (await pickNode(target.source, vscode.l10n.t('Connect to…'), source));
  if (!destination) return;
  const text = label ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Label of the connection (optional)'), placeHolder: vscode.l10n.t('e.g. reads, publishes, HTTP') }));
  if (text === undefined) return;
  const kind =
    style ??
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Sync call (solid →)'), value: 'sync' as const },
          { label: vscode.l10n.t('Async message (dashed ⇢)'), value: 'async' as const },
        ],
        { placeHolder: vscode.l10n.t('Style') },
      )
    )?.value;
  if (kind) target.session.perform({ op: 'connect', from: source, to: destination, label: text, style: kind });
}

async function renameNode(diagrams: DiagramEditorProvider, id?: string, label?: string): Promise<void> {
  const target = editableSession(diagrams);
  if (!target) return;
  const node = id ?? (await pickNode(target.source, vscode.l10n.t('Node to rename')));
  if (!node) return;
  const value =
    label ??
    (await vscode.window.showInputBox({
      prompt: vscode.l10n.t('New label for {0}', node),
      value: target.source.nodes.get(node)?.label ?? node,
      validateInput: (input) => (input.trim() ? undefined : vscode.l10n.t('A label cannot be empty.')),
    }));
  if (value?.trim()) target.session.perform({ op: 'renameNode', id: node, label: value });
}

async function setDirection(diagrams: DiagramEditorProvider, direction?: FlowDirection): Promise<void> {
  const target = editableSession(diagrams);
  if (!target) return;
  const names: Record<string, string> = {
    TB: vscode.l10n.t('Top to bottom'),
    LR: vscode.l10n.t('Left to right'),
    BT: vscode.l10n.t('Bottom to top'),
    RL: vscode.l10n.t('Right to left'),
  };
  const value =
    direction ??
    (await vscode.window.showQuickPick(
      Object.entries(names).map(([code, label]) => ({ label, description: code, code: code as FlowDirection })),
      { placeHolder: vscode.l10n.t('Direction') },
    ))?.code;
  if (value) target.session.perform({ op: 'setDirection', direction: value });
}

/** A diagram from the workspace; with none, offers to start a practice (which makes one). */
async function pickDiagramFile(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{mmd,mermaid}', '**/node_modules/**', 200);
  if (files.length === 1) return files[0];
  if (files.length > 1) {
    const picked = await vscode.window.showQuickPick(
      files
        .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      { placeHolder: vscode.l10n.t('Choose a diagram to open') },
    );
    return picked?.uri;
  }
  const start = vscode.l10n.t('Start Practice');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('There is no Mermaid diagram (.mmd) in this workspace yet. Start a practice to get one.'),
    start,
  );
  if (choice === start) await vscode.commands.executeCommand('sdcoach.startPractice');
  return undefined;
}

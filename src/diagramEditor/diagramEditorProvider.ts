import * as vscode from 'vscode';
import type { DiagramCommand } from '../core/diagramProtocol';
import { Disposable } from '../util/disposable';
import { DocumentDiagramModel, FenceDiagramModel } from './diagramModel';
import { DiagramDiagnostics, DiagramSession, type DiagramRendered, type DiagramSessionContext } from './diagramSession';
import { DiagramStateStore } from './diagramStateStore';

export type { DiagramRendered } from './diagramSession';

export const DIAGRAM_EDITOR_VIEW_TYPE = 'sdcoach.diagramEditor';
/** Webview panels that edit a ```mermaid block of a Markdown file. */
export const DIAGRAM_BLOCK_VIEW_TYPE = 'sdcoach.diagramBlock';

/** What a block panel keeps for a window reload: the host's `restore` data inside the webview's state. */
interface BlockRestore {
  block?: { uri: string; line: number };
}
interface BlockPanelState {
  restore?: BlockRestore;
}

/**
 * The diagram editors: the custom text editor for `.mmd`/`.mermaid` files and the panels that edit
 * a ```mermaid block in Markdown. Both are a DiagramSession over a model; this class owns the
 * sessions, knows the active one (for export commands) and restores block panels after a reload.
 */
export class DiagramEditorProvider extends Disposable implements vscode.CustomTextEditorProvider {
  private readonly diagnostics = this.register(new DiagramDiagnostics());
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<DiagramRendered>());
  private readonly sessions = new Set<DiagramSession>();
  private active: DiagramSession | undefined;
  private readonly context: DiagramSessionContext;
  /** Fires when a webview has drawn (or kept, when unchanged) a version of a document. */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    memento: vscode.Memento,
    private readonly runCommand: (command: DiagramCommand) => void,
  ) {
    super();
    this.context = {
      extensionUri,
      log,
      diagnostics: this.diagnostics,
      state: new DiagramStateStore(memento),
      fireRendered: (event) => this.renderedEmitter.fire(event),
      onDidChangeActive: (session, active) => {
        if (active) this.active = session;
        else if (this.active === session) this.active = undefined;
      },
      onRunCommand: (session, command) => {
        this.active = session;
        this.runCommand(command);
      },
    };
    this.register(
      vscode.window.registerCustomEditorProvider(DIAGRAM_EDITOR_VIEW_TYPE, this, {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      }),
    );
    this.register(
      vscode.window.registerWebviewPanelSerializer(DIAGRAM_BLOCK_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: BlockPanelState | undefined) => {
          const block = state?.restore?.block;
          if (!block) {
            log.warn(`A diagram block panel came back without its state (${JSON.stringify(state)?.slice(0, 200)}); closing it.`);
            panel.dispose();
            return;
          }
          try {
            const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(block.uri));
            this.startBlockSession(panel, document, block.line);
            log.info(`Restored the diagram panel for ${block.uri} line ${block.line + 1}.`);
          } catch (error) {
            log.warn(`Could not restore the diagram panel for ${block.uri}: ${String(error)}`);
            panel.dispose(); // the Markdown file is gone
          }
        },
      }),
    );
  }

  override dispose(): void {
    for (const session of this.sessions) session.dispose();
    super.dispose();
  }

  /** The diagram editor or block panel the user is in, if any. */
  get activeSession(): DiagramSession | undefined {
    return this.active;
  }

  private track(session: DiagramSession): DiagramSession {
    this.sessions.add(session);
    session.panel.onDidDispose(() => this.sessions.delete(session));
    return session;
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    this.track(new DiagramSession(panel, new DocumentDiagramModel(document), this.context));
  }

  /** Opens (or reveals) the diagram panel for the ```mermaid block that starts at `line`. */
  async openBlock(uri: vscode.Uri, line: number): Promise<DiagramSession | undefined> {
    const document = await vscode.workspace.openTextDocument(uri);
    for (const session of this.sessions) {
      const { model } = session;
      if (model instanceof FenceDiagramModel && model.document === document && model.startLine === line) {
        session.panel.reveal(undefined, false);
        return session;
      }
    }
    const panel = vscode.window.createWebviewPanel(
      DIAGRAM_BLOCK_VIEW_TYPE,
      blockTitle(document, line),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] },
    );
    return this.startBlockSession(panel, document, line);
  }

  private startBlockSession(panel: vscode.WebviewPanel, document: vscode.TextDocument, line: number): DiagramSession {
    panel.title = blockTitle(document, line);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'sdcoach.svg');
    const model = new FenceDiagramModel(document, line);
    const session = this.track(
      new DiagramSession(panel, model, this.context, { block: { uri: document.uri.toString(), line } } satisfies BlockRestore),
    );
    return session;
  }
}

function blockTitle(document: vscode.TextDocument, line: number): string {
  const name = document.uri.path.split('/').pop() ?? document.uri.path;
  return vscode.l10n.t('{0}: diagram at line {1}', name, line + 1);
}

import * as vscode from 'vscode';
import { localizedPalette } from '../core/diagramPalette';
import {
  isWebviewToHostMessage,
  MAX_DIAGRAM_CHARS,
  type DiagramCommand,
  type ExportBackground,
  type ExportFormat,
  type HostToWebviewMessage,
  type WebviewToHostMessage,
} from '../core/diagramProtocol';
import type { DiagramEdit } from '../core/flowchart/flowchartEdits';
import { contentLanguage } from '../config';
import { Disposable } from '../util/disposable';
import type { DiagramModel } from './diagramModel';
import type { CachedSvg, DiagramStateStore } from './diagramStateStore';
import { placeSvg } from '../core/svgPlacement';
import { createNonce, diagramWebviewHtml } from './diagramWebviewHtml';
import { webviewStrings } from './diagramWebviewStrings';

export interface DiagramRendered {
  uri: vscode.Uri;
  version: number;
  nodeCount: number;
  durationMs: number;
  /** True when the text changed but not the diagram, so the webview did not draw again. */
  skipped: boolean;
}

/** What every session shares: where scripts live, the log, diagnostics, caches and the render event. */
export interface DiagramSessionContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  diagnostics: DiagramDiagnostics;
  state: DiagramStateStore;
  fireRendered(event: DiagramRendered): void;
  onDidChangeActive(session: DiagramSession, active: boolean): void;
  onRunCommand(session: DiagramSession, command: DiagramCommand): void;
}

// Rendering a 200-node diagram takes about a second here; 10 s means something never arrived.
const STALL_AFTER_MS = 10_000;
const MAX_RELOADS = 2;
const EXPORT_TIMEOUT_MS = 30_000;

/**
 * One diagram webview bound to one model (a whole `.mmd` document, or a ```mermaid block in
 * Markdown). The document stays the only model: the webview gets its text, and sends back text
 * edits that become WorkspaceEdits, so dirty state, save and undo/redo stay VS Code's own.
 */
export class DiagramSession extends Disposable {
  private ready = false;
  private reloads = 0;
  private nextRequestId = 1;
  private readonly pendingExports = new Map<number, { resolve(data: string): void; reject(error: Error): void }>();
  /** Edits asked for before the webview was ready; sent right after the document. */
  private readonly pendingPerforms: DiagramEdit[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly model: DiagramModel,
    private readonly context: DiagramSessionContext,
    /** Kept by the webview in its state, for a WebviewPanelSerializer after a window reload. */
    private readonly restore?: unknown,
  ) {
    super();
    const { webview } = panel;
    webview.options = { enableScripts: true, localResourceRoots: [this.webviewRoot] };
    this.load();
    this.register(webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== model.document || event.contentChanges.length === 0) return;
        model.onDocumentChanged?.(event);
        // The webview keeps only the newest pending version, so every change can be sent as it comes.
        if (this.ready) this.sendDocument();
      }),
    );
    this.register(panel.onDidChangeViewState(() => context.onDidChangeActive(this, panel.active)));
    this.register(panel.onDidDispose(() => this.dispose()));
    if (panel.active) context.onDidChangeActive(this, true);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.context.onDidChangeActive(this, false);
    this.context.diagnostics.clear(this.model.document.uri, this.model.key);
    for (const pending of this.pendingExports.values()) pending.reject(new Error('closed'));
    this.pendingExports.clear();
    super.dispose();
  }

  private get webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
  }

  private load(): void {
    const { webview } = this.panel;
    // An unchanged file in an unchanged theme: its last picture goes straight into the page.
    const text = this.model.locate()?.text;
    const cached = text === undefined ? undefined : this.context.state.cachedSvg(text);
    const view = this.context.state.view(this.model.key);
    const initialSvg = cached && view && cached.colorTheme === colorThemeKey() ? placeSvg(cached.svg, view) : undefined;
    webview.html = diagramWebviewHtml({
      initialSvg,
      initialView: initialSvg ? view : undefined,
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'diagram.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'diagram.css')).toString(),
      nonce: createNonce(),
      language: vscode.env.language,
    });
  }

  private post(message: HostToWebviewMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private sendDocument(): void {
    const located = this.model.locate();
    const { version } = this.model.document;
    if (!located) {
      this.post({ type: 'update', text: '', version });
      return;
    }
    if (located.text.length > MAX_DIAGRAM_CHARS) {
      this.post({ type: 'tooLarge', version, length: located.text.length, limit: MAX_DIAGRAM_CHARS });
    } else {
      this.post({ type: 'update', text: located.text, version });
    }
  }

  private onMessage(message: unknown): void {
    if (!isWebviewToHostMessage(message)) return;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const text = this.model.locate()?.text ?? '';
        this.post({
          type: 'init',
          strings: webviewStrings(),
          stallAfterMs: STALL_AFTER_MS,
          palette: localizedPalette(contentLanguage()),
          editable: this.model.editable,
          view: this.context.state.view(this.model.key),
          cached: cachedForInit(this.context.state.cachedSvg(text)),
          restore: this.restore,
        });
        this.sendDocument();
        for (const edit of this.pendingPerforms.splice(0)) this.post({ type: 'perform', edit });
        break;
      }
      case 'stalled':
        // Reload the page: a fresh page fetches its scripts again. Twice at most, then leave it be.
        if (this.reloads < MAX_RELOADS) {
          this.reloads++;
          this.ready = false;
          this.context.log.warn(`Diagram webview for ${this.model.document.uri.toString(true)} stalled; reloading it (${this.reloads}/${MAX_RELOADS}).`);
          this.load();
        }
        break;
      case 'rendered':
      case 'renderFailed':
        this.onRenderResult(message);
        break;
      case 'edit':
        void this.applyEdit(message);
        break;
      case 'viewState':
        void this.context.state.saveView(this.model.key, message.view);
        break;
      case 'command':
        this.context.onRunCommand(this, message.command);
        break;
      case 'exported':
      case 'exportFailed': {
        const pending = this.pendingExports.get(message.requestId);
        this.pendingExports.delete(message.requestId);
        if (message.type === 'exported') pending?.resolve(message.data);
        else pending?.reject(new Error(message.message));
        break;
      }
    }
  }

  private onRenderResult(message: Extract<WebviewToHostMessage, { type: 'rendered' | 'renderFailed' }>): void {
    const { document } = this.model;
    if (message.version !== document.version) return; // superseded by a newer edit
    const located = this.model.locate();
    if (message.type === 'rendered') {
      this.context.diagnostics.clear(document.uri, this.model.key);
      if (message.svg && message.theme && located) {
        this.context.state.cacheSvg(located.text, {
          svg: message.svg,
          theme: message.theme,
          nodeCount: message.nodeCount,
          colorTheme: colorThemeKey(),
        });
      }
      this.context.log.trace(
        `Rendered ${document.uri.toString(true)} v${message.version}: ${message.nodeCount} nodes, ${Math.round(message.durationMs)} ms${message.skipped ? ' (unchanged, not drawn)' : ''}`,
      );
      this.context.fireRendered({
        uri: document.uri,
        version: message.version,
        nodeCount: message.nodeCount,
        durationMs: message.durationMs,
        skipped: message.skipped ?? false,
      });
      return;
    }
    const firstLine = located?.startLine ?? 0;
    const lastLine = Math.max(firstLine, (located?.endLine ?? document.lineCount) - 1);
    const line = Math.min(Math.max(firstLine + (message.line ?? 1) - 1, firstLine), lastLine, document.lineCount - 1);
    const lineRange = document.lineAt(Math.max(0, line)).range;
    // From the column mermaid stopped at to the end of the line (a block's lines start at line starts
    // too); the whole line when it did not say.
    const column = (message.column ?? 1) - 1;
    const diagnostic = new vscode.Diagnostic(
      column > 0 && column < lineRange.end.character ? lineRange.with(lineRange.start.with(undefined, column)) : lineRange,
      vscode.l10n.t('Mermaid syntax error: {0}', errorSummary(message.message)),
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'mermaid';
    this.context.diagnostics.set(document.uri, this.model.key, [diagnostic]);
  }

  /** The webview planned its edit on the text at `version`: apply it only to that text. */
  private async applyEdit(message: Extract<WebviewToHostMessage, { type: 'edit' }>): Promise<void> {
    const { document } = this.model;
    if (!this.model.editable) return;
    const located = this.model.locate();
    if (message.version !== document.version || !located) {
      // The user typed in between: the webview gets the new text anyway, and the click is dropped.
      this.context.log.info(`Dropped a diagram edit planned on v${message.version}; the document is at v${document.version}.`);
      this.sendDocument();
      return;
    }
    if (message.edits.some((edit) => edit.end > located.text.length)) return;
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const edit of message.edits) {
      const range = new vscode.Range(document.positionAt(located.offset + edit.start), document.positionAt(located.offset + edit.end));
      workspaceEdit.replace(document.uri, range, edit.text);
    }
    const applied = await vscode.workspace.applyEdit(workspaceEdit);
    if (!applied) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not change {0}: the file is read-only or was changed elsewhere.', vscode.workspace.asRelativePath(document.uri)));
    }
  }

  /** Runs an edit through the webview, exactly as a click there would. */
  perform(edit: DiagramEdit): void {
    if (this.ready) this.post({ type: 'perform', edit });
    else this.pendingPerforms.push(edit);
  }

  /** Asks the webview for the diagram as SVG text or a PNG data URL. */
  requestExport(format: ExportFormat, background: ExportBackground): Promise<string> {
    const requestId = this.nextRequestId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingExports.delete(requestId);
        reject(new Error(vscode.l10n.t('The diagram did not answer in time.')));
      }, EXPORT_TIMEOUT_MS);
      this.pendingExports.set(requestId, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.post({ type: 'export', requestId, format, background });
    });
  }
}

/** Diagnostics from several diagrams in one document (Markdown with several blocks) side by side. */
export class DiagramDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('sdcoach.mermaid'));
  private readonly byDocument = new Map<string, Map<string, vscode.Diagnostic[]>>();

  set(uri: vscode.Uri, owner: string, diagnostics: vscode.Diagnostic[]): void {
    const owners = this.byDocument.get(uri.toString()) ?? new Map<string, vscode.Diagnostic[]>();
    owners.set(owner, diagnostics);
    this.byDocument.set(uri.toString(), owners);
    this.collection.set(uri, [...owners.values()].flat());
  }

  clear(uri: vscode.Uri, owner: string): void {
    const owners = this.byDocument.get(uri.toString());
    if (!owners?.delete(owner)) return;
    if (owners.size === 0) {
      this.byDocument.delete(uri.toString());
      this.collection.delete(uri);
    } else {
      this.collection.set(uri, [...owners.values()].flat());
    }
  }
}

/** The colour theme as far as the host can tell: its kind and the configured theme's name. */
function colorThemeKey(): string {
  return `${vscode.window.activeColorTheme.kind}:${vscode.workspace.getConfiguration('workbench').get<string>('colorTheme', '')}`;
}

function cachedForInit(entry: (CachedSvg & { text: string }) | undefined) {
  return entry && { text: entry.text, svg: entry.svg, theme: entry.theme, nodeCount: entry.nodeCount };
}

/** jison errors read "Parse error on line N:", the source, a caret, then "Expecting …": keep the telling line. */
function errorSummary(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim());
  if (lines.length > 1 && /^Parse error/i.test(lines[0])) return lines[lines.length - 1];
  return lines[0] ?? text;
}

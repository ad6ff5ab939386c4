import * as vscode from 'vscode';
import {
  isWebviewToHostMessage,
  MAX_DIAGRAM_CHARS,
  type DiagramWebviewStrings,
  type HostToWebviewMessage,
  type WebviewToHostMessage,
} from '../core/diagramProtocol';
import { Disposable } from '../util/disposable';
import { createNonce, diagramWebviewHtml } from './diagramWebviewHtml';

export const DIAGRAM_EDITOR_VIEW_TYPE = 'sdcoach.diagramEditor';

export interface DiagramRendered {
  uri: vscode.Uri;
  version: number;
  nodeCount: number;
  durationMs: number;
}

/**
 * Custom text editor for `.mmd` files. The TextDocument is the model: the webview renders whatever the
 * document holds, live, and syntax errors surface as diagnostics on the document (Problems view).
 */
export class DiagramEditorProvider extends Disposable implements vscode.CustomTextEditorProvider {
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('sdcoach.mermaid'));
  private readonly renderedEmitter = this.register(new vscode.EventEmitter<DiagramRendered>());
  /** Open diagram panels per document: diagnostics only stay current while one renders the document. */
  private readonly panelCounts = new Map<string, number>();
  /** Fires when a webview has drawn a version of a document. */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      vscode.window.registerCustomEditorProvider(DIAGRAM_EDITOR_VIEW_TYPE, this, {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      }),
    );
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)));
  }

  private get webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const { webview } = panel;
    webview.options = { enableScripts: true, localResourceRoots: [this.webviewRoot] };
    const load = () => {
      webview.html = diagramWebviewHtml({
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'diagram.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.webviewRoot, 'diagram.css')).toString(),
        nonce: createNonce(),
        language: vscode.env.language,
      });
    };
    load();
    let reloads = 0;

    const post = (message: HostToWebviewMessage) => void webview.postMessage(message);
    const sendDocument = () => {
      const text = document.getText();
      if (text.length > MAX_DIAGRAM_CHARS) {
        post({ type: 'tooLarge', version: document.version, length: text.length, limit: MAX_DIAGRAM_CHARS });
      } else {
        post({ type: 'update', text, version: document.version });
      }
    };
    let ready = false;

    const subscriptions = [
      webview.onDidReceiveMessage((message: unknown) => {
        if (!isWebviewToHostMessage(message)) return;
        if (message.type === 'ready') {
          ready = true;
          post({ type: 'init', strings: webviewStrings(), stallAfterMs: STALL_AFTER_MS });
          sendDocument();
        } else if (message.type === 'stalled') {
          // Reload the page: a fresh page fetches its scripts again. Twice at most, then leave it be.
          if (reloads < MAX_RELOADS) {
            reloads++;
            ready = false;
            this.log.warn(`Diagram webview for ${document.uri.toString(true)} stalled; reloading it (${reloads}/${MAX_RELOADS}).`);
            load();
          }
        } else {
          this.onRenderResult(document, message);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        // The webview keeps only the newest pending version, so every change can be sent as it comes.
        if (ready && event.contentChanges.length && event.document.uri.toString() === document.uri.toString()) {
          sendDocument();
        }
      }),
    ];
    const key = document.uri.toString();
    this.panelCounts.set(key, (this.panelCounts.get(key) ?? 0) + 1);
    panel.onDidDispose(() => {
      subscriptions.forEach((subscription) => subscription.dispose());
      const remaining = (this.panelCounts.get(key) ?? 1) - 1;
      if (remaining > 0) {
        this.panelCounts.set(key, remaining);
      } else {
        this.panelCounts.delete(key);
        this.diagnostics.delete(document.uri);
      }
    });
  }

  private onRenderResult(
    document: vscode.TextDocument,
    message: Extract<WebviewToHostMessage, { type: 'rendered' | 'renderFailed' }>,
  ): void {
    if (message.version !== document.version) return; // superseded by a newer edit
    if (message.type === 'rendered') {
      this.diagnostics.delete(document.uri);
      this.log.trace(`Rendered ${document.uri.fsPath} v${message.version}: ${message.nodeCount} nodes, ${Math.round(message.durationMs)} ms`);
      this.renderedEmitter.fire({ uri: document.uri, version: message.version, nodeCount: message.nodeCount, durationMs: message.durationMs });
      return;
    }
    const line = Math.min(Math.max((message.line ?? 1) - 1, 0), Math.max(document.lineCount - 1, 0));
    const diagnostic = new vscode.Diagnostic(
      document.lineAt(line).range,
      vscode.l10n.t('Mermaid syntax error: {0}', errorSummary(message.message)),
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'mermaid';
    this.diagnostics.set(document.uri, [diagnostic]);
  }
}

// Rendering a 200-node diagram takes about a second here; 10 s means something never arrived.
const STALL_AFTER_MS = 10_000;
const MAX_RELOADS = 2;

/** jison errors read "Parse error on line N:", the source, a caret, then "Expecting …": keep the telling line. */
function errorSummary(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim());
  if (lines.length > 1 && /^Parse error/i.test(lines[0])) return lines[lines.length - 1];
  return lines[0] ?? text;
}

function webviewStrings(): DiagramWebviewStrings {
  return {
    diagramLabel: vscode.l10n.t('Architecture diagram'),
    syntaxError: vscode.l10n.t('Syntax error'),
    syntaxErrorOnLine: vscode.l10n.t('Syntax error on line {0}', '{0}'),
    keptLastGood: vscode.l10n.t('Showing the last diagram that rendered.'),
    emptyDiagram: vscode.l10n.t('The diagram is empty. Write Mermaid in the .mmd file, e.g. "flowchart LR" then "a --> b".'),
    tooLarge: vscode.l10n.t('This diagram is too large to draw'),
    tooLargeDetail: vscode.l10n.t('It has {0} characters; the limit is {1}. Split it into smaller diagrams.', '{0}', '{1}'),
    zoomIn: vscode.l10n.t('Zoom In (+)'),
    zoomOut: vscode.l10n.t('Zoom Out (-)'),
    zoomFit: vscode.l10n.t('Fit to Window (F)'),
    zoomReset: vscode.l10n.t('Actual Size (0)'),
  };
}

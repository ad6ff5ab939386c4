import * as vscode from 'vscode';
import { isScorecardMessage, type HostToScorecardMessage, type ScorecardData } from '../core/scorecardProtocol';
import { pageAssets } from '../util/webviewPage';
import { scorecardHtml } from './scorecardHtml';

export const SCORECARD_VIEW_TYPE = 'sdcoach.scorecard';

/**
 * One scorecard panel, reused for each review: bars per criterion, evidence and findings that open
 * the answer or the diagram at their line.
 */
export class ScorecardPanel {
  private panel: vscode.WebviewPanel | undefined;
  private pending: ScorecardData | undefined;
  private files: { answer: vscode.Uri; diagram: vscode.Uri } | undefined;
  private ready = false;

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(data: ScorecardData, files: { answer: vscode.Uri; diagram: vscode.Uri }): vscode.WebviewPanel {
    this.files = files;
    this.pending = data;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(SCORECARD_VIEW_TYPE, data.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
      });
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'sdcoach.svg');
      panel.webview.html = scorecardHtml(pageAssets(panel.webview, this.extensionUri, 'scorecard'));
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
      });
      this.panel = panel;
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = vscode.l10n.t('Review: {0}', data.title);
    if (this.ready) this.post();
    return this.panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private post(): void {
    if (this.pending) void this.panel?.webview.postMessage({ type: 'show', data: this.pending } satisfies HostToScorecardMessage);
  }

  private onMessage(message: unknown): void {
    if (!isScorecardMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.post();
      return;
    }
    const uri = message.file === 'answer' ? this.files?.answer : this.files?.diagram;
    if (!uri) return;
    const position = new vscode.Position(message.line, 0);
    // The diagram opens as text at the node's line; the diagram editor is one click away from there.
    void vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }
}

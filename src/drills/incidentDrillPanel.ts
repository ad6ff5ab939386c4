import * as vscode from 'vscode';
import { isDrillMessage, type DrillCommand, type DrillView, type HostToDrillMessage } from '../core/drills/drillProtocol';
import { createNonce } from '../diagramEditor/diagramWebviewHtml';
import { drillHtml } from './drillHtml';

export const INCIDENT_DRILL_VIEW_TYPE = 'sdcoach.incidentDrill';

/** What the page keeps with getState/setState, so a restored panel knows its drill. */
export interface DrillPanelState {
  entryId: string;
}

/**
 * One incident drill's panel: shows what the host sends (only the clues revealed so far) and hands back
 * button presses. The host owns the state; the page is a view of it.
 */
export class IncidentDrillPanel implements vscode.Disposable {
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  private view: DrillView | undefined;
  private disposed = false;
  private readonly onClose = new vscode.EventEmitter<void>();
  readonly onDidClose = this.onClose.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    readonly entryId: string,
    private readonly handlers: { command(command: DrillCommand): void; chartFailed(title: string, message: string): void },
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sdcoach.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
    panel.onDidDispose(() => {
      clearTimeout(this.stallTimer);
      this.disposed = true;
      this.onClose.fire();
      this.onClose.dispose();
    });
    this.load();
  }

  static create(extensionUri: vscode.Uri, entryId: string, title: string, handlers: IncidentDrillPanel['handlers']): IncidentDrillPanel {
    const panel = vscode.window.createWebviewPanel(INCIDENT_DRILL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    });
    return new IncidentDrillPanel(extensionUri, panel, entryId, handlers);
  }

  /** Resolves once the page has said "ready" (or after `timeoutMs`). */
  whenReady(timeoutMs = 15_000): Promise<void> {
    if (this.ready || this.disposed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  show(view: DrillView): void {
    this.view = view;
    if (this.disposed) return;
    this.panel.title = view.title;
    if (this.ready) void this.panel.webview.postMessage({ type: 'show', view } satisfies HostToDrillMessage);
  }

  reveal(): void {
    if (!this.disposed) this.panel.reveal(undefined, true);
  }

  dispose(): void {
    clearTimeout(this.stallTimer);
    if (!this.disposed) this.panel.dispose();
  }

  /**
   * Sets the page. VS Code for the Web serves every webview from one service worker, and a page that
   * starts beside another can stall before its script runs: no "ready" within 8 s reloads it (twice at most).
   */
  private load(): void {
    const webview = this.panel.webview;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    webview.html = drillHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'drill.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'drill.css')).toString(),
      nonce: createNonce(),
      language: vscode.env.language,
    });
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      if (this.ready || this.disposed || this.reloads >= 2) return;
      this.reloads++;
      this.load();
    }, 8_000);
  }

  private onMessage(message: unknown): void {
    if (!isDrillMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      clearTimeout(this.stallTimer);
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      if (this.view) this.show(this.view);
    } else if (message.type === 'chartFailed') {
      this.handlers.chartFailed(message.title, message.message);
    } else {
      this.handlers.command(message.command);
    }
  }
}

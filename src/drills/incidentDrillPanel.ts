import * as vscode from 'vscode';
import { isDrillMessage, type DrillCommand, type DrillView, type HostToDrillMessage } from '../core/drills/drillProtocol';
import { pageAssets, WebviewPage } from '../util/webviewPage';
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
  private readonly page: WebviewPage;
  private view: DrillView | undefined;
  private disposed = false;
  private readonly onClose = new vscode.EventEmitter<void>();
  readonly onDidClose = this.onClose.event;

  constructor(
    extensionUri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    readonly entryId: string,
    private readonly handlers: { command(command: DrillCommand): void; chartFailed(title: string, message: string): void },
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sdcoach.svg');
    // A restored panel comes with the options it was saved with; set them for both paths.
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
    panel.onDidDispose(() => {
      this.disposed = true;
      this.page.dispose();
      this.onClose.fire();
      this.onClose.dispose();
    });
    this.page = new WebviewPage(panel.webview, () => drillHtml(pageAssets(panel.webview, extensionUri, 'drill')));
  }

  static create(extensionUri: vscode.Uri, entryId: string, title: string, handlers: IncidentDrillPanel['handlers']): IncidentDrillPanel {
    // retainContextWhenHidden can only be given here; the constructor sets the rest.
    const panel = vscode.window.createWebviewPanel(INCIDENT_DRILL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { retainContextWhenHidden: true });
    return new IncidentDrillPanel(extensionUri, panel, entryId, handlers);
  }

  /** Resolves once the page has said "ready" (or after `timeoutMs`). */
  whenReady(timeoutMs = 15_000): Promise<void> {
    return this.page.whenReady(timeoutMs);
  }

  show(view: DrillView): void {
    this.view = view;
    if (this.disposed) return;
    this.panel.title = view.title;
    if (this.page.isReady) void this.panel.webview.postMessage({ type: 'show', view } satisfies HostToDrillMessage);
  }

  reveal(): void {
    if (!this.disposed) this.panel.reveal(undefined, true);
  }

  dispose(): void {
    if (!this.disposed) this.panel.dispose();
  }

  private onMessage(message: unknown): void {
    if (!isDrillMessage(message)) return;
    if (message.type === 'ready') {
      this.page.markReady();
      if (this.view) this.show(this.view);
    } else if (message.type === 'chartFailed') {
      this.handlers.chartFailed(message.title, message.message);
    } else {
      this.handlers.command(message.command);
    }
  }
}

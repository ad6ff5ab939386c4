import * as vscode from 'vscode';
import { createNonce } from '../diagramEditor/diagramWebviewHtml';

/** What our page builders need to load `dist/webview/<name>.js` and `.css` in `webview` with a fresh nonce. */
export function pageAssets(webview: vscode.Webview, extensionUri: vscode.Uri, name: string) {
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return {
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${name}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${name}.css`)).toString(),
    nonce: createNonce(),
    language: vscode.env.language,
  };
}

/**
 * One of our pages in a webview panel: sets its HTML and follows its "ready" handshake. VS Code for the
 * Web serves every webview from one service worker, and a page that starts beside another can stall
 * before its script runs: no "ready" within 8 s reloads it (twice at most).
 */
export class WebviewPage implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  private readyWaiters: (() => void)[] = [];
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;

  /** `html` builds the page afresh (with a new nonce) for each load. */
  constructor(
    private readonly webview: vscode.Webview,
    private readonly html: () => string,
  ) {
    this.load();
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The page said "ready": stop watching for a stall and let the waiters go. */
  markReady(): void {
    this.ready = true;
    clearTimeout(this.stallTimer);
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** Resolves once the page has said "ready" (or after `timeoutMs`, whichever is first). */
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

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.stallTimer);
  }

  private load(): void {
    this.webview.html = this.html();
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      if (this.ready || this.disposed || this.reloads >= 2) return;
      this.reloads++;
      this.load();
    }, 8_000);
  }
}

// Free of `vscode` imports, so the webview tests build the page with the same code and CSP.
import { webviewDocument } from '../diagramEditor/diagramWebviewHtml';

/** The incident drill page: the same frame and CSP as our other webviews (nonce'd module, no network, no eval). */
export function drillHtml(options: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; language: string }): string {
  return webviewDocument({ ...options, body: '  <main id="drill" aria-busy="true"></main>\n' });
}

// Free of `vscode` imports, so the webview tests build the page with the same code and CSP.
import { webviewDocument } from '../diagramEditor/diagramWebviewHtml';

/** The interview page: the same frame and CSP as our other webviews (nonce'd module, no network, no eval). */
export function interviewHtml(options: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; language: string }): string {
  return webviewDocument({ ...options, body: '  <main id="interview" aria-busy="true"></main>\n' });
}

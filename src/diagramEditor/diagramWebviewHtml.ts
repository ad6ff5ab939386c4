// Deliberately free of `vscode` imports: the webview test harness builds its page with this same function,
// so the tests run under exactly the CSP the extension ships.

export interface DiagramWebviewHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview/diagram.js and .css. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
  /** BCP-47 language of the UI, for `<html lang>`. */
  language: string;
  /**
   * The last SVG drawn for this exact text in this theme, already placed (`placeSvg`): painted with
   * the page, before any script runs. Only ever mermaid's own sanitised output, kept by the host.
   */
  initialSvg?: string;
  /** The view `initialSvg` was placed at, for the script to take over from. */
  initialView?: { x: number; y: number; k: number };
}

export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** The Content-Security-Policy of the diagram webview: no network, no eval, only our nonce'd module. */
export function diagramWebviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // mermaid writes <style> into each SVG, so inline styles are needed; scripts stay nonce-only.
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource} data:`,
  ].join('; ');
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Our webview pages' common frame: the CSP, the stylesheet, the body, then our one nonce'd module. */
export function webviewDocument(options: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; language: string; body: string }): string {
  const { cspSource, scriptUri, styleUri, nonce, language, body } = options;
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(diagramWebviewCsp(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttribute(styleUri)}">
</head>
<body>
${body}  <script type="module" nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

export function diagramWebviewHtml(options: DiagramWebviewHtmlOptions): string {
  const { initialSvg, initialView } = options;
  const placed = initialSvg && initialView ? ` data-view="${escapeAttribute(JSON.stringify(initialView))}"` : '';
  return webviewDocument({
    ...options,
    body: `  <div id="editbar" role="toolbar" hidden>
    <span id="edit-tools">
      <button id="toggle-palette" type="button" aria-controls="palette" aria-pressed="true"></button>
      <label id="direction-label" for="direction"></label>
      <select id="direction"><option value="TB"></option><option value="LR"></option><option value="BT"></option><option value="RL"></option></select>
      <button id="connect" type="button" aria-keyshortcuts="C"></button>
      <button id="rename" type="button" aria-keyshortcuts="F2"></button>
      <button id="delete" type="button" aria-keyshortcuts="Delete"></button>
    </span>
    <span class="spacer"></span>
    <button id="export-svg" type="button"></button>
    <button id="export-png" type="button"></button>
    <button id="copy-svg" type="button"></button>
  </div>
  <div id="error" role="alert" hidden><div id="error-title"></div><pre id="error-detail"></pre><p id="error-note"></p></div>
  <div id="workspace">
    <nav id="palette" hidden><h2 id="palette-title"></h2><p id="palette-hint"></p><div id="palette-items" role="group"></div></nav>
    <main id="diagram" role="application" tabindex="0"${placed}>${placed ? initialSvg : ''}</main>
  </div>
  <p id="empty" hidden></p>
  <p id="status" role="status" aria-live="polite"></p>
  <div id="toolbar" role="toolbar" hidden>
    <button id="zoom-out" type="button">−</button><button id="zoom-in" type="button">+</button><button id="zoom-fit" type="button">⤢</button><button id="zoom-reset" type="button">1:1</button>
  </div>
  <input id="inline-editor" type="text" hidden>
  <form id="connect-form" hidden>
    <label><span id="connect-label-text"></span> <input id="connect-label" type="text"></label>
    <label><span id="connect-style-text"></span> <select id="connect-style"><option value="sync"></option><option value="async"></option></select></label>
    <button id="connect-ok" type="submit"></button><button id="connect-cancel" type="button"></button>
  </form>
`,
  });
}

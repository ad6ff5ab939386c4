// Loads the built diagram webview (dist/webview) in Debian's Chromium, in a page built by the extension's
// own HTML function (same CSP), with `acquireVsCodeApi` stubbed to record what the webview posts.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/vscodeHost.mjs';
import type { DiagramWebviewStrings, HostToWebviewMessage, ViewTransform, WebviewToHostMessage } from '../../src/core/diagramProtocol';
import { placeSvg } from '../../src/core/svgPlacement';
import { diagramWebviewHtml } from '../../src/diagramEditor/diagramWebviewHtml';

const WEBVIEW_DIST = fileURLToPath(new URL('../../dist/webview/', import.meta.url));
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.map': 'application/json' };

export const STRINGS: DiagramWebviewStrings = {
  diagramLabel: 'Architecture diagram',
  syntaxError: 'Syntax error',
  syntaxErrorOnLine: 'Syntax error on line {0}',
  syntaxErrorAt: 'Syntax error on line {0}, column {1}',
  keptLastGood: 'Showing the last diagram that rendered.',
  emptyDiagram: 'The diagram is empty.',
  tooLarge: 'This diagram is too large to draw',
  tooLargeDetail: 'It has {0} characters; the limit is {1}.',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  zoomFit: 'Fit',
  zoomReset: 'Actual Size',
  palette: 'Building blocks',
  paletteHint: 'Click to add.',
  direction: 'Direction',
  directions: { TB: 'Top to bottom', LR: 'Left to right', BT: 'Bottom to top', RL: 'Right to left' },
  connect: 'Connect',
  rename: 'Rename',
  deleteSelection: 'Delete',
  exportSvg: 'Export SVG',
  exportPng: 'Export PNG',
  copySvg: 'Copy SVG',
  statusIdle: 'Idle',
  statusSelectedNode: 'Selected "{0}"',
  statusSelectedEdge: 'Selected a connection',
  statusConnecting: 'Connecting from "{0}"',
  connectLabel: 'Label',
  connectStyle: 'Style',
  styleSync: 'Sync',
  styleAsync: 'Async',
  connectConfirm: 'Connect',
  cancel: 'Cancel',
  notEditable: 'Not a flowchart',
  readOnly: 'Read-only',
  editNotFound: 'Not found',
  editUnsupported: 'Unsupported',
  nodeName: '{0} (node {1})',
  edgeName: 'Connection from {0} to {1}',
};

export interface PageOptions {
  /** The body class VS Code would set for the colour theme. */
  themeClass?: string;
  /** Page HTML instead of the diagram webview's own. */
  html?: string;
  /** More script to run before the page's own, e.g. to play the host. */
  initScript?: string;
  /** An SVG the host kept for this file, put into the page at `view` as the extension does on reopen. */
  cachedSvg?: { svg: string; view: ViewTransform };
}

export interface Harness {
  browser: Browser;
  origin: string;
  /** A fresh page, like a newly opened editor panel. */
  openPage(options?: PageOptions): Promise<WebviewPage>;
  close(): Promise<void>;
}

export interface WebviewPage {
  page: Page;
  /** Messages the webview posted, in order. */
  posted(): Promise<WebviewToHostMessage[]>;
  send(message: HostToWebviewMessage): Promise<void>;
  /** Waits until the webview has posted a message matching `predicate`; returns it. */
  waitForPosted(predicate: (message: WebviewToHostMessage) => boolean, what: string): Promise<WebviewToHostMessage>;
  cspViolations: string[];
  foreignRequests: string[];
  consoleErrors: string[];
}

/** Stands in for what VS Code gives a webview: `acquireVsCodeApi`, and the theme class on <body>. */
function stubScript(themeClass: string): string {
  return `
    const posted = [];
    let state;
    window.__posted = posted;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => posted.push(message),
      getState: () => state ?? window.__initialState,
      setState: (value) => { state = value; },
    });
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(event.violatedDirective + ' ' + event.blockedURI);
    });
    document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(themeClass)}));
  `;
}

export const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

/** `extraRoots` serves more folders, e.g. `{ '/bench/': dir }`, beside the webview bundle at `/`. */
export async function startHarness(extraRoots: Record<string, string> = {}): Promise<Harness> {
  let page = '';
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    const [prefix, dir] = Object.entries(extraRoots).find(([p]) => path.startsWith(p)) ?? ['/', WEBVIEW_DIST];
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(normalize(dir))) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();

  return {
    browser,
    origin,
    async openPage(options = {}) {
      page =
        options.html ??
        diagramWebviewHtml({
          cspSource: origin,
          scriptUri: `${origin}/diagram.js`,
          styleUri: `${origin}/diagram.css`,
          nonce: NONCE,
          language: 'en',
          initialSvg: options.cachedSvg && placeSvg(options.cachedSvg.svg, options.cachedSvg.view),
          initialView: options.cachedSvg?.view,
        });
      const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
      const tab = await context.newPage();
      const cspViolations: string[] = [];
      const foreignRequests: string[] = [];
      const consoleErrors: string[] = [];
      tab.on('request', (request) => {
        if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
      });
      tab.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await tab.exposeFunction('__reportCspViolation', (text: string) => cspViolations.push(text));
      // A string, not a function: tsx's transform would add helpers to a function that do not exist in the page.
      await tab.addInitScript(stubScript(options.themeClass ?? 'vscode-light') + (options.initScript ?? ''));
      await tab.goto(`${origin}/`);
      const posted = () => tab.evaluate(() => (window as unknown as { __posted: WebviewToHostMessage[] }).__posted.slice());
      return {
        page: tab,
        posted,
        cspViolations,
        foreignRequests,
        consoleErrors,
        send: async (message) => {
          await tab.evaluate((m) => window.postMessage(m, '*'), message);
        },
        async waitForPosted(predicate, what) {
          const deadline = Date.now() + 30_000;
          for (;;) {
            const found = (await posted()).find(predicate);
            if (found) return found;
            if (Date.now() > deadline) throw new Error(`Timed out waiting for the webview to post ${what}`);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        },
      };
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

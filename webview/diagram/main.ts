import type { Mermaid } from 'mermaid';
import { MAX_DIAGRAM_CHARS, type DiagramWebviewStrings, type HostToWebviewMessage, type WebviewToHostMessage } from '../../src/core/diagramProtocol';
import { getVsCodeApi } from '../vscodeApi';
import { describeMermaidError } from './mermaidErrors';
import { PanZoom, ZOOM_STEP, type ViewTransform } from './panZoom';
import { currentThemeKind, mermaidThemeConfig, type ThemeKind } from './theme';

/** Only view state lives here; the diagram text always comes from the host's TextDocument. */
interface ViewState {
  view?: ViewTransform;
}

const vscode = getVsCodeApi<WebviewToHostMessage, ViewState>();
const canvas = document.getElementById('diagram') as HTMLElement;
const errorBanner = document.getElementById('error') as HTMLElement;
const errorTitle = document.getElementById('error-title') as HTMLElement;
const errorDetail = document.getElementById('error-detail') as HTMLElement;
const errorNote = document.getElementById('error-note') as HTMLElement;
const emptyNotice = document.getElementById('empty') as HTMLElement;
const toolbar = document.getElementById('toolbar') as HTMLElement;

const saved = vscode.getState();
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const panZoom = new PanZoom(canvas, (view) => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => vscode.setState({ view }), 200);
});
/** The first diagram is placed from the saved view (a reopened panel) or fitted; later renders keep the view. */
let placed = false;
const buttons: [string, () => void][] = [
  ['zoom-out', () => panZoom.zoomBy(1 / ZOOM_STEP)],
  ['zoom-in', () => panZoom.zoomBy(ZOOM_STEP)],
  ['zoom-fit', () => panZoom.fit()],
  ['zoom-reset', () => panZoom.actualSize()],
];
for (const [id, action] of buttons) document.getElementById(id)?.addEventListener('click', action);

let strings: DiagramWebviewStrings | undefined;
let latest: { text: string; version: number } | undefined;
let queued: { text: string; version: number } | undefined;
let rendering = false;
let renderCount = 0;
let configuredTheme: ThemeKind | undefined;
let stallAfterMs = 0;
let reportedStall = false;

// Start fetching mermaid's chunks now, while the host is still answering `ready`.
let mermaidPromise: Promise<Mermaid> | undefined;
function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  return mermaidPromise;
}
void loadMermaid();

function configure(mermaid: Mermaid): void {
  const theme = currentThemeKind(document.body);
  if (theme === configuredTheme) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // We show our own error banner and keep the last good SVG instead of mermaid's error diagram.
    suppressErrorRendering: true,
    // The host never sends more than this; mermaid's own check stays in step.
    maxTextSize: MAX_DIAGRAM_CHARS,
    ...mermaidThemeConfig(theme),
  });
  configuredTheme = theme;
}

function showError(message: string, line: number | undefined, title?: string): void {
  if (!strings) return;
  errorTitle.textContent = title ?? (line === undefined ? strings.syntaxError : strings.syntaxErrorOnLine.replace('{0}', String(line)));
  errorDetail.textContent = message;
  errorNote.hidden = !canvas.querySelector('svg');
  errorBanner.hidden = false;
}

async function renderOnce(job: { text: string; version: number }): Promise<void> {
  const started = performance.now();
  const mermaid = await loadMermaid();
  configure(mermaid);
  if (job.text.trim() === '') {
    canvas.replaceChildren();
    errorBanner.hidden = true;
    emptyNotice.hidden = false;
    vscode.postMessage({ type: 'rendered', version: job.version, nodeCount: 0, durationMs: performance.now() - started });
    return;
  }
  try {
    // render() parses too and, with suppressErrorRendering, throws on a syntax error without drawing.
    const { svg } = await mermaid.render(`sdcoach-diagram-${++renderCount}`, job.text);
    canvas.innerHTML = svg; // mermaid sanitises the SVG (securityLevel 'strict').
    panZoom.attach();
    if (!placed) {
      placed = true;
      if (saved?.view) panZoom.set(saved.view);
      else panZoom.fit();
    }
    toolbar.hidden = false;
    emptyNotice.hidden = true;
    errorBanner.hidden = true;
    const nodeCount = canvas.querySelectorAll('g.node').length;
    vscode.postMessage({ type: 'rendered', version: job.version, nodeCount, durationMs: performance.now() - started });
  } catch (error) {
    const { message, line } = describeMermaidError(error, job.text);
    showError(message, line);
    vscode.postMessage({ type: 'renderFailed', version: job.version, message, line });
  }
}

/** Renders one job at a time; while one runs, only the newest request is kept. */
async function requestRender(job: { text: string; version: number }): Promise<void> {
  latest = job;
  queued = job;
  if (rendering) return;
  rendering = true;
  canvas.setAttribute('aria-busy', 'true');
  try {
    while (queued) {
      const next = queued;
      queued = undefined;
      // A render that never settles (a chunk that never loads) would leave the panel blank forever:
      // say so once, and the host reloads the webview.
      const watchdog =
        stallAfterMs > 0 && !reportedStall
          ? setTimeout(() => {
              reportedStall = true;
              vscode.postMessage({ type: 'stalled', version: next.version });
            }, stallAfterMs)
          : undefined;
      try {
        await renderOnce(next);
      } finally {
        clearTimeout(watchdog);
      }
    }
  } finally {
    rendering = false;
    canvas.removeAttribute('aria-busy');
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      strings = message.strings;
      stallAfterMs = message.stallAfterMs ?? 0;
      canvas.setAttribute('aria-label', strings.diagramLabel);
      emptyNotice.textContent = strings.emptyDiagram;
      errorNote.textContent = strings.keptLastGood;
      for (const [id, label] of [
        ['zoom-out', strings.zoomOut],
        ['zoom-in', strings.zoomIn],
        ['zoom-fit', strings.zoomFit],
        ['zoom-reset', strings.zoomReset],
      ] as const) {
        const button = document.getElementById(id);
        button?.setAttribute('aria-label', label);
        button?.setAttribute('title', label);
      }
      break;
    case 'update':
      void requestRender({ text: message.text, version: message.version });
      break;
    case 'tooLarge': {
      // Drawing it could freeze the panel: keep the last good diagram and say why.
      if (!strings) break;
      const detail = strings.tooLargeDetail
        .replace('{0}', message.length.toLocaleString())
        .replace('{1}', message.limit.toLocaleString());
      queued = undefined;
      showError(detail, undefined, strings.tooLarge);
      vscode.postMessage({ type: 'renderFailed', version: message.version, message: `${strings.tooLarge}. ${detail}` });
      break;
    }
  }
});

// Re-render with the new palette when the user switches colour theme.
new MutationObserver(() => {
  if (latest && currentThemeKind(document.body) !== configuredTheme) {
    void requestRender(latest);
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });

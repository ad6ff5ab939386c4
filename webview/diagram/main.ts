import type { Mermaid } from 'mermaid';
import {
  MAX_DIAGRAM_CHARS,
  type DiagramWebviewStrings,
  type HostToWebviewMessage,
  type ViewTransform,
  type WebviewToHostMessage,
} from '../../src/core/diagramProtocol';
import { planEdit, type DiagramEdit } from '../../src/core/flowchart/flowchartEdits';
import { scanFlowchart, type FlowchartSource } from '../../src/core/flowchart/flowchartScanner';
import { getVsCodeApi } from '../vscodeApi';
import { diagramKey } from '../../src/core/diagramKey';
import { DiagramEditing } from './editing';
import { exportDiagram } from './exportImage';
import { describeMermaidError } from './mermaidErrors';
import { PanZoom, ZOOM_STEP } from './panZoom';
import { currentThemeKind, mermaidThemeConfig } from './theme';

/** Only view state lives here; the diagram text always comes from the host's TextDocument. */
interface ViewState {
  view?: ViewTransform;
  /** What the host asked us to keep for restoring the panel (see `init.restore`). */
  restore?: unknown;
  paletteHidden?: boolean;
}

const vscode = getVsCodeApi<WebviewToHostMessage, ViewState>();
const canvas = document.getElementById('diagram') as HTMLElement;
const errorBanner = document.getElementById('error') as HTMLElement;
const errorTitle = document.getElementById('error-title') as HTMLElement;
const errorDetail = document.getElementById('error-detail') as HTMLElement;
const errorNote = document.getElementById('error-note') as HTMLElement;
const emptyNotice = document.getElementById('empty') as HTMLElement;
const toolbar = document.getElementById('toolbar') as HTMLElement;
const editbar = document.getElementById('editbar') as HTMLElement;

const saved = vscode.getState();
let saveTimer: ReturnType<typeof setTimeout> | undefined;
const panZoom = new PanZoom(canvas, (view) => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    vscode.setState({ ...vscode.getState(), view, restore });
    // The host keeps it per file, so the view survives closing the editor too.
    vscode.postMessage({ type: 'viewState', view });
  }, 300);
});
/** The first diagram is placed from a saved view (reopened panel or file) or fitted; later renders keep the view. */
let placed = false;
let initialView: ViewTransform | undefined = saved?.view;
let restore: unknown = saved?.restore;
const buttons: [string, () => void][] = [
  ['zoom-out', () => panZoom.zoomBy(1 / ZOOM_STEP)],
  ['zoom-in', () => panZoom.zoomBy(ZOOM_STEP)],
  ['zoom-fit', () => panZoom.fit()],
  ['zoom-reset', () => panZoom.actualSize()],
  ['export-svg', () => vscode.postMessage({ type: 'command', command: 'exportSvg' })],
  ['export-png', () => vscode.postMessage({ type: 'command', command: 'exportPng' })],
  ['copy-svg', () => vscode.postMessage({ type: 'command', command: 'copySvg' })],
];
for (const [id, action] of buttons) document.getElementById(id)?.addEventListener('click', action);

// The host may have put this file's last picture into the page already (placed at its saved view).
const embeddedSvg = canvas.querySelector('svg');
if (embeddedSvg) {
  const view = saved?.view ?? (JSON.parse(canvas.dataset.view ?? 'null') as ViewTransform | null) ?? undefined;
  panZoom.attach();
  if (view) panZoom.set(view);
  placed = true;
  toolbar.hidden = false;
  editbar.hidden = false;
}

let strings: DiagramWebviewStrings | undefined;
/** The newest document text the host sent. */
let latest: { text: string; version: number } | undefined;
let scanned: { version: number; source: FlowchartSource } | undefined;
let queued: { text: string; version: number } | undefined;
let rendering = false;
let renderCount = 0;
let configuredTheme: string | undefined;
/** What is on screen: the diagram key of its text and the theme it was drawn in. */
let drawn: { key: string; theme: string; nodeCount: number } | undefined;
let stallAfterMs = 0;
let reportedStall = false;

function currentSource(): FlowchartSource | undefined {
  if (!latest) return undefined;
  if (scanned?.version !== latest.version) scanned = { version: latest.version, source: scanFlowchart(latest.text) };
  return scanned.source;
}

const editing = new DiagramEditing({
  canvas,
  source: currentSource,
  dragged: () => panZoom.dragged,
  reveal: (element) => panZoom.reveal(element),
  apply(edit: DiagramEdit) {
    if (!latest || !strings) return { error: strings?.editNotFound ?? '' };
    const plan = planEdit(latest.text, edit, currentSource());
    if (!plan.ok) {
      const reasons = { notFlowchart: strings.notEditable, notFound: strings.editNotFound, unsupported: strings.editUnsupported };
      return { error: reasons[plan.reason] };
    }
    if (plan.edits.length) vscode.postMessage({ type: 'edit', version: latest.version, edits: plan.edits, request: edit.op });
    return { select: plan.select };
  },
});

editing.paletteHidden = saved?.paletteHidden ?? false;
editing.onPaletteToggled = (paletteHidden) => vscode.setState({ ...vscode.getState(), paletteHidden });

let mermaidPromise: Promise<Mermaid> | undefined;
function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  return mermaidPromise;
}

/** The theme as mermaid sees it: the kind, plus the colours high-contrast themes pass through. */
function themeSignature(): string {
  const kind = currentThemeKind(document.body);
  return `${kind}${JSON.stringify(mermaidThemeConfig(kind).themeVariables ?? {})}`;
}

function configure(mermaid: Mermaid): void {
  const signature = themeSignature();
  if (signature === configuredTheme) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // We show our own error banner and keep the last good SVG instead of mermaid's error diagram.
    suppressErrorRendering: true,
    // The host never sends more than this; mermaid's own check stays in step.
    maxTextSize: MAX_DIAGRAM_CHARS,
    ...mermaidThemeConfig(currentThemeKind(document.body)),
  });
  configuredTheme = signature;
}

function showError(message: string, line: number | undefined, title?: string, column?: number): void {
  if (!strings) return;
  errorTitle.textContent =
    title ??
    (line === undefined
      ? strings.syntaxError
      : column === undefined
        ? strings.syntaxErrorOnLine.replace('{0}', String(line))
        : strings.syntaxErrorAt.replace('{0}', String(line)).replace('{1}', String(column)));
  errorDetail.textContent = message;
  errorNote.hidden = !canvas.querySelector('svg');
  errorBanner.hidden = false;
}

function afterPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}

/** Puts an SVG on screen and wires it up; returns its node count. */
function show(svgText: string): number {
  canvas.innerHTML = svgText; // mermaid sanitised it (securityLevel 'strict'), here or in an earlier render.
  panZoom.attach();
  if (!placed) {
    placed = true;
    if (initialView) panZoom.set(initialView);
    else panZoom.fit();
  } else if (panZoom.autoFit) {
    panZoom.fit();
  }
  const svg = canvas.querySelector('svg');
  // Focus targets, hit areas and the selection are added once the new picture is painted.
  if (svg) afterPaint(() => svg.isConnected && editing.decorate(svg));
  toolbar.hidden = false;
  editbar.hidden = false;
  emptyNotice.hidden = true;
  errorBanner.hidden = true;
  return canvas.querySelectorAll('g.node').length;
}

async function renderOnce(job: { text: string; version: number }): Promise<void> {
  const started = performance.now();
  const key = diagramKey(job.text);
  if (drawn && drawn.key === key && drawn.theme === themeSignature() && job.text.trim() !== '') {
    // Only whitespace or comments changed: the picture would be the same, so do not draw it again.
    errorBanner.hidden = true;
    vscode.postMessage({ type: 'rendered', version: job.version, nodeCount: drawn.nodeCount, durationMs: performance.now() - started, skipped: true });
    return;
  }
  const mermaid = await loadMermaid();
  configure(mermaid);
  if (job.text.trim() === '') {
    canvas.replaceChildren();
    drawn = undefined;
    errorBanner.hidden = true;
    emptyNotice.hidden = false;
    editbar.hidden = false;
    vscode.postMessage({ type: 'rendered', version: job.version, nodeCount: 0, durationMs: performance.now() - started });
    return;
  }
  try {
    // render() parses too and, with suppressErrorRendering, throws on a syntax error without drawing.
    const { svg } = await mermaid.render(`sdcoach-diagram-${++renderCount}`, job.text);
    const nodeCount = show(svg);
    const theme = themeSignature();
    drawn = { key, theme, nodeCount };
    vscode.postMessage({ type: 'rendered', version: job.version, nodeCount, durationMs: performance.now() - started, svg, theme });
  } catch (error) {
    const { message, line, column } = describeMermaidError(error, job.text);
    showError(message, line, undefined, column);
    vscode.postMessage({ type: 'renderFailed', version: job.version, message, line, column });
  }
}

// While the user types, draw at the first keystroke and again once typing pauses, not on every key.
const TYPING_PAUSE_MS = 120;
let lastUpdateAt = -Infinity;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleRender(job: { text: string; version: number }): void {
  const now = performance.now();
  const typing = now - lastUpdateAt < TYPING_PAUSE_MS;
  lastUpdateAt = now;
  clearTimeout(typingTimer);
  // An edit that leaves the diagram as it is costs nothing to handle: no reason to wait.
  const unchanged = drawn !== undefined && drawn.key === diagramKey(job.text);
  if (typing && !rendering && !unchanged) typingTimer = setTimeout(() => void requestRender(job), TYPING_PAUSE_MS);
  else void requestRender(job);
}

/** Renders one job at a time; while one runs, only the newest request is kept. */
async function requestRender(job: { text: string; version: number }): Promise<void> {
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

function applyInit(message: Extract<HostToWebviewMessage, { type: 'init' }>): void {
  strings = message.strings;
  stallAfterMs = message.stallAfterMs ?? 0;
  initialView ??= message.view;
  if (message.restore !== undefined) {
    restore = message.restore;
    vscode.setState({ ...vscode.getState(), restore });
  }
  canvas.setAttribute('aria-label', strings.diagramLabel);
  emptyNotice.textContent = strings.emptyDiagram;
  errorNote.textContent = strings.keptLastGood;
  editbar.setAttribute('aria-label', strings.diagramLabel);
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
  editing.init(strings, message.palette ?? [], message.editable ?? false);
  // The last drawing of this very text, from the host's cache: on screen before mermaid has loaded.
  const cached = message.cached;
  const current = canvas.querySelector('svg');
  if (cached && cached.theme === themeSignature() && (!current || current === embeddedSvg)) {
    if (current) editing.decorate(current);
    else show(cached.svg);
    drawn = { key: diagramKey(cached.text), theme: cached.theme, nodeCount: cached.nodeCount };
    // Mermaid is needed only for the first edit now: fetch it once the cached picture is on screen.
    setTimeout(() => void loadMermaid(), 0);
  } else {
    // Start fetching mermaid's chunks now; the document follows this message.
    void loadMermaid();
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      applyInit(message);
      break;
    case 'update':
      latest = { text: message.text, version: message.version };
      editing.sourceChanged();
      scheduleRender(latest);
      break;
    case 'tooLarge': {
      // Drawing it could freeze the panel: keep the last good diagram and say why.
      if (!strings) break;
      const detail = strings.tooLargeDetail
        .replace('{0}', message.length.toLocaleString())
        .replace('{1}', message.limit.toLocaleString());
      queued = undefined;
      clearTimeout(typingTimer);
      showError(detail, undefined, strings.tooLarge);
      vscode.postMessage({ type: 'renderFailed', version: message.version, message: `${strings.tooLarge}. ${detail}` });
      break;
    }
    case 'perform':
      editing.perform(message.edit);
      break;
    case 'export': {
      const svg = canvas.querySelector('svg');
      if (!svg) {
        vscode.postMessage({ type: 'exportFailed', requestId: message.requestId, message: strings?.emptyDiagram ?? '' });
        break;
      }
      exportDiagram(svg, message.format, message.background).then(
        (data) => vscode.postMessage({ type: 'exported', requestId: message.requestId, data }),
        (error: unknown) => vscode.postMessage({ type: 'exportFailed', requestId: message.requestId, message: String(error) }),
      );
      break;
    }
  }
});

// Re-render with the new palette when the user switches colour theme.
new MutationObserver(() => {
  if (latest && themeSignature() !== configuredTheme) {
    void requestRender(latest);
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });

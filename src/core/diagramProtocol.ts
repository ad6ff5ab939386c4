import type { PaletteEntry } from './diagramPalette';
import type { DiagramEdit, TextEdit } from './flowchart/flowchartEdits';

/**
 * The one message protocol between the extension host and the diagram webview.
 * Both sides import these types; every message is a discriminated union on `type`.
 * The webview starts with `ready`; the host answers with `init`, then sends `update`s.
 */

/** UI strings the webview shows, localised by the host (the webview has no l10n of its own). */
export interface DiagramWebviewStrings {
  diagramLabel: string;
  syntaxError: string;
  /** With `{0}` where the line number goes. */
  syntaxErrorOnLine: string;
  /** With `{0}` for the line and `{1}` for the column. */
  syntaxErrorAt: string;
  keptLastGood: string;
  emptyDiagram: string;
  /** Title shown for a document over the size limit. */
  tooLarge: string;
  /** With `{0}` for the document's length and `{1}` for the limit, in characters. */
  tooLargeDetail: string;
  zoomIn: string;
  zoomOut: string;
  zoomFit: string;
  zoomReset: string;
  /** Visual editing. */
  palette: string;
  paletteHint: string;
  direction: string;
  directions: Record<'TB' | 'BT' | 'LR' | 'RL', string>;
  connect: string;
  rename: string;
  deleteSelection: string;
  exportSvg: string;
  exportPng: string;
  copySvg: string;
  /** Status line texts; `{0}` is a node's label. */
  statusIdle: string;
  statusSelectedNode: string;
  statusSelectedEdge: string;
  statusConnecting: string;
  connectLabel: string;
  connectStyle: string;
  styleSync: string;
  styleAsync: string;
  connectConfirm: string;
  cancel: string;
  notEditable: string;
  readOnly: string;
  editNotFound: string;
  editUnsupported: string;
  /** Accessible names: `{0}` label, `{1}` id / target label. */
  nodeName: string;
  edgeName: string;
}

/** Where the diagram sits in the panel: a translation in CSS pixels and a zoom factor. */
export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

export type ExportFormat = 'svg' | 'png';
export type ExportBackground = 'transparent' | 'theme';
/** Host commands the webview's toolbar runs. */
export type DiagramCommand = 'exportSvg' | 'exportPng' | 'copySvg';

/**
 * Longest document the webview is asked to draw. Mermaid's own default limit is the same; a
 * 200-node architecture is about 6,000 characters.
 */
export const MAX_DIAGRAM_CHARS = 50_000;

export type HostToWebviewMessage =
  | {
      type: 'init';
      strings: DiagramWebviewStrings;
      /** How long a render may take before the webview reports `stalled`. */
      stallAfterMs?: number;
      /** Building blocks for the palette, in the content language. */
      palette?: PaletteEntry[];
      /** False for read-only documents (e.g. a reference diagram): no palette, no edits. */
      editable?: boolean;
      /** The view this file had when it was last open. */
      view?: ViewTransform;
      /** The SVG drawn last time for exactly this text, shown at once if the theme still matches. */
      cached?: { text: string; svg: string; theme: string; nodeCount: number };
      /** Opaque: the webview keeps it in its state so the host can restore the panel after a reload. */
      restore?: unknown;
    }
  /** The document's full text at `version` (the TextDocument is the model). */
  | { type: 'update'; text: string; version: number }
  /** The document at `version` is over MAX_DIAGRAM_CHARS: it is not sent, and not drawn. */
  | { type: 'tooLarge'; version: number; length: number; limit: number }
  /** Do this edit as if the user had done it in the diagram (commands from the palette use it). */
  | { type: 'perform'; edit: DiagramEdit }
  /** Asks for the current diagram as SVG text or as a PNG data URL. */
  | { type: 'export'; requestId: number; format: ExportFormat; background: ExportBackground };

export type WebviewToHostMessage =
  | { type: 'ready' }
  /**
   * `skipped`: the text changed but not the diagram (whitespace, comments), so nothing was drawn.
   * `svg` and `theme` come with fresh drawings, for the host's cache.
   */
  | { type: 'rendered'; version: number; nodeCount: number; durationMs: number; skipped?: boolean; svg?: string; theme?: string }
  /** `line` and `column` are 1-based within the diagram's text, when mermaid reports them. */
  | { type: 'renderFailed'; version: number; message: string; line?: number; column?: number }
  /**
   * A render has not finished in time, usually because a script chunk never arrived (VS Code for
   * the Web serves every webview through one service worker). The host reloads the webview.
   */
  | { type: 'stalled'; version: number }
  /** Text edits planned on the document text at `version`; `request` says what the user did. */
  | { type: 'edit'; version: number; edits: TextEdit[]; request: DiagramEdit['op'] }
  | { type: 'exported'; requestId: number; data: string }
  | { type: 'exportFailed'; requestId: number; message: string }
  | { type: 'command'; command: DiagramCommand }
  | { type: 'viewState'; view: ViewTransform };

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const message = value as { type?: unknown; version?: unknown; message?: unknown };
  switch (message.type) {
    case 'ready':
      return true;
    case 'rendered':
    case 'stalled':
      return typeof message.version === 'number';
    case 'renderFailed':
      return typeof message.version === 'number' && typeof message.message === 'string';
    case 'edit':
      return typeof message.version === 'number' && isTextEditList((value as { edits?: unknown }).edits);
    case 'exported':
      return typeof (value as { requestId?: unknown }).requestId === 'number' && typeof (value as { data?: unknown }).data === 'string';
    case 'exportFailed':
      return typeof (value as { requestId?: unknown }).requestId === 'number';
    case 'command':
      return ['exportSvg', 'exportPng', 'copySvg'].includes((value as { command?: unknown }).command as string);
    case 'viewState': {
      const view = (value as { view?: Partial<ViewTransform> }).view;
      return typeof view === 'object' && view !== null && [view.x, view.y, view.k].every((n) => typeof n === 'number' && Number.isFinite(n));
    }
    default:
      return false;
  }
}

function isTextEditList(value: unknown): value is TextEdit[] {
  return (
    Array.isArray(value) &&
    value.length <= 1000 &&
    value.every(
      (edit: Partial<TextEdit>) =>
        typeof edit === 'object' &&
        edit !== null &&
        Number.isInteger(edit.start) &&
        Number.isInteger(edit.end) &&
        (edit.start as number) >= 0 &&
        (edit.end as number) >= (edit.start as number) &&
        typeof edit.text === 'string',
    )
  );
}

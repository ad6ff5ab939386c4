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
}

/**
 * Longest document the webview is asked to draw. Mermaid's own default limit is the same; a
 * 200-node architecture is about 6,000 characters.
 */
export const MAX_DIAGRAM_CHARS = 50_000;

export type HostToWebviewMessage =
  /** `stallAfterMs`: how long a render may take before the webview reports `stalled`. */
  | { type: 'init'; strings: DiagramWebviewStrings; stallAfterMs?: number }
  /** The document's full text at `version` (the TextDocument is the model). */
  | { type: 'update'; text: string; version: number }
  /** The document at `version` is over MAX_DIAGRAM_CHARS: it is not sent, and not drawn. */
  | { type: 'tooLarge'; version: number; length: number; limit: number };

export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'rendered'; version: number; nodeCount: number; durationMs: number }
  /** `line` is 1-based within the document, when mermaid reports one. */
  | { type: 'renderFailed'; version: number; message: string; line?: number }
  /**
   * A render has not finished in time, usually because a script chunk never arrived (VS Code for
   * the Web serves every webview through one service worker). The host reloads the webview.
   */
  | { type: 'stalled'; version: number };

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
    default:
      return false;
  }
}

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
}

export type HostToWebviewMessage =
  | { type: 'init'; strings: DiagramWebviewStrings }
  /** The document's full text at `version` (the TextDocument is the model). */
  | { type: 'update'; text: string; version: number };

export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'rendered'; version: number; nodeCount: number; durationMs: number }
  /** `line` is 1-based within the document, when mermaid reports one. */
  | { type: 'renderFailed'; version: number; message: string; line?: number };

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const message = value as { type?: unknown; version?: unknown; message?: unknown };
  switch (message.type) {
    case 'ready':
      return true;
    case 'rendered':
      return typeof message.version === 'number';
    case 'renderFailed':
      return typeof message.version === 'number' && typeof message.message === 'string';
    default:
      return false;
  }
}

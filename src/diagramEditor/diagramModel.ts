import * as vscode from 'vscode';
import { findMermaidFences, type MermaidFence } from '../core/markdownFences';

/** Where a diagram's text is: a whole document, or one ```mermaid block inside a Markdown document. */
export interface DiagramModel {
  readonly document: vscode.TextDocument;
  /** Stable name for per-diagram state (view, diagnostics). */
  readonly key: string;
  readonly editable: boolean;
  /** The diagram's text now, where it starts in the document, and its lines (end exclusive). */
  locate(): { text: string; offset: number; startLine: number; endLine: number } | undefined;
  onDocumentChanged?(event: vscode.TextDocumentChangeEvent): void;
}

// Our own read-only documents, and diff/history views, are shown but never edited.
const WRITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata', 'vscode-vfs', 'vscode-test-web']);

export function isEditableDocument(document: vscode.TextDocument): boolean {
  const { scheme } = document.uri;
  return WRITABLE_SCHEMES.has(scheme) || vscode.workspace.fs.isWritableFileSystem(scheme) === true;
}

/** A `.mmd` / `.mermaid` file: the whole document is the diagram. */
export class DocumentDiagramModel implements DiagramModel {
  readonly key: string;
  readonly editable: boolean;

  constructor(readonly document: vscode.TextDocument) {
    this.key = document.uri.toString();
    this.editable = isEditableDocument(document);
  }

  locate() {
    return { text: this.document.getText(), offset: 0, startLine: 0, endLine: this.document.lineCount };
  }
}

/**
 * One fenced block of a Markdown document. The block is followed through edits by its opening
 * line: edits above move it, and when blocks come and go the one nearest that line is taken.
 */
export class FenceDiagramModel implements DiagramModel {
  readonly editable: boolean;
  /** Named after the block's line when opened; it stays the same while the block moves. */
  readonly key: string;
  private line: number;

  constructor(
    readonly document: vscode.TextDocument,
    startLine: number,
  ) {
    this.line = startLine;
    this.key = `${document.uri.toString()}#mermaid-${startLine}`;
    this.editable = isEditableDocument(document);
  }

  get startLine(): number {
    return this.line;
  }

  private fence(): MermaidFence | undefined {
    const fences = findMermaidFences(this.document.getText());
    let best: MermaidFence | undefined;
    for (const fence of fences) {
      if (!best || Math.abs(fence.startLine - this.line) < Math.abs(best.startLine - this.line)) best = fence;
    }
    return best;
  }

  locate() {
    const fence = this.fence();
    if (!fence) return undefined;
    this.line = fence.startLine;
    const text = this.document.getText().slice(fence.contentStart, fence.contentEnd);
    return { text, offset: fence.contentStart, startLine: fence.startLine + 1, endLine: fence.endLine };
  }

  onDocumentChanged(event: vscode.TextDocumentChangeEvent): void {
    // Changes come with ranges in the text before the change; only those wholly above move the block.
    let shift = 0;
    for (const change of event.contentChanges) {
      if (change.range.end.line < this.line) {
        shift += (change.text.match(/\n/g)?.length ?? 0) - (change.range.end.line - change.range.start.line);
      }
    }
    this.line = Math.max(0, this.line + shift);
  }
}

import type * as vscode from 'vscode';
import type { ViewTransform } from '../core/diagramProtocol';

const VIEWS_KEY = 'sdcoach.diagramViews';
const MAX_VIEWS = 200;
const MAX_CACHED_SVGS = 16;

export interface CachedSvg {
  svg: string;
  /** The theme it was drawn in (the webview's signature); the webview uses it only in the same theme. */
  theme: string;
  nodeCount: number;
  /** VS Code's colour theme when it was drawn (kind and name), for embedding it in a new page. */
  colorTheme: string;
}

/**
 * What diagram editors remember between openings: the pan/zoom per file (workspace state, so it
 * survives a reload) and the last SVGs drawn (memory only), so reopening an unchanged file shows
 * its diagram before mermaid has even loaded.
 */
export class DiagramStateStore {
  private readonly svgs = new Map<string, CachedSvg>();

  constructor(private readonly memento: vscode.Memento) {}

  view(key: string): ViewTransform | undefined {
    return this.memento.get<Record<string, ViewTransform>>(VIEWS_KEY, {})[key];
  }

  async saveView(key: string, view: ViewTransform): Promise<void> {
    const views = { ...this.memento.get<Record<string, ViewTransform>>(VIEWS_KEY, {}) };
    delete views[key];
    views[key] = view;
    // Keep the most recently used files only.
    const keys = Object.keys(views);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_VIEWS))) delete views[old];
    await this.memento.update(VIEWS_KEY, views);
  }

  cachedSvg(text: string): (CachedSvg & { text: string }) | undefined {
    const hit = this.svgs.get(text);
    return hit && { ...hit, text };
  }

  cacheSvg(text: string, entry: CachedSvg): void {
    this.svgs.delete(text);
    this.svgs.set(text, entry);
    if (this.svgs.size > MAX_CACHED_SVGS) this.svgs.delete(this.svgs.keys().next().value as string);
  }
}

import * as vscode from 'vscode';
import { referenceMarkdown, statementMarkdown } from '../core/catalog/entryMarkdown';
import { contentLanguage, onDidChangeContentLanguage } from '../config';
import type { ProgressStore } from '../progress/progressStore';
import { Disposable } from '../util/disposable';
import type { CatalogService } from './catalogService';

export const STATEMENT_SCHEME = 'sdcoach-statement';
export const REFERENCE_SCHEME = 'sdcoach-reference';

/**
 * Read-only virtual documents for an entry, in the content language:
 * `sdcoach-statement:/<id>.md` (statement, evidence, opened hints),
 * `sdcoach-reference:/<id>.md` (the reference answer) and `sdcoach-reference:/<id>.mmd` (its diagram).
 * They re-render when the language, the catalogue or the entry's progress changes.
 */
export class EntryDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly opened = new Set<string>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
  ) {
    super();
    const refresh = (id?: string) =>
      this.opened.forEach((uri) => (!id || entryIdOf(vscode.Uri.parse(uri)) === id) && this.changeEmitter.fire(vscode.Uri.parse(uri)));
    this.register(onDidChangeContentLanguage(() => refresh()));
    this.register(catalog.onDidChange(() => refresh()));
    this.register(progress.onDidChange((id) => refresh(id)));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.opened.delete(doc.uri.toString())));
  }

  static statementUri(entryId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: STATEMENT_SCHEME, path: `/${entryId}.md` });
  }

  static referenceUri(entryId: string, extension: 'md' | 'mmd' = 'md'): vscode.Uri {
    return vscode.Uri.from({ scheme: REFERENCE_SCHEME, path: `/${entryId}.${extension}` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.opened.add(uri.toString());
    const id = entryIdOf(uri);
    const catalog = await this.catalog.get();
    const entry = catalog.entries.find((candidate) => candidate.id === id);
    if (!entry) {
      const missing = vscode.l10n.t('Entry "{0}" is not in the catalogue.', id);
      return uri.path.endsWith('.mmd') ? `%% ${missing}\nflowchart LR\n` : `# ${missing}\n`;
    }
    const language = contentLanguage();
    if (uri.scheme === REFERENCE_SCHEME) {
      return uri.path.endsWith('.mmd') ? entry.referenceDiagram : referenceMarkdown(entry, language);
    }
    const category = catalog.categories.find((candidate) => candidate.id === entry.category);
    return statementMarkdown(entry, category, language, {
      hintsRevealed: this.progress.get(id)?.hintsRevealed,
      cluesRevealed: this.progress.get(id)?.cluesRevealed,
    });
  }
}

function entryIdOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.(md|mmd)$/, '');
}

/** Shows a virtual document as rendered Markdown; falls back to the text when the Markdown preview is unavailable. */
export async function showMarkdownPreview(uri: vscode.Uri, options: { locked?: boolean; beside?: boolean } = {}): Promise<void> {
  try {
    if (options.beside) {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } else {
      // Locked, so the preview keeps showing the statement when the user opens answer.md next to it.
      await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: options.locked ?? true });
    }
  } catch {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: options.beside ? vscode.ViewColumn.Beside : undefined });
  }
}

export function openStatement(entryId: string): Promise<void> {
  return showMarkdownPreview(EntryDocumentProvider.statementUri(entryId), { locked: true });
}

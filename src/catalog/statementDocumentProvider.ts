import * as vscode from 'vscode';
import { statementMarkdown } from '../core/practice';
import { contentLanguage, onDidChangeContentLanguage } from '../config';
import { Disposable } from '../util/disposable';
import type { CatalogService } from './catalogService';

export const STATEMENT_SCHEME = 'sdcoach-statement';

/** Read-only virtual Markdown documents holding an entry's statement in the content language. */
export class StatementDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly opened = new Set<string>();

  constructor(private readonly catalog: CatalogService) {
    super();
    const refreshAll = () => this.opened.forEach((uri) => this.changeEmitter.fire(vscode.Uri.parse(uri)));
    this.register(onDidChangeContentLanguage(refreshAll));
    this.register(catalog.onDidChange(refreshAll));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.opened.delete(doc.uri.toString())));
  }

  static uriFor(entryId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: STATEMENT_SCHEME, path: `/${entryId}.md` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.opened.add(uri.toString());
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const catalog = await this.catalog.get();
    const entry = catalog.entries.find((candidate) => candidate.id === id);
    if (!entry) {
      return `# ${vscode.l10n.t('Entry "{0}" is not in the catalogue.', id)}\n`;
    }
    const category = catalog.categories.find((candidate) => candidate.id === entry.category);
    return statementMarkdown(entry, category, contentLanguage());
  }
}

/** Shows the statement as rendered Markdown; falls back to the text when the Markdown preview is unavailable. */
export async function openStatement(entryId: string): Promise<void> {
  const uri = StatementDocumentProvider.uriFor(entryId);
  try {
    // Locked, so the preview keeps showing the statement when the user opens answer.md next to it.
    await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: true });
  } catch {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }
}

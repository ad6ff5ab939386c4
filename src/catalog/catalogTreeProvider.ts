import * as vscode from 'vscode';
import type { CatalogCategory, CatalogEntry } from '../core/catalog/catalogLoader';
import type { EntryKind } from '../core/catalog/catalogSchema';
import { difficultyLabel } from '../core/practice';
import { contentLanguage, onDidChangeContentLanguage } from '../config';
import { Disposable } from '../util/disposable';
import type { CatalogService } from './catalogService';

export type CatalogNode =
  | { type: 'category'; category: CatalogCategory; entries: CatalogEntry[] }
  | { type: 'entry'; entry: CatalogEntry; category: CatalogCategory };

export const ENTRY_CONTEXT_VALUE = 'sdcoach.entry';

const KIND_ICON: Record<EntryKind, string> = {
  design: 'symbol-class',
  incident: 'flame',
  topic: 'symbol-structure',
  'code-review': 'code-review',
};

/** The "Catalogue" view: categories in catalogue order, each with its entries. */
export class CatalogTreeProvider extends Disposable implements vscode.TreeDataProvider<CatalogNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<CatalogNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: CatalogNode[] | undefined;

  constructor(private readonly catalog: CatalogService) {
    super();
    this.register(catalog.onDidChange(() => this.refresh()));
    this.register(onDidChangeContentLanguage(() => this.refresh()));
  }

  refresh(): void {
    this.roots = undefined;
    this.changeEmitter.fire(undefined);
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    if (node?.type === 'category') {
      return node.entries.map((entry) => ({ type: 'entry', entry, category: node.category }));
    }
    if (node) return [];
    if (!this.roots) {
      const { categories, entries } = await this.catalog.get();
      this.roots = categories
        .map((category): CatalogNode => ({
          type: 'category',
          category,
          entries: entries.filter((entry) => entry.category === category.id),
        }))
        .filter((root) => root.type === 'category' && root.entries.length > 0);
    }
    return this.roots;
  }

  getParent(node: CatalogNode): CatalogNode | undefined {
    if (node.type === 'category') return undefined;
    return this.roots?.find((root) => root.type === 'category' && root.category.id === node.category.id);
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    const language = contentLanguage();
    if (node.type === 'category') {
      const item = new vscode.TreeItem(node.category.label[language], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `category:${node.category.id}`;
      item.iconPath = new vscode.ThemeIcon(node.category.icon);
      item.description = String(node.entries.length);
      item.contextValue = 'sdcoach.category';
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.title[language], vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.id}`;
    item.iconPath = new vscode.ThemeIcon(KIND_ICON[entry.kind]);
    item.description = difficultyLabel(entry, language);
    item.contextValue = ENTRY_CONTEXT_VALUE;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMarkdown(entry.title[language])}**\n\n`);
    tooltip.appendText(entry.summary[language]);
    tooltip.appendMarkdown(
      `\n\n$(clock) ${vscode.l10n.t('{0} min', entry.minutes)} · ${difficultyLabel(entry, language)}`,
    );
    if (entry.tags.length) tooltip.appendMarkdown(`\n\n$(tag) ${entry.tags.map(escapeMarkdown).join(', ')}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: `${entry.title[language]}, ${difficultyLabel(entry, language)}`,
    };
    item.command = { command: 'sdcoach.openEntry', title: vscode.l10n.t('Open Statement'), arguments: [entry.id] };
    return item;
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

import * as vscode from 'vscode';
import type { CatalogCategory, CatalogEntry } from '../core/catalog/catalogLoader';
import {
  EMPTY_FILTER,
  isFilterActive,
  matchesFilter,
  type CatalogFilter,
} from '../core/catalog/catalogQuery';
import type { EntryKind } from '../core/catalog/catalogSchema';
import { difficultyLabel, kindLabel } from '../core/catalog/entryMarkdown';
import { contentLanguage, onDidChangeContentLanguage } from '../config';
import { isDue } from '../core/interview/spacedReview';
import type { ProgressStore } from '../progress/progressStore';
import { Disposable } from '../util/disposable';
import type { CatalogService } from './catalogService';

export type CatalogGroup =
  | { type: 'category'; category: CatalogCategory; entries: CatalogEntry[] }
  | { type: 'favorites'; entries: CatalogEntry[] }
  | { type: 'due'; entries: CatalogEntry[] };

export type CatalogNode = CatalogGroup | { type: 'entry'; entry: CatalogEntry; parent: CatalogGroup };

export const ENTRY_CONTEXT_VALUE = 'sdcoach.entry';
const FILTER_STATE_KEY = 'sdcoach.catalogFilter';
const FILTERED_CONTEXT_KEY = 'sdcoach.catalogFiltered';

const KIND_ICON: Record<EntryKind, string> = {
  design: 'symbol-class',
  incident: 'flame',
  topic: 'symbol-structure',
  'code-review': 'code-review',
};

/**
 * The "Catalogue" view: favourites first, then categories in catalogue order, each with its
 * entries, narrowed by the filter the user set from the view title.
 */
export class CatalogTreeProvider extends Disposable implements vscode.TreeDataProvider<CatalogNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<CatalogNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly filterEmitter = this.register(new vscode.EventEmitter<CatalogFilter>());
  readonly onDidChangeFilter = this.filterEmitter.event;
  private roots: CatalogGroup[] | undefined;
  private currentFilter: CatalogFilter;

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
    private readonly workspaceState: vscode.Memento,
  ) {
    super();
    this.currentFilter = { ...EMPTY_FILTER, ...workspaceState.get<Partial<CatalogFilter>>(FILTER_STATE_KEY) };
    void this.updateFilterContext();
    this.register(catalog.onDidChange(() => this.refresh()));
    this.register(progress.onDidChange(() => this.refresh()));
    this.register(onDidChangeContentLanguage(() => this.refresh()));
  }

  get filter(): CatalogFilter {
    return this.currentFilter;
  }

  async setFilter(filter: CatalogFilter): Promise<void> {
    this.currentFilter = filter;
    await this.workspaceState.update(FILTER_STATE_KEY, isFilterActive(filter) ? filter : undefined);
    await this.updateFilterContext();
    this.refresh();
    this.filterEmitter.fire(filter);
  }

  refresh(): void {
    this.roots = undefined;
    this.changeEmitter.fire(undefined);
  }

  /** How many entries the filter lets through, of how many. */
  async counts(): Promise<{ shown: number; total: number }> {
    const { entries } = await this.catalog.get();
    const shown = entries.filter((e) => matchesFilter(e, this.currentFilter, this.progress.get(e.id))).length;
    return { shown, total: entries.length };
  }

  async getChildren(node?: CatalogNode): Promise<CatalogNode[]> {
    if (node?.type === 'category' || node?.type === 'favorites' || node?.type === 'due') {
      return node.entries.map((entry) => ({ type: 'entry', entry, parent: node }));
    }
    if (node) return [];
    this.roots ??= await this.buildRoots();
    return this.roots;
  }

  private async buildRoots(): Promise<CatalogGroup[]> {
    const { categories, entries } = await this.catalog.get();
    const visible = entries.filter((e) => matchesFilter(e, this.currentFilter, this.progress.get(e.id)));
    const roots: CatalogGroup[] = [];
    // Spaced review (FSRS, from finished mock interviews) first: what is due today.
    const now = new Date();
    const due = visible.filter((e) => isDue(this.progress.get(e.id)?.review, now));
    if (due.length) roots.push({ type: 'due', entries: due });
    const favorites = visible.filter((e) => this.progress.get(e.id)?.favorite);
    if (favorites.length) roots.push({ type: 'favorites', entries: favorites });
    for (const category of categories) {
      const inCategory = visible.filter((e) => e.category === category.id);
      if (inCategory.length) roots.push({ type: 'category', category, entries: inCategory });
    }
    return roots;
  }

  getParent(node: CatalogNode): CatalogNode | undefined {
    return node.type === 'entry' ? node.parent : undefined;
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    const language = contentLanguage();
    if (node.type === 'due') {
      const item = new vscode.TreeItem(vscode.l10n.t('Due for review'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'due';
      item.iconPath = new vscode.ThemeIcon('history');
      item.description = String(node.entries.length);
      item.tooltip = vscode.l10n.t('Entries your mock interviews scheduled for review today (FSRS spaced repetition).');
      item.contextValue = 'sdcoach.due';
      return item;
    }
    if (node.type === 'favorites') {
      const item = new vscode.TreeItem(vscode.l10n.t('Favourites'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'favorites';
      item.iconPath = new vscode.ThemeIcon('star-full');
      item.description = String(node.entries.length);
      item.contextValue = 'sdcoach.favorites';
      return item;
    }
    if (node.type === 'category') {
      const item = new vscode.TreeItem(node.category.label[language], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `category:${node.category.id}`;
      item.iconPath = new vscode.ThemeIcon(node.category.icon);
      item.description = String(node.entries.length);
      item.contextValue = 'sdcoach.category';
      return item;
    }
    const { entry } = node;
    const progress = this.progress.get(entry.id);
    const item = new vscode.TreeItem(entry.title[language], vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parent.type === 'category' ? 'category' : node.parent.type}/${entry.id}`;
    item.iconPath = new vscode.ThemeIcon(KIND_ICON[entry.kind]);
    const difficulty = difficultyLabel(entry, language);
    const score = progress?.bestScore;
    item.description = score === undefined ? difficulty : `${difficulty} · ${vscode.l10n.t('best {0}', score)}`;
    item.contextValue = `${ENTRY_CONTEXT_VALUE}${progress?.favorite ? '.favorite' : ''}`;
    item.tooltip = this.tooltip(entry, language, score);
    item.accessibilityInformation = {
      label: [
        entry.title[language],
        kindLabel(entry.kind, language),
        difficulty,
        score === undefined ? undefined : vscode.l10n.t('best score {0}', score),
        progress?.favorite ? vscode.l10n.t('favourite') : undefined,
      ]
        .filter(Boolean)
        .join(', '),
    };
    item.command = { command: 'sdcoach.openEntry', title: vscode.l10n.t('Open Statement'), arguments: [entry.id] };
    return item;
  }

  private tooltip(entry: CatalogEntry, language: 'en' | 'zh-CN', score: number | undefined): vscode.MarkdownString {
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMarkdown(entry.title[language])}**\n\n`);
    tooltip.appendText(entry.summary[language]);
    const facts = [
      kindLabel(entry.kind, language),
      difficultyLabel(entry, language),
      `$(clock) ${vscode.l10n.t('{0} min', entry.minutes)}`,
      score === undefined ? undefined : `$(star-full) ${vscode.l10n.t('best score {0}', score)}`,
    ];
    tooltip.appendMarkdown(`\n\n${facts.filter(Boolean).join(' · ')}`);
    if (entry.tags.length) tooltip.appendMarkdown(`\n\n$(tag) ${entry.tags.map(escapeMarkdown).join(', ')}`);
    if (entry.origin !== 'builtin') tooltip.appendMarkdown(`\n\n$(package) ${escapeMarkdown(vscode.l10n.t('From a user pack'))}`);
    return tooltip;
  }

  private updateFilterContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, isFilterActive(this.currentFilter));
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

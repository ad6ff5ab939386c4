import * as vscode from 'vscode';
import {
  ENTRY_STATUSES,
  EMPTY_FILTER,
  isFilterActive,
  tagCounts,
  type CatalogFilter,
  type EntryStatus,
} from '../core/catalog/catalogQuery';
import { DIFFICULTIES, ENTRY_KINDS } from '../core/catalog/catalogSchema';
import { difficultyLabel, kindLabel } from '../core/catalog/entryMarkdown';
import { contentLanguage } from '../config';
import { DIAGRAM_EDITOR_VIEW_TYPE } from '../diagramEditor/diagramEditorProvider';
import type { ProgressStore } from '../progress/progressStore';
import type { CatalogService } from './catalogService';
import type { CatalogTreeProvider } from './catalogTreeProvider';
import { EntryDocumentProvider, openStatement, showMarkdownPreview } from './entryDocumentProvider';
import { pickEntry, resolveEntry, type EntryArgument } from './resolveEntry';

const STATUS_LABEL: Record<EntryStatus, () => string> = {
  new: () => vscode.l10n.t('Not started'),
  started: () => vscode.l10n.t('In progress'),
  reviewed: () => vscode.l10n.t('Reviewed'),
};

type FacetItem = vscode.QuickPickItem & { facet?: keyof CatalogFilter; value?: string };

/** The Catalogue's commands: search, filter, favourites, hints and the reference answer. */
export function registerCatalogCommands(
  catalog: CatalogService,
  tree: CatalogTreeProvider,
  treeView: vscode.TreeView<unknown>,
  progress: ProgressStore,
): vscode.Disposable[] {
  const updateMessage = async () => {
    if (!isFilterActive(tree.filter)) {
      treeView.message = undefined;
      return;
    }
    const { shown, total } = await tree.counts();
    treeView.message = vscode.l10n.t('Filtered: {0} of {1} entries ({2})', shown, total, describeFilter(tree.filter));
  };
  void updateMessage();

  return [
    tree.onDidChangeFilter(updateMessage),
    progress.onDidChange(updateMessage),
    catalog.onDidChange(updateMessage),

    vscode.commands.registerCommand('sdcoach.searchCatalog', async (query?: string) => {
      const entry = await pickEntry(catalog, vscode.l10n.t('Search titles, tags and concepts, in English or Chinese'), query ?? '');
      if (entry) await openStatement(entry.id);
      return entry?.id;
    }),

    vscode.commands.registerCommand('sdcoach.filterCatalog', async (preset?: Partial<CatalogFilter>) => {
      // Tests and links may pass a filter; people get the picker.
      if (preset) return tree.setFilter({ ...EMPTY_FILTER, ...preset });
      const chosen = await pickFilter(catalog, tree.filter);
      if (chosen) await tree.setFilter(chosen);
    }),

    vscode.commands.registerCommand('sdcoach.clearCatalogFilter', () => tree.setFilter(EMPTY_FILTER)),

    vscode.commands.registerCommand('sdcoach.addFavorite', async (argument: EntryArgument) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose an entry to add to your favourites'));
      if (entry) await progress.setFavorite(entry.id, true);
    }),

    vscode.commands.registerCommand('sdcoach.removeFavorite', async (argument: EntryArgument) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose an entry to remove from your favourites'));
      if (entry) await progress.setFavorite(entry.id, false);
    }),

    vscode.commands.registerCommand('sdcoach.showHint', async (argument: EntryArgument) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose an entry to get a hint for'));
      if (!entry) return undefined;
      const language = contentLanguage();
      const total = entry.hints.length;
      const opened = progress.get(entry.id)?.hintsRevealed ?? 0;
      if (opened >= total) {
        const again = vscode.l10n.t('Read Them Again');
        const choice = await vscode.window.showInformationMessage(
          vscode.l10n.t('You have opened all {0} hints for “{1}”.', total, entry.title[language]),
          again,
        );
        if (choice === again) await openStatement(entry.id);
        return total;
      }
      const shown = opened + 1;
      await progress.update(entry.id, (p) => ({ ...p, hintsRevealed: shown }));
      const next = vscode.l10n.t('Next Hint');
      const message = vscode.l10n.t('Hint {0} of {1}: {2}', shown, total, entry.hints[shown - 1][language]);
      void vscode.window.showInformationMessage(message, ...(shown < total ? [next] : [])).then((choice) => {
        if (choice === next) void vscode.commands.executeCommand('sdcoach.showHint', entry.id);
      });
      return shown;
    }),

    vscode.commands.registerCommand('sdcoach.revealReference', async (argument: EntryArgument, options?: { confirmed?: boolean }) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose an entry to reveal the reference answer of'));
      if (!entry) return false;
      const language = contentLanguage();
      if (!options?.confirmed && !progress.get(entry.id)?.referenceRevealed) {
        const reveal = vscode.l10n.t('Reveal Reference');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Reveal the reference answer for “{0}”?', entry.title[language]),
          {
            modal: true,
            detail: vscode.l10n.t('You learn more by finishing your own answer first. Hints give smaller nudges.'),
          },
          reveal,
        );
        if (choice !== reveal) return false;
      }
      await progress.update(entry.id, (p) => ({ ...p, referenceRevealed: true }));
      await showMarkdownPreview(EntryDocumentProvider.referenceUri(entry.id), { beside: true });
      return true;
    }),

    vscode.commands.registerCommand('sdcoach.openReferenceDiagram', async (argument: EntryArgument) => {
      const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose an entry to show the reference diagram of'));
      if (!entry) return;
      if (!progress.get(entry.id)?.referenceRevealed) {
        // Same rule as the reference answer: ask first.
        const revealed = await vscode.commands.executeCommand<boolean>('sdcoach.revealReference', entry.id);
        if (!revealed) return;
      }
      await vscode.commands.executeCommand(
        'vscode.openWith',
        EntryDocumentProvider.referenceUri(entry.id, 'mmd'),
        DIAGRAM_EDITOR_VIEW_TYPE,
        vscode.ViewColumn.Beside,
      );
    }),
  ];
}

/** One multi-select list with a section per facet; what is ticked now is pre-selected. */
async function pickFilter(catalog: CatalogService, current: CatalogFilter): Promise<CatalogFilter | undefined> {
  const language = contentLanguage();
  const { entries } = await catalog.get();
  const section = (label: string): FacetItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const option = (facet: keyof CatalogFilter, value: string, label: string, description?: string): FacetItem => ({
    label,
    description,
    facet,
    value,
    picked: (current[facet] as string[]).includes(value),
  });
  const kinds = ENTRY_KINDS.filter((kind) => entries.some((e) => e.kind === kind));
  const items: FacetItem[] = [
    section(vscode.l10n.t('Kind')),
    ...kinds.map((kind) => option('kinds', kind, kindLabel(kind, language))),
    section(vscode.l10n.t('Difficulty')),
    ...DIFFICULTIES.map((d) => option('difficulties', d, difficultyLabel({ difficulty: d }, language))),
    section(vscode.l10n.t('Status')),
    ...ENTRY_STATUSES.map((s) => option('statuses', s, STATUS_LABEL[s]())),
    section(vscode.l10n.t('Tags')),
    ...tagCounts(entries).map(([tag, count]) => option('tags', tag, `#${tag}`, String(count))),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: vscode.l10n.t('Show entries matching (nothing ticked shows everything)'),
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const filter: CatalogFilter = { kinds: [], difficulties: [], tags: [], statuses: [] };
  for (const item of picked) if (item.facet && item.value) (filter[item.facet] as string[]).push(item.value);
  return filter;
}

function describeFilter(filter: CatalogFilter): string {
  const language = contentLanguage();
  return [
    ...filter.kinds.map((k) => kindLabel(k, language)),
    ...filter.difficulties.map((d) => difficultyLabel({ difficulty: d }, language)),
    ...filter.statuses.map((s) => STATUS_LABEL[s]()),
    ...filter.tags.map((t) => `#${t}`),
  ].join(', ');
}

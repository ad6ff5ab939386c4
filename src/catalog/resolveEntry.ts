import * as vscode from 'vscode';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import type { EntryKind } from '../core/catalog/catalogSchema';
import { searchCatalog } from '../core/catalog/catalogQuery';
import { difficultyLabel, kindLabel } from '../core/catalog/entryMarkdown';
import { CONTENT_LANGUAGES } from '../core/localized';
import { contentLanguage } from '../config';
import type { CatalogService } from './catalogService';
import type { CatalogNode } from './catalogTreeProvider';

export type EntryArgument = string | CatalogNode | undefined;

/**
 * The entry a command should act on: an id (from tests, links or other commands), a tree node (from
 * the Catalogue's menus), or, from the command palette, the one the user picks.
 */
export async function resolveEntry(catalog: CatalogService, argument: EntryArgument, placeHolder: string, kind?: EntryKind): Promise<CatalogEntry | undefined> {
  if (typeof argument === 'string') {
    const entry = await catalog.getEntry(argument);
    if (!entry) void vscode.window.showErrorMessage(vscode.l10n.t('Entry "{0}" is not in the catalogue.', argument));
    return entry;
  }
  if (argument?.type === 'entry') return argument.entry;
  return pickEntry(catalog, placeHolder, '', kind);
}

interface EntryItem extends vscode.QuickPickItem {
  entry: CatalogEntry;
}

/**
 * A searchable list of every entry. Our own matching replaces the Quick Pick's, because it searches
 * both languages, tags and rubric concepts ("缓存击穿", "singleflight", "hot key"), not just labels.
 */
export async function pickEntry(catalog: CatalogService, placeHolder: string, initialQuery = '', kind?: EntryKind): Promise<CatalogEntry | undefined> {
  const language = contentLanguage();
  const other = CONTENT_LANGUAGES.find((l) => l !== language)!;
  const catalogue = await catalog.get();
  const categories = catalogue.categories;
  // Drill commands list only their own kind.
  const entries = kind ? catalogue.entries.filter((entry) => entry.kind === kind) : catalogue.entries;
  const toItem = (entry: CatalogEntry): EntryItem => ({
    label: entry.title[language],
    description: entry.title[other],
    detail: [
      categories.find((c) => c.id === entry.category)?.label[language],
      kindLabel(entry.kind, language),
      difficultyLabel(entry, language),
      entry.tags.map((tag) => `#${tag}`).join(' '),
    ]
      .filter(Boolean)
      .join(' · '),
    // Shown whatever the built-in matcher thinks: searchCatalog already decided.
    alwaysShow: true,
    entry,
  });

  const quickPick = vscode.window.createQuickPick<EntryItem>();
  quickPick.placeholder = placeHolder;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const update = () => {
    const matches = searchCatalog(entries, quickPick.value);
    quickPick.items = matches.map(toItem);
  };
  quickPick.value = initialQuery;
  update();
  return new Promise<CatalogEntry | undefined>((resolve) => {
    const disposables = [
      quickPick.onDidChangeValue(update),
      quickPick.onDidAccept(() => {
        // Enter accepts the highlighted row. When it lands while the list is being replaced (fast
        // typing), take the best match for what was typed, as the list is about to show.
        // A highlighted row left over from the previous list does not count.
        const matches = searchCatalog(entries, quickPick.value);
        const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
        resolve(item && matches.includes(item.entry) ? item.entry : matches[0]);
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        resolve(undefined);
        disposables.forEach((d) => d.dispose());
        quickPick.dispose();
      }),
    ];
    quickPick.show();
  });
}

import * as vscode from 'vscode';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { difficultyLabel } from '../core/practice';
import { contentLanguage } from '../config';
import type { CatalogService } from './catalogService';
import type { CatalogNode } from './catalogTreeProvider';

export type EntryArgument = string | CatalogNode | undefined;

/**
 * The entry a command should act on: an id (from tests, links or other commands), a tree node (from
 * the Catalogue's menus), or, from the command palette, the one the user picks.
 */
export async function resolveEntry(catalog: CatalogService, argument: EntryArgument, placeHolder: string): Promise<CatalogEntry | undefined> {
  if (typeof argument === 'string') {
    const entry = await catalog.getEntry(argument);
    if (!entry) void vscode.window.showErrorMessage(vscode.l10n.t('Entry "{0}" is not in the catalogue.', argument));
    return entry;
  }
  if (argument?.type === 'entry') return argument.entry;

  const language = contentLanguage();
  const { entries, categories } = await catalog.get();
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({
      label: entry.title[language],
      description: [categories.find((c) => c.id === entry.category)?.label[language], difficultyLabel(entry, language)]
        .filter(Boolean)
        .join(' · '),
      detail: entry.summary[language],
      entry,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.entry;
}

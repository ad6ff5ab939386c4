import * as vscode from 'vscode';
import { contentLanguageFor, type ContentLanguage } from './core/localized';

// Every `sdcoach.*` setting is read here and nowhere else.
const SECTION = 'sdcoach';

/** Language of catalogue content and templates: the setting, or VS Code's display language on "auto". */
export function contentLanguage(): ContentLanguage {
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>('contentLanguage', 'auto');
  return setting === 'en' || setting === 'zh-CN' ? setting : contentLanguageFor(vscode.env.language);
}

/** Folder, relative to the workspace folder, that holds one sub-folder per practice. */
export function practiceFolder(scope: vscode.WorkspaceFolder): string {
  return vscode.workspace.getConfiguration(SECTION, scope).get<string>('practiceFolder', 'system-design');
}

export function onDidChangeContentLanguage(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.contentLanguage`)) listener();
  });
}

/** Extra catalogue folders (user packs), as written in the setting: absolute, `~/…`, or workspace-relative. */
export function catalogPaths(): string[] {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('catalogPaths', []);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

export function onDidChangeCatalogPaths(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.catalogPaths`)) listener();
  });
}

/** Review the answer each time answer.md or architecture.mmd of a practice is saved. */
export function reviewOnSave(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('review.onSave', false);
}

export function onDidChangeReviewOnSave(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.review.onSave`)) listener();
  });
}

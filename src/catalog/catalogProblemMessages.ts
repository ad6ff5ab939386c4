import * as vscode from 'vscode';
import type { CatalogProblem } from '../core/catalog/catalogLoader';

/** A localised, one-line description of a catalogue problem with its file and line, e.g. for the log. */
export function describeCatalogProblem(problem: CatalogProblem): string {
  const where = problem.line === undefined ? problem.path : `${problem.path}:${problem.line}`;
  return `${where}: ${catalogProblemMessage(problem)}`;
}

/** The message alone, for a diagnostic (the Problems view already shows the file and line). */
export function catalogProblemMessage(problem: CatalogProblem): string {
  const detail = problem.detail;
  switch (problem.code) {
    case 'unreadable':
      return vscode.l10n.t('Cannot be read ({0}).', detail);
    case 'yaml':
      return vscode.l10n.t('Invalid YAML: {0}', detail);
    case 'schema':
      return vscode.l10n.t('Invalid front matter: {0}', detail);
    case 'missing-front-matter':
      return vscode.l10n.t('The file must start with YAML front matter between --- lines.');
    case 'missing-translation':
      return vscode.l10n.t('The Chinese translation {0} is missing.', detail);
    case 'empty-body':
      return vscode.l10n.t('The statement is empty ({0}).', detail);
    case 'missing-reference':
      return vscode.l10n.t('The reference answer is missing: put it after a line {0}.', detail);
    case 'unknown-category':
      return vscode.l10n.t('Category "{0}" is not one of the catalogue categories.', detail);
    case 'category-folder':
      return vscode.l10n.t('The category does not match the folder ({0}).', detail);
    case 'file-name':
      return vscode.l10n.t('The file name must match the id ({0}).', detail);
    case 'duplicate-id':
      return vscode.l10n.t('Duplicate id {0}.', detail);
    case 'builtin-id':
      return vscode.l10n.t('The id "{0}" belongs to a built-in entry, which a pack cannot replace. Choose another id.', detail);
    case 'orphan-translation':
      return vscode.l10n.t('Translation without an original ({0}).', detail);
    case 'misplaced-file':
      return vscode.l10n.t('Entries belong at {0}.', detail);
  }
}

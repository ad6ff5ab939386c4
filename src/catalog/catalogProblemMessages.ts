import * as vscode from 'vscode';
import type { CatalogProblem } from '../core/catalog/catalogLoader';

/** A localised, one-line description of a catalogue problem, e.g. for the output channel. */
export function describeCatalogProblem(problem: CatalogProblem): string {
  const where = problem.line === undefined ? problem.path : `${problem.path}:${problem.line}`;
  const detail = problem.detail;
  switch (problem.code) {
    case 'unreadable':
      return vscode.l10n.t('{0}: cannot be read ({1})', where, detail);
    case 'yaml':
      return vscode.l10n.t('{0}: invalid YAML: {1}', where, detail);
    case 'schema':
      return vscode.l10n.t('{0}: invalid front matter: {1}', where, detail);
    case 'missing-front-matter':
      return vscode.l10n.t('{0}: the file must start with YAML front matter between --- lines', where);
    case 'missing-translation':
      return vscode.l10n.t('{0}: the Chinese translation {1} is missing', where, detail);
    case 'empty-body':
      return vscode.l10n.t('{0}: the statement is empty ({1})', where, detail);
    case 'unknown-category':
      return vscode.l10n.t('{0}: category "{1}" is not listed in categories.yaml', where, detail);
    case 'category-folder':
      return vscode.l10n.t('{0}: the category does not match its folder ({1})', where, detail);
    case 'duplicate-id':
      return vscode.l10n.t('{0}: duplicate id {1}', where, detail);
    case 'orphan-translation':
      return vscode.l10n.t('{0}: translation without an original ({1})', where, detail);
    case 'misplaced-file':
      return vscode.l10n.t('{0}: entries belong at {1}', where, detail);
  }
}

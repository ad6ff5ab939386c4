import * as vscode from 'vscode';
import { answerTemplate, practicePaths, starterDiagram } from '../core/practice';
import { contentLanguage, practiceFolder } from '../config';
import type { CatalogService } from '../catalog/catalogService';
import { resolveEntry, type EntryArgument } from '../catalog/resolveEntry';
import type { ProgressStore } from '../progress/progressStore';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import type { DrillStarted } from '../drills/incidentDrills';
import { DIAGRAM_EDITOR_VIEW_TYPE } from '../diagramEditor/diagramEditorProvider';
import { createIfAbsent } from '../util/files';

export interface PracticeStarted {
  answer: vscode.Uri;
  diagram: vscode.Uri;
  /** Files written by this call; files that already existed are left untouched. */
  created: vscode.Uri[];
}

/**
 * `sdcoach.startPractice`: makes `<practiceFolder>/<id>/answer.md` and `architecture.mmd` in the
 * workspace (never overwriting), then opens the answer and the diagram editor side by side.
 */
export async function startPractice(
  catalog: CatalogService,
  progress: ProgressStore,
  argument: EntryArgument,
): Promise<PracticeStarted | undefined> {
  // The folder comes first: without one there is nowhere to write, so don't make the user pick an entry.
  const folder = await pickWorkspaceFolder();
  if (!folder) return undefined;

  const entry = await resolveEntry(catalog, argument, vscode.l10n.t('Choose a problem or incident to practise'));
  if (!entry) return undefined;
  // Drills have their own place to work: the incident's evidence panel, the code under review.
  if (entry.kind === 'code-review') {
    await vscode.commands.executeCommand('sdcoach.startCodeReview', entry.id);
    return undefined;
  }
  if (entry.kind === 'incident') {
    return (await vscode.commands.executeCommand<DrillStarted | undefined>('sdcoach.startIncidentDrill', entry.id, folder))?.practice;
  }

  const started = await createPracticeFiles(progress, folder, entry);
  if (!started) return undefined;
  await vscode.window.showTextDocument(started.answer, { viewColumn: vscode.ViewColumn.One, preview: false });
  await vscode.commands.executeCommand('vscode.openWith', started.diagram, DIAGRAM_EDITOR_VIEW_TYPE, {
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: true,
  });
  return started;
}

/**
 * Makes `<practiceFolder>/<id>/answer.md` and `architecture.mmd` in `folder`, never overwriting, and
 * marks the entry started. Reports a failure to the user and returns undefined.
 */
export async function createPracticeFiles(progress: ProgressStore, folder: vscode.WorkspaceFolder, entry: CatalogEntry): Promise<PracticeStarted | undefined> {
  const language = contentLanguage();
  const paths = practicePaths(practiceFolder(folder), entry.id);
  const answer = vscode.Uri.joinPath(folder.uri, ...paths.answer.split('/'));
  const diagram = vscode.Uri.joinPath(folder.uri, ...paths.diagram.split('/'));
  const created: vscode.Uri[] = [];
  try {
    if (await createIfAbsent(answer, answerTemplate(entry, language))) created.push(answer);
    if (await createIfAbsent(diagram, starterDiagram(entry, language))) created.push(diagram);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not create the practice files in {0}: {1}', paths.folder, (error as Error).message),
    );
    return undefined;
  }
  await progress.markStarted(entry.id);
  if (created.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Continuing your practice of {0}', entry.title[language]), 5000);
  }
  return { answer, diagram, created };
}

export async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0];
  if (folders.length > 1) {
    return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should the practice files go?') });
  }
  const openFolder = vscode.l10n.t('Open Folder…');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Open a folder first: your answer and diagram are saved as files in it.'),
    openFolder,
  );
  if (choice === openFolder) {
    await vscode.commands.executeCommand('workbench.action.files.openFolder');
  }
  return undefined;
}

import * as vscode from 'vscode';
import type { CatalogService } from '../catalog/catalogService';
import { contentLanguage } from '../config';
import { progressMarkdown, type GradedSession } from '../core/interview/progressReport';
import { Disposable } from '../util/disposable';
import { findSessions } from './sessionFiles';

export const PROGRESS_SCHEME = 'sdcoach-progress';
export const PROGRESS_URI = vscode.Uri.from({ scheme: PROGRESS_SCHEME, path: '/interview-progress.md' });

/**
 * "Show Interview Progress": a read-only Markdown document built from the workspace's graded
 * sessions, shown in the Markdown preview (whose Mermaid support draws the chart).
 */
export class ProgressDocument extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly catalog: CatalogService) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(PROGRESS_SCHEME, this));
    this.register(
      vscode.commands.registerCommand('sdcoach.showInterviewProgress', async () => {
        this.changed.fire(PROGRESS_URI);
        await vscode.commands.executeCommand('markdown.showPreview', PROGRESS_URI);
      }),
    );
  }

  async provideTextDocumentContent(): Promise<string> {
    const entries = new Map((await this.catalog.get()).entries.map((entry) => [entry.id, entry.title]));
    const graded: GradedSession[] = (await findSessions()).flatMap(({ state }) =>
      state.status === 'ended' && state.result && state.endReason !== 'abandoned' ? [{ entryId: state.entryId, startedAt: state.startedAt, result: state.result }] : [],
    );
    return progressMarkdown(graded, (id) => entries.get(id), contentLanguage());
  }
}

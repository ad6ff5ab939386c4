import * as vscode from 'vscode';
import type { CatalogService } from '../catalog/catalogService';
import { contentLanguage } from '../config';
import { VERDICT_NAMES, type Verdict } from '../core/interview/interviewReport';
import { Disposable } from '../util/disposable';
import type { MockInterviews } from './mockInterviews';
import { findSessions, SESSION_FILE, type FoundSession } from './sessionFiles';

/**
 * The "Interview History" view: past and unfinished mock interviews with their date, entry, score and
 * verdict. Unfinished ones can be resumed or abandoned from here; finished ones open their report.
 */
export class HistoryTreeProvider extends Disposable implements vscode.TreeDataProvider<FoundSession> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private titles = new Map<string, string>();

  constructor(
    private readonly catalog: CatalogService,
    interviews: MockInterviews,
  ) {
    super();
    // Session files change on every event and reply; status changes are what the list shows.
    let lastStatus: string | undefined;
    this.register(
      interviews.onDidChange((state) => {
        const status = state ? `${state.id}:${state.status}` : 'none';
        if (status !== lastStatus) this.refresh();
        lastStatus = status;
      }),
    );
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/sessions/*/${SESSION_FILE}`, false, true, false));
    this.register(watcher.onDidCreate(() => this.refresh()));
    this.register(watcher.onDidDelete(() => this.refresh()));
    this.register(catalog.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.changeEmitter.fire();
  }

  async getChildren(node?: FoundSession): Promise<FoundSession[]> {
    if (node) return [];
    const language = contentLanguage();
    this.titles = new Map((await this.catalog.get()).entries.map((entry) => [entry.id, entry.title[language]]));
    return findSessions();
  }

  getTreeItem(session: FoundSession): vscode.TreeItem {
    const { state } = session;
    const language = contentLanguage();
    const item = new vscode.TreeItem(this.titles.get(state.entryId) ?? state.entryId, vscode.TreeItemCollapsibleState.None);
    item.id = session.folder.toString();
    const date = new Date(state.startedAt).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
    const result = state.result;
    if (state.status !== 'ended') {
      item.description = `${date} · ${state.status === 'paused' ? vscode.l10n.t('paused') : vscode.l10n.t('in progress')}`;
      item.iconPath = new vscode.ThemeIcon(state.status === 'paused' ? 'debug-pause' : 'watch');
      item.contextValue = 'sdcoach.session.unfinished';
      item.command = { command: 'sdcoach.resumeMockInterview', title: vscode.l10n.t('Resume'), arguments: [session.folder] };
    } else {
      const verdict = result ? VERDICT_NAMES[result.verdict as Verdict]?.[language] : undefined;
      item.description = [date, result ? `${result.score}/100` : undefined, verdict, state.endReason === 'abandoned' ? vscode.l10n.t('abandoned') : undefined].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon(state.endReason === 'abandoned' ? 'circle-slash' : 'pass');
      item.contextValue = 'sdcoach.session.ended';
      item.command = { command: 'markdown.showPreview', title: vscode.l10n.t('Open Report'), arguments: [vscode.Uri.joinPath(session.folder, 'report.md')] };
    }
    item.tooltip = `${vscode.workspace.asRelativePath(session.folder)}${result?.nextReview ? `\n${vscode.l10n.t('Next review: {0}', new Date(result.nextReview).toLocaleDateString(vscode.env.language))}` : ''}`;
    item.accessibilityInformation = { label: `${item.label as string}, ${item.description}` };
    return item;
  }
}

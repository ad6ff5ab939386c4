import * as vscode from 'vscode';
import type { CatalogService } from '../catalog/catalogService';
import { openStatement } from '../catalog/entryDocumentProvider';
import { resolveEntry, type EntryArgument } from '../catalog/resolveEntry';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { reviewAnswer, reviewMarkdown } from '../core/critic/review';
import { cluesLeft, revealNext, type ClueState } from '../core/drills/clueProgression';
import type { DrillCommand, DrillGrade } from '../core/drills/drillProtocol';
import { drillGrade, incidentDrillView } from '../core/drills/incidentDrillView';
import { practicePaths } from '../core/practice';
import { contentLanguage, onDidChangeContentLanguage, practiceFolder } from '../config';
import { createPracticeFiles, pickWorkspaceFolder, type PracticeStarted } from '../practice/startPractice';
import type { ProgressStore } from '../progress/progressStore';
import { Disposable } from '../util/disposable';
import { readCurrent, writeAtomically } from '../util/files';
import { IncidentDrillPanel, INCIDENT_DRILL_VIEW_TYPE, type DrillPanelState } from './incidentDrillPanel';

/** What a drill command returns, for callers and tests. */
export interface DrillState {
  entryId: string;
  revealed: number;
  total: number;
  grade?: DrillGrade;
}

/** What starting a drill returns: its state and the practice files. */
export interface DrillStarted extends DrillState {
  practice: PracticeStarted;
}

/**
 * Incident drills: the evidence panel (alert first, one clue at a time, each costing points), the
 * write-up in answer.md graded by the incident rubric, and the reference post-mortem on request.
 * Clues opened are kept with the user's progress, so a reload or another window shows the same ones.
 */
export class IncidentDrills extends Disposable {
  private readonly panels = new Map<string, IncidentDrillPanel>();
  /** The last grade per entry in this window; the best score goes to progress. */
  private readonly grades = new Map<string, DrillGrade>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
  ) {
    super();
    this.register(
      vscode.commands.registerCommand('sdcoach.startIncidentDrill', (argument: EntryArgument, folder?: vscode.WorkspaceFolder) => this.start(argument, folder)),
    );
    this.register(vscode.commands.registerCommand('sdcoach.revealNextClue', (argument: EntryArgument) => this.withEntry(argument, (entry) => this.nextClue(entry))));
    this.register(vscode.commands.registerCommand('sdcoach.gradeIncidentWriteUp', (argument: EntryArgument) => this.withEntry(argument, (entry) => this.grade(entry))));
    this.register(
      vscode.window.registerWebviewPanelSerializer(INCIDENT_DRILL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: DrillPanelState | undefined) => {
          const entry = state?.entryId ? await this.catalog.getEntry(state.entryId) : undefined;
          if (!entry?.incident) {
            panel.dispose();
            return;
          }
          this.adopt(entry, new IncidentDrillPanel(this.extensionUri, panel, entry.id, this.handlersFor(entry.id)));
        },
      }),
    );
    this.register(onDidChangeContentLanguage(() => void this.refreshAll()));
    this.register(catalog.onDidChange(() => void this.refreshAll()));
    this.register(progress.onDidChange((id) => void this.refresh(id)));
    this.register({ dispose: () => this.panels.forEach((panel) => panel.dispose()) });
  }

  /**
   * `sdcoach.startIncidentDrill`: answer.md for the write-up (never overwritten) and the evidence panel
   * beside it. Start Practice passes the workspace folder it already picked.
   */
  async start(argument: EntryArgument, folder?: vscode.WorkspaceFolder): Promise<DrillStarted | undefined> {
    const entry = await this.pickIncident(argument);
    if (!entry) return undefined;
    const workspace = folder ?? (await pickWorkspaceFolder());
    if (!workspace) return undefined;
    const practice = await createPracticeFiles(this.progress, workspace, entry);
    if (!practice) return undefined;
    if (!vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === practice.answer.toString())) {
      await vscode.window.showTextDocument(practice.answer, { viewColumn: vscode.ViewColumn.One, preview: false });
    }
    let panel = this.panels.get(entry.id);
    if (panel) panel.reveal();
    else panel = this.adopt(entry, IncidentDrillPanel.create(this.extensionUri, entry.id, entry.title[contentLanguage()], this.handlersFor(entry.id)));
    await panel.whenReady();
    return { ...this.stateOf(entry), practice };
  }

  /** One more clue; says so when there is none left. */
  async nextClue(entry: CatalogEntry): Promise<DrillState> {
    const clues = this.cluesOf(entry);
    if (cluesLeft(clues) === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('All {0} clues of “{1}” are already revealed.', clues.total, entry.title[contentLanguage()]));
      return this.stateOf(entry);
    }
    const next = revealNext(clues);
    await this.progress.update(entry.id, (p) => ({ ...p, cluesRevealed: next.revealed }));
    return this.stateOf(entry);
  }

  /** Grades answer.md with the incident rubric, takes off the clue penalty, writes review.md beside it. */
  async grade(entry: CatalogEntry): Promise<DrillState | undefined> {
    const found = await this.answerOf(entry);
    if (!found) {
      const start = vscode.l10n.t('Start Incident Drill');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('There is no write-up for “{0}” yet.', entry.title[contentLanguage()]), start);
      if (choice === start) await this.start(entry.id);
      return undefined;
    }
    const language = contentLanguage();
    const { uri: answerUri, text: answer } = found;
    const diagramUri = vscode.Uri.joinPath(answerUri, '..', 'architecture.mmd');
    const review = reviewAnswer({ entry, answer, diagram: await readCurrent(diagramUri) });
    const clues = this.cluesOf(entry);
    const grade = drillGrade(review, language, clues, new Date().toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' }));
    this.grades.set(entry.id, grade);
    const preface = vscode.l10n.t('Incident drill: {0} of {1} clues used, −{2} points: final score {3} / 100.', clues.revealed, clues.total, grade.penalty, grade.final);
    const report = reviewMarkdown(review, entry, language, { files: { answer: 'answer.md', diagram: 'architecture.mmd' }, preface });
    await writeAtomically(vscode.Uri.joinPath(answerUri, '..', 'review.md'), report);
    await this.progress.recordScore(entry.id, grade.final);
    await this.refresh(entry.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Write-up: {0}/100 − {1} for clues = {2}/100.', grade.rubric, grade.penalty, grade.final), 8000);
    return this.stateOf(entry);
  }

  private handlersFor(entryId: string) {
    return {
      command: (command: DrillCommand) => void this.onCommand(entryId, command),
      chartFailed: (title: string, message: string) => {
        void vscode.window.showWarningMessage(vscode.l10n.t('The chart “{0}” could not be drawn: {1}', title, message));
      },
    };
  }

  private async onCommand(entryId: string, command: DrillCommand): Promise<void> {
    const entry = await this.catalog.getEntry(entryId);
    if (!entry) return;
    switch (command) {
      case 'nextClue':
        await this.nextClue(entry);
        break;
      case 'grade':
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Grading the write-up…') }, () => this.grade(entry));
        break;
      case 'reference':
        // The catalogue's command asks first and remembers that it was shown.
        await vscode.commands.executeCommand('sdcoach.revealReference', entry.id);
        break;
      case 'statement':
        await openStatement(entry.id);
        break;
      case 'answer': {
        const answer = await this.answerOf(entry);
        if (answer) await vscode.window.showTextDocument(answer.uri, { viewColumn: vscode.ViewColumn.One, preview: false });
        break;
      }
    }
  }

  private adopt(entry: CatalogEntry, panel: IncidentDrillPanel): IncidentDrillPanel {
    this.panels.set(entry.id, panel);
    panel.onDidClose(() => {
      if (this.panels.get(entry.id) === panel) this.panels.delete(entry.id);
    });
    panel.show(this.viewOf(entry));
    return panel;
  }

  private viewOf(entry: CatalogEntry) {
    return incidentDrillView(entry, contentLanguage(), this.cluesOf(entry), { grade: this.grades.get(entry.id) });
  }

  private async refresh(entryId: string): Promise<void> {
    const panel = this.panels.get(entryId);
    if (!panel) return;
    const entry = await this.catalog.getEntry(entryId);
    if (entry?.incident) panel.show(this.viewOf(entry));
  }

  private async refreshAll(): Promise<void> {
    for (const id of this.panels.keys()) await this.refresh(id);
  }

  private cluesOf(entry: CatalogEntry): ClueState {
    const total = entry.incident?.evidence.length ?? 1;
    const revealed = Math.max(1, Math.min(total, this.progress.get(entry.id)?.cluesRevealed ?? 1));
    return { revealed, total };
  }

  private stateOf(entry: CatalogEntry): DrillState {
    const { revealed, total } = this.cluesOf(entry);
    return { entryId: entry.id, revealed, total, grade: this.grades.get(entry.id) };
  }

  /** The drill's answer.md (and what it says now) in the first workspace folder that has one. */
  private async answerOf(entry: CatalogEntry): Promise<{ uri: vscode.Uri; text: string } | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, ...practicePaths(practiceFolder(folder), entry.id).answer.split('/'));
      const text = await readCurrent(uri);
      if (text !== undefined) return { uri, text };
    }
    return undefined;
  }

  private async pickIncident(argument: EntryArgument): Promise<CatalogEntry | undefined> {
    const entry = await resolveEntry(this.catalog, argument, vscode.l10n.t('Choose an incident to drill'), 'incident');
    if (entry && !entry.incident) {
      void vscode.window.showErrorMessage(vscode.l10n.t('“{0}” is not an incident.', entry.title[contentLanguage()]));
      return undefined;
    }
    return entry;
  }

  private async withEntry<T>(argument: EntryArgument, run: (entry: CatalogEntry) => Promise<T>): Promise<T | undefined> {
    const entry = argument === undefined && this.panels.size === 1 ? await this.catalog.getEntry([...this.panels.keys()][0]) : await this.pickIncident(argument);
    return entry?.incident ? run(entry) : undefined;
  }
}

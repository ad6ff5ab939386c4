import * as vscode from 'vscode';
import type { CatalogService } from '../catalog/catalogService';
import { resolveEntry } from '../catalog/resolveEntry';
import { contentLanguage, practiceFolder } from '../config';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { EMPTY_FILTER, isFilterActive, matchesFilter, type CatalogFilter } from '../core/catalog/catalogQuery';
import { reviewAnswer } from '../core/critic/review';
import { LEVEL_NAMES, type Level } from '../core/critic/rubricScorer';
import {
  currentPhase,
  end,
  formatClock,
  interviewerSays,
  nextPhase,
  parseSession,
  pause,
  remainingMs,
  reply,
  resume,
  startInterview,
  tick,
  type InterviewEffect,
  type InterviewState,
} from '../core/interview/interviewMachine';
import { INTERVIEW_LENGTHS, PHASE_TITLES, phasePlan, type InterviewLength, type ScheduledEvent } from '../core/interview/interviewPlan';
import type { InterviewCommand, InterviewView } from '../core/interview/interviewProtocol';
import { interviewReportMarkdown, interviewScore, transcriptMarkdown, verdictOf, VERDICT_NAMES } from '../core/interview/interviewReport';
import { fillTemplate } from '../core/llm/promptTemplates';
import { LANGUAGE_NAMES } from '../core/llm/llmCritic';
import { isDue, scheduleReview } from '../core/interview/spacedReview';
import { answerTemplate, practiceRoot, starterDiagram } from '../core/practice';
import type { LlmService } from '../llm/llmService';
import type { ProgressStore } from '../progress/progressStore';
import { Disposable } from '../util/disposable';
import { createIfAbsent, readCurrent, writeAtomically } from '../util/files';
import { InterviewPanel } from './interviewPanel';
import { findSessions, SESSION_FILE } from './sessionFiles';
import { DIAGRAM_EDITOR_VIEW_TYPE } from '../diagramEditor/diagramEditorProvider';

const ACTIVE_KEY = 'sdcoach.interview.active';

interface ActiveSession {
  state: InterviewState;
  folder: vscode.Uri;
  entry: CatalogEntry;
}

/** What an ended session produced, for callers (and tests) of "End Mock Interview". */
export interface InterviewEnded {
  folder: vscode.Uri;
  report: vscode.Uri;
  score: number;
  verdict: string;
}

/** `system-design/sessions/2026-11-26-0930-url-shortener`: sorts by date, names its entry. */
export function sessionFolderName(now: Date, entryId: string): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}-${entryId}`;
}

/**
 * The mock interview: one session at a time per window. The session's truth is its session.json,
 * rewritten atomically on every change; the clock is wall time, so a reload or a crash resumes where
 * the clock says. A one-second tick drives the status bar, the panel and the scripted events.
 */
export class MockInterviews extends Disposable {
  private active: ActiveSession | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly statusBar = this.register(vscode.window.createStatusBarItem('sdcoach.interview', vscode.StatusBarAlignment.Left, 100));
  private readonly panel: InterviewPanel;
  private readonly changed = this.register(new vscode.EventEmitter<InterviewState | undefined>());
  /** Fires on every change of the active session (and with undefined when none is left). */
  readonly onDidChange = this.changed.event;
  private saving: Promise<void> = Promise.resolve();
  /** The wall clock. Replaceable so tests can move time forward (a fake clock). */
  clock: () => number = Date.now;

  constructor(
    extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
    private readonly llm: LlmService,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    /** The catalogue view's filter, for "surprise me from the filtered catalogue". */
    private readonly catalogFilter: () => CatalogFilter = () => EMPTY_FILTER,
  ) {
    super();
    this.statusBar.name = vscode.l10n.t('Mock interview');
    this.statusBar.command = 'sdcoach.interviewControls';
    this.panel = this.register(new InterviewPanel(extensionUri, { reply: (text) => void this.reply(text), command: (command) => void this.command(command) }));
    this.register({ dispose: () => clearInterval(this.timer) });
    this.register(vscode.commands.registerCommand('sdcoach.startMockInterview', (argument?: unknown) => this.start(argument)));
    this.register(vscode.commands.registerCommand('sdcoach.interviewControls', () => this.controls()));
    this.register(vscode.commands.registerCommand('sdcoach.openInterviewPanel', () => this.showPanel()));
    this.register(vscode.commands.registerCommand('sdcoach.pauseMockInterview', () => this.command('pause')));
    this.register(vscode.commands.registerCommand('sdcoach.resumeMockInterview', (folder?: vscode.Uri) => this.resumeCommand(folder)));
    this.register(vscode.commands.registerCommand('sdcoach.nextInterviewPhase', () => this.command('next')));
    this.register(vscode.commands.registerCommand('sdcoach.endMockInterview', () => this.finish('finished')));
    this.register(vscode.commands.registerCommand('sdcoach.abandonMockInterview', (folder?: vscode.Uri) => this.abandon(folder)));
    void this.restore();
  }

  get state(): InterviewState | undefined {
    return this.active?.state;
  }

  /** What the status bar item shows, or undefined when it is hidden. */
  get statusBarText(): string | undefined {
    return this.active && this.active.state.status !== 'ended' ? this.statusBar.text : undefined;
  }

  // ── start, restore, resume ────────────────────────────────────────────────────────────────

  /** `sdcoach.startMockInterview`: entry (or "surprise me"), level and length, then the session folder. */
  async start(argument?: unknown): Promise<InterviewState | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the interview is saved as files in it.'));
      return undefined;
    }
    if (this.active && this.active.state.status !== 'ended') {
      const endIt = vscode.l10n.t('End It and Start');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('A mock interview is in progress. End it first?'), { modal: true }, endIt);
      if (choice !== endIt) return undefined;
      await this.finish('abandoned');
    }
    const options = argument as { entryId?: string; level?: Level; minutes?: InterviewLength } | undefined;
    const entry = options?.entryId ? (await this.catalog.get()).entries.find((candidate) => candidate.id === options.entryId) : await this.pickEntry(argument);
    if (!entry) return undefined;
    const language = contentLanguage();
    const level = options?.level ?? (await this.pickLevel());
    if (!level) return undefined;
    const minutes = options?.minutes ?? (await this.pickLength(entry));
    if (!minutes) return undefined;

    const now = this.clock();
    const id = sessionFolderName(new Date(now), entry.id);
    const sessionFolder = vscode.Uri.joinPath(folder.uri, ...practiceRoot(practiceFolder(folder)).split('/'), 'sessions', id);
    const llmFollowUps = await this.llmInterviewerConsent();
    const state = startInterview({ id, entry, level, minutes, language, now, llmFollowUps });
    try {
      await vscode.workspace.fs.createDirectory(sessionFolder);
      await createIfAbsent(vscode.Uri.joinPath(sessionFolder, 'answer.md'), answerTemplate(entry, language));
      await createIfAbsent(vscode.Uri.joinPath(sessionFolder, 'architecture.mmd'), starterDiagram(entry, language));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the interview files in {0}: {1}', vscode.workspace.asRelativePath(sessionFolder), (error as Error).message));
      return undefined;
    }
    this.active = { state, folder: sessionFolder, entry };
    await this.save();
    await this.workspaceState.update(ACTIVE_KEY, sessionFolder.toString());
    await this.progress.markStarted(entry.id);
    this.log.info(`mock interview started: ${id} (${level}, ${minutes} min, ${llmFollowUps ? 'LLM' : 'scripted'} follow-ups)`);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(sessionFolder, 'answer.md'), { viewColumn: vscode.ViewColumn.One, preview: false });
    // One webview after the other: two starting together in VS Code for the Web can stall each other.
    // Answer | interview panel | diagram.
    this.showPanel(true, vscode.ViewColumn.Two);
    await this.panel.whenReady();
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(sessionFolder, 'architecture.mmd'), DIAGRAM_EDITOR_VIEW_TYPE, {
      viewColumn: vscode.ViewColumn.Three,
      preserveFocus: true,
    });
    // The clock starts once the problem is on screen, not while the editors were opening.
    if (this.active?.state.id === id && this.active.state.messages.length === 0) {
      this.active.state = { ...this.active.state, startedAt: this.clock(), phaseLog: [{ id: state.phases[0].id, startedAtMs: 0 }] };
      await this.save();
    }
    const phase = currentPhase(state);
    this.startTimer();
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Mock interview started: {0} minutes. First phase: {1} ({2} min).', minutes, PHASE_TITLES[phase.id][language], phase.budgetMs / 60_000),
    );
    return this.active?.state ?? state;
  }

  /** After a reload or a crash: the session this window was running, from its session.json. */
  private async restore(): Promise<void> {
    const saved = this.workspaceState.get<string>(ACTIVE_KEY);
    if (!saved) return;
    const restored = await this.load(vscode.Uri.parse(saved));
    if (!restored || restored.state.status === 'ended') {
      await this.workspaceState.update(ACTIVE_KEY, undefined);
      return;
    }
    this.active = restored;
    this.log.info(`mock interview resumed after a reload: ${restored.state.id}`);
    this.startTimer();
  }

  private async load(folder: vscode.Uri): Promise<ActiveSession | undefined> {
    const text = await readCurrent(vscode.Uri.joinPath(folder, SESSION_FILE));
    const state = text === undefined ? undefined : parseSession(text);
    if (!state) return undefined;
    const entry = (await this.catalog.get()).entries.find((candidate) => candidate.id === state.entryId);
    return entry && { state, folder, entry };
  }

  /** "Resume Mock Interview": the paused one, or a session picked from those not ended. */
  private async resumeCommand(folder?: vscode.Uri): Promise<void> {
    if (!folder && this.active && this.active.state.status !== 'ended') {
      await this.command('resume');
      this.showPanel();
      return;
    }
    const target = folder ?? (await this.pickUnfinished());
    if (!target) return;
    const session = await this.load(target);
    if (!session || session.state.status === 'ended') {
      void vscode.window.showInformationMessage(vscode.l10n.t('That session has ended; its report is in its folder.'));
      return;
    }
    this.active = session;
    await this.workspaceState.update(ACTIVE_KEY, target.toString());
    this.startTimer();
    this.showPanel();
  }

  private async pickUnfinished(): Promise<vscode.Uri | undefined> {
    const language = contentLanguage();
    const catalog = await this.catalog.get();
    const items = (await findSessions())
      .filter(({ state }) => state.status !== 'ended')
      .map(({ state, folder }) => ({ label: catalog.entries.find((candidate) => candidate.id === state.entryId)?.title[language] ?? state.entryId, description: state.id, folder }));
    if (!items.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no unfinished mock interview.'));
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Resume which interview?') }))?.folder;
  }

  // ── the running session ───────────────────────────────────────────────────────────────────

  private startTimer(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.onTick(), 1000);
    void this.onTick();
  }

  private async onTick(): Promise<void> {
    const active = this.active;
    if (!active) return;
    const { state, effects } = tick(active.state, this.clock());
    if (effects.length) {
      active.state = state;
      await this.save();
      for (const effect of effects) this.announce(effect);
    }
    this.render();
  }

  private announce(effect: InterviewEffect): void {
    const active = this.active!;
    const language = active.state.language;
    switch (effect.type) {
      case 'event':
        if (effect.event.kind === 'follow-up' && active.state.llmFollowUps) void this.askLlmFollowUp(effect.event);
        else this.notifyEvent(effect.event.text[language]);
        break;
      case 'phaseChanged': {
        const phase = active.state.phases.find((candidate) => candidate.id === effect.to)!;
        void vscode.window.showInformationMessage(vscode.l10n.t('Next phase: {0} ({1} min).', PHASE_TITLES[effect.to][language], phase.budgetMs / 60_000));
        break;
      }
      case 'phaseOverBudget':
        vscode.window.setStatusBarMessage(vscode.l10n.t('{0} is over its time budget.', PHASE_TITLES[effect.phase][language]), 10_000);
        break;
      case 'fiveMinutesLeft':
        void vscode.window.showWarningMessage(vscode.l10n.t('5 minutes left in the mock interview.'));
        break;
      case 'timeUp': {
        const grade = vscode.l10n.t('End and Grade');
        void vscode.window.showWarningMessage(vscode.l10n.t('Time is up. End the interview to get your report.'), grade).then((choice) => {
          if (choice === grade) void this.finish('finished');
        });
        break;
      }
    }
  }

  private notifyEvent(text: string): void {
    const answer = vscode.l10n.t('Answer in the Panel');
    void vscode.window.showInformationMessage(vscode.l10n.t('Interviewer: {0}', text), answer).then((choice) => {
      if (choice === answer) this.showPanel();
    });
    this.showPanel(true);
  }

  /** The LLM interviewer: a question about the weakest area of the answer so far; the scripted one if that fails. */
  private async askLlmFollowUp(event: ScheduledEvent): Promise<void> {
    const active = this.active!;
    const { state, entry, folder } = active;
    const language = state.language;
    let text = event.text[language];
    try {
      const answer = (await readCurrent(vscode.Uri.joinPath(folder, 'answer.md'))) ?? '';
      const diagram = await readCurrent(vscode.Uri.joinPath(folder, 'architecture.mmd'));
      const weakest = [...reviewAnswer({ entry, answer, diagram }).criteria].sort((a, b) => a.score / a.max - b.score / b.max)[0];
      const prompts = await this.llm.prompts();
      const now = this.clock();
      const messages = [
        { role: 'system' as const, content: fillTemplate(prompts.system, { language: LANGUAGE_NAMES[language] }) },
        {
          role: 'user' as const,
          content: fillTemplate(prompts.interviewer, {
            language: LANGUAGE_NAMES[language],
            title: entry.title[language],
            statement: entry.statement[language].trim(),
            phase: PHASE_TITLES[currentPhase(state).id][language],
            minutesLeft: String(Math.max(0, Math.round(remainingMs(state, now) / 60_000))),
            weakest: weakest ? `${weakest.title[language]} (${weakest.score}/${weakest.max})` : '—',
            answer: answer.slice(0, 30_000),
            diagram: diagram?.trim() || '(no diagram)',
            transcript: transcriptMarkdown(state, entry, language).slice(-8_000),
          }),
        },
      ];
      const response = await this.llm.chat({ messages, temperature: 0.4 }, vscode.l10n.t('your answer, diagram and the conversation so far'), async () => undefined);
      if (response?.text.trim()) text = response.text.trim();
    } catch (error) {
      this.log.warn(`LLM follow-up failed, using the scripted one: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!this.active || this.active.state.id !== state.id) return;
    this.active.state = interviewerSays(this.active.state, text, this.clock(), event.id);
    await this.save();
    this.notifyEvent(text);
    this.render();
  }

  private async reply(text: string): Promise<void> {
    if (!this.active) return;
    this.active.state = reply(this.active.state, text, this.clock());
    await this.save();
    this.render();
  }

  private async command(command: InterviewCommand): Promise<void> {
    const active = this.active;
    if (!active || active.state.status === 'ended') {
      if (command !== 'end') void vscode.window.showInformationMessage(vscode.l10n.t('No mock interview is running. Start one with "Start Mock Interview".'));
      return;
    }
    const now = this.clock();
    if (command === 'pause') active.state = pause(active.state, now);
    else if (command === 'resume') active.state = resume(active.state, now);
    else if (command === 'next') {
      const next = nextPhase(active.state, now);
      active.state = next.state;
      for (const effect of next.effects) this.announce(effect);
      if (!next.effects.length) void vscode.window.showInformationMessage(vscode.l10n.t('This is the last phase. End the interview when you are done.'));
    } else {
      await this.finish('finished');
      return;
    }
    await this.save();
    this.render();
  }

  /** Abandons the running session, or an unfinished one from the history (it still gets its report). */
  private async abandon(folder?: vscode.Uri): Promise<InterviewEnded | undefined> {
    if (folder && folder.toString() !== this.active?.folder.toString()) {
      const session = await this.load(folder);
      if (!session || session.state.status === 'ended') return undefined;
      const sure = vscode.l10n.t('Abandon');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Abandon this mock interview? It is ended and reported as ended early.'), { modal: true }, sure);
      if (choice !== sure) return undefined;
      if (this.active && this.active.state.status !== 'ended') await this.finish('abandoned');
      this.active = session;
    }
    return this.finish('abandoned');
  }

  /** The status bar's menu: pause or resume, next phase, end, open the panel. */
  private async controls(): Promise<void> {
    const active = this.active;
    if (!active || active.state.status === 'ended') {
      await vscode.commands.executeCommand('sdcoach.startMockInterview');
      return;
    }
    const language = active.state.language;
    const next = active.state.phases[active.state.phaseIndex + 1];
    const items: (vscode.QuickPickItem & { run: () => unknown })[] = [
      active.state.status === 'paused'
        ? { label: `$(debug-continue) ${vscode.l10n.t('Resume')}`, run: () => this.command('resume') }
        : { label: `$(debug-pause) ${vscode.l10n.t('Pause')}`, run: () => this.command('pause') },
      ...(next ? [{ label: `$(arrow-right) ${vscode.l10n.t('Next Phase: {0}', PHASE_TITLES[next.id][language])}`, run: () => this.command('next') }] : []),
      { label: `$(comment-discussion) ${vscode.l10n.t('Open Interview Panel')}`, run: () => this.showPanel() },
      { label: `$(pass) ${vscode.l10n.t('End and Grade')}`, run: () => this.finish('finished') },
      { label: `$(close) ${vscode.l10n.t('Abandon')}`, run: () => this.finish('abandoned') },
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: this.statusText() });
    await picked?.run();
  }

  /**
   * Ends the session and grades it: the offline critic (and the LLM critic when on), then report.md
   * opened in the Markdown preview. An abandoned session gets its report too, marked as ended early.
   */
  async finish(reason: 'finished' | 'abandoned'): Promise<InterviewEnded | undefined> {
    const active = this.active;
    if (!active || active.state.status === 'ended') {
      void vscode.window.showInformationMessage(vscode.l10n.t('No mock interview is running. Start one with "Start Mock Interview".'));
      return undefined;
    }
    clearInterval(this.timer);
    this.timer = undefined;
    const now = this.clock();
    active.state = end(active.state, now, reason);
    await this.save();
    await this.workspaceState.update(ACTIVE_KEY, undefined);
    this.render();
    const { state, entry, folder } = active;
    const answer = (await readCurrent(vscode.Uri.joinPath(folder, 'answer.md'))) ?? '';
    const diagram = await readCurrent(vscode.Uri.joinPath(folder, 'architecture.mmd'));
    const review = reviewAnswer({ entry, answer, diagram });
    const llm = reason === 'finished' && this.llm.enabled ? await this.llm.review({ entry, answer, diagram, language: state.language }, review, async () => undefined) : undefined;
    const report = vscode.Uri.joinPath(folder, 'report.md');
    await writeAtomically(report, interviewReportMarkdown({ state, entry, review, llm, language: state.language, now }));
    const score = interviewScore(review, llm);
    await this.progress.recordScore(entry.id, score);
    const verdictId = verdictOf(score, state.level);
    const verdict = VERDICT_NAMES[verdictId][state.language];
    // A finished session rates the entry for spaced review; an abandoned one leaves its schedule alone.
    const card = reason === 'finished' ? scheduleReview(this.progress.get(entry.id)?.review, score, new Date(now)) : undefined;
    if (card) await this.progress.recordReview(entry.id, card);
    active.state = {
      ...active.state,
      result: {
        score,
        verdict: verdictId,
        offlineScore: review.total,
        llmScore: llm?.total,
        criteria: review.criteria.map((criterion) => ({ id: criterion.id, title: criterion.title, score: criterion.score, max: criterion.max })),
        nextReview: card?.due,
      },
    };
    await this.save();
    this.log.info(`mock interview ended (${reason}): ${state.id}, ${score}/100, ${verdict}`);
    this.active = undefined;
    this.statusBar.hide();
    this.changed.fire(undefined);
    await vscode.commands.executeCommand('markdown.showPreview', report);
    void vscode.window.showInformationMessage(vscode.l10n.t('Mock interview over: {0}/100, {1}.', score, verdict));
    return { folder, report, score, verdict };
  }

  // ── presentation ─────────────────────────────────────────────────────────────────────────

  private showPanel(preserveFocus = false, viewColumn?: vscode.ViewColumn): void {
    const view = this.view();
    if (view) this.panel.show(view, preserveFocus, viewColumn);
    else void vscode.window.showInformationMessage(vscode.l10n.t('No mock interview is running. Start one with "Start Mock Interview".'));
  }

  private statusText(): string {
    const state = this.active!.state;
    const remaining = formatClock(remainingMs(state, this.clock()));
    const phase = PHASE_TITLES[currentPhase(state).id][state.language];
    return state.status === 'paused' ? vscode.l10n.t('Paused · {0} · {1}', remaining, phase) : `${remaining} · ${phase}`;
  }

  private render(): void {
    const active = this.active;
    if (!active) {
      this.statusBar.hide();
      return;
    }
    const state = active.state;
    const remaining = remainingMs(state, this.clock());
    this.statusBar.text = `${state.status === 'paused' ? '$(debug-pause)' : '$(watch)'} ${this.statusText()}`;
    this.statusBar.tooltip = vscode.l10n.t('Mock interview: {0}. Click for pause, next phase or end.', active.entry.title[state.language]);
    this.statusBar.accessibilityInformation = { label: vscode.l10n.t('Mock interview, {0} left, phase {1}', formatClock(remaining), PHASE_TITLES[currentPhase(state).id][state.language]) };
    this.statusBar.backgroundColor =
      remaining <= 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : remaining <= 5 * 60_000 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (state.status === 'ended') this.statusBar.hide();
    else this.statusBar.show();
    const view = this.view();
    if (view) this.panel.update(view);
    this.changed.fire(state);
  }

  private view(): InterviewView | undefined {
    const active = this.active;
    if (!active) return undefined;
    const { state, entry } = active;
    const language = state.language;
    const now = this.clock();
    const remaining = remainingMs(state, now);
    const who = { interviewer: vscode.l10n.t('Interviewer'), candidate: vscode.l10n.t('You') };
    return {
      title: vscode.l10n.t('Interview: {0}', entry.title[language]),
      statement: entry.statement[language].trim(),
      phase: PHASE_TITLES[currentPhase(state).id][language],
      phaseIndex: state.phaseIndex,
      phaseCount: state.phases.length,
      remaining: formatClock(remaining),
      urgency: remaining <= 0 ? 'over' : remaining <= 5 * 60_000 ? 'low' : 'ok',
      status: state.status,
      messages: state.messages.map((message) => ({ at: formatClock(message.atMs), from: message.from, who: who[message.from], text: message.text })),
      labels: {
        statement: vscode.l10n.t('Problem statement'),
        conversation: vscode.l10n.t('Conversation'),
        reply: vscode.l10n.t('Your reply'),
        send: vscode.l10n.t('Send (Ctrl+Enter)'),
        pause: vscode.l10n.t('Pause'),
        resume: vscode.l10n.t('Resume'),
        next: vscode.l10n.t('Next Phase'),
        end: vscode.l10n.t('End and Grade'),
        placeholder: vscode.l10n.t('Answer the interviewer here; the design goes in answer.md and the diagram.'),
        empty: vscode.l10n.t('The interviewer will interrupt with follow-ups, a requirement change and a scale stretch.'),
        ended: vscode.l10n.t('The interview has ended. The report is in report.md.'),
      },
    };
  }

  /** session.json and transcript.md, written atomically and one after another (never interleaved). */
  private save(): Promise<void> {
    const active = this.active;
    if (!active) return this.saving;
    const snapshot = active.state;
    this.saving = this.saving.then(async () => {
      try {
        await writeAtomically(vscode.Uri.joinPath(active.folder, SESSION_FILE), `${JSON.stringify(snapshot, null, 2)}\n`);
        await writeAtomically(vscode.Uri.joinPath(active.folder, 'transcript.md'), transcriptMarkdown(snapshot, active.entry, snapshot.language));
      } catch (error) {
        this.log.error(`could not save the interview session: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.saving;
  }

  // ── pickers ───────────────────────────────────────────────────────────────────────────────

  private async pickEntry(argument: unknown): Promise<CatalogEntry | undefined> {
    if (argument !== undefined) return resolveEntry(this.catalog, argument as Parameters<typeof resolveEntry>[1], vscode.l10n.t('Choose the interview problem'));
    const language = contentLanguage();
    const catalog = await this.catalog.get();
    type Item = vscode.QuickPickItem & { entry?: CatalogEntry; pool?: CatalogEntry[] };
    const filter = this.catalogFilter();
    const filtered = isFilterActive(filter) ? catalog.entries.filter((entry) => matchesFilter(entry, filter, this.progress.get(entry.id))) : [];
    const surprise: Item[] = [
      { label: `$(sparkle) ${vscode.l10n.t('Surprise me')}`, description: vscode.l10n.t('entries due for review, then those you have not scored well on, come up more'), pool: catalog.entries },
      ...(filtered.length
        ? [{ label: `$(sparkle) ${vscode.l10n.t('Surprise me from the filtered catalogue')}`, description: vscode.l10n.t('{0} entries (kind, difficulty, tags and status as filtered)', filtered.length), pool: filtered }]
        : []),
      { label: `$(sparkle) ${vscode.l10n.t('Surprise me: a system design')}`, pool: catalog.entries.filter((entry) => entry.kind === 'design') },
      { label: `$(sparkle) ${vscode.l10n.t('Surprise me: an incident')}`, pool: catalog.entries.filter((entry) => entry.kind === 'incident') },
      ...catalog.categories.map((category) => ({
        label: `$(sparkle) ${vscode.l10n.t('Surprise me: {0}', category.label[language])}`,
        pool: catalog.entries.filter((entry) => entry.category === category.id),
      })),
    ].filter((item) => item.pool.length > 0);
    const entries: Item[] = catalog.entries.map((entry) => ({ label: entry.title[language], description: `${entry.kind} · ${entry.difficulty} · ${entry.category}`, entry }));
    const picked = await vscode.window.showQuickPick([...surprise, { label: '', kind: vscode.QuickPickItemKind.Separator }, ...entries], {
      placeHolder: vscode.l10n.t('Choose the interview problem'),
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    return picked.entry ?? (picked.pool && this.surprise(picked.pool));
  }

  /** A random entry: four times as likely when due for review, three when never scored, twice when best below 65. */
  private surprise(pool: CatalogEntry[]): CatalogEntry | undefined {
    const now = new Date(this.clock());
    const weight = (entry: CatalogEntry) => {
      const progress = this.progress.get(entry.id);
      if (isDue(progress?.review, now)) return 4;
      return progress?.bestScore === undefined ? 3 : progress.bestScore < 65 ? 2 : 1;
    };
    const total = pool.reduce((sum, entry) => sum + weight(entry), 0);
    let roll = Math.random() * total;
    for (const entry of pool) {
      roll -= weight(entry);
      if (roll < 0) return entry;
    }
    return pool.at(-1);
  }

  private async pickLevel(): Promise<Level | undefined> {
    const language = contentLanguage();
    const items = (['mid', 'senior', 'staff'] as const).map((level) => ({ label: LEVEL_NAMES[level][language], level }));
    return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Interview for which level?') }))?.level;
  }

  private async pickLength(entry: CatalogEntry): Promise<InterviewLength | undefined> {
    const language = contentLanguage();
    const items = INTERVIEW_LENGTHS.map((minutes) => ({
      label: vscode.l10n.t('{0} minutes', minutes),
      description: phasePlan(entry.kind, minutes)
        .map((phase) => `${PHASE_TITLES[phase.id][language]} ${phase.budgetMs / 60_000}`)
        .join(' · '),
      minutes,
    }));
    return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('How long?') }))?.minutes;
  }

  /** With an LLM configured, the interviewer's follow-ups come from it: ask consent now, not mid-interview. */
  private async llmInterviewerConsent(): Promise<boolean> {
    if (!this.llm.enabled) return false;
    try {
      const provider = await this.llm.provider();
      return await this.llm.consent(provider, vscode.l10n.t('your answer, diagram and the conversation so far (for the interviewer’s follow-ups)'), async () => undefined);
    } catch (error) {
      this.llm.report(error);
      return false;
    }
  }
}


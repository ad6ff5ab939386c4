import * as vscode from 'vscode';
import type { CatalogService } from '../catalog/catalogService';
import { resolveEntry } from '../catalog/resolveEntry';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { reviewAnswer, reviewMarkdown, type Review } from '../core/critic/review';
import { backtickFenceFor } from '../core/markdownFences';
import { criticMessages, type LlmReview } from '../core/llm/llmCritic';
import type { LlmService } from '../llm/llmService';
import { contentLanguage, llmSettings, onDidChangeReviewOnSave, reviewOnSave } from '../config';
import type { ProgressStore } from '../progress/progressStore';
import { Disposable } from '../util/disposable';
import { readCurrent, writeAtomically } from '../util/files';
import { scorecardData } from './scorecardHtml';
import { ScorecardPanel } from './scorecardPanel';

const ANSWER = 'answer.md';
const DIAGRAM = 'architecture.mmd';
const REVIEW = 'review.md';

/**
 * Which catalogue entry a practice file answers: practices live in `<practice folder>/<entry id>/`,
 * so the folder's name is the id. Kept in memory so the linter can ask synchronously.
 */
export class PracticeLocator extends Disposable {
  private entries = new Map<string, CatalogEntry>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly catalog: CatalogService) {
    super();
    this.register(catalog.onDidChange(() => void this.load()));
    void this.load();
  }

  private async load(): Promise<void> {
    const catalog = await this.catalog.get();
    this.entries = new Map(catalog.entries.map((entry) => [entry.id, entry]));
    this.changed.fire();
  }

  entryFor(uri: vscode.Uri): CatalogEntry | undefined {
    const segments = uri.path.split('/');
    const folder = segments[segments.length - 2] ?? '';
    // Mock interview sessions: `sessions/2026-11-26-0930-<entry id>/`.
    if (segments[segments.length - 3] === 'sessions') {
      const id = /^\d{4}-\d{2}-\d{2}-\d{4}-(.+)$/.exec(folder)?.[1];
      if (id) return this.entries.get(id);
    }
    return this.entries.get(folder);
  }
}

/** `sdcoach.reviewAnswer`, and the review on save when `sdcoach.review.onSave` is on. */
export class ReviewCommand extends Disposable {
  private saveListener: vscode.Disposable | undefined;
  private readonly scorecard: ScorecardPanel;

  constructor(
    extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    private readonly locator: PracticeLocator,
    private readonly progress: ProgressStore,
    private readonly llm: LlmService,
  ) {
    super();
    this.scorecard = this.register(new ScorecardPanel(extensionUri));
    this.register(vscode.commands.registerCommand('sdcoach.reviewAnswer', (uri?: vscode.Uri) => this.run(uri, true)));
    this.register(vscode.commands.registerCommand('sdcoach.previewLlmRequest', (uri?: vscode.Uri) => this.preview(uri)));
    this.register(onDidChangeReviewOnSave(() => this.watchSaves()));
    this.watchSaves();
    this.register({ dispose: () => this.saveListener?.dispose() });
  }

  private watchSaves(): void {
    this.saveListener?.dispose();
    this.saveListener = reviewOnSave()
      ? vscode.workspace.onDidSaveTextDocument((document) => {
          const name = document.uri.path.split('/').pop();
          if ((name === ANSWER || name === DIAGRAM) && this.locator.entryFor(document.uri)) void this.run(document.uri, false);
        })
      : undefined;
  }

  /** The practice a command is about: its answer, entry, and the current text of answer.md and architecture.mmd. */
  private async practiceFor(target: vscode.Uri | undefined, ask: boolean) {
    const answerUri = await this.answerFor(target);
    if (!answerUri) return undefined;
    const folder = vscode.Uri.joinPath(answerUri, '..');
    const entry = this.locator.entryFor(answerUri) ?? (ask ? await resolveEntry(this.catalog, undefined, vscode.l10n.t('Which problem does this answer?')) : undefined);
    if (!entry) return undefined;
    const answer = await readCurrent(answerUri);
    if (answer === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read {0}.', vscode.workspace.asRelativePath(answerUri)));
      return undefined;
    }
    const diagramUri = vscode.Uri.joinPath(folder, DIAGRAM);
    return { answerUri, folder, entry, answer, diagramUri, diagram: await readCurrent(diagramUri) };
  }

  /**
   * Reviews the answer (given, active, or picked), writes review.md beside it and, when `show`, opens
   * the scorecard. With an LLM provider set (and only for an explicit review, never on save), the
   * LLM critic runs after the offline review is written, and review.md gains its section.
   */
  async run(target: vscode.Uri | undefined, show: boolean): Promise<Review | undefined> {
    const practice = await this.practiceFor(target, show);
    if (!practice) return undefined;
    const { answerUri, folder, entry, answer, diagram, diagramUri } = practice;
    const review = reviewAnswer({ entry, answer, diagram });
    const language = contentLanguage();
    const files = { answer: ANSWER, diagram: diagram === undefined ? undefined : DIAGRAM };
    const reviewUri = vscode.Uri.joinPath(folder, REVIEW);
    await writeAtomically(reviewUri, reviewMarkdown(review, entry, language, { files }));
    await this.progress.recordScore(entry.id, review.total);
    const level = { mid: vscode.l10n.t('mid-level'), senior: vscode.l10n.t('senior'), staff: vscode.l10n.t('staff') }[review.level];
    let summary = vscode.l10n.t('Review: {0}/100 ({1}), {2} design finding(s).', review.total, level, review.findings.length);
    if (!show) {
      vscode.window.setStatusBarMessage(summary, 8000);
      return review;
    }
    const targets = { answer: answerUri, diagram: diagramUri };
    this.scorecard.show(scorecardData(review, entry, language), targets);
    let llm: LlmReview | undefined;
    if (this.llm.enabled) {
      llm = await this.llm.review({ entry, answer, diagram, language }, review, () => this.preview(answerUri));
      if (llm) {
        // Written only once the LLM review succeeded: a failed request leaves the offline review.md as it was.
        await writeAtomically(reviewUri, reviewMarkdown(review, entry, language, { files, llm }));
        this.scorecard.show(scorecardData(review, entry, language, llm), targets);
        summary += ' ' + vscode.l10n.t('LLM: {0}/100, {1} of {2} criteria agree.', llm.total, llm.criteria.filter((c) => c.agreement === 'agree').length, llm.criteria.length);
        if (llm.droppedQuotes.length) summary += ' ' + vscode.l10n.t('{0} invented quote(s) dropped.', llm.droppedQuotes.length);
      }
    } else if (this.llm.blockedByTrust) {
      summary += ' ' + vscode.l10n.t('(The LLM review is off in untrusted workspaces.)');
    }
    const open = vscode.l10n.t('Open review.md');
    void vscode.window.showInformationMessage(summary, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('markdown.showPreview', reviewUri);
    });
    return review;
  }

  /** "Preview LLM Request": the exact messages a review would send, and where, in a new untitled document. */
  async preview(target: vscode.Uri | undefined): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage(vscode.l10n.t('LLM features are off in untrusted workspaces.'));
      return;
    }
    const practice = await this.practiceFor(target, true);
    if (!practice) return;
    let messages;
    try {
      messages = criticMessages(await this.llm.prompts(), { entry: practice.entry, answer: practice.answer, diagram: practice.diagram, language: contentLanguage() });
    } catch (error) {
      this.llm.report(error);
      return;
    }
    const settings = llmSettings();
    const destination = settings.provider === 'vscode-lm' ? 'VS Code language model' : `${settings.baseUrl || '(sdcoach.llm.baseUrl not set)'}/chat/completions`;
    const lines = [
      `# ${vscode.l10n.t('LLM request preview')}`,
      '',
      `- ${vscode.l10n.t('Destination')}: ${destination}`,
      `- ${vscode.l10n.t('Provider')}: ${settings.provider}`,
      `- ${vscode.l10n.t('Model')}: ${settings.model || '—'}`,
      `- ${vscode.l10n.t('The API key is sent in the Authorization header and is not shown here.')}`,
      `- ${vscode.l10n.t('The reply must be JSON matching the review schema; quotes in it are checked against your files.')}`,
      '',
      ...messages.flatMap((message, index) => [`## ${index + 1}. ${message.role}`, '', backtickFenceFor(message.content) + 'text', message.content, backtickFenceFor(message.content), '']),
    ];
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  private async answerFor(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    const candidate = target ?? vscode.window.activeTextEditor?.document.uri;
    if (candidate && /\/(answer\.md|architecture\.mmd|review\.md)$/.test(candidate.path)) return vscode.Uri.joinPath(candidate, '..', ANSWER);
    if (candidate?.path.endsWith('.md') && target) return candidate;
    const answers = await vscode.workspace.findFiles(`**/${ANSWER}`, '**/node_modules/**', 200);
    if (answers.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no answer.md to review yet. Start a practice first.'));
      return undefined;
    }
    if (answers.length === 1) return answers[0];
    const picked = await vscode.window.showQuickPick(
      answers.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
      { placeHolder: vscode.l10n.t('Choose the answer to review') },
    );
    return picked?.uri;
  }
}

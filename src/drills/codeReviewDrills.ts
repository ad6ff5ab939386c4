import * as vscode from 'vscode';
import type { CatalogService } from '../catalog/catalogService';
import { resolveEntry, type EntryArgument } from '../catalog/resolveEntry';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { DEFECT_CATEGORIES, type DefectCategory } from '../core/catalog/catalogSchema';
import { CATEGORY_LABELS, codeReviewReport, knownDefects, linesLabel, rankCategories } from '../core/drills/codeReviewReport';
import { matchDefects, type ReviewMark, type ReviewResult } from '../core/drills/defectMatching';
import type { ContentLanguage } from '../core/localized';
import { practicePaths } from '../core/practice';
import { contentLanguage, practiceFolder } from '../config';
import { pickWorkspaceFolder } from '../practice/startPractice';
import type { ProgressStore } from '../progress/progressStore';
import { Disposable } from '../util/disposable';
import { isNotFound, writeAtomically } from '../util/files';

/** Read-only documents of the drills: `sdcoach-code:/<entry id>/<file>.go` and `…/corrected/<file>.go`. */
export const CODE_SCHEME = 'sdcoach-code';
export const CODE_REVIEW_CONTROLLER = 'sdcoach.codeReview';
const MARKS_FILE = 'marks.json';
const REPORT_FILE = 'review.md';

interface MarksFile {
  version: 1;
  entryId: string;
  marks: ReviewMark[];
}

/** A mark the user wrote: one comment on a thread over the lines it is about. */
class MarkComment implements vscode.Comment {
  readonly mode = vscode.CommentMode.Preview;
  readonly contextValue = 'sdcoach.mark';
  constructor(
    readonly mark: ReviewMark,
    readonly author: vscode.CommentAuthorInformation,
    readonly label: string,
    readonly thread: vscode.CommentThread,
  ) {}
  get body(): string {
    return this.mark.note;
  }
}

/** What a submit returns, for callers and tests. */
export interface CodeReviewSubmitted {
  result: ReviewResult;
  report: vscode.Uri;
}

/**
 * Code-review drills: the Go file opens read-only; the user marks defects with comment threads
 * (a line range, a short note, a category); submitting compares the marks with the entry's known
 * defects, writes review.md (found / missed / false alarms, the corrected file) and opens the diff.
 * Marks are saved to `<practice folder>/<id>/marks.json` as they are made, so nothing is lost on reload.
 */
export class CodeReviewDrills extends Disposable implements vscode.TextDocumentContentProvider {
  readonly controller: vscode.CommentController;
  /** Marks per entry, in the order they were made. */
  private readonly marks = new Map<string, MarkComment[]>();
  /** The coach's answer threads after a submit, per entry. */
  private readonly answers = new Map<string, vscode.CommentThread[]>();
  /** Where each entry's marks and report are kept. */
  private readonly folders = new Map<string, vscode.Uri>();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
  ) {
    super();
    this.controller = this.register(vscode.comments.createCommentController(CODE_REVIEW_CONTROLLER, vscode.l10n.t('Code Review Drill')));
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) =>
        document.uri.scheme === CODE_SCHEME && !isCorrected(document.uri) ? [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)] : [],
    };
    this.controller.options = {
      prompt: vscode.l10n.t('Mark a defect'),
      placeHolder: vscode.l10n.t('What is wrong on these lines, and what happens in production?'),
    };
    this.register(vscode.workspace.registerTextDocumentContentProvider(CODE_SCHEME, this));
    this.register(vscode.commands.registerCommand('sdcoach.startCodeReview', (argument: EntryArgument) => this.start(argument)));
    this.register(vscode.commands.registerCommand('sdcoach.addReviewMark', (reply: vscode.CommentReply, category?: DefectCategory) => this.addMark(reply, category)));
    this.register(vscode.commands.registerCommand('sdcoach.deleteReviewMark', (comment: MarkComment) => this.deleteMark(comment)));
    this.register(vscode.commands.registerCommand('sdcoach.submitCodeReview', (argument?: EntryArgument | vscode.Uri) => this.submit(argument)));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { entryId } = parseCodeUri(uri);
    const review = (await this.catalog.getEntry(entryId))?.codeReview;
    if (!review) return vscode.l10n.t('Entry "{0}" is not in the catalogue.', entryId);
    return `${(isCorrected(uri) ? review.corrected : review.code).replace(/\n+$/, '')}\n`;
  }

  /** `sdcoach.startCodeReview`: opens the file under review with the marks made so far. */
  async start(argument: EntryArgument): Promise<vscode.TextEditor | undefined> {
    const entry = await resolveEntry(this.catalog, argument, vscode.l10n.t('Choose a code review drill'), 'code-review');
    if (!entry) return undefined;
    if (!entry.codeReview) {
      void vscode.window.showErrorMessage(vscode.l10n.t('“{0}” is not a code review drill.', entry.title[contentLanguage()]));
      return undefined;
    }
    const workspace = await pickWorkspaceFolder();
    if (!workspace) return undefined;
    const folder = vscode.Uri.joinPath(workspace.uri, ...practicePaths(practiceFolder(workspace), entry.id).folder.split('/'));
    this.folders.set(entry.id, folder);
    await this.progress.markStarted(entry.id);
    if (!this.marks.has(entry.id)) await this.restore(entry, folder);
    const editor = await vscode.window.showTextDocument(codeUri(entry), { preview: false });
    const submit = vscode.l10n.t('Submit Review');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Review {0}: select lines, click the + in the gutter and describe each defect. Submit when you are done.', entry.codeReview.file),
        submit,
      )
      .then((choice) => {
        if (choice === submit) void this.submit(entry.id);
      });
    return editor;
  }

  /** "Add Review Mark" under a comment box: the note, a category (best guess first), saved at once. */
  async addMark(reply: vscode.CommentReply, category?: DefectCategory): Promise<ReviewMark | undefined> {
    const thread = reply.thread;
    if (thread.uri.scheme !== CODE_SCHEME || isCorrected(thread.uri)) return undefined;
    const note = reply.text.trim();
    if (!note) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Write what is wrong first: the note is what you are graded on.'));
      return undefined;
    }
    const { entryId } = parseCodeUri(thread.uri);
    const language = contentLanguage();
    const chosen = category ?? (await this.pickCategory(note, language));
    if (!chosen) return undefined;
    const range = thread.range ?? new vscode.Range(0, 0, 0, 0);
    const mark: ReviewMark = { startLine: range.start.line + 1, endLine: range.end.line + 1, category: chosen, note };
    this.attachMark(entryId, thread, mark, language);
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    await this.save(entryId);
    return mark;
  }

  async deleteMark(comment: MarkComment): Promise<void> {
    const thread = comment.thread;
    const entryId = parseCodeUri(thread.uri).entryId;
    thread.comments = thread.comments.filter((c) => c !== comment);
    const marks = this.marksOf(entryId);
    marks.splice(marks.indexOf(comment), 1);
    if (thread.comments.length === 0) thread.dispose();
    await this.save(entryId);
  }

  /** Compares the marks with the known defects; writes and opens review.md, opens the diff with the corrected file. */
  async submit(argument?: EntryArgument | vscode.Uri): Promise<CodeReviewSubmitted | undefined> {
    const fromEditor = argument instanceof vscode.Uri ? argument : argument === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
    const id = fromEditor?.scheme === CODE_SCHEME ? parseCodeUri(fromEditor).entryId : argument instanceof vscode.Uri ? undefined : argument;
    const entry = await resolveEntry(this.catalog, id, vscode.l10n.t('Choose the code review to submit'), 'code-review');
    if (!entry?.codeReview) return undefined;
    const folder = this.folders.get(entry.id);
    if (!folder) {
      await this.start(entry.id);
      return undefined;
    }
    const language = contentLanguage();
    const marks = this.marksOf(entry.id).map((comment) => comment.mark);
    if (!marks.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Mark at least one defect before submitting: select lines and use the + in the gutter.'));
      return undefined;
    }
    const result = matchDefects(knownDefects(entry), marks);
    const report = vscode.Uri.joinPath(folder, REPORT_FILE);
    await this.saving;
    await writeAtomically(report, codeReviewReport(entry, result, language));
    await this.progress.recordScore(entry.id, result.score);
    await this.progress.update(entry.id, (p) => ({ ...p, codeReview: { found: result.found.length, total: entry.codeReview!.defects.length, falseAlarms: result.falseAlarms.length } }));
    this.showAnswers(entry, result, language);
    await vscode.commands.executeCommand('vscode.diff', codeUri(entry), codeUri(entry, true), vscode.l10n.t('{0}: as reviewed ↔ corrected', entry.codeReview.file), {
      preview: true,
      viewColumn: vscode.ViewColumn.One,
    });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', report);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Code review: {0}/100. Found {1} of {2} defects, {3} false alarm(s).', result.score, result.found.length, entry.codeReview.defects.length, result.falseAlarms.length),
    );
    return { result, report };
  }

  /** After a submit, each known defect gets a thread from the coach on its lines: found or missed, and why. */
  private showAnswers(entry: CatalogEntry, result: ReviewResult, language: ContentLanguage): void {
    for (const thread of this.answers.get(entry.id) ?? []) thread.dispose();
    const found = new Set(result.found.map((match) => match.defect.id));
    // The product's name, the same in every language.
    const coach = { name: 'System Design Coach' };
    const threads = entry.codeReview!.defects.map((defect) => {
      const status = found.has(defect.id) ? vscode.l10n.t('Found') : vscode.l10n.t('Missed');
      const body = new vscode.MarkdownString(`**${defect.title[language]}** · ${CATEGORY_LABELS[defect.category][language]}\n\n${defect.explanation[language]}`);
      const thread = this.controller.createCommentThread(codeUri(entry), new vscode.Range(defect.lines[0] - 1, 0, defect.lines[1] - 1, 0), [
        { body, mode: vscode.CommentMode.Preview, author: coach, label: status, contextValue: 'sdcoach.answer' },
      ]);
      thread.canReply = false;
      thread.label = `${status}: ${defect.title[language]}`;
      thread.contextValue = 'sdcoach.answerThread';
      thread.state = found.has(defect.id) ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
      return thread;
    });
    this.answers.set(entry.id, threads);
  }

  private async pickCategory(note: string, language: ContentLanguage): Promise<DefectCategory | undefined> {
    const ranked = rankCategories(note);
    const items = ranked.map((category) => ({ label: CATEGORY_LABELS[category][language], description: category, category }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('What kind of defect is it?'),
      placeHolder: vscode.l10n.t('The first one is a guess from your note'),
    });
    return picked?.category;
  }

  private marksOf(entryId: string): MarkComment[] {
    let marks = this.marks.get(entryId);
    if (!marks) this.marks.set(entryId, (marks = []));
    return marks;
  }

  /** Marks saved before (another session, a reload) come back as threads. A broken file is reported and left alone. */
  private async restore(entry: CatalogEntry, folder: vscode.Uri): Promise<void> {
    const file = vscode.Uri.joinPath(folder, MARKS_FILE);
    let saved: ReviewMark[] = [];
    try {
      const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Partial<MarksFile>;
      saved = (parsed.marks ?? []).filter(isMark);
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError && isNotFound(error))) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} could not be read ({1}); new marks will not overwrite it until it is fixed or removed.', vscode.workspace.asRelativePath(file), (error as Error).message));
        this.folders.delete(entry.id);
        return;
      }
    }
    const language = contentLanguage();
    for (const mark of saved) {
      const thread = this.controller.createCommentThread(codeUri(entry), new vscode.Range(mark.startLine - 1, 0, mark.endLine - 1, 0), []);
      this.attachMark(entry.id, thread, mark, language);
    }
  }

  /** A mark as the user's comment on its thread, labelled with its category, and in the entry's list. */
  private attachMark(entryId: string, thread: vscode.CommentThread, mark: ReviewMark, language: ContentLanguage): void {
    const comment = new MarkComment(mark, { name: vscode.l10n.t('You') }, mark.category ? CATEGORY_LABELS[mark.category][language] : '', thread);
    thread.comments = [...thread.comments, comment];
    thread.label = linesLabel(mark, language);
    thread.contextValue = 'sdcoach.markThread';
    this.marksOf(entryId).push(comment);
  }

  private save(entryId: string): Promise<void> {
    const folder = this.folders.get(entryId);
    if (!folder) return Promise.resolve();
    const data: MarksFile = { version: 1, entryId, marks: this.marksOf(entryId).map((comment) => comment.mark) };
    // One write at a time, in order: the last mark made is the last one written.
    this.saving = this.saving
      .then(() => writeAtomically(vscode.Uri.joinPath(folder, MARKS_FILE), `${JSON.stringify(data, undefined, 2)}\n`))
      .catch((error: Error) => void vscode.window.showErrorMessage(vscode.l10n.t('Could not save your review marks: {0}', error.message)));
    return this.saving;
  }

  override dispose(): void {
    for (const threads of this.answers.values()) threads.forEach((thread) => thread.dispose());
    for (const marks of this.marks.values()) new Set(marks.map((m) => m.thread)).forEach((thread) => thread.dispose());
    super.dispose();
  }
}

function isMark(value: unknown): value is ReviewMark {
  const mark = value as ReviewMark;
  return (
    typeof mark === 'object' &&
    mark !== null &&
    Number.isInteger(mark.startLine) &&
    Number.isInteger(mark.endLine) &&
    mark.startLine >= 1 &&
    mark.endLine >= mark.startLine &&
    typeof mark.note === 'string' &&
    (mark.category === undefined || (DEFECT_CATEGORIES as readonly string[]).includes(mark.category))
  );
}

export function codeUri(entry: CatalogEntry, corrected = false): vscode.Uri {
  return vscode.Uri.from({ scheme: CODE_SCHEME, path: `/${entry.id}/${corrected ? 'corrected/' : ''}${entry.codeReview!.file}` });
}

function parseCodeUri(uri: vscode.Uri): { entryId: string } {
  return { entryId: uri.path.split('/')[1] ?? '' };
}

function isCorrected(uri: vscode.Uri): boolean {
  return uri.path.split('/')[2] === 'corrected';
}

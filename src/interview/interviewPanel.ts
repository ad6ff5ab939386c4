import * as vscode from 'vscode';
import { isInterviewMessage, type HostToInterviewMessage, type InterviewCommand, type InterviewView } from '../core/interview/interviewProtocol';
import { pageAssets, WebviewPage } from '../util/webviewPage';
import { interviewHtml } from './interviewHtml';

export const INTERVIEW_VIEW_TYPE = 'sdcoach.interview';

/**
 * The interview panel: the prompt, the interviewer's messages and the candidate's replies, the clock
 * and the phase. It shows what the host sends and hands back replies and button presses.
 */
export class InterviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private page: WebviewPage | undefined;
  private view: InterviewView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: { reply(text: string): void; command(command: InterviewCommand): void },
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(view: InterviewView, preserveFocus = false, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Beside): void {
    this.view = view;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(INTERVIEW_VIEW_TYPE, view.title, { viewColumn, preserveFocus }, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
      });
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'sdcoach.svg');
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
      panel.onDidDispose(() => {
        this.page?.dispose();
        this.page = undefined;
        this.panel = undefined;
      });
      this.panel = panel;
      this.page = new WebviewPage(panel.webview, () => interviewHtml(pageAssets(panel.webview, this.extensionUri, 'interview')));
    } else if (!preserveFocus) {
      this.panel.reveal(undefined, false);
    }
    this.update(view);
  }

  /** Resolves once the page has loaded and said "ready" (or after `timeoutMs`, whichever is first). */
  whenReady(timeoutMs = 15_000): Promise<void> {
    return this.page?.whenReady(timeoutMs) ?? Promise.resolve();
  }

  /** New content for an open panel; nothing when it is closed. */
  update(view: InterviewView): void {
    this.view = view;
    if (!this.panel) return;
    this.panel.title = view.title;
    if (this.page?.isReady) void this.panel.webview.postMessage({ type: 'show', view } satisfies HostToInterviewMessage);
  }

  dispose(): void {
    this.page?.dispose();
    this.panel?.dispose();
  }

  private onMessage(message: unknown): void {
    if (!isInterviewMessage(message)) return;
    if (message.type === 'ready') {
      this.page?.markReady();
      if (this.view) this.update(this.view);
    } else if (message.type === 'reply') {
      this.handlers.reply(message.text);
    } else {
      this.handlers.command(message.command);
    }
  }
}

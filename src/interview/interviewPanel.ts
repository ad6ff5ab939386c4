import * as vscode from 'vscode';
import { isInterviewMessage, type HostToInterviewMessage, type InterviewCommand, type InterviewView } from '../core/interview/interviewProtocol';
import { createNonce } from '../diagramEditor/diagramWebviewHtml';
import { interviewHtml } from './interviewHtml';

export const INTERVIEW_VIEW_TYPE = 'sdcoach.interview';

/**
 * The interview panel: the prompt, the interviewer's messages and the candidate's replies, the clock
 * and the phase. It shows what the host sends and hands back replies and button presses.
 */
export class InterviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: InterviewView | undefined;
  private ready = false;
  private readyWaiters: (() => void)[] = [];
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;

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
      const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
      const panel = vscode.window.createWebviewPanel(INTERVIEW_VIEW_TYPE, view.title, { viewColumn, preserveFocus }, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [root],
      });
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'sdcoach.svg');
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
      panel.onDidDispose(() => {
        clearTimeout(this.stallTimer);
        this.panel = undefined;
        this.ready = false;
        this.reloads = 0;
      });
      this.panel = panel;
      this.load();
    } else if (!preserveFocus) {
      this.panel.reveal(undefined, false);
    }
    this.update(view);
  }

  /** Resolves once the page has loaded and said "ready" (or after `timeoutMs`, whichever is first). */
  whenReady(timeoutMs = 15_000): Promise<void> {
    if (this.ready || !this.panel) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Sets the page. VS Code for the Web serves every webview from one service worker, and a page that
   * starts beside another can stall before its script runs: no "ready" within 8 s reloads it (twice at most).
   */
  private load(): void {
    const panel = this.panel!;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    panel.webview.html = interviewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'interview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'interview.css')).toString(),
      nonce: createNonce(),
      language: vscode.env.language,
    });
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      if (this.ready || !this.panel || this.reloads >= 2) return;
      this.reloads++;
      this.load();
    }, 8_000);
  }

  /** New content for an open panel; nothing when it is closed. */
  update(view: InterviewView): void {
    this.view = view;
    if (!this.panel) return;
    this.panel.title = view.title;
    if (this.ready) void this.panel.webview.postMessage({ type: 'show', view } satisfies HostToInterviewMessage);
  }

  dispose(): void {
    clearTimeout(this.stallTimer);
    this.panel?.dispose();
  }

  private onMessage(message: unknown): void {
    if (!isInterviewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      clearTimeout(this.stallTimer);
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      if (this.view) this.update(this.view);
    } else if (message.type === 'reply') {
      this.handlers.reply(message.text);
    } else {
      this.handlers.command(message.command);
    }
  }
}

import * as vscode from 'vscode';
import { parseSession, type InterviewState } from '../core/interview/interviewMachine';
import { readCurrent } from '../util/files';

export const SESSION_FILE = 'session.json';

export interface FoundSession {
  folder: vscode.Uri;
  state: InterviewState;
}

/** Every readable session.json under a `sessions/` folder of the workspace, newest first. */
export async function findSessions(): Promise<FoundSession[]> {
  const files = await vscode.workspace.findFiles(`**/sessions/*/${SESSION_FILE}`, '**/node_modules/**', 1000);
  const sessions: FoundSession[] = [];
  for (const file of files) {
    const state = parseSession((await readCurrent(file)) ?? '');
    if (state) sessions.push({ folder: vscode.Uri.joinPath(file, '..'), state });
  }
  return sessions.sort((a, b) => b.state.startedAt - a.state.startedAt);
}

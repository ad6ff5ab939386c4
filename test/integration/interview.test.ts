import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InterviewState } from '../../src/core/interview/interviewMachine';
import type { InterviewEnded } from '../../src/interview/mockInterviews';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';
import { activateExtension, closeAllEditors, readText, waitFor, workspaceFolder } from './helpers';

describe('Mock interview', () => {
  after(closeAllEditors);

  it('start → the status bar shows the clock and phase → a scripted event arrives on time → next phase → end → report.md with scores', async () => {
    const api = await activateExtension();
    const interviews = api.interviews;
    const realClock = interviews.clock;
    let offset = 0;
    interviews.clock = () => Date.now() + offset;
    try {
      const state = await vscode.commands.executeCommand<InterviewState>('sdcoach.startMockInterview', { entryId: 'url-shortener', level: 'senior', minutes: 30 });
      assert.ok(state, 'started');
      const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', 'sessions', state.id);
      assert.match(state.id, /^\d{4}-\d{2}-\d{2}-\d{4}-url-shortener$/);
      for (const file of ['answer.md', 'architecture.mmd', 'session.json', 'transcript.md']) await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, file));
      const bar = await waitFor(() => interviews.statusBarText, 'the status bar item');
      assert.match(bar, /^\$\(watch\) (30:00|29:5\d) · Requirements$/);

      // 12 interview minutes later the requirement change (40% of 30 min) arrives.
      offset = 12 * 60_000 + 2_000;
      const arrived = await waitFor(
        () => interviews.state?.messages.find((message) => message.eventId === 'requirement-change'),
        'the requirement change in the transcript',
      );
      assert.match(arrived.text, /premium tier/);
      await waitFor(() => (/^\$\(watch\) 17:5\d · Requirements$/.test(interviews.statusBarText ?? '') ? true : undefined), 'the clock at 17:5x');
      // Saved as it happens (session.json, then transcript.md).
      let transcript = '';
      for (let attempt = 0; attempt < 50 && !transcript.includes('premium tier'); attempt++) {
        transcript = await readText(vscode.Uri.joinPath(folder, 'transcript.md'));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.match(transcript, /\*\*12:0\d Interviewer:\*\* Sales sells a premium tier/);
      const saved = JSON.parse(await readText(vscode.Uri.joinPath(folder, 'session.json'))) as InterviewState;
      assert.ok(saved.fired.includes('requirement-change'), 'session.json is up to date');

      await vscode.commands.executeCommand('sdcoach.nextInterviewPhase');
      assert.equal(interviews.state?.phaseIndex, 1);
      await waitFor(() => (/· Estimates$/.test(interviews.statusBarText ?? '') ? true : undefined), 'the next phase in the status bar');

      // Pause: the clock stands still while paused.
      await vscode.commands.executeCommand('sdcoach.pauseMockInterview');
      offset += 5 * 60_000;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.match(interviews.statusBarText ?? '', /^\$\(debug-pause\) Paused · 17:[45]\d · Estimates$/);
      await vscode.commands.executeCommand('sdcoach.resumeMockInterview');

      await vscode.workspace.fs.writeFile(
        vscode.Uri.joinPath(folder, 'answer.md'),
        new TextEncoder().encode('# URL shortener\n\n## Estimates\n- links_per_month = 100M\n- write_qps = links_per_month / (30 * 86400)\n\nBase62 codes from a segment allocator, 302 redirects, Redis cache-aside.\n'),
      );
      const ended = await vscode.commands.executeCommand<InterviewEnded>('sdcoach.endMockInterview');
      assert.ok(ended);
      const report = await readText(ended.report);
      assert.match(report, /^# Mock interview: Design a URL shortener/);
      assert.match(report, /## Verdict: (Strong Hire|Hire|Lean No Hire|No Hire)/);
      assert.match(report, /For a senior interview: Strong Hire ≥ 80/);
      assert.match(report, /## Score per dimension\n\n\| Dimension \| Score \|/);
      assert.match(report, /\| Requirements \| 4:00 \| 12:0\d \| \+8:0\d over \|/);
      assert.match(report, /### 12:0\d · Requirement change/);
      assert.equal((JSON.parse(await readText(vscode.Uri.joinPath(folder, 'session.json'))) as InterviewState).status, 'ended');
      assert.equal(interviews.statusBarText, undefined, 'the status bar item is gone');
      assert.equal(api.progress.get('url-shortener')?.bestScore !== undefined, true, 'the score is recorded');

      // The session is in the history with its score and verdict, and FSRS scheduled the entry.
      const ended2 = JSON.parse(await readText(vscode.Uri.joinPath(folder, 'session.json'))) as InterviewState;
      assert.equal(ended2.result?.score, ended.score);
      const review = api.progress.get('url-shortener')?.review;
      assert.ok(review && Date.parse(review.due) > Date.now(), 'next review in the future');
      assert.equal(ended2.result?.nextReview, review.due);
      const sessions = await api.history.getChildren();
      const listed = sessions.find((session) => session.state.id === state.id);
      assert.ok(listed, 'listed in Interview History');
      const item = api.history.getTreeItem(listed);
      assert.match(String(item.description), new RegExp(`· ${ended.score}/100 · ${ended.verdict}`));
      assert.equal(item.contextValue, 'sdcoach.session.ended');

      const progress = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'sdcoach-progress', path: '/interview-progress.md' }));
      assert.match(progress.getText(), new RegExp(`line \\[${ended.score}\\]`));
      assert.match(progress.getText(), /## Design a URL shortener — 1 session\(s\)/);

      // When the review falls due, the entry heads the catalogue in "Due for review".
      await api.progress.update('url-shortener', (progress) => ({ ...progress, review: { ...review, due: new Date(Date.now() - 60_000).toISOString() } }));
      const roots = await api.catalogTree.getChildren();
      assert.equal(roots[0].type, 'due');
      assert.deepEqual(
        roots[0].type === 'due' ? roots[0].entries.map((entry) => entry.id) : [],
        ['url-shortener'],
      );
      assert.equal(api.catalogTree.getTreeItem(roots[0]).label, 'Due for review');
      await api.progress.update('url-shortener', (progress) => ({ ...progress, review: undefined }));
    } finally {
      interviews.clock = realClock;
      if (interviews.state && interviews.state.status !== 'ended') await vscode.commands.executeCommand('sdcoach.abandonMockInterview');
    }
  });

  it('an unfinished session is resumed from the history, and can be abandoned from there with a report', async () => {
    const api = await activateExtension();
    const state = await vscode.commands.executeCommand<InterviewState>('sdcoach.startMockInterview', { entryId: 'cache-avalanche', level: 'mid', minutes: 30 });
    assert.ok(state);
    assert.deepEqual(
      state.phases.map((phase) => phase.id),
      ['triage', 'diagnosis', 'mitigation', 'fix', 'prevention'],
      'an incident runs triage → prevention',
    );
    await vscode.commands.executeCommand('sdcoach.pauseMockInterview');
    const sessions = await api.history.getChildren();
    const unfinished = sessions.find((session) => session.state.id === state.id)!;
    assert.equal(api.history.getTreeItem(unfinished).contextValue, 'sdcoach.session.unfinished');
    assert.match(String(api.history.getTreeItem(unfinished).description), /· paused$/);
    const restore = stubWarning('Abandon');
    try {
      const ended = await vscode.commands.executeCommand<InterviewEnded>('sdcoach.abandonMockInterview', unfinished.folder);
      assert.ok(ended);
      assert.match(await readText(ended.report), /· mid-level · 30 min · ended early/);
    } finally {
      restore();
    }
    assert.equal(api.progress.get('cache-avalanche')?.review, undefined, 'an abandoned session does not schedule a review');
  });
});

describe('Mock interview with the LLM interviewer (local OpenAI-compatible endpoint)', () => {
  const server = new FakeOpenAiServer();
  const config = () => vscode.workspace.getConfiguration('sdcoach.llm');
  after(async () => {
    for (const key of ['provider', 'baseUrl', 'model']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server.stop();
    await closeAllEditors();
  });

  it('asks for consent at the start, then the follow-up is the model’s question about the weakest area, never the reference', async () => {
    const api = await activateExtension();
    const baseUrl = await server.start();
    await config().update('provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
    await config().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
    await config().update('model', 'gpt-interviewer', vscode.ConfigurationTarget.Global);
    await api.llm.setApiKey(baseUrl, 'sk-interviewer-key-0000000000');
    const interviews = api.interviews;
    const realClock = interviews.clock;
    let offset = 0;
    interviews.clock = () => Date.now() + offset;
    const restore = stubWarning('Send');
    try {
      const state = await vscode.commands.executeCommand<InterviewState>('sdcoach.startMockInterview', { entryId: 'url-shortener', level: 'staff', minutes: 45 });
      assert.equal(state?.llmFollowUps, true, 'consent given at the start: the LLM asks the follow-ups');
      const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', 'sessions', state.id);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'answer.md'), new TextEncoder().encode('# URL shortener\n\nRedis in front of MySQL; codes from a segment allocator.\n'));
      server.reply({ content: 'Your Redis sits in front of MySQL: what happens to redirect latency when it restarts cold?' });
      const followUp = state.events.find((event) => event.kind === 'follow-up')!;
      offset = followUp.atMs + 1_500;
      const asked = await waitFor(() => interviews.state?.messages.find((message) => message.eventId === followUp.id), 'the LLM follow-up');
      assert.equal(asked.text, 'Your Redis sits in front of MySQL: what happens to redirect latency when it restarts cold?');
      assert.equal(asked.from, 'interviewer');
      const sent = server.requests[0].body.messages ?? [];
      assert.match(sent[1].content, /Redis in front of MySQL; codes from a segment allocator\./, 'it read the current answer');
      assert.match(sent[1].content, /The weakest area so far, by the rubric: .+ \(\d+\/\d+\)/);
      assert.match(sent[1].content, /It is the Requirements phase; \d+ minutes are left\./, 'the phase the candidate is in');
      const entry = (await api.catalog.get()).entries.find((candidate) => candidate.id === 'url-shortener')!;
      const referenceLine = entry.reference.en.split('\n').find((line) => line.trim().length > 60)!.trim();
      assert.ok(!sent.some((message) => message.content.includes(referenceLine)), 'the reference answer is never sent');
      assert.equal(state.messages.some((message) => message.text === followUp.text.en), false, 'the scripted follow-up is not used');
      await vscode.commands.executeCommand('sdcoach.abandonMockInterview');
    } finally {
      restore();
      interviews.clock = realClock;
      if (interviews.state && interviews.state.status !== 'ended') await vscode.commands.executeCommand('sdcoach.abandonMockInterview');
    }
  });
});

/** Answers the next warning dialog with `choice`. */
function stubWarning(choice: string): () => void {
  const original = vscode.window.showWarningMessage;
  (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async () => choice;
  return () => {
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
  };
}

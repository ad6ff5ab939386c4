import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodeReviewSubmitted } from '../../src/drills/codeReviewDrills';
import type { DrillState } from '../../src/drills/incidentDrills';
import { activateExtension, closeAllEditors, readText, waitFor, workspaceFolder } from './helpers';

/** Replaces one `vscode.window` function for the test; the extension sees the same API object. */
function stubWindow<K extends keyof typeof vscode.window>(name: K, replacement: (typeof vscode.window)[K]): () => void {
  const original = vscode.window[name];
  (vscode.window as Record<K, unknown>)[name] = replacement;
  return () => {
    (vscode.window as Record<K, unknown>)[name] = original;
  };
}

const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);

describe('Incident drill', () => {
  after(closeAllEditors);

  it('starts with the alert only, reveals clues one at a time, grades the write-up and takes 3 points per clue', async () => {
    const api = await activateExtension();
    const id = 'slow-query-pool-exhaustion';
    await api.progress.update(id, (p) => ({ ...p, cluesRevealed: undefined, bestScore: undefined }));
    const started = await vscode.commands.executeCommand<DrillState>('sdcoach.startIncidentDrill', id);
    const total = (await api.catalog.get()).entries.find((e) => e.id === id)!.incident!.evidence.length;
    assert.deepEqual([started.revealed, started.total], [1, total], 'the alert, and the clues to come');
    await waitFor(() => tabs().find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('sdcoach.incidentDrill')), 'the drill panel');
    const answer = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', id, 'answer.md');
    assert.match(await readText(answer), /^## Root cause$/m, 'the write-up template is in place');

    // The statement shows the same clues as the drill: the alert now, the next one after a reveal.
    const statement = vscode.Uri.parse(`sdcoach-statement:/${id}.md`);
    const before = (await vscode.workspace.openTextDocument(statement)).getText();
    assert.match(before, /### The page/);
    assert.doesNotMatch(before, /### Go connection pool/);
    for (const expected of [2, 3]) {
      const state = await vscode.commands.executeCommand<DrillState>('sdcoach.revealNextClue', id);
      assert.equal(state.revealed, expected);
    }
    assert.equal(api.progress.get(id)?.cluesRevealed, 3, 'the clues used are recorded');
    let after = '';
    // The statement's own text mentions db.Stats(); the third clue's heading is what appears on refresh.
    const third = '### db.Stats() from a debug endpoint';
    for (let attempt = 0; attempt < 100 && !after.includes(third); attempt++) {
      after = (await vscode.workspace.openTextDocument(statement)).getText();
      if (!after.includes(third)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(after, /### Go connection pool/);
    assert.doesNotMatch(after, /### MySQL slow log/, 'the fourth clue stays hidden');

    await vscode.workspace.fs.writeFile(
      answer,
      new TextEncoder().encode(
        [
          '# Slow query exhausts the pool',
          '## Root cause',
          "WaitCount climbs while Rows_examined is 2M: by Little's law 40 connections at 2 s each serve only 20 QPS.",
          'The handler does defer cancel before it reads rows, and never checks rows.Err.',
          '## Mitigation',
          'Turn the feature flag off, KILL QUERY the long ones; do not raise MaxOpenConns.',
          '## Durable fix',
          'A composite index, max_execution_time on the server, a bulkhead pool; SetMaxIdleConns and SetConnMaxLifetime sized from total connections.',
        ].join('\n\n'),
      ),
    );
    const graded = await vscode.commands.executeCommand<DrillState>('sdcoach.gradeIncidentWriteUp', id);
    assert.ok(graded.grade, 'graded');
    assert.equal(graded.grade.penalty, 6, 'two clues after the alert cost 6 points');
    assert.equal(graded.grade.final, graded.grade.rubric - 6);
    assert.ok(graded.grade.rubric >= 50, `the write-up names most of the rubric (${graded.grade.rubric})`);
    assert.equal(api.progress.get(id)?.bestScore, graded.grade.final, 'the score after the penalty is the one kept');
    const review = await readText(vscode.Uri.joinPath(answer, '..', 'review.md'));
    assert.match(review, new RegExp(`Incident drill: 3 of ${total} clues used, −6 points: final score ${graded.grade.final} / 100\\.`));

    // Past the last clue nothing more is revealed (and nothing more is charged).
    for (let i = 3; i < total; i++) await vscode.commands.executeCommand('sdcoach.revealNextClue', id);
    const last = await vscode.commands.executeCommand<DrillState>('sdcoach.revealNextClue', id);
    assert.deepEqual([last.revealed, last.total], [total, total]);
  });
});

describe('Code review drill', () => {
  after(closeAllEditors);

  it('opens the file read-only, takes marks as comment threads (saved at once), and grades them on submit', async () => {
    const api = await activateExtension();
    const id = 'redis-lock-release';
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', id);
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sdcoach.startCodeReview', id);
    assert.equal(editor.document.uri.scheme, 'sdcoach-code');
    assert.match(editor.document.getText(), /^package /);
    const entry = (await api.catalog.get()).entries.find((e) => e.id === id)!;
    const defects = entry.codeReview!.defects;
    const byId = (defectId: string) => defects.find((d) => d.id === defectId)!;

    const controller = api.drills.codeReviews.controller;
    const thread = (lines: [number, number]) => controller.createCommentThread(editor.document.uri, new vscode.Range(lines[0] - 1, 0, lines[1] - 1, 0), []);

    // The category picker starts on the guess from the note; the user accepts it.
    let offered: string[] = [];
    const restore = stubWindow('showQuickPick', (async (items: readonly (vscode.QuickPickItem & { category: string })[]) => {
      offered = items.map((item) => item.category);
      return items[0];
    }) as never);
    let first;
    try {
      first = thread(byId('setnx-then-expire').lines as [number, number]);
      await vscode.commands.executeCommand('sdcoach.addReviewMark', { thread: first, text: 'SETNX then EXPIRE is not atomic: a crash in between leaves the lock forever. Use one SET NX PX.' });
    } finally {
      restore();
    }
    assert.equal(offered[0], 'non-atomic-update', 'the guess leads the list');
    assert.equal(first.comments.length, 1);
    assert.equal(first.comments[0].label, 'Non-atomic update');

    const timeout = thread(byId('default-client-no-timeout').lines as [number, number]);
    await vscode.commands.executeCommand('sdcoach.addReviewMark', { thread: timeout, text: 'http.DefaultClient has no timeout; the call can outlive the lock.' }, 'missing-timeout');
    const wrong = thread([1, 1]);
    await vscode.commands.executeCommand('sdcoach.addReviewMark', { thread: wrong, text: 'package name is too generic' }, 'error-handling');
    const extra = thread([2, 2]);
    await vscode.commands.executeCommand('sdcoach.addReviewMark', { thread: extra, text: 'imports are not grouped' }, 'error-handling');
    // Changed my mind about one of them.
    await vscode.commands.executeCommand('sdcoach.deleteReviewMark', extra.comments[0]);

    const saved = JSON.parse(await readText(vscode.Uri.joinPath(folder, 'marks.json'))) as { marks: { startLine: number; category: string }[] };
    assert.deepEqual(saved.marks.map((m) => [m.startLine, m.category]), [
      [byId('setnx-then-expire').lines[0], 'non-atomic-update'],
      [byId('default-client-no-timeout').lines[0], 'missing-timeout'],
      [1, 'error-handling'],
    ]);

    const submitted = await vscode.commands.executeCommand<CodeReviewSubmitted>('sdcoach.submitCodeReview', id);
    assert.deepEqual(submitted.result.found.map((m) => m.defect.id).sort(), ['default-client-no-timeout', 'setnx-then-expire']);
    assert.deepEqual(submitted.result.missed.map((d) => d.id).sort(), defects.map((d) => d.id).filter((d) => !['default-client-no-timeout', 'setnx-then-expire'].includes(d)).sort());
    assert.deepEqual(submitted.result.falseAlarms.map((m) => m.startLine), [1]);
    const report = await readText(submitted.report);
    assert.match(report, /## Found \(2\)/);
    assert.match(report, new RegExp(`## Missed \\(${defects.length - 2}\\)`));
    assert.match(report, /## False alarms \(1\)/);
    assert.match(report, /## Corrected version\n\n```go\npackage /);
    assert.equal(api.progress.get(id)?.bestScore, submitted.result.score);
    await waitFor(
      () => tabs().find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.path.includes('/corrected/')),
      'the diff with the corrected file',
    );
  });
});

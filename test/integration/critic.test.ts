import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Review } from '../../src/core/critic/review';
import { activateExtension, closeAllEditors, readText, waitFor, workspaceFolder } from './helpers';

describe('Offline critic', () => {
  after(closeAllEditors);

  it('lints a practice diagram as diagnostics, and the quick fix adds the missing replica', async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', 'rate-limiter', 'architecture.mmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('flowchart LR\n  app([Mobile app]) --> db[(MySQL)]\n  lonely[Search]\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'System Design Coach');
      return found.length >= 3 ? found : undefined;
    }, 'design diagnostics');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]).sort(), [
      ['client-writes-db', 1],
      ['orphan-node', 2],
      ['single-point-of-failure', 1],
    ]);
    const spof = diagnostics.find((d) => d.code === 'single-point-of-failure')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, spof.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Add a read replica');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /\n {2}replica\[\(MySQL replica\)\]\n {2}db -\.->\|binlog replication\| replica\n$/);
    await waitFor(
      () => (vscode.languages.getDiagnostics(uri).some((d) => d.code === 'single-point-of-failure') ? undefined : true),
      'the finding to go away after the fix',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // A project's own Markdown and Mermaid docs are not practice answers: no findings there.
    const docs = vscode.Uri.joinPath(workspaceFolder().uri, 'docs', 'overview.md');
    await vscode.workspace.fs.writeFile(docs, new TextEncoder().encode('# Overview\n\n```mermaid\nflowchart LR\n  app([Mobile app]) --> db[(MySQL)]\n```\n'));
    await vscode.window.showTextDocument(docs);
    // Opened after it, a practice answer with the same block gets its finding: by then docs/ would have had one.
    const answer = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', 'rate-limiter', 'answer.md');
    await vscode.workspace.fs.writeFile(answer, new TextEncoder().encode('# Rate limiter\n\n```mermaid\nflowchart LR\n  app([Mobile app]) --> db[(MySQL)]\n```\n'));
    await vscode.window.showTextDocument(answer);
    await waitFor(() => vscode.languages.getDiagnostics(answer).find((d) => d.code === 'client-writes-db'), 'the finding in the practice answer');
    assert.deepEqual(vscode.languages.getDiagnostics(docs).filter((d) => d.source === 'System Design Coach'), []);
  });

  it('Review My Answer scores the practice, writes review.md beside it and records the best score', async () => {
    const api = await activateExtension();
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', 'url-shortener');
    await vscode.workspace.fs.createDirectory(folder);
    const answer = vscode.Uri.joinPath(folder, 'answer.md');
    await vscode.workspace.fs.writeFile(
      answer,
      new TextEncoder().encode(
        '# URL shortener\n\n## Estimates\n- links_per_month = 100M\n- write_qps = links_per_month / (30 * 86400)\n- peak_write_qps = write_qps * 5 = 2000\n\n## High-level design\nBase62 codes from an ID allocator, 302 redirects, Redis cache-aside with negative caching, rate limits per API key.\n',
      ),
    );
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'architecture.mmd'), new TextEncoder().encode('flowchart LR\n  u([Users]) --> gw[API gateway] --> svc[Link service]\n  svc --> redis[(Redis cluster)]\n  svc --> db[(MySQL primary)]\n'));
    const review = await vscode.commands.executeCommand<Review>('sdcoach.reviewAnswer', answer);
    assert.equal(review.problemId, 'url-shortener');
    assert.ok(review.total > 10 && review.total < 80, String(review.total));
    const written = await readText(vscode.Uri.joinPath(folder, 'review.md'));
    assert.match(written, new RegExp(`^# Review: .+\\n\\n\\*\\*Score: ${review.total} / 100\\*\\*`));
    assert.match(written, /\[line 6\]\(answer\.md#L6\)/, 'the slip links to its line');
    assert.match(written, /`[█░]{10}`/, 'a bar per criterion');
    assert.equal(api.progress.get('url-shortener')?.bestScore, review.total);

    // The scorecard opens beside the answer.
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Review: ')),
      'the scorecard panel',
    );

    // The same slip shows in the answer itself, on its line.
    const document = await vscode.workspace.openTextDocument(answer);
    await vscode.window.showTextDocument(document);
    const slip = await waitFor(() => vscode.languages.getDiagnostics(answer).find((d) => d.code === 'estimate-slip'), 'the estimate-slip diagnostic');
    assert.equal(slip.range.start.line, 5);
    assert.match(slip.message, /2K.*193/);
    const entries = await vscode.workspace.fs.readDirectory(folder);
    assert.ok(!entries.some(([name]) => name.endsWith('.tmp')), 'no temporary file left behind');
  });
});

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PracticeStarted } from '../../src/practice/startPractice';
import { activateExtension, closeAllEditors, readText, waitFor, workspaceFolder } from './helpers';

describe('Start Practice', () => {
  after(closeAllEditors);

  it('creates answer.md and architecture.mmd, then never overwrites them', async () => {
    await activateExtension();
    const folder = workspaceFolder();
    const answer = vscode.Uri.joinPath(folder.uri, 'system-design', 'cache-avalanche', 'answer.md');
    const diagram = vscode.Uri.joinPath(folder.uri, 'system-design', 'cache-avalanche', 'architecture.mmd');

    const first = await vscode.commands.executeCommand<PracticeStarted>('sdcoach.startPractice', 'cache-avalanche');
    assert.equal(first.answer.toString(), answer.toString());
    assert.equal(first.diagram.toString(), diagram.toString());
    assert.deepEqual(first.created.map(String).sort(), [answer, diagram].map(String).sort());

    const template = await readText(answer);
    assert.match(template, /^# /);
    for (const heading of ['## Impact and timeline', '## Hypotheses and investigation', '## Root cause', '## Mitigation', '## Durable fix', '## Prevention and monitoring']) {
      assert.ok(template.includes(heading), `the incident template has "${heading}"`);
    }
    assert.match(await readText(diagram), /^flowchart LR$/m);

    // The user writes an answer and saves it; starting again must keep it.
    const myAnswer = `${template}\nThe TTLs all expired at 09:00.\n`;
    await vscode.workspace.fs.writeFile(answer, new TextEncoder().encode(myAnswer));
    const second = await vscode.commands.executeCommand<PracticeStarted>('sdcoach.startPractice', 'cache-avalanche');
    assert.deepEqual(second.created, []);
    assert.equal(await readText(answer), myAnswer);
  });

  it('opens the answer and the diagram editor side by side', async () => {
    await activateExtension();
    await closeAllEditors();
    const started = await vscode.commands.executeCommand<PracticeStarted>('sdcoach.startPractice', 'url-shortener');
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const diagramTab = await waitFor(
      () =>
        tabs().find(
          (tab) =>
            tab.input instanceof vscode.TabInputCustom &&
            tab.input.viewType === 'sdcoach.diagramEditor' &&
            tab.input.uri.toString() === started.diagram.toString(),
        ),
      'the diagram editor tab',
    );
    const answerTab = tabs().find(
      (tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === started.answer.toString(),
    );
    assert.ok(answerTab, 'answer.md is open');
    assert.notEqual(answerTab.group.viewColumn, diagramTab.group.viewColumn, 'they are side by side');
  });
});

describe('Content language', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('sdcoach').update('contentLanguage', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('shows the tree and writes the templates in Chinese when sdcoach.contentLanguage is zh-CN', async () => {
    const api = await activateExtension();
    const refreshed = new Promise<void>((resolve) => {
      const subscription = api.catalogTree.onDidChangeTreeData!(() => {
        subscription.dispose();
        resolve();
      });
    });
    await vscode.workspace.getConfiguration('sdcoach').update('contentLanguage', 'zh-CN', vscode.ConfigurationTarget.Global);
    await refreshed;

    const [firstCategory] = (await api.catalogTree.getChildren()) ?? [];
    assert.equal((await api.catalogTree.getTreeItem(firstCategory)).label, '系统设计');
    const [firstEntry] = (await api.catalogTree.getChildren(firstCategory)) ?? [];
    const entryItem = await api.catalogTree.getTreeItem(firstEntry);
    assert.match(String(entryItem.label), /[\u4e00-\u9fff]/, 'the entry title is Chinese');
    assert.match(String(entryItem.description), /^(简单|中等|困难)$/);

    const started = await vscode.commands.executeCommand<PracticeStarted>('sdcoach.startPractice', 'rebalance-storm-backlog');
    const answer = await readText(started.answer);
    assert.match(answer, /^# .*[\u4e00-\u9fff]/);
    for (const heading of ['## 影响与时间线', '## 假设与排查', '## 根因', '## 止血', '## 长期修复', '## 预防与监控']) {
      assert.ok(answer.includes(heading), `the Chinese template has "${heading}"`);
    }
  });
});

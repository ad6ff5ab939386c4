import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogNode } from '../../src/catalog/catalogTreeProvider';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';

describe('Catalogue', () => {
  it('registers every sdcoach command', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.ok(declared.length >= 5);
    for (const command of declared) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
  });

  it('shows every catalogue entry in the tree, grouped by category in catalogue order', async () => {
    const api = await activateExtension();
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const expected = await loadCatalog(nodeCatalogSource(path.join(extensionPath, 'catalog')));
    assert.deepEqual(expected.problems, []);

    const roots = ((await api.catalogTree.getChildren()) ?? []) as CatalogNode[];
    const rootItems = await Promise.all(roots.map((node) => api.catalogTree.getTreeItem(node)));
    const expectedCategories = expected.categories.filter((c) => expected.entries.some((e) => e.category === c.id));
    assert.deepEqual(
      rootItems.map((item) => item.label),
      expectedCategories.map((c) => c.label.en),
    );

    const shown: string[] = [];
    for (const root of roots) {
      for (const child of ((await api.catalogTree.getChildren(root)) ?? []) as CatalogNode[]) {
        const item = await api.catalogTree.getTreeItem(child);
        assert.equal(item.contextValue, 'sdcoach.entry');
        assert.equal(item.command?.command, 'sdcoach.openEntry');
        assert.equal(child.type, 'entry');
        if (child.type === 'entry') {
          assert.equal(item.label, child.entry.title.en);
          shown.push(child.entry.id);
        }
      }
    }
    assert.deepEqual(shown, expected.entries.map((e) => e.id));
  });

  it('opens an entry statement as rendered Markdown', async () => {
    await activateExtension();
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const { entries } = await loadCatalog(nodeCatalogSource(path.join(extensionPath, 'catalog')));
    const entry = entries.find((e) => e.id === 'url-shortener');
    assert.ok(entry);
    await vscode.commands.executeCommand('sdcoach.openEntry', entry.id);
    const document = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sdcoach-statement' && d.uri.path === '/url-shortener.md'),
      'the statement document',
    );
    assert.ok(document.getText().startsWith(`# ${entry.title.en}\n`), 'the statement starts with the English title');
    assert.ok(document.getText().includes(entry.body.en), 'and holds the whole English statement');
  });
});

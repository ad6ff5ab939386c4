import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogNode } from '../../src/catalog/catalogTreeProvider';
import { loadCatalog, type Catalog } from '../../src/core/catalog/catalogLoader';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { activateExtension, closeAllEditors, EXTENSION_ID, waitFor, waitForEvent, workspaceFolder } from './helpers';
import type { SdcoachApi } from '../../src/extension';

async function shippedCatalog(): Promise<Catalog> {
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  return loadCatalog(nodeCatalogSource(path.join(extensionPath, 'catalog')));
}

/** The tree as the user sees it: group labels, each with its entry ids. */
async function visibleTree(api: SdcoachApi): Promise<{ group: string; ids: string[]; items: vscode.TreeItem[] }[]> {
  const roots = (await api.catalogTree.getChildren()) as CatalogNode[];
  return Promise.all(
    roots.map(async (root) => {
      const children = (await api.catalogTree.getChildren(root)) as CatalogNode[];
      return {
        group: String(api.catalogTree.getTreeItem(root).label),
        ids: children.map((child) => (child.type === 'entry' ? child.entry.id : '?')),
        items: children.map((child) => api.catalogTree.getTreeItem(child)),
      };
    }),
  );
}

function statementDocument(id: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sdcoach-statement' && d.uri.path === `/${id}.md`);
}

describe('Catalogue', () => {
  afterEach(async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('sdcoach.clearCatalogFilter');
    for (const [id, progress] of Object.entries(api.progress.all())) {
      if (progress.favorite) await api.progress.setFavorite(id, false);
    }
    await closeAllEditors();
  });

  it('registers every sdcoach command', async () => {
    await activateExtension();
    const commands = await vscode.commands.getCommands(true);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const declared = manifest.contributes.commands.map((c) => c.command);
    assert.ok(declared.length >= 13);
    for (const command of declared) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
  });

  it('shows every entry, grouped by category in catalogue order, with difficulty', async () => {
    const api = await activateExtension();
    const expected = await shippedCatalog();
    assert.deepEqual(expected.problems, []);
    const tree = await visibleTree(api);
    const expectedCategories = expected.categories.filter((c) => expected.entries.some((e) => e.category === c.id));
    assert.deepEqual(
      tree.map((group) => group.group),
      expectedCategories.map((c) => c.label.en),
    );
    assert.deepEqual(tree.flatMap((group) => group.ids), expected.entries.map((e) => e.id));
    const avalanche = tree.flatMap((g) => g.items).find((item) => item.id === 'category/cache-avalanche')!;
    assert.equal(avalanche.label, 'Cache avalanche after a batch warm-up');
    assert.equal(avalanche.description, 'Medium');
    assert.equal(avalanche.contextValue, 'sdcoach.entry');
    assert.deepEqual(avalanche.command?.arguments, ['cache-avalanche']);
  });

  it('filters by kind, difficulty, tag and status, and clears the filter', async () => {
    const api = await activateExtension();
    const { entries } = await shippedCatalog();
    await vscode.commands.executeCommand('sdcoach.filterCatalog', { kinds: ['incident'], difficulties: ['hard'] });
    const expected = entries.filter((e) => e.kind === 'incident' && e.difficulty === 'hard').map((e) => e.id);
    assert.ok(expected.length > 0);
    assert.deepEqual((await visibleTree(api)).flatMap((g) => g.ids), expected);
    assert.deepEqual(await api.catalogTree.counts(), { shown: expected.length, total: entries.length });

    await vscode.commands.executeCommand('sdcoach.filterCatalog', { tags: ['kafka'] });
    const kafka = (await visibleTree(api)).flatMap((g) => g.ids);
    assert.deepEqual(kafka, entries.filter((e) => e.tags.includes('kafka')).map((e) => e.id));

    await api.progress.markStarted('url-shortener');
    await vscode.commands.executeCommand('sdcoach.filterCatalog', { statuses: ['started'] });
    assert.ok((await visibleTree(api)).flatMap((g) => g.ids).includes('url-shortener'));

    await vscode.commands.executeCommand('sdcoach.clearCatalogFilter');
    assert.equal((await visibleTree(api)).flatMap((g) => g.ids).length, entries.length);
  });

  it('finds entries from the search box in either language', async () => {
    await activateExtension();
    for (const [query, id] of [
      ['缓存击穿', 'cache-breakdown-hot-key-expiry'],
      ['flash sale', 'seckill-flash-sale'],
    ]) {
      const picked = vscode.commands.executeCommand<string | undefined>('sdcoach.searchCatalog', query);
      // Let the Quick Pick show and filter, then accept its first item as a user pressing Enter would.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await picked, id, query);
      await waitFor(() => statementDocument(id), `the statement of ${id}`);
    }
  });

  it('keeps favourites in a group at the top', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('sdcoach.addFavorite', 'hot-key');
    await vscode.commands.executeCommand('sdcoach.addFavorite', 'url-shortener');
    const tree = await visibleTree(api);
    assert.equal(tree[0].group, 'Favourites');
    assert.deepEqual(tree[0].ids, ['url-shortener', 'hot-key'], 'in catalogue order');
    assert.equal(tree[0].items[0].contextValue, 'sdcoach.entry.favorite');
    assert.ok(tree.slice(1).some((g) => g.ids.includes('hot-key')), 'and still in their category');
    await vscode.commands.executeCommand('sdcoach.removeFavorite', 'hot-key');
    await vscode.commands.executeCommand('sdcoach.removeFavorite', 'url-shortener');
    assert.notEqual((await visibleTree(api))[0].group, 'Favourites');
  });

  it('opens the statement, then hints one at a time', async () => {
    const api = await activateExtension();
    const entry = (await shippedCatalog()).entries.find((e) => e.id === 'redis-split-brain')!;
    await api.progress.update(entry.id, (p) => ({ ...p, hintsRevealed: undefined }));
    await vscode.commands.executeCommand('sdcoach.openEntry', entry.id);
    const document = await waitFor(() => statementDocument(entry.id), 'the statement document');
    assert.ok(document.getText().startsWith(`# ${entry.title.en}\n`));
    assert.ok(document.getText().includes(entry.statement.en), 'the whole English statement');
    assert.ok(!document.getText().includes(entry.hints[0].en), 'no hint before asking');
    assert.ok(!document.getText().includes(entry.reference.en.slice(0, 80)), 'no reference');

    assert.equal(await vscode.commands.executeCommand('sdcoach.showHint', entry.id), 1);
    await waitFor(() => (statementDocument(entry.id)?.getText().includes(entry.hints[0].en) ? true : undefined), 'hint 1 in the statement');
    assert.equal(await vscode.commands.executeCommand('sdcoach.showHint', entry.id), 2);
    await waitFor(() => (statementDocument(entry.id)?.getText().includes(entry.hints[1].en) ? true : undefined), 'hint 2 in the statement');
    assert.ok(!statementDocument(entry.id)!.getText().includes(entry.hints[2].en), 'hint 3 stays hidden');
  });

  it('reveals the reference answer and renders its diagram', async () => {
    const api = await activateExtension();
    const entry = (await shippedCatalog()).entries.find((e) => e.id === 'seckill-flash-sale')!;
    // The diagram first: VS Code for the Web serves every webview from one origin, and two webviews
    // starting in the same instant can wait on each other's service worker.
    await api.progress.update(entry.id, (p) => ({ ...p, referenceRevealed: true }));
    // Generous: a webview that stalls is reloaded after 10 s (see DiagramEditorProvider).
    const rendered = waitForEvent(api.onDidRenderDiagram, (r) => r.uri.path === `/${entry.id}.mmd`, 'the reference diagram to render', 90_000);
    await vscode.commands.executeCommand('sdcoach.openReferenceDiagram', entry.id);
    const result = await rendered;
    assert.ok(result.nodeCount >= 6, `the reference diagram renders its ${result.nodeCount} nodes`);

    await api.progress.update(entry.id, (p) => ({ ...p, referenceRevealed: undefined }));
    assert.equal(await vscode.commands.executeCommand('sdcoach.revealReference', entry.id, { confirmed: true }), true);
    const reference = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sdcoach-reference' && d.uri.path === `/${entry.id}.md`),
      'the reference document',
    );
    assert.ok(reference.getText().includes('```mermaid\n' + entry.referenceDiagram.trim()));
    assert.ok(reference.getText().includes(entry.rubric[0].strong.en));
    assert.ok(reference.getText().includes(entry.pitfalls[0].en));
    assert.equal(api.progress.get(entry.id)?.referenceRevealed, true, 'remembered, so it does not ask again');
  });

  it('loads a workspace pack, reports its invalid files as diagnostics, and never replaces a built-in entry', async () => {
    const api = await activateExtension();
    const { entries } = await shippedCatalog();
    const builtin = entries.find((e) => e.id === 'url-shortener')!;
    const packRoot = vscode.Uri.joinPath(workspaceFolder().uri, '.sdcoach', 'catalog');
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(packRoot, name), new TextEncoder().encode(text));
    const original = await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'catalog', 'classic', 'url-shortener.md')));
    const translation = await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'catalog', 'classic', 'url-shortener.zh-cn.md')));
    const text = new TextDecoder().decode(original);
    const zh = new TextDecoder().decode(translation);
    try {
      const reloaded = waitForEvent(api.catalog.onDidChange, () => true, 'the catalogue to reload', 10_000).catch(() => undefined);
      await write('team/my-shortener.md', text.replace(/^id: url-shortener$/m, 'id: my-shortener').replace(/^ {2}en: .*$/m, '  en: Our team shortener'));
      await write('team/my-shortener.zh-cn.md', zh);
      await write('url-shortener.md', text);
      await write('url-shortener.zh-cn.md', zh);
      await write('broken.md', text.replace(/^id: url-shortener$/m, 'id: broken').replace(/^difficulty: .*$/m, 'difficulty: impossible'));
      await write('broken.zh-cn.md', zh);
      await reloaded;
      await vscode.commands.executeCommand('sdcoach.refreshCatalog');

      const catalog = await api.catalog.get();
      const mine = catalog.entries.find((e) => e.id === 'my-shortener');
      assert.ok(mine, 'the pack entry loads beside the built-in ones');
      assert.equal(mine.title.en, 'Our team shortener');
      assert.equal(catalog.entries.find((e) => e.id === 'url-shortener')?.origin, 'builtin', 'the built-in entry stays');
      assert.ok((await visibleTree(api)).find((g) => g.group === 'System design')?.ids.includes('my-shortener'));

      const broken = vscode.Uri.joinPath(packRoot, 'broken.md');
      const brokenDiagnostics = await waitFor(() => {
        const found = vscode.languages.getDiagnostics(broken);
        return found.length ? found : undefined;
      }, 'diagnostics on broken.md');
      assert.match(brokenDiagnostics[0].message, /difficulty/);
      const line = text.split('\n').findIndex((l) => l.startsWith('difficulty:'));
      assert.equal(brokenDiagnostics[0].range.start.line, line, 'on the line of the bad field');
      const duplicate = vscode.languages.getDiagnostics(vscode.Uri.joinPath(packRoot, 'url-shortener.md'));
      assert.equal(duplicate.length, 1);
      assert.match(duplicate[0].message, /built-in/);
      assert.equal(builtin.origin, 'builtin');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, '.sdcoach'), { recursive: true });
      await vscode.commands.executeCommand('sdcoach.refreshCatalog');
    }
    const after = await api.catalog.get();
    assert.ok(!after.entries.some((e) => e.id === 'my-shortener'), 'removing the pack removes its entries');
    assert.equal(vscode.languages.getDiagnostics(vscode.Uri.joinPath(packRoot, 'broken.md')).length, 0, 'and its diagnostics');
  });
});

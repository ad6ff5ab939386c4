import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localizedPalette } from '../../src/core/diagramPalette';
import type { WebviewToHostMessage } from '../../src/core/diagramProtocol';
import { applyEdits } from '../../src/core/flowchart/flowchartEdits';
import { STRINGS, startHarness, type Harness, type WebviewPage } from './harness';

const CHAIN = 'flowchart LR\n  client([Client]) --> gateway[API gateway]\n  gateway --> redis[(Redis)]\n';
type Edit = Extract<WebviewToHostMessage, { type: 'edit' }>;

/** A webview playing against a host that applies each edit to its text and sends the result back. */
async function openEditor(harness: Harness, text = CHAIN, options: { editable?: boolean } = {}) {
  const view = await harness.openPage();
  await view.waitForPosted((m) => m.type === 'ready', 'ready');
  await view.send({ type: 'init', strings: STRINGS, palette: localizedPalette('en'), editable: options.editable ?? true });
  let document = { text, version: 1 };
  await view.send({ type: 'update', ...document });
  await view.waitForPosted((m) => m.type === 'rendered' && m.version === 1, 'first render');
  let seen = (await view.posted()).length;
  return {
    view,
    get text() {
      return document.text;
    },
    /** Waits for the next edit the webview posts, applies it like the host would, and waits for the render. */
    async nextEdit(what: string): Promise<Edit> {
      const edit = (await view.waitForPosted((m) => m.type === 'edit' && m.version === document.version, what)) as Edit;
      document = { text: applyEdits(document.text, edit.edits), version: document.version + 1 };
      await view.send({ type: 'update', ...document });
      await view.waitForPosted((m) => m.type === 'rendered' && m.version === document.version, `render after ${what}`);
      seen = (await view.posted()).length;
      return edit;
    },
    async postedSince(): Promise<WebviewToHostMessage[]> {
      return (await view.posted()).slice(seen);
    },
  };
}

const node = (id: string) => `#diagram g.node[data-node-id="${id}"]`;
const status = (view: WebviewPage) => view.page.textContent('#status');

describe('diagram webview: visual editing (built bundle, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('inserts a palette building block as one new line and selects it after the render', async () => {
    const editor = await openEditor(harness);
    const { page } = editor.view;
    assert.equal(await page.locator('#palette .palette-item').count(), 18);
    for (let i = 0; i < 6; i++) await page.click('#zoom-in'); // zoomed in: the new node lands off-screen
    await page.click('#palette .palette-item[data-key="cache"]');
    const edit = await editor.nextEdit('the palette insert');
    assert.equal(edit.request, 'addNode');
    assert.deepEqual(edit.edits, [{ start: CHAIN.trimEnd().length, end: CHAIN.trimEnd().length, text: '\n  cache[(Redis cache)]' }]);
    assert.equal(editor.text, `${CHAIN.trimEnd()}\n  cache[(Redis cache)]\n`);
    await page.waitForSelector(`${node('cache')}.sd-selected`);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.nodeId), 'cache', 'the new node has focus');
    const inView = await page.evaluate(() => {
      const box = document.querySelector('#diagram g.node[data-node-id="cache"]')!.getBoundingClientRect();
      const view = document.getElementById('diagram')!.getBoundingClientRect();
      return box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom;
    });
    assert.ok(inView, 'and is scrolled into view');
    assert.equal(await status(editor.view), 'Selected "Redis cache"');

    // The palette folds away for narrow panels, and stays folded for this panel.
    await page.click('#toggle-palette');
    assert.equal(await page.isVisible('#palette'), false);
    assert.equal(await page.getAttribute('#toggle-palette', 'aria-pressed'), 'false');
    const state = await page.evaluate(() => (window as unknown as { acquireVsCodeApi(): { getState(): { paletteHidden?: boolean } } }).acquireVsCodeApi().getState());
    assert.equal(state.paletteHidden, true);
    await page.context().close();
  });

  it('keeps a fitted diagram fitted as it grows, until the user pans or zooms', async () => {
    const editor = await openEditor(harness);
    const { page } = editor.view;
    const inside = () =>
      page.evaluate(() => {
        const box = document.querySelector('#diagram svg')!.getBoundingClientRect();
        const view = document.getElementById('diagram')!.getBoundingClientRect();
        return box.left >= view.left - 1 && box.right <= view.right + 1 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
      });
    for (const key of ['cache', 'db', 'queue']) {
      await page.click(`#palette .palette-item[data-key="${key}"]`);
      await editor.nextEdit(`adding ${key}`);
    }
    await page.click(node('redis'));
    await page.keyboard.press('c');
    await page.click(node('cache'));
    await page.keyboard.press('Enter');
    await editor.nextEdit('redis → cache');
    await page.click(node('cache'));
    await page.keyboard.press('c');
    await page.click(node('db'));
    await page.keyboard.press('Enter');
    await editor.nextEdit('cache → db');
    assert.ok(await inside(), 'the whole diagram is still in view');
    const scale = await page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform);
    await page.click('#zoom-in');
    const zoomed = await page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform);
    await page.click(node('db'));
    await page.click('#palette .palette-item[data-key="storage"]');
    await editor.nextEdit('adding storage');
    const k = (transform: string) => Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
    assert.ok(Math.abs(k(zoomed) - k(scale) * 1.25) < 1e-3);
    const after = await page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform);
    assert.equal(k(after), k(zoomed), 'after a zoom the view is the user\'s: no refit');
    await page.context().close();
  });

  it('renames with F2 or a double-click in an inline editor, and edits a connection label', async () => {
    const editor = await openEditor(harness);
    const { page } = editor.view;
    await page.focus(node('client'));
    await page.keyboard.press('F2');
    assert.equal(await page.inputValue('#inline-editor'), 'Client');
    await page.fill('#inline-editor', 'Mobile app');
    await page.keyboard.press('Enter');
    await editor.nextEdit('the rename');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.nodeId), 'client', 'focus stays on the node after the re-render');
    assert.match(editor.text, /^ {2}client\(\[Mobile app\]\) --> gateway\[API gateway\]$/m);

    await page.dblclick(node('redis'));
    await page.fill('#inline-editor', 'Redis [cluster]');
    await page.keyboard.press('Escape');
    assert.deepEqual((await editor.postedSince()).filter((m) => m.type === 'edit'), [], 'Escape cancels');

    await page.dblclick(node('redis'));
    await page.fill('#inline-editor', 'Redis [cluster]');
    await page.keyboard.press('Enter');
    await editor.nextEdit('the second rename');
    assert.match(editor.text, /redis\[\("Redis \[cluster\]"\)\]/);

    await page.focus('path.edge-hit[data-edge-id="L_gateway_redis_0"]');
    await page.keyboard.press('F2');
    await page.fill('#inline-editor', 'GET');
    await page.keyboard.press('Enter');
    await editor.nextEdit('the edge label');
    assert.match(editor.text, /gateway -->\|GET\| redis/);
    await page.context().close();
  });

  it('connects two nodes by mouse or keyboard, with a label and the async style', async () => {
    const editor = await openEditor(harness);
    const { page } = editor.view;
    await page.click(node('gateway'));
    await page.keyboard.press('c');
    assert.equal(await status(editor.view), 'Connecting from "API gateway"');
    await page.click(node('client'));
    await page.waitForSelector('#connect-form:not([hidden])');
    await page.fill('#connect-label', 'push');
    await page.selectOption('#connect-style', 'async');
    await page.keyboard.press('Enter');
    await editor.nextEdit('the connect');
    assert.equal(editor.text, `${CHAIN.trimEnd()}\n  gateway -.->|push| client\n`);

    // Keyboard only: focus a node, C, Tab to the target, Enter, Enter.
    await page.focus(node('client'));
    await page.click('#connect');
    await page.focus(node('redis'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('#connect-form:not([hidden])');
    await page.keyboard.press('Enter');
    await editor.nextEdit('the keyboard connect');
    assert.match(editor.text, /\n {2}client -.-> redis\n$/, 'the form keeps the last style chosen');
    await page.context().close();
  });

  it('deletes a selected edge or node with Delete and changes the direction from the toolbar', async () => {
    const editor = await openEditor(harness);
    const { page } = editor.view;
    await page.click('path.edge-hit[data-edge-id="L_client_gateway_0"]', { force: true });
    assert.equal(await status(editor.view), STRINGS.statusSelectedEdge);
    await page.keyboard.press('Delete');
    await editor.nextEdit('deleting the edge');
    assert.equal(editor.text, 'flowchart LR\n  client([Client])\n  gateway[API gateway]\n  gateway --> redis[(Redis)]\n');

    await page.click(node('gateway'));
    await page.click('#delete');
    await editor.nextEdit('deleting the node');
    assert.equal(editor.text, 'flowchart LR\n  client([Client])\n  redis[(Redis)]\n');

    await page.selectOption('#direction', 'TB');
    await editor.nextEdit('the direction');
    assert.match(editor.text, /^flowchart TB\n/);
    await page.context().close();
  });

  it('does not draw again when only whitespace or comments change, but does for a real change', async () => {
    const editor = await openEditor(harness);
    const { view } = editor;
    await view.page.evaluate(() => document.querySelector('#diagram svg')?.setAttribute('data-marker', 'first'));
    await view.send({ type: 'update', text: CHAIN.replace('  gateway -->', '    %% the cache\n    gateway  -->'), version: 2 });
    const skipped = await view.waitForPosted((m) => m.type === 'rendered' && m.version === 2, 'v2');
    assert.ok(skipped.type === 'rendered' && skipped.skipped === true && skipped.svg === undefined);
    assert.equal(await view.page.getAttribute('#diagram svg', 'data-marker'), 'first', 'the same SVG element stays');
    await view.send({ type: 'update', text: CHAIN.replace('Redis', 'Redis!'), version: 3 });
    const drawn = await view.waitForPosted((m) => m.type === 'rendered' && m.version === 3, 'v3');
    assert.ok(drawn.type === 'rendered' && !drawn.skipped);
    assert.equal(await view.page.getAttribute('#diagram svg', 'data-marker'), null);
    await view.page.context().close();
  });

  it('shows the SVG the host cached before mermaid has drawn anything, and skips the redundant render', async () => {
    const first = await openEditor(harness);
    const rendered = (await first.view.posted()).find((m) => m.type === 'rendered');
    assert.ok(rendered?.type === 'rendered' && rendered.svg && rendered.theme);
    await first.view.page.context().close();

    const view = await harness.openPage();
    await view.waitForPosted((m) => m.type === 'ready', 'ready');
    await view.send({ type: 'init', strings: STRINGS, cached: { text: CHAIN, svg: rendered.svg, theme: rendered.theme, nodeCount: 3 } });
    assert.equal(await view.page.locator('#diagram svg g.node').count(), 3, 'on screen straight from init');
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    const result = await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.ok(result.type === 'rendered' && result.skipped === true);

    // Reopened with a saved view, the host puts the SVG into the page itself: there before any script runs.
    const embedded = await harness.openPage({ cachedSvg: { svg: rendered.svg, view: { x: 12, y: 34, k: 0.5 } } });
    await embedded.waitForPosted((m) => m.type === 'ready', 'ready');
    assert.equal(await embedded.page.locator('#diagram svg g.node').count(), 3);
    assert.equal(await embedded.page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform), 'translate(12px, 34px) scale(0.5)');
    await embedded.send({ type: 'init', strings: STRINGS, palette: localizedPalette('en'), editable: true, cached: { text: CHAIN, svg: rendered.svg, theme: rendered.theme, nodeCount: 3 } });
    await embedded.send({ type: 'update', text: CHAIN, version: 1 });
    const kept = await embedded.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.ok(kept.type === 'rendered' && kept.skipped === true, 'nothing to draw');
    assert.equal(await embedded.page.getAttribute('#diagram g.node[data-node-id="client"]', 'tabindex'), '0', 'and it is editable');
    assert.deepEqual(embedded.cspViolations, []);
    await embedded.page.context().close();

    // A cache entry from another theme is not used.
    const dark = await harness.openPage({ themeClass: 'vscode-dark' });
    await dark.waitForPosted((m) => m.type === 'ready', 'ready');
    await dark.send({ type: 'init', strings: STRINGS, cached: { text: CHAIN, svg: rendered.svg, theme: rendered.theme, nodeCount: 3 } });
    assert.equal(await dark.page.locator('#diagram svg').count(), 0);
    await view.page.context().close();
    await dark.page.context().close();
  });

  it('offers no editing on other diagram types or read-only documents, but still renders them', async () => {
    const sequence = await openEditor(harness, 'sequenceDiagram\n  Client->>API: GET /feed\n');
    assert.equal(await sequence.view.page.isDisabled('#palette .palette-item >> nth=0'), true);
    assert.equal(await status(sequence.view), STRINGS.notEditable);
    assert.equal(await sequence.view.page.locator('#diagram svg').count(), 1);
    await sequence.view.page.context().close();

    const readOnly = await openEditor(harness, CHAIN, { editable: false });
    assert.equal(await readOnly.view.page.isVisible('#palette'), false);
    assert.equal(await readOnly.view.page.isVisible('#edit-tools'), false);
    await readOnly.view.page.focus(node('client'));
    await readOnly.view.page.keyboard.press('Delete');
    assert.deepEqual((await readOnly.postedSince()).filter((m) => m.type === 'edit'), []);
    assert.equal(await status(readOnly.view), STRINGS.readOnly);
    await readOnly.view.page.context().close();
  });

  it('exports a standalone SVG (without editing decorations) and a PNG, on a transparent or theme background', async () => {
    const editor = await openEditor(harness);
    const { view } = editor;
    await view.page.click(node('client')); // a selection must not leak into the export
    await view.send({ type: 'export', requestId: 1, format: 'svg', background: 'transparent' });
    const svg = await view.waitForPosted((m) => m.type === 'exported' && m.requestId === 1, 'SVG');
    assert.ok(svg.type === 'exported');
    assert.match(svg.data, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.doesNotMatch(svg.data, /edge-hit|sd-selected|tabindex/);
    assert.match(svg.data, /Client/);

    await view.send({ type: 'export', requestId: 2, format: 'svg', background: 'theme' });
    const themed = await view.waitForPosted((m) => m.type === 'exported' && m.requestId === 2, 'themed SVG');
    assert.ok(themed.type === 'exported');
    assert.match(themed.data.slice(0, 600), /^<svg[^>]*><rect [^>]*fill="(rgb\(|#)/, 'a background rectangle first');

    await view.send({ type: 'export', requestId: 3, format: 'png', background: 'transparent' });
    const png = await view.waitForPosted((m) => (m.type === 'exported' || m.type === 'exportFailed') && m.requestId === 3, 'PNG');
    assert.equal(png.type, 'exported', JSON.stringify(png).slice(0, 300));
    assert.ok(png.type === 'exported' && png.data.startsWith('data:image/png;base64,'));
    const bytes = Buffer.from(png.type === 'exported' ? png.data.split(',')[1] : '', 'base64');
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    assert.ok(bytes.readUInt32BE(16) > 400, 'drawn at twice the natural width');
    await view.page.click('#export-svg');
    await view.waitForPosted((m) => m.type === 'command' && m.command === 'exportSvg', 'the toolbar asks the host to export');
    assert.deepEqual(view.cspViolations, []);
    await view.page.context().close();
  });
});

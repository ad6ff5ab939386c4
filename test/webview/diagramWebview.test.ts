import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STRINGS, startHarness, type Harness, type WebviewPage } from './harness';

const CHAIN = 'flowchart LR\n  client([Client]) --> gateway[API gateway]\n  gateway --> redis[(Redis)]\n';
const BROKEN = 'flowchart LR\n  client([Client]) --> gateway[API gateway]\n  gateway --> --> redis[(Redis\n';

async function openReady(harness: Harness, themeClass?: string): Promise<WebviewPage> {
  const view = await harness.openPage({ themeClass });
  await view.waitForPosted((m) => m.type === 'ready', 'ready');
  await view.send({ type: 'init', strings: STRINGS });
  return view;
}

async function nodeLabels(view: WebviewPage): Promise<string[]> {
  return view.page.$$eval('#diagram svg g.node', (nodes) => nodes.map((node) => node.textContent?.trim() ?? ''));
}

describe('diagram webview (built bundle, extension CSP, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('says ready, renders the document into an SVG with its nodes, and reports the render', async () => {
    const view = await openReady(harness);
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    const rendered = await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.ok(rendered.type === 'rendered');
    assert.deepEqual([rendered.version, rendered.nodeCount, rendered.skipped], [1, 3, undefined]);
    assert.match(rendered.svg ?? '', /^<svg id="sdcoach-diagram-\d+"/, 'the SVG comes along for the host cache');
    assert.deepEqual(await nodeLabels(view), ['Client', 'API gateway', 'Redis']);
    assert.equal((await view.posted())[0].type, 'ready', 'ready comes first');
    assert.equal(await view.page.isVisible('#error'), false);
    assert.equal(await view.page.getAttribute('#diagram', 'aria-label'), STRINGS.diagramLabel);
    assert.deepEqual(view.cspViolations, [], 'nothing was blocked by the CSP');
    assert.deepEqual(view.foreignRequests, [], 'no request left the webview origin');
    await view.page.context().close();
  });

  it('on a syntax error shows the message and keeps the last good SVG', async () => {
    const view = await openReady(harness);
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    const goodSvg = await view.page.innerHTML('#diagram');

    await view.send({ type: 'update', text: BROKEN, version: 2 });
    const failed = await view.waitForPosted((m) => m.type === 'renderFailed', 'renderFailed');
    assert.equal(failed.type === 'renderFailed' && failed.version, 2);
    assert.equal(failed.type === 'renderFailed' && failed.line, 3, 'the error points at the broken line');
    assert.equal(await view.page.isVisible('#error'), true);
    assert.equal(await view.page.getAttribute('#error', 'role'), 'alert');
    assert.equal(await view.page.innerText('#error-title'), 'Syntax error on line 3, column 15', 'at the second arrow');
    assert.equal(failed.type === 'renderFailed' && failed.column, 15);
    assert.match(await view.page.innerText('#error-detail'), /^Parse error on line 3:/);
    assert.equal(await view.page.innerText('#error-note'), STRINGS.keptLastGood);
    assert.equal(await view.page.innerHTML('#diagram'), goodSvg, 'the last good SVG is still shown, unchanged');

    await view.send({ type: 'update', text: 'flowchart TD\n  a[Only node]\n', version: 3 });
    await view.waitForPosted((m) => m.type === 'rendered' && m.version === 3, 'rendered v3');
    assert.equal(await view.page.isVisible('#error'), false, 'the banner goes away once the diagram is fixed');
    assert.deepEqual(await nodeLabels(view), ['Only node']);
    assert.deepEqual(view.cspViolations, []);
    await view.page.context().close();
  });

  it('when edits arrive faster than it renders, ends on the newest version', async () => {
    const view = await openReady(harness);
    for (let version = 1; version <= 6; version++) {
      await view.send({ type: 'update', text: `flowchart LR\n  a[v${version}] --> b[B]\n`, version });
    }
    await view.waitForPosted((m) => m.type === 'rendered' && m.version === 6, 'rendered v6');
    assert.deepEqual(await nodeLabels(view), ['v6', 'B']);
    const renders = (await view.posted()).filter((m) => m.type === 'rendered');
    assert.ok(renders.length < 6, `stale versions were skipped (${renders.length} renders for 6 edits)`);
    await view.page.context().close();
  });

  it('shows a hint for an empty document instead of an error', async () => {
    const view = await openReady(harness);
    await view.send({ type: 'update', text: '  \n', version: 1 });
    await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.equal(await view.page.innerText('#empty'), STRINGS.emptyDiagram);
    assert.equal(await view.page.isVisible('#error'), false);
    await view.page.context().close();
  });

  it('follows the VS Code colour theme, re-rendering when it changes', async () => {
    const view = await openReady(harness, 'vscode-light');
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    const nodeFill = () =>
      view.page.$eval('#diagram svg g.node rect, #diagram svg g.node path', (shape) => getComputedStyle(shape).fill);
    const lightFill = await nodeFill();

    await view.page.evaluate(() => {
      document.body.classList.replace('vscode-light', 'vscode-dark');
    });
    await view.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'rendered').length >= 2,
    );
    const darkFill = await nodeFill();
    assert.notEqual(darkFill, lightFill, `dark theme paints nodes differently (${lightFill} → ${darkFill})`);

    await view.page.evaluate(() => {
      document.body.style.setProperty('--vscode-contrastBorder', '#f38518');
      document.body.classList.replace('vscode-dark', 'vscode-high-contrast');
    });
    await view.page.waitForFunction(
      () => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'rendered').length >= 3,
    );
    const stroke = await view.page.$eval('#diagram svg g.node rect, #diagram svg g.node path', (shape) => getComputedStyle(shape).stroke);
    assert.equal(stroke, 'rgb(243, 133, 24)', 'high contrast draws node borders in the theme contrast colour');
    await view.page.context().close();
  });

  it('reports a render that never finishes (a chunk that never arrives) so the host can reload it', async () => {
    const view = await harness.openPage();
    await view.waitForPosted((m) => m.type === 'ready', 'ready');
    // The flowchart code arrives only with the first render; hold it back forever.
    await view.page.route('**/flowDiagram-*.js', () => undefined);
    await view.send({ type: 'init', strings: STRINGS, stallAfterMs: 500 });
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    const stalled = await view.waitForPosted((m) => m.type === 'stalled', 'stalled');
    assert.deepEqual(stalled, { type: 'stalled', version: 1 });
    await view.page.context().close();

    const healthy = await harness.openPage();
    await healthy.waitForPosted((m) => m.type === 'ready', 'ready');
    await healthy.send({ type: 'init', strings: STRINGS, stallAfterMs: 10_000 });
    await healthy.send({ type: 'update', text: CHAIN, version: 1 });
    await healthy.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.ok(!(await healthy.posted()).some((m) => m.type === 'stalled'), 'a render that finishes is not reported');
    await healthy.page.context().close();
  });

  it('draws labels holding HTML or script as inert text', async () => {
    const view = await openReady(harness);
    const hostile = [
      'flowchart LR',
      '  a["<img src=x onerror=window.__pwned=1>"] --> b["<script>window.__pwned=2</script>"]',
      '  b --> c["<a href=javascript:window.__pwned=3>click</a>"]',
    ].join('\n');
    await view.send({ type: 'update', text: hostile, version: 1 });
    await view.waitForPosted((m) => m.type === 'rendered' || m.type === 'renderFailed', 'a result');
    await view.page.click('#diagram svg g.node >> nth=2').catch(() => undefined);
    assert.equal(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'nothing ran');
    assert.equal(await view.page.$$eval('#diagram script, #diagram [onerror], #diagram [href^="javascript:"]', (els) => els.length), 0);
    // Mermaid measures labels in a scratch element; an inline handler that gets that far is refused
    // by the CSP (no 'unsafe-inline'), which is the second wall after mermaid's sanitiser.
    assert.ok(view.cspViolations.every((v) => v.startsWith('script-src-attr')), view.cspViolations.join(', '));
    await view.page.context().close();
  });

  it('refuses a document over the size limit with a clear message and keeps the last diagram', async () => {
    const view = await openReady(harness);
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    await view.send({ type: 'tooLarge', version: 2, length: 812345, limit: 50000 });
    const failed = await view.waitForPosted((m) => m.type === 'renderFailed' && m.version === 2, 'renderFailed');
    assert.match(failed.type === 'renderFailed' ? failed.message : '', /too large.*812,345.*50,000/);
    assert.equal(await view.page.isVisible('#error'), true);
    assert.equal(await view.page.textContent('#error-title'), STRINGS.tooLarge);
    assert.deepEqual(await nodeLabels(view), ['Client', 'API gateway', 'Redis'], 'the last good diagram stays');
    await view.page.context().close();
  });

  it('pans and zooms with buttons, keys and drag, keeps the view across edits, and restores it from saved state', async () => {
    const view = await openReady(harness);
    const transform = () => view.page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform);
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec(await transform())?.[1]);
    await view.send({ type: 'update', text: CHAIN, version: 1 });
    await view.waitForPosted((m) => m.type === 'rendered', 'rendered');
    const fitted = await scale();
    assert.ok(fitted > 0 && fitted <= 1, `fitted, never enlarged (scale ${fitted})`);
    assert.equal(await view.page.isVisible('#toolbar'), true);
    assert.equal(await view.page.getAttribute('#zoom-in', 'aria-label'), STRINGS.zoomIn);

    await view.page.click('#zoom-in');
    assert.ok(Math.abs((await scale()) - fitted * 1.25) < 1e-6, 'a button zooms in by one step');
    await view.page.focus('#diagram');
    await view.page.keyboard.press('0');
    assert.equal(await scale(), 1, '0 is actual size');
    const before = await transform();
    const box = (await view.page.locator('#diagram').boundingBox())!;
    await view.page.mouse.move(box.x + 200, box.y + 200);
    await view.page.mouse.down();
    await view.page.mouse.move(box.x + 250, box.y + 230, { steps: 3 });
    await view.page.mouse.up();
    const dragged = await transform();
    assert.notEqual(dragged, before, 'dragging pans');

    await view.send({ type: 'update', text: CHAIN.replace('Redis', 'Redis Cluster'), version: 2 });
    await view.waitForPosted((m) => m.type === 'rendered' && m.version === 2, 'the second render');
    assert.equal(await transform(), dragged, 'an edit keeps the view');

    // The view is saved once it settles: in the webview state (reloads) and with the host (per file).
    const [dx, dy, dk] = (dragged.match(/-?[\d.]+/g) ?? []).map(Number);
    const near = (a: number, b: number) => Math.abs(a - b) < 0.01;
    await view.waitForPosted(
      (m) => m.type === 'viewState' && near(m.view.x, dx) && near(m.view.y, dy) && near(m.view.k, dk),
      'the dragged view, for the host',
    );
    const state = await view.page.evaluate(() => (window as unknown as { acquireVsCodeApi(): { getState(): unknown } }).acquireVsCodeApi().getState());
    assert.deepEqual(Object.keys((state as { view: object }).view).sort(), ['k', 'x', 'y']);
    await view.page.context().close();

    const restored = await harness.openPage({ initScript: 'window.__initialState = { view: { x: 10, y: 20, k: 2 } };' });
    await restored.waitForPosted((m) => m.type === 'ready', 'ready');
    await restored.send({ type: 'init', strings: STRINGS });
    await restored.send({ type: 'update', text: CHAIN, version: 1 });
    await restored.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.equal(await restored.page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform), 'translate(10px, 20px) scale(2)');
    await restored.page.context().close();

    // A file reopened in a new panel gets its last view from the host.
    const reopened = await harness.openPage();
    await reopened.waitForPosted((m) => m.type === 'ready', 'ready');
    await reopened.send({ type: 'init', strings: STRINGS, view: { x: 5, y: 6, k: 0.5 } });
    await reopened.send({ type: 'update', text: CHAIN, version: 1 });
    await reopened.waitForPosted((m) => m.type === 'rendered', 'rendered');
    assert.equal(await reopened.page.$eval('#diagram svg', (svg) => (svg as SVGSVGElement).style.transform), 'translate(5px, 6px) scale(0.5)');
    await reopened.page.context().close();
  });
});

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import type { DrillView } from '../../src/core/drills/drillProtocol';
import { metricChartGroups } from '../../src/core/drills/incidentCharts';
import { incidentDrillView } from '../../src/core/drills/incidentDrillView';
import { drillHtml } from '../../src/drills/drillHtml';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { NONCE, startHarness, type Harness } from './harness';

const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

describe('incident drill panel (built bundle, extension CSP, Chromium)', async () => {
  const catalog = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog', import.meta.url))));
  const incidents = catalog.entries.filter((entry) => entry.kind === 'incident');
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  const open = async (themeClass = 'vscode-light') => {
    const panel = await harness.openPage({
      themeClass,
      html: drillHtml({ cspSource: harness.origin, scriptUri: `${harness.origin}/drill.js`, styleUri: `${harness.origin}/drill.css`, nonce: NONCE, language: 'en' }),
    });
    await panel.waitForPosted((m) => (m as { type: string }).type === 'ready', 'ready');
    return panel;
  };
  const show = async (panel: Awaited<ReturnType<typeof open>>, view: DrillView) => {
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view);
    await panel.page.waitForSelector('#drill[data-charts="drawn"], #drill:not([aria-busy]) ol.evidence:not(:has(.chart))');
  };

  it('draws every chart of every incident, one line per series, with a legend', async () => {
    assert.ok(incidents.length >= 16);
    const panel = await open();
    for (const entry of incidents) {
      const total = entry.incident!.evidence.length;
      const view = incidentDrillView(entry, 'zh-CN', { revealed: total, total });
      await show(panel, view);
      const expected = entry.incident!.evidence.flatMap((item) => (item.kind === 'metric' ? metricChartGroups(item).map((group) => group.series.length) : []));
      const drawn = await panel.page.$$eval('.chart', (charts) =>
        charts.map((chart) => ({
          failed: chart.classList.contains('failed'),
          lines: chart.querySelectorAll('svg g.line-plot-0 path, svg [class^="line-plot"] path').length,
          legend: chart.querySelectorAll('ul.legend li').length,
        })),
      );
      assert.deepEqual(drawn.map((c) => c.failed), expected.map(() => false), `${entry.id}: no chart failed`);
      assert.deepEqual(drawn.map((c) => c.legend), expected, `${entry.id}: a legend row per series`);
      assert.deepEqual(drawn.map((c) => c.lines), expected, `${entry.id}: a line per series`);
    }
    assert.deepEqual(panel.cspViolations, []);
    assert.deepEqual(panel.foreignRequests, []);
  });

  it('reveals clues one at a time: the new one takes the focus; buttons send commands; all revealed disables the button', async () => {
    const entry = incidents.find((e) => e.id === 'cache-avalanche')!;
    const total = entry.incident!.evidence.length;
    const panel = await open('vscode-dark');
    await show(panel, incidentDrillView(entry, 'en', { revealed: 1, total }));
    assert.deepEqual(await panel.page.$$eval('ol.evidence > li', (items) => items.map((item) => item.className)), ['alert']);
    assert.equal(await panel.page.textContent('.progress'), `Clue 1 of ${total} · clues cost 0 point(s) so far`);
    await panel.page.click('button[data-command="nextClue"]');
    await panel.waitForPosted((m) => JSON.stringify(m) === '{"type":"command","command":"nextClue"}', 'nextClue');
    await show(panel, incidentDrillView(entry, 'en', { revealed: 2, total }));
    assert.equal(await panel.page.evaluate(() => document.activeElement?.className), 'metric', 'focus moves to the new clue');
    assert.equal(await panel.page.locator('.chart svg').count(), 2, 'one chart per unit');
    // For people reviewing a change: what the panel looks like in a dark theme.
    await mkdir(RESULTS, { recursive: true });
    await panel.page.screenshot({ path: join(RESULTS, 'webview-drill-dark.png'), fullPage: true });
    await panel.page.click('button[data-command="grade"]');
    await panel.waitForPosted((m) => JSON.stringify(m) === '{"type":"command","command":"grade"}', 'grade');
    await show(panel, incidentDrillView(entry, 'en', { revealed: total, total }));
    assert.equal(await panel.page.isDisabled('button[data-command="nextClue"]'), true);
    assert.equal(await panel.page.textContent('button[data-command="nextClue"]'), 'All clues revealed');
    assert.deepEqual(panel.cspViolations, []);
  });
});

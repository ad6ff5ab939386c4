import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { metricCharts } from '../../src/core/catalog/entryMarkdown';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { STRINGS, startHarness, type Harness } from './harness';

describe('reference diagrams of the shipped catalogue (built webview, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('every reference diagram renders without an error, with all its nodes', async () => {
    const { entries } = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog', import.meta.url))));
    assert.ok(entries.length > 0);
    const view = await harness.openPage();
    await view.waitForPosted((m) => m.type === 'ready', 'ready');
    await view.send({ type: 'init', strings: STRINGS });
    const failures: string[] = [];
    let version = 0;
    for (const entry of entries) {
      version++;
      await view.send({ type: 'update', text: entry.referenceDiagram, version });
      const current = version;
      const result = await view.waitForPosted(
        (m) => (m.type === 'rendered' || m.type === 'renderFailed') && m.version === current,
        `the diagram of ${entry.id}`,
      );
      if (result.type === 'renderFailed') failures.push(`${entry.id}: line ${result.line ?? '?'}: ${result.message}`);
      else if (result.type === 'rendered' && result.nodeCount < 6) failures.push(`${entry.id}: only ${result.nodeCount} nodes`);
    }
    assert.deepEqual(failures, [], 'every diagram renders');
    assert.deepEqual(view.cspViolations, []);
    await view.page.context().close();
  });

  it("every incident's metric series renders as a chart", async () => {
    const { entries } = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog', import.meta.url))));
    const view = await harness.openPage();
    await view.waitForPosted((m) => m.type === 'ready', 'ready');
    await view.send({ type: 'init', strings: STRINGS });
    const failures: string[] = [];
    let version = 0;
    let charts = 0;
    for (const entry of entries) {
      for (const item of entry.incident?.evidence ?? []) {
        if (item.kind !== 'metric') continue;
        for (const chart of metricCharts(item)) {
          version++;
          charts++;
          await view.send({ type: 'update', text: chart, version });
          const current = version;
          const result = await view.waitForPosted(
            (m) => (m.type === 'rendered' || m.type === 'renderFailed') && m.version === current,
            `a chart of ${entry.id}`,
          );
          if (result.type === 'renderFailed') failures.push(`${entry.id} / ${item.title.en}: ${result.message}`);
          else if (!(await view.page.$('#diagram svg .line-plot-0 path, #diagram svg path'))) failures.push(`${entry.id}: no line drawn`);
        }
      }
    }
    assert.ok(charts > 0);
    assert.deepEqual(failures, [], 'every chart renders');
    await view.page.context().close();
  });
});

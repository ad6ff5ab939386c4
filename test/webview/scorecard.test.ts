import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromSnapshot } from '../../src/core/catalog/catalogSnapshot';
import { reviewAnswer } from '../../src/core/critic/review';
import { scorecardData, scorecardHtml } from '../../src/critic/scorecardHtml';
import { NONCE, startHarness, type Harness } from './harness';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');

describe('scorecard webview (built bundle, extension CSP, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('shows a bar per criterion with evidence and findings that ask the host to open their line', async () => {
    const catalog = fromSnapshot(read('../../dist/catalog.json'));
    const entry = catalog!.entries.find((candidate) => candidate.id === 'url-shortener')!;
    const review = reviewAnswer({
      entry,
      answer: read('../fixtures/eval/url-shortener/middling.md'),
      diagram: read('../fixtures/eval/url-shortener/middling.mmd'),
    });
    const data = scorecardData(review, entry, 'zh-CN');
    const view = await harness.openPage({
      html: scorecardHtml({ cspSource: harness.origin, scriptUri: `${harness.origin}/scorecard.js`, styleUri: `${harness.origin}/scorecard.css`, nonce: NONCE, language: 'zh-CN' }),
    });
    await view.waitForPosted((m) => (m as { type: string }).type === 'ready', 'ready');
    await view.page.evaluate((d) => window.postMessage({ type: 'show', data: d }, '*'), data);
    await view.page.waitForSelector('#scorecard:not([aria-busy])');

    assert.equal(await view.page.textContent('h1'), entry.title['zh-CN']);
    assert.match((await view.page.textContent('.total')) ?? '', new RegExp(`得分: ${review.total} / 100`));
    const meters = await view.page.$$eval('[role=meter]', (nodes) => nodes.map((node) => [node.getAttribute('aria-valuenow'), (node.firstElementChild as HTMLElement).style.width]));
    assert.deepEqual(
      meters,
      review.criteria.map((criterion) => [String(criterion.score), `${Math.round((criterion.score / criterion.max) * 100)}%`]),
    );
    assert.equal(await view.page.locator('li.missing').count(), review.criteria.reduce((sum, criterion) => sum + criterion.missing.length, 0));

    const slip = review.estimates.lines.find((line) => line.slip)!;
    await view.page.click(`li.estimate.warn button.place:text("答案 第 ${slip.line + 1} 行")`);
    const reveal = await view.waitForPosted((m) => (m as { type: string }).type === 'reveal', 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', file: 'answer', line: slip.line });
    assert.deepEqual(view.cspViolations, []);
    assert.deepEqual(view.foreignRequests, []);
    await view.page.context().close();
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromSnapshot } from '../../src/core/catalog/catalogSnapshot';
import { reviewAnswer } from '../../src/core/critic/review';
import type { LlmReview } from '../../src/core/llm/llmCritic';
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

  it('with an LLM review: a comparison table per criterion, quotes that open their line, follow-ups, fixes and dropped quotes', async () => {
    const catalog = fromSnapshot(read('../../dist/catalog.json'));
    const entry = catalog!.entries.find((candidate) => candidate.id === 'url-shortener')!;
    const answer = read('../fixtures/eval/url-shortener/middling.md');
    const review = reviewAnswer({ entry, answer });
    const quoteLine = answer.split('\n').findIndex((line) => line.includes('cache-aside'));
    // Scores chosen so that the table shows each agreement: equal, 30% apart and 100% apart.
    const scores = review.criteria.map((criterion, index) => (index === 0 ? criterion.score : index === 1 ? Math.max(0, criterion.score - Math.round(criterion.max * 0.3)) : criterion.score === 0 ? criterion.max : 0));
    const llm: LlmReview = {
      model: 'gpt-test',
      destination: '127.0.0.1:1234',
      total: scores.reduce((sum, score) => sum + score, 0),
      level: 'senior',
      criteria: review.criteria.map((criterion, index) => ({
        id: criterion.id,
        title: criterion.title,
        max: criterion.max,
        score: scores[index],
        offlineScore: criterion.score,
        agreement: index === 0 ? 'agree' : index === 1 ? 'partly' : 'disagree',
        evidence: index === 0 ? [{ quote: answer.split('\n')[quoteLine].trim().slice(0, 60), source: 'answer', line: quoteLine }] : [],
        missing: index === 0 ? ['热点 key 的本地缓存'] : [],
      })),
      followUps: ['如果 Redis 主节点宕机会怎样？', '如何防止短码被遍历？'],
      topFixes: ['给读路径加上数字。', '说明号段分配器如何故障切换。'],
      droppedQuotes: [{ criterion: review.criteria[0].id, quote: 'We use CRDTs.', reason: 'notFound' }],
      repaired: false,
      structured: true,
    };
    const view = await harness.openPage({
      html: scorecardHtml({ cspSource: harness.origin, scriptUri: `${harness.origin}/scorecard.js`, styleUri: `${harness.origin}/scorecard.css`, nonce: NONCE, language: 'zh-CN' }),
    });
    await view.waitForPosted((m) => (m as { type: string }).type === 'ready', 'ready');
    await view.page.evaluate((d) => window.postMessage({ type: 'show', data: d }, '*'), scorecardData(review, entry, 'zh-CN', llm));
    await view.page.waitForSelector('section.llm');

    assert.equal(await view.page.textContent('section.llm h2'), 'LLM 点评 — 127.0.0.1:1234 上的 gpt-test');
    const rows = await view.page.$$eval('table.compare tbody tr', (trs) => trs.map((tr) => [tr.className, ...[...tr.children].map((cell) => cell.textContent)]));
    assert.equal(rows.length, review.criteria.length);
    assert.deepEqual(rows[0], ['agree', review.criteria[0].title['zh-CN'], `${review.criteria[0].score} / ${review.criteria[0].max}`, `${scores[0]} / ${review.criteria[0].max}`, '✓ 一致']);
    assert.equal(rows[1][4], '≈ 部分一致');
    assert.equal(rows[2][4], '✗ 不一致');
    assert.match((await view.page.textContent('section.llm .dropped')) ?? '', /1 条引用不在你的答案或架构图中/);
    assert.deepEqual(await view.page.$$eval('.follow-ups li', (items) => items.map((item) => item.textContent)), llm.followUps);
    assert.deepEqual(await view.page.$$eval('.fixes li', (items) => items.map((item) => item.textContent)), llm.topFixes);
    assert.match((await view.page.textContent('.dropped-quotes li')) ?? '', /We use CRDTs\.” \(文件中没有\)/);
    // The LLM section comes right after the header, before the offline criteria.
    assert.deepEqual(await view.page.$$eval('#scorecard > *', (nodes) => nodes.slice(0, 3).map((node) => node.tagName + (node.className ? `.${node.className}` : ''))), ['HEADER', 'SECTION.llm', 'SECTION']);

    await view.page.click(`section.llm button.place:text("答案 第 ${quoteLine + 1} 行")`);
    const reveal = await view.waitForPosted((m) => (m as { type: string }).type === 'reveal', 'reveal');
    assert.deepEqual(reveal, { type: 'reveal', file: 'answer', line: quoteLine });
    assert.deepEqual(view.cspViolations, []);
    await view.page.context().close();
  });
});

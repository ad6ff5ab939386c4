import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatEstimate, referenceMarkdown, statementMarkdown } from '../../src/core/catalog/entryMarkdown';
import { catalogEntry, incidentEntry } from '../fixtures/entryFixture';

const redis = { id: 'redis', icon: 'zap', label: { en: 'Redis', 'zh-CN': 'Redis' } };
const incident = incidentEntry({
  reference: { en: '## Why\n\nTTL.\n\n```go\n## not a heading\n```', 'zh-CN': '## 原因\n\nTTL。' },
});

describe('statementMarkdown', () => {
  it('puts title, facts and summary above the statement, then only the alert until the drill reveals more, and no answers', () => {
    const text = statementMarkdown(incident, redis, 'zh-CN');
    assert.ok(text.startsWith('# Redis 缓存雪崩\n\n*故障演练 · Redis · 中等 · 约 30 分钟*\n\n> 大量 key 同时过期。\n\n## 事故\n\n出问题了。\n'));
    assert.match(text, /## 现场证据/);
    assert.match(text, /```text\n\[P1\] 5xx > 5%\n```/, 'the alert stays verbatim');
    assert.doesNotMatch(text, /命中率|evicted_keys/, 'later clues stay hidden');
    assert.match(text, /还有 2 条线索/, 'and the reader is told where they are');
    assert.doesNotMatch(text, /关闭重试|TTL。/, 'neither mitigation nor reference leaks into the statement');
    assert.doesNotMatch(text, /提示一/, 'no hint before the user asks');
  });

  it('shows the clues the drill revealed: a metric as a table and a chart', () => {
    const text = statementMarkdown(incident, redis, 'zh-CN', { cluesRevealed: 2 });
    assert.match(text, /\| 时间 \| hit \|\n\|---\|---:\|\n\| 20:00 \| 98 \|/, 'a metric becomes a table');
    assert.match(text, /```mermaid\nxychart-beta\n {2}title "hit"\n {2}x-axis \["20:00", "20:01", "20:02"\]\n {2}y-axis "%"\n {2}line \[98, 40, 31\]\n```/, 'a metric is also a chart');
    assert.doesNotMatch(text, /evicted_keys/);
    assert.match(text, /还有 1 条线索/);
  });

  it('lists the hints the user has opened, and only those', () => {
    const text = statementMarkdown(incident, redis, 'en', { hintsRevealed: 2 });
    assert.match(text, /## Hints \(2 of 3 opened\)\n\n1\. Hint one\n2\. Hint two\n/);
    assert.doesNotMatch(text, /Hint three/);
  });
});

describe('referenceMarkdown', () => {
  it('gathers the answer key: chain, outline, diagram, rubric, pitfalls, follow-ups and events', () => {
    const text = referenceMarkdown(incident, 'en');
    const headings = text.match(/^## .+$/gm)?.filter((h) => h !== '## not a heading');
    assert.deepEqual(headings, [
      '## Symptoms',
      '## Root-cause chain',
      '## Immediate mitigation',
      '## Durable fix',
      '## Prevention and monitoring',
      '## Evidence',
      '## Reference answer outline',
      '## Reference diagram',
      '## What the interviewer looks for',
      '## Common pitfalls',
      '## Follow-up questions to prepare for',
      '## Curveballs',
    ]);
    assert.match(text, /^### Why$/m, 'the outline headings sit under the outline');
    assert.match(text, /^## not a heading$/m, 'code inside the outline is left alone');
    assert.match(text, /```mermaid\nflowchart LR\n/);
    assert.match(text, /\*\*Criterion a\*\* \(20 points\): Shows it\./);
    assert.match(text, /1\. Keys expired together\n2\. DB overloaded/);
  });

  it('shows a design entry its reference estimates in readable units', () => {
    const text = referenceMarkdown(catalogEntry(), 'zh-CN');
    assert.match(text, /## 参考估算\n\n- 每秒写入: \*\*1\.2K\/s\*\*\n- 每年存储: \*\*3\.6 TB\*\*/);
  });
});

describe('formatEstimate', () => {
  it('scales numbers and bytes', () => {
    assert.equal(formatEstimate({ value: 40, unit: 'per-second' }), '40/s');
    assert.equal(formatEstimate({ value: 115740, unit: 'per-second' }), '116K/s');
    assert.equal(formatEstimate({ value: 2.5e9, unit: 'count' }), '2.5B');
    assert.equal(formatEstimate({ value: 1.25e8, unit: 'bytes-per-second' }), '125 MB/s');
  });
});

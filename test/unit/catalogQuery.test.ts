import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { EMPTY_FILTER, entryStatus, isFilterActive, matchesFilter, searchCatalog, tagCounts } from '../../src/core/catalog/catalogQuery';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { catalogEntry } from '../fixtures/entryFixture';

const shortener = catalogEntry();
const avalanche = catalogEntry({
  id: 'cache-avalanche',
  kind: 'incident',
  difficulty: 'hard',
  tags: ['redis', 'ttl'],
  title: { en: 'Cache avalanche after a warm-up', 'zh-CN': '批量预热引发的缓存雪崩' },
  summary: { en: 'Keys expire together.', 'zh-CN': '大量 key 同时过期。' },
  statement: { en: 'Redis keys expired at 20:00.', 'zh-CN': '20:00 大量 key 过期。' },
  reference: { en: 'Jitter the TTLs.', 'zh-CN': 'TTL 加随机抖动。' },
  rubric: shortener.rubric.map((c, i) =>
    i === 0 ? { ...c, signals: { ...c.signals, concepts: [{ en: ['singleflight'], 'zh-CN': ['请求合并'] }, ...c.signals.concepts] } } : c,
  ),
});

describe('matchesFilter', () => {
  it('matches any value within a facet and every facet together', () => {
    const filter = { ...EMPTY_FILTER, kinds: ['incident' as const, 'topic' as const], tags: ['ttl'] };
    assert.equal(matchesFilter(avalanche, filter, undefined), true);
    assert.equal(matchesFilter(shortener, filter, undefined), false);
    assert.equal(matchesFilter(avalanche, { ...filter, difficulties: ['easy'] }, undefined), false);
    assert.equal(isFilterActive(EMPTY_FILTER), false);
    assert.equal(isFilterActive(filter), true);
  });

  it('filters by status: new, started (practice begun), reviewed (has a score)', () => {
    assert.equal(entryStatus(undefined), 'new');
    assert.equal(entryStatus({ favorite: true, hintsRevealed: 2 }), 'new');
    assert.equal(entryStatus({ startedAt: '2026-11-25T10:00:00Z' }), 'started');
    assert.equal(entryStatus({ startedAt: '2026-11-25T10:00:00Z', bestScore: 0 }), 'reviewed');
    const started = { ...EMPTY_FILTER, statuses: ['started' as const] };
    assert.equal(matchesFilter(shortener, started, { startedAt: 'x' }), true);
    assert.equal(matchesFilter(shortener, started, undefined), false);
  });

  it('counts tags, most used first', () => {
    assert.deepEqual(tagCounts([shortener, avalanche]), [['redis', 2], ['mysql', 1], ['ttl', 1]]);
  });
});

describe('searchCatalog', () => {
  it('finds entries by either language, tag or rubric concept, title hits first', () => {
    const both = [shortener, avalanche];
    assert.deepEqual(searchCatalog(both, '雪崩').map((e) => e.id), ['cache-avalanche']);
    assert.deepEqual(searchCatalog(both, 'AVALANCHE').map((e) => e.id), ['cache-avalanche']);
    assert.deepEqual(searchCatalog(both, 'ttl').map((e) => e.id), ['cache-avalanche']);
    assert.deepEqual(searchCatalog(both, 'short').map((e) => e.id), ['url-shortener']);
    assert.deepEqual(searchCatalog(both, 'singleflight').map((e) => e.id), ['cache-avalanche'], 'rubric concepts count');
    assert.deepEqual(searchCatalog(both, '请求合并').map((e) => e.id), ['cache-avalanche']);
    assert.deepEqual(searchCatalog(both, 'redis').map((e) => e.id), ['cache-avalanche', 'url-shortener'], 'both tagged; more mentions first');
    assert.deepEqual(searchCatalog([shortener, { ...shortener, id: 'copy' }], 'redis').map((e) => e.id), ['url-shortener', 'copy'], 'ties keep catalogue order');
    assert.deepEqual(searchCatalog(both, 'redis 雪崩').map((e) => e.id), ['cache-avalanche'], 'every word must match');
    assert.deepEqual(searchCatalog(both, '  ').length, 2);
  });

  it('finds the shipped entries the way users ask for them', async () => {
    const { entries } = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog', import.meta.url))));
    const first = (query: string) => searchCatalog(entries, query)[0]?.id;
    assert.equal(first('缓存雪崩'), 'cache-avalanche');
    assert.equal(first('缓存击穿'), 'cache-breakdown-hot-key-expiry');
    assert.equal(first('缓存穿透'), 'cache-penetration');
    assert.equal(first('hot key expiry'), 'cache-breakdown-hot-key-expiry');
    assert.equal(first('大 key'), 'big-key');
    assert.equal(first('脑裂'), 'redis-split-brain');
    assert.equal(first('死锁'), 'deadlock-diagnosis-retry');
    assert.equal(first('秒杀'), 'seckill-flash-sale');
    assert.equal(first('short url'), 'url-shortener');
    assert.ok(searchCatalog(entries, 'singleflight').some((e) => e.id === 'cache-breakdown-hot-key-expiry'));
  });
});

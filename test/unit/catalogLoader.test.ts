import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog, loadPack, mergePacks, type Catalog } from '../../src/core/catalog/catalogLoader';
import { createMemoryCatalogSource } from '../../src/core/catalog/catalogSource';
import { countFlowchartNodes } from '../../src/core/catalog/catalogSchema';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { entryFile, INCIDENT_BLOCK, validFrontMatter, ZH_BODY } from '../fixtures/entryFixture';

const CATEGORIES = `
- id: classic
  icon: server-environment
  label: { en: System design, zh-CN: 系统设计 }
- id: redis
  icon: zap
  label: { en: Redis, zh-CN: Redis }
`;

const redisIncident = (id: string, extra: Record<string, unknown> = {}) =>
  entryFile({ id, kind: 'incident', category: 'redis', estimates: undefined, incident: INCIDENT_BLOCK, ...extra });

describe('loadCatalog', () => {
  it('loads entries in both languages, splits statement from reference, orders by category then difficulty', async () => {
    const catalog = await loadCatalog(
      createMemoryCatalogSource({
        'categories.yaml': CATEGORIES,
        'README.md': '# Not an entry',
        'redis/avalanche.md': redisIncident('avalanche', { difficulty: 'easy' }),
        'redis/avalanche.zh-cn.md': ZH_BODY,
        'classic/url-shortener.md': entryFile({ difficulty: 'hard' }),
        'classic/url-shortener.zh-cn.md': ZH_BODY,
        'classic/chat.md': entryFile({ id: 'chat', difficulty: 'easy' }),
        'classic/chat.zh-cn.md': ZH_BODY,
      }),
    );
    assert.deepEqual(catalog.problems, []);
    assert.deepEqual(
      catalog.entries.map((e) => e.id),
      ['chat', 'url-shortener', 'avalanche'],
    );
    const shortener = catalog.entries[1];
    assert.equal(shortener.title['zh-CN'], '短链服务');
    assert.equal(shortener.statement.en, '## Scenario\n\nShorten links.');
    assert.equal(shortener.reference.en, '## Outline\n\nBase62.');
    assert.equal(shortener.statement['zh-CN'], '## 场景\n\n缩短链接。');
    assert.equal(shortener.reference['zh-CN'], '## 要点\n\nBase62 编码。');
    assert.equal(shortener.rubric.length, 5);
    assert.deepEqual(shortener.rubric[0].signals.diagram, ['service -> cache']);
    assert.equal(shortener.origin, 'builtin');
    assert.equal(catalog.entries[2].incident?.evidence[1].kind, 'metric');
  });

  it('skips a broken file, says why and on which line, and keeps loading the rest', async () => {
    const catalog = await loadCatalog(
      createMemoryCatalogSource({
        'categories.yaml': CATEGORIES,
        'classic/good.md': entryFile({ id: 'good' }),
        'classic/good.zh-cn.md': ZH_BODY,
        'classic/bad-yaml.md': '---\nid: bad\ntitle: { en: x\n---\nbody',
        'classic/bad-yaml.zh-cn.md': ZH_BODY,
        'classic/no-zh.md': entryFile({ id: 'no-zh' }),
        'redis/good.md': entryFile({ id: 'good', category: 'redis' }),
        'redis/good.zh-cn.md': ZH_BODY,
        'classic/elsewhere.md': entryFile({ id: 'elsewhere', category: 'redis' }),
        'classic/elsewhere.zh-cn.md': ZH_BODY,
        'classic/nowhere.md': entryFile({ id: 'nowhere', category: 'kafka' }),
        'classic/nowhere.zh-cn.md': ZH_BODY,
        'classic/plain.md': 'No front matter here.',
        'classic/plain.zh-cn.md': ZH_BODY,
        'classic/lonely.zh-cn.md': ZH_BODY,
        'classic/empty-zh.md': entryFile({ id: 'empty-zh' }),
        'classic/empty-zh.zh-cn.md': '   \n<!-- reference -->\nx',
        'classic/no-ref.md': entryFile({ id: 'no-ref' }, '## Scenario\n\nNo reference here.\n'),
        'classic/no-ref.zh-cn.md': ZH_BODY,
        'classic/renamed.md': entryFile({ id: 'other-name' }),
        'classic/renamed.zh-cn.md': ZH_BODY,
        'classic/deep/x.md': entryFile({ id: 'x' }),
      }),
    );
    assert.deepEqual(
      catalog.entries.map((e) => e.id),
      ['good'],
    );
    const byPath = Object.fromEntries(catalog.problems.map((p) => [p.path, p]));
    assert.equal(byPath['classic/bad-yaml.md'].code, 'yaml');
    assert.ok(byPath['classic/bad-yaml.md'].line! >= 2, 'YAML errors carry a file line number');
    assert.equal(byPath['classic/no-zh.md'].code, 'missing-translation');
    assert.equal(byPath['redis/good.md'].code, 'duplicate-id');
    assert.equal(byPath['classic/elsewhere.md'].code, 'category-folder');
    assert.equal(byPath['classic/nowhere.md'].code, 'unknown-category');
    assert.equal(byPath['classic/plain.md'].code, 'missing-front-matter');
    assert.equal(byPath['classic/lonely.zh-cn.md'].code, 'orphan-translation');
    assert.equal(byPath['classic/empty-zh.zh-cn.md'].code, 'empty-body');
    assert.equal(byPath['classic/no-ref.md'].code, 'missing-reference');
    assert.equal(byPath['classic/renamed.md'].code, 'file-name');
    assert.equal(byPath['classic/deep/x.md'].code, 'misplaced-file');
    assert.equal(catalog.problems.length, 11);
  });

  it('points schema errors at the field and its line', async () => {
    const front = validFrontMatter({ id: 'weights' });
    const rubric = front.rubric as { weight: number }[];
    rubric[4].weight = 25;
    const text = entryFile({ id: 'weights', rubric, kind: 'puzzle' });
    const catalog = await loadCatalog(
      createMemoryCatalogSource({ 'categories.yaml': CATEGORIES, 'classic/weights.md': text, 'classic/weights.zh-cn.md': ZH_BODY }),
    );
    const details = catalog.problems.map((p) => p.detail);
    assert.ok(details.some((d) => /^kind: /.test(d)), details.join('\n'));
    assert.ok(details.some((d) => /^rubric: weights must sum to 100/.test(d)), details.join('\n'));
    const kindProblem = catalog.problems.find((p) => p.detail.startsWith('kind:'))!;
    const lines = text.split('\n');
    assert.equal(lines[kindProblem.line! - 1], 'kind: puzzle', 'the diagnostic lands on the offending line');
  });

  it('checks what makes an entry usable: bilingual signals, diagram kinds, hint counts, incident block', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['few-hints', { hints: [{ en: 'a', 'zh-CN': '一' }] }, /^hints: /],
      ['no-zh-title', { title: { en: 'Only English' } }, /^title\.zh-CN: /],
      ['bad-signal', { rubric: (validFrontMatter().rubric as object[]).map((c) => ({ ...c, signals: { concepts: [{ en: ['x'], 'zh-CN': ['一'] }, { en: ['y'], 'zh-CN': [] }], diagram: ['service -> blockchain'] } })) }, /diagram\.0: must be a component kind/],
      ['tiny-diagram', { referenceDiagram: 'flowchart LR\n  a --> b\n' }, /^referenceDiagram: needs at least 6 nodes/],
      ['no-incident', { kind: 'incident', estimates: undefined }, /^incident: incident entries need/],
      ['design-no-estimates', { estimates: undefined }, /^estimates: design entries need/],
      ['typo-key', { dificulty: 'easy' }, /dificulty/],
    ];
    const files: Record<string, string> = { 'categories.yaml': CATEGORIES };
    for (const [id, overrides] of cases) {
      files[`classic/${id}.md`] = entryFile({ id, ...overrides });
      files[`classic/${id}.zh-cn.md`] = ZH_BODY;
    }
    const catalog = await loadCatalog(createMemoryCatalogSource(files));
    assert.equal(catalog.entries.length, 0);
    for (const [id, , expected] of cases) {
      const details = catalog.problems.filter((p) => p.path === `classic/${id}.md`).map((p) => p.detail);
      assert.ok(details.some((d) => expected.test(d)), `${id}: ${details.join(' | ')}`);
    }
    const emptyZhSignal = catalog.problems.find((p) => p.path === 'classic/bad-signal.md' && /zh-CN/.test(p.detail));
    assert.ok(emptyZhSignal, 'a concept without Chinese phrases is rejected');
  });

  it('reports a file that cannot be read and still loads the others', async () => {
    const files = createMemoryCatalogSource({
      'categories.yaml': CATEGORIES,
      'classic/good.md': entryFile({ id: 'good' }),
      'classic/good.zh-cn.md': ZH_BODY,
      'classic/locked.md': entryFile({ id: 'locked' }),
      'classic/locked.zh-cn.md': ZH_BODY,
    });
    const catalog = await loadCatalog({
      listFiles: files.listFiles,
      readFile: async (path) => {
        if (path === 'classic/locked.zh-cn.md') throw new Error('EACCES: permission denied');
        return files.readFile(path);
      },
    });
    assert.deepEqual(catalog.entries.map((e) => e.id), ['good']);
    assert.deepEqual(catalog.problems, [
      { path: 'classic/locked.zh-cn.md', origin: 'builtin', code: 'unreadable', detail: 'EACCES: permission denied' },
    ]);
  });

  it('reports a missing or invalid categories.yaml', async () => {
    const missing = await loadCatalog(createMemoryCatalogSource({}));
    assert.deepEqual(missing.problems.map((p) => [p.path, p.code]), [['categories.yaml', 'unreadable']]);
    const invalid = await loadCatalog(createMemoryCatalogSource({ 'categories.yaml': '- id: Bad Id\n  icon: x\n' }));
    assert.equal(invalid.problems[0].code, 'schema');
  });
});

describe('user packs', () => {
  it('load from any layout, join the built-in categories, and never replace a built-in id', async () => {
    const builtin = await loadCatalog(
      createMemoryCatalogSource({
        'categories.yaml': CATEGORIES,
        'classic/url-shortener.md': entryFile(),
        'classic/url-shortener.zh-cn.md': ZH_BODY,
      }),
    );
    const pack = await loadPack(
      createMemoryCatalogSource({
        'README.md': '# My pack',
        'team/payments-ledger.md': entryFile({ id: 'payments-ledger', difficulty: 'easy' }),
        'team/payments-ledger.zh-cn.md': ZH_BODY,
        'mine.md': entryFile({}),
        'mine.zh-cn.md': ZH_BODY,
        'broken.md': entryFile({ id: 'broken', category: 'nosql' }),
        'broken.zh-cn.md': ZH_BODY,
      }),
      'file:///ws/.sdcoach/catalog',
      builtin.categories,
    );
    const catalog: Catalog = mergePacks(builtin, [pack]);
    assert.deepEqual(
      catalog.entries.map((e) => e.id),
      ['payments-ledger', 'url-shortener'],
    );
    assert.deepEqual(catalog.entries[0].origin, { pack: 'file:///ws/.sdcoach/catalog' });
    const problems = Object.fromEntries(catalog.problems.map((p) => [p.path, p]));
    assert.equal(problems['mine.md'].code, 'builtin-id', 'the built-in url-shortener stays; the pack entry is reported');
    assert.equal(problems['broken.md'].code, 'unknown-category');
    assert.ok(problems['broken.md'].line! > 1, 'with the line of the category field');
    assert.deepEqual(problems['broken.md'].origin, { pack: 'file:///ws/.sdcoach/catalog' });
  });
});

describe('countFlowchartNodes', () => {
  it('counts node ids, not words inside labels or edge labels', () => {
    const text = [
      'flowchart LR',
      '  users([Shoppers]) --> gw[API Gateway<br/>retries off]',
      '  gw --> svc["product-detail (Go)"]',
      '  svc -->|singleflight + semaphore| db[(MySQL)]',
      '  subgraph cache [Cache tier]',
      '    svc --> redis[(Redis)] & local{{Local cache}}',
      '  end',
      '  %% comment --> ignored',
      '  classDef hot fill:#f00',
    ].join('\n');
    assert.equal(countFlowchartNodes(text), 6);
  });
});

// The catalogue's content contract (issue: every seed case, both languages, usable rubrics).
const SEED_IDS = [
  'slow-query-pool-exhaustion', 'replication-lag-read-your-writes', 'deadlock-diagnosis-retry', 'cache-avalanche',
  'cache-penetration', 'cache-breakdown-hot-key-expiry', 'hot-key', 'big-key', 'redis-split-brain',
  'rebalance-storm-backlog', 'message-loss', 'duplicate-consumption-idempotency', 'multi-level-cache',
  'consistent-hashing-sharding', 'connection-pool-sizing', 'middleware-monitoring', 'seckill-flash-sale',
  'realtime-recommendation', 'composite-index-optimization', 'cache-hit-rate-warm-up', 'incident-response-process',
  'tech-selection-decision-matrix', 'architecture-evolution', 'cost-roi-tech-debt', 'url-shortener', 'chat-system',
  'replication-lag-monitoring',
  // Classics users expect.
  'news-feed', 'rate-limiter', 'distributed-id-snowflake', 'notification-system', 'web-crawler', 'typeahead',
  'distributed-kv-store', 'file-sync', 'video-streaming', 'nearby-search', 'ticket-booking', 'payment-system',
  'leaderboard', 'delayed-job-scheduler', 'metrics-monitoring-system', 'like-counter-online-count', 'partition-ordering',
  'distributed-locks', 'distributed-transactions',
];
const CJK = /[\u4e00-\u9fff]/;

describe('the shipped catalogue', async () => {
  const root = fileURLToPath(new URL('../../catalog', import.meta.url));
  const catalog = await loadCatalog(nodeCatalogSource(root));

  it('loads without a single problem', () => {
    assert.deepEqual(catalog.problems, []);
  });

  it('has at least 48 entries covering every seed case, with unique ids', () => {
    const ids = catalog.entries.map((e) => e.id);
    assert.ok(ids.length >= 48, `at least 48 entries (found ${ids.length})`);
    assert.equal(new Set(ids).size, ids.length);
    const missing = SEED_IDS.filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], 'every seed case has an entry');
  });

  it('has enough incidents per middleware for the drills (MySQL 5, Redis 6, Kafka 5)', () => {
    const incidents = (category: string) => catalog.entries.filter((e) => e.kind === 'incident' && e.category === category).length;
    assert.ok(incidents('mysql') >= 5, `mysql: ${incidents('mysql')}`);
    assert.ok(incidents('redis') >= 6, `redis: ${incidents('redis')}`);
    assert.ok(incidents('kafka') >= 5, `kafka: ${incidents('kafka')}`);
  });

  it('is complete in both languages', () => {
    for (const e of catalog.entries) {
      for (const [what, text] of [
        ['title', e.title],
        ['summary', e.summary],
        ['statement', e.statement],
        ['reference', e.reference],
        ['requirementChange', e.requirementChange],
        ['scaleStretch', e.scaleStretch],
        ...e.hints.map((h, i) => [`hint ${i + 1}`, h] as const),
        ...e.followUps.map((h, i) => [`follow-up ${i + 1}`, h] as const),
        ...e.rubric.map((c) => [`rubric ${c.id}`, c.strong] as const),
      ] as const) {
        assert.ok(CJK.test(text['zh-CN']), `${e.id}: ${what} has Chinese text`);
        // English text may quote Chinese (a typeahead entry discusses pinyin), but is English.
        const cjk = (text.en.match(/[\u4e00-\u9fff]/g) ?? []).length;
        const latin = (text.en.match(/[A-Za-z]/g) ?? []).length;
        assert.ok(latin > 5 * cjk && latin >= 3, `${e.id}: ${what} is English text (${cjk} CJK characters)`);
      }
    }
  });

  it('has rubrics that a critic can score: weights sum to 100, signals in both languages, diagrams where designs need them', () => {
    for (const e of catalog.entries) {
      assert.equal(e.rubric.reduce((sum, c) => sum + c.weight, 0), 100, `${e.id}: weights`);
      for (const c of e.rubric) {
        assert.ok(c.signals.concepts.length >= 2, `${e.id}/${c.id}: concepts`);
        for (const concept of c.signals.concepts) {
          assert.ok(concept.en.length && concept['zh-CN'].length, `${e.id}/${c.id}: phrases in both languages`);
        }
      }
      const diagramSignals = e.rubric.flatMap((c) => c.signals.diagram);
      assert.ok(diagramSignals.length >= 1, `${e.id}: at least one diagram signal`);
      assert.ok(countFlowchartNodes(e.referenceDiagram) >= 6, `${e.id}: reference diagram has 6+ nodes`);
    }
  });

  it('gives every incident evidence that starts with the alert and includes a chart', () => {
    for (const e of catalog.entries.filter((x) => x.kind === 'incident')) {
      const evidence = e.incident!.evidence;
      assert.equal(evidence[0].kind, 'alert', e.id);
      assert.ok(evidence.some((item) => item.kind === 'metric'), `${e.id}: a metric series for the dashboards`);
    }
  });
});

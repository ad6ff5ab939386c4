import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { createMemoryCatalogSource } from '../../src/core/catalog/catalogSource';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';

const CATEGORIES = `
- id: classic
  icon: server-environment
  label: { en: System design, zh-CN: 系统设计 }
- id: redis
  icon: zap
  label: { en: Redis incidents, zh-CN: Redis 故障 }
`;

function entry(fields: Record<string, string> = {}): string {
  const front = {
    id: 'url-shortener',
    kind: 'design',
    category: 'classic',
    difficulty: 'medium',
    minutes: '45',
    title: '{ en: URL shortener, zh-CN: 短链服务 }',
    summary: '{ en: Map long URLs to short codes., zh-CN: 把长链接映射为短码。 }',
    tags: '[mysql, redis]',
    ...fields,
  };
  const yaml = Object.entries(front)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  return `---\n${yaml}\n---\n## Scenario\n\nShorten links.\n`;
}

describe('loadCatalog', () => {
  it('loads entries with both languages and orders them by category, then difficulty', async () => {
    const catalog = await loadCatalog(
      createMemoryCatalogSource({
        'categories.yaml': CATEGORIES,
        'README.md': '# Not an entry',
        'redis/avalanche.md': entry({ id: 'redis-avalanche', kind: 'incident', category: 'redis', difficulty: 'easy' }),
        'redis/avalanche.zh-cn.md': '## 事故\n\n缓存雪崩。\n',
        'classic/url-shortener.md': entry({ difficulty: 'hard' }),
        'classic/url-shortener.zh-cn.md': '## 场景\n\n缩短链接。\n',
        'classic/chat.md': entry({ id: 'chat', difficulty: 'easy' }),
        'classic/chat.zh-cn.md': '## 场景\n\n聊天。\n',
      }),
    );
    assert.deepEqual(catalog.problems, []);
    assert.deepEqual(
      catalog.entries.map((e) => e.id),
      ['chat', 'url-shortener', 'redis-avalanche'],
    );
    const shortener = catalog.entries[1];
    assert.equal(shortener.title['zh-CN'], '短链服务');
    assert.equal(shortener.body.en, '## Scenario\n\nShorten links.');
    assert.equal(shortener.body['zh-CN'], '## 场景\n\n缩短链接。');
    assert.deepEqual(shortener.tags, ['mysql', 'redis']);
    assert.equal(shortener.path, 'classic/url-shortener.md');
    assert.deepEqual(
      catalog.categories.map((c) => c.label.en),
      ['System design', 'Redis incidents'],
    );
  });

  it('skips a broken file, says why and where, and keeps loading the rest', async () => {
    const catalog = await loadCatalog(
      createMemoryCatalogSource({
        'categories.yaml': CATEGORIES,
        'classic/good.md': entry({ id: 'good' }),
        'classic/good.zh-cn.md': '好',
        'classic/bad-yaml.md': '---\nid: bad\ntitle: { en: x\n---\nbody',
        'classic/bad-yaml.zh-cn.md': '坏',
        'classic/no-zh.md': entry({ id: 'no-zh' }),
        'classic/wrong-kind.md': entry({ id: 'wrong-kind', kind: 'puzzle', title: '{ en: Hi, zh-CN: "" }' }),
        'classic/wrong-kind.zh-cn.md': '坏',
        'classic/z-dupe.md': entry({ id: 'good' }),
        'classic/z-dupe.zh-cn.md': '重复',
        'classic/elsewhere.md': entry({ id: 'elsewhere', category: 'redis' }),
        'classic/elsewhere.zh-cn.md': '别处',
        'classic/nowhere.md': entry({ id: 'nowhere', category: 'kafka' }),
        'classic/nowhere.zh-cn.md': '无',
        'classic/plain.md': 'No front matter here.',
        'classic/plain.zh-cn.md': '无',
        'classic/lonely.zh-cn.md': '孤儿',
        'classic/empty-zh.md': entry({ id: 'empty-zh' }),
        'classic/empty-zh.zh-cn.md': '   \n',
        'classic/deep/x.md': entry({ id: 'x' }),
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
    assert.equal(byPath['classic/wrong-kind.md'].code, 'schema');
    assert.match(byPath['classic/wrong-kind.md'].detail, /kind: /);
    assert.match(byPath['classic/wrong-kind.md'].detail, /title\.zh-CN: /);
    assert.equal(byPath['classic/z-dupe.md'].code, 'duplicate-id');
    assert.equal(byPath['classic/elsewhere.md'].code, 'category-folder');
    assert.equal(byPath['classic/nowhere.md'].code, 'unknown-category');
    assert.equal(byPath['classic/plain.md'].code, 'missing-front-matter');
    assert.equal(byPath['classic/lonely.zh-cn.md'].code, 'orphan-translation');
    assert.equal(byPath['classic/empty-zh.zh-cn.md'].code, 'empty-body');
    assert.equal(byPath['classic/deep/x.md'].code, 'misplaced-file');
    assert.equal(catalog.problems.length, 10);
  });

  it('reports a file that cannot be read and still loads the others', async () => {
    const files = createMemoryCatalogSource({
      'categories.yaml': CATEGORIES,
      'classic/good.md': entry({ id: 'good' }),
      'classic/good.zh-cn.md': '好',
      'classic/locked.md': entry({ id: 'locked' }),
      'classic/locked.zh-cn.md': '锁',
    });
    const catalog = await loadCatalog({
      listFiles: files.listFiles,
      readFile: async (path) => {
        if (path === 'classic/locked.zh-cn.md') throw new Error('EACCES: permission denied');
        return files.readFile(path);
      },
    });
    assert.deepEqual(catalog.entries.map((e) => e.id), ['good']);
    assert.deepEqual(catalog.problems, [{ path: 'classic/locked.zh-cn.md', code: 'unreadable', detail: 'EACCES: permission denied' }]);
  });

  it('rejects unknown front-matter keys so typos do not pass silently', async () => {
    const catalog = await loadCatalog(
      createMemoryCatalogSource({
        'categories.yaml': CATEGORIES,
        'classic/typo.md': entry({ id: 'typo', dificulty: 'easy' }),
        'classic/typo.zh-cn.md': '错字',
      }),
    );
    assert.equal(catalog.entries.length, 0);
    assert.match(catalog.problems[0].detail, /dificulty/);
  });

  it('reports a missing or invalid categories.yaml', async () => {
    const missing = await loadCatalog(createMemoryCatalogSource({}));
    assert.deepEqual(missing.problems.map((p) => [p.path, p.code]), [['categories.yaml', 'unreadable']]);
    const invalid = await loadCatalog(createMemoryCatalogSource({ 'categories.yaml': '- id: Bad Id\n  icon: x\n' }));
    assert.equal(invalid.problems[0].code, 'schema');
  });

  it('loads the shipped catalogue without a single problem', async () => {
    const root = fileURLToPath(new URL('../../catalog', import.meta.url));
    const catalog = await loadCatalog(nodeCatalogSource(root));
    assert.deepEqual(catalog.problems, []);
    assert.ok(catalog.entries.length >= 3, `at least 3 entries (found ${catalog.entries.length})`);
    const ids = catalog.entries.map((e) => e.id);
    for (const id of ['url-shortener', 'redis-cache-avalanche', 'kafka-rebalance-backlog']) {
      assert.ok(ids.includes(id), `${id} is in the catalogue`);
    }
    for (const e of catalog.entries) {
      assert.ok(/[\u4e00-\u9fff]/.test(e.body['zh-CN']), `${e.id} has a Chinese statement`);
      assert.ok(!/[\u4e00-\u9fff]/.test(e.title.en), `${e.id} has an English title`);
    }
  });
});

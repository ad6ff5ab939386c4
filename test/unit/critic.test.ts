import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PALETTE } from '../../src/core/diagramPalette';
import { classifyComponent } from '../../src/core/critic/componentClassifier';
import { buildDiagramGraph, graphsInMarkdown } from '../../src/core/critic/diagramGraph';
import { LINT_RULES, lintDiagram, type LintRuleId } from '../../src/core/critic/designLinter';
import { checkEstimates, evaluate, formatQuantity } from '../../src/core/critic/estimates';
import { answerLines, scoreRubric } from '../../src/core/critic/rubricScorer';
import { catalogEntry } from '../fixtures/entryFixture';

const rules = (text: string, context = {}) => lintDiagram(buildDiagramGraph(text), context).map((finding) => finding.rule);

describe('classifyComponent', () => {
  it('classifies every palette building block, in both languages, as its kind', () => {
    for (const item of PALETTE) {
      assert.equal(classifyComponent(item.label.en, item.key, item.open), item.kind, item.label.en);
      assert.equal(classifyComponent(item.label['zh-CN'], item.key, item.open), item.kind, item.label['zh-CN']);
    }
  });

  it('reads common middleware names and Chinese labels, with whole English words only', () => {
    const cases: [string, string | undefined][] = [
      ['MySQL replica', 'replica'],
      ['订单库 从库', 'replica'],
      ['Kafka topic orders', 'queue'],
      ['RocketMQ 延迟队列', 'queue'],
      ['Nginx', 'lb'],
      ['Prometheus + alerts', 'monitoring'],
      ['库存服务', 'service'],
      ['Consumer group', 'worker'],
      ['messages', undefined], // "es" is not Elasticsearch inside a word
    ];
    for (const [label, kind] of cases) assert.equal(classifyComponent(label, 'x1'), kind, label);
  });
});

describe('lintDiagram', () => {
  const clean = 'flowchart LR\n  u([Users]) --> lb[Load balancer cluster]\n  lb --> svc[Order service]\n  svc --> redis[(Redis cluster)]\n  svc --> db[(MySQL primary)]\n  db --> rep[(MySQL replica)]\n  svc -.-> mq[/Kafka topic/]\n  mq --> w[Consumer]\n  w --> db\n  svc -.-> mon[Prometheus alerts]\n';

  it('has a test for every rule: a clean design trips none', () => {
    assert.deepEqual(rules(clean, { entryKind: 'incident', tags: ['seckill'] }), []);
  });

  const cases: [LintRuleId, string, object?][] = [
    ['client-writes-db', 'flowchart LR\n  app([Mobile app]) --> db[(MySQL cluster)]\n'],
    ['single-point-of-failure', 'flowchart LR\n  svc[Service] --> db[(MySQL)]\n'],
    ['cache-without-source', 'flowchart LR\n  svc[Service] --> db[(MySQL cluster)]\n  c[(Redis cluster)]\n  c --> w[Warm-up job]\n'],
    ['queue-without-consumer', 'flowchart LR\n  svc[Service] -.-> mq[/Kafka topic/]\n'],
    ['orphan-node', 'flowchart LR\n  a[Service] --> b[Other service]\n  lonely[Search]\n'],
    ['deep-sync-chain', 'flowchart LR\n  a[API gateway cluster] --> b[Service A] --> c[Service B] --> d[Service C] --> e[Service D] --> f[Service E] --> g[Service F]\n'],
    ['no-monitoring', 'flowchart LR\n  a[Service] --> b[Other service]\n', { entryKind: 'incident' }],
    ['hot-key-risk', 'flowchart LR\n  svc[Seckill service] --> r[(Redis)]\n', { tags: ['seckill'] }],
  ];
  for (const [rule, text, context] of cases) {
    it(`${rule} (${LINT_RULES[rule].severity}) finds its case`, () => {
      assert.ok(rules(text, context).includes(rule), `${rule} not found in ${JSON.stringify(rules(text, context))}`);
    });
  }

  it('points at the line of the node, and names nodes by label', () => {
    const [finding] = lintDiagram(buildDiagramGraph('flowchart LR\n  a[App server] --> b[Other]\n\n  lonely[Search]\n'));
    assert.equal(finding.rule, 'orphan-node');
    assert.equal(finding.line, 3);
    assert.deepEqual(finding.nodes, ['lonely']);
    assert.match(finding.message['zh-CN'], /Search \(lonely\) 没有与任何组件相连/);
  });

  it('reads mermaid blocks of an answer with the answer\'s line numbers', () => {
    const [graph] = graphsInMarkdown('# A\n\ntext\n```mermaid\nflowchart LR\n  x[Service] --> y[(MySQL)]\n```\n');
    assert.equal(graph.byId.get('y')?.line, 5);
  });

  it('says nothing about other diagram types, empty input or junk', () => {
    assert.deepEqual(rules('sequenceDiagram\n A->>B: hi'), []);
    assert.deepEqual(rules(''), []);
    assert.deepEqual(rules('\u0000\u0001\uffff binary'), []);
  });
});

describe('estimates', () => {
  it('evaluates units, powers and names', () => {
    assert.equal(evaluate('50M').value, 5e7);
    assert.equal(evaluate('10^8 / 86400').value, 1e8 / 86400);
    assert.equal(evaluate('3亿').value, 3e8);
    assert.equal(evaluate('2 * 5万').value, 1e5);
    assert.deepEqual(evaluate('2KB * 1K'), { value: 2e6, bytes: true });
    assert.equal(evaluate('100M/day').value, 1e8, '/day names the unit, it does not divide');
    assert.throws(() => evaluate('1 / 0'), /finite/);
    assert.throws(() => evaluate('(1 + 2'), /parenthesis/);
  });

  it('flags an arithmetic slip on its line, and unknown names', () => {
    const report = checkEstimates('# T\n## Estimates\n- dau = 100M\n- qps = dau / 86400 = 11574\n- peak = qps * 3 ≈ 3.5K\n- x = y * 2\n## API\nz = 1\n');
    assert.deepEqual(report.lines.map((line) => [line.line, line.name, Boolean(line.slip), Boolean(line.error)]), [
      [2, 'dau', false, false],
      [3, 'qps', true, false], // 1157, not 11574
      [4, 'peak', false, false],
      [5, 'x', false, true],
    ]);
    assert.equal(formatQuantity(report.lines[1].slip!.computed), '1.16K');
  });

  it('compares with the reference: within 3× passes, over 10× is flagged, a missing figure is said', () => {
    const reference = (id: string, value: number, unit: 'per-second' | 'bytes' | 'count') => ({ id, title: { en: id, 'zh-CN': id }, value, unit });
    const report = checkEstimates('## 容量估算\n峰值写入QPS = 600\nstorage_1y = 10K * 86400 * 365 * 1KB\n', [
      reference('peak-write-qps', 200, 'per-second'),
      reference('storage-1y', 3e12, 'bytes'),
      reference('total-users', 1e9, 'count'),
    ]);
    assert.deepEqual(report.comparisons.map((comparison) => comparison.verdict), ['ok', 'far', 'missing']);
  });
});

describe('scoreRubric', () => {
  const entry = catalogEntry();

  it('finds concepts in Chinese text without spaces, and in mixed text, with the lines as evidence', () => {
    const [criterion] = entry.rubric;
    const enPhrase = criterion.signals.concepts[0].en[0];
    const zhPhrase = criterion.signals.concepts[1]['zh-CN'][0];
    const answer = `# 答案\n\n我们先说明${zhPhrase}的做法。\n然后 we use ${enPhrase.toUpperCase()} here.\n`;
    const score = scoreRubric(entry, answer);
    const first = score.criteria[0];
    assert.deepEqual(first.evidence.map((item) => item.line), [2, 3]);
    assert.ok(first.score > 0 && first.score <= first.max);
  });

  it('ignores the template prompts (HTML comments) and diagram code', () => {
    const lines = answerLines('<!-- write QPS here -->\ntext\n```mermaid\nflowchart LR\n a --> b\n```\n');
    assert.deepEqual(lines.map((line) => line.trim()), ['', 'text', '', '', '', '', '']);
  });

  it('scores an empty answer 0 with everything missing, and stays within the weights', () => {
    const empty = scoreRubric(entry, '');
    assert.equal(empty.total, 0);
    assert.equal(empty.level, 'mid');
    assert.ok(empty.criteria.every((criterion) => criterion.missing.length > 0));
  });
});

describe('quickFixesFor', () => {
  it('adds a replica for a lone database, a consumer for an unread topic, monitoring for an incident, as one small edit', async () => {
    const { quickFixesFor } = await import('../../src/core/critic/quickFixes');
    const { applyEdits } = await import('../../src/core/flowchart/flowchartEdits');
    const fixed = (text: string, rule: LintRuleId, context = {}) => {
      const finding = lintDiagram(buildDiagramGraph(text), context).find((candidate) => candidate.rule === rule)!;
      const [fix] = quickFixesFor(finding, text, 'en');
      return { title: fix.title.en, text: applyEdits(text, [fix.edit]) };
    };
    const db = fixed('flowchart LR\n  svc[Order service] --> db[(MySQL)]\n', 'single-point-of-failure');
    assert.equal(db.title, 'Add a read replica');
    assert.equal(db.text, 'flowchart LR\n  svc[Order service] --> db[(MySQL)]\n  replica[(MySQL replica)]\n  db -.->|binlog replication| replica\n');
    assert.ok(!rules(db.text).includes('single-point-of-failure'));

    const topic = fixed('flowchart LR\n  svc[Service] -.-> mq[/Kafka topic/]\n', 'queue-without-consumer');
    assert.ok(!rules(topic.text).includes('queue-without-consumer'), topic.text);

    const incident = fixed('flowchart LR\n  a[Service] --> b[Other service]\n', 'no-monitoring', { entryKind: 'incident' });
    assert.ok(!rules(incident.text, { entryKind: 'incident' }).includes('no-monitoring'), incident.text);
  });
});

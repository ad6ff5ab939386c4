import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cluePenalty, cluesLeft, MAX_CLUE_PENALTY, revealNext, scoreWithClues, startClues } from '../../src/core/drills/clueProgression';
import { fileURLToPath } from 'node:url';
import { loadCatalog, type CatalogEntry } from '../../src/core/catalog/catalogLoader';
import { DEFECT_CATEGORIES, describeSchemaError, entryFrontMatterSchema } from '../../src/core/catalog/catalogSchema';
import { reviewAnswer } from '../../src/core/critic/review';
import { codeReviewReport, knownDefects, rankCategories } from '../../src/core/drills/codeReviewReport';
import { matchDefects, type KnownDefect } from '../../src/core/drills/defectMatching';
import { CHART_PALETTE, metricChartGroups, xychartSource } from '../../src/core/drills/incidentCharts';
import { drillGrade, incidentDrillView } from '../../src/core/drills/incidentDrillView';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { catalogEntry, incidentEntry, validFrontMatter } from '../fixtures/entryFixture';

describe('incident drills: clue progression', () => {
  it('starts with the alert shown; each further clue costs 3 points, capped at 15; never past the last clue', () => {
    let state = startClues(7);
    assert.deepEqual([state.revealed, cluesLeft(state), cluePenalty(state)], [1, 6, 0], 'the alert is free');
    state = revealNext(state);
    assert.equal(cluePenalty(state), 3);
    for (let i = 0; i < 10; i++) state = revealNext(state);
    assert.deepEqual([state.revealed, cluesLeft(state)], [7, 0], 'stops at the last clue');
    assert.equal(cluePenalty(state), MAX_CLUE_PENALTY);
    assert.equal(scoreWithClues(80, state), 65);
    assert.equal(scoreWithClues(10, state), 0, 'never below zero');
    assert.throws(() => startClues(0), RangeError);
  });
});

describe('code-review drills: matching marks to known defects', () => {
  const defects: KnownDefect[] = [
    { id: 'ctx-cancel', startLine: 12, endLine: 15, category: 'context-misuse' },
    { id: 'global-mutex', startLine: 30, endLine: 34, category: 'race' },
    { id: 'retry', startLine: 50, endLine: 58, category: 'retry-without-jitter' },
  ];

  it('an overlapping mark finds a defect; a wrong category gets half credit; a mark elsewhere is a false alarm', () => {
    const result = matchDefects(defects, [
      { startLine: 14, endLine: 14, category: 'context-misuse', note: 'rows read after cancel' },
      { startLine: 31, endLine: 40, category: 'resource-leak', note: 'lock held too long' },
      { startLine: 70, endLine: 71, note: 'looks odd' },
    ]);
    assert.deepEqual(
      result.found.map((match) => [match.defect.id, match.categoryRight]),
      [
        ['ctx-cancel', true],
        ['global-mutex', false],
      ],
    );
    assert.deepEqual(
      result.missed.map((defect) => defect.id),
      ['retry'],
    );
    assert.deepEqual(
      result.falseAlarms.map((mark) => mark.startLine),
      [70],
    );
    // (1 + 0.5 − 0.5) / 3
    assert.equal(result.score, 33);
  });

  it('each defect and each mark counts once: two marks on one defect leave one false alarm; the matching category wins', () => {
    const result = matchDefects(defects, [
      { startLine: 50, endLine: 58, category: 'race', note: 'broad mark' },
      { startLine: 55, endLine: 55, category: 'retry-without-jitter', note: 'fixed 100ms sleep' },
    ]);
    assert.equal(result.found.length, 1);
    assert.equal(result.found[0].mark.note, 'fixed 100ms sleep', 'the mark with the right category found it');
    assert.equal(result.falseAlarms.length, 1);
  });

  it('all found with the right categories scores 100; nothing marked scores 0', () => {
    const marks = defects.map((defect) => ({ startLine: defect.startLine, endLine: defect.endLine, category: defect.category, note: defect.id }));
    assert.equal(matchDefects(defects, marks).score, 100);
    assert.equal(matchDefects(defects, []).score, 0);
    assert.equal(matchDefects(defects, []).missed.length, 3);
  });
});

describe('incident drills: the panel view and its charts', () => {
  const incident = incidentEntry();
  const metric = {
    kind: 'metric' as const,
    title: { en: 'Lag', 'zh-CN': '积压' },
    unit: 'messages',
    x: ['10:00', '10:05', '10:10'],
    series: [
      { name: 'p0', values: [10, 4000, 9000] },
      { name: 'p1', values: [12, 3900, 8800] },
      { name: 'rebalances', unit: 'per 5 min', values: [0, 6, 9] },
    ],
  };

  it('draws series of one unit on one chart, another unit on its own, each line in the legend colour', () => {
    const groups = metricChartGroups(metric);
    assert.deepEqual(groups.map((g) => [g.unit, g.series.map((s) => s.name)]), [['messages', ['p0', 'p1']], ['per 5 min', ['rebalances']]]);
    const source = xychartSource(metric.x, groups[0]);
    assert.match(source, /"plotColorPalette": "#3794ff,#f28c28"/);
    assert.match(source, /\nxychart-beta\n {2}x-axis \["10:00", "10:05", "10:10"\]\n {2}y-axis "messages"\n {2}line \[10, 4000, 9000\]\n {2}line \[12, 3900, 8800\]$/);
  });

  it('shows only the clues revealed so far and what the next one costs', () => {
    const first = incidentDrillView(incident, 'en', startClues(3));
    assert.deepEqual(first.evidence.map((e) => e.kind), ['alert']);
    assert.equal(first.progress, 'Clue 1 of 3 · clues cost 0 point(s) so far');
    assert.equal(first.labels.nextClue, 'Reveal Next Clue (−3)');
    const second = incidentDrillView(incident, 'zh-CN', revealNext(startClues(3)));
    assert.deepEqual(second.evidence.map((e) => e.kind), ['alert', 'metric']);
    assert.equal(second.progress, '线索 2/3 · 目前线索扣 3 分');
    const chart = second.evidence[1];
    assert.ok(chart.kind === 'metric');
    assert.equal(chart.title, '命中率');
    assert.deepEqual(chart.charts[0].legend, [{ name: 'hit', color: CHART_PALETTE[0] }]);
  });

  it('grades a write-up with the incident rubric, then takes the clue penalty off', () => {
    const answer = incident.rubric.flatMap((c) => c.signals.concepts.map((concept) => concept.en[0])).join('. ');
    const review = reviewAnswer({ entry: incident, answer, diagram: undefined });
    const grade = drillGrade(review, 'en', { revealed: 3, total: 3 }, '10:30');
    assert.equal(grade.rubric, review.total);
    assert.equal(grade.penalty, 6);
    assert.equal(grade.final, Math.max(0, review.total - 6));
    assert.equal(grade.criteria.length, incident.rubric.length);
    const empty = drillGrade(reviewAnswer({ entry: incident, answer: '# nothing', diagram: undefined }), 'en', { revealed: 1, total: 3 }, '10:31');
    assert.ok(empty.criteria.every((c) => c.missing.length > 0), 'an empty write-up misses every criterion');
    assert.ok(grade.final > empty.final);
  });
});

describe('code-review drills: categories, the report and the entry schema', () => {
  it('guesses the category from the note, in either language', () => {
    assert.equal(rankCategories('ctx is cancelled by the deferred cancel before rows are read')[0], 'context-misuse');
    assert.equal(rankCategories('重试没有退避，也没有抖动')[0], 'retry-without-jitter');
    assert.equal(rankCategories('offset committed before processing: a crash loses the message')[0], 'delivery-semantics');
    assert.equal(rankCategories('???').length, DEFECT_CATEGORIES.length, 'every category stays pickable');
  });

  it('reports found, missed and false alarms with explanations, then the corrected file', () => {
    const entry = codeReviewEntry();
    const result = matchDefects(knownDefects(entry), [
      { startLine: 4, endLine: 4, category: 'context-misuse', note: 'cancel runs before the caller reads rows' },
      { startLine: 1, endLine: 1, category: 'race', note: 'package name is wrong' },
    ]);
    const text = codeReviewReport(entry, result, 'en');
    assert.match(text, /\*\*Score: 25 \/ 100\*\* · 1 of 2 defects found, 1 missed, 1 false alarm\(s\)\./);
    assert.match(text, /### ✓ Rows read after cancel\n\n`repo\.go` line 4 · Context misuse\n\nYour note:\n\n> cancel runs before the caller reads rows\n\nThe deferred cancel/);
    assert.match(text, /### ✗ Rows never closed\n\n`repo\.go` lines 6–7 · Resource leak/);
    assert.match(text, /## False alarms \(1\)\n\n- `repo\.go` line 1 · Race condition/);
    assert.match(text, /## Corrected version\n\n```go\npackage repo\n/);
    assert.match(codeReviewReport(entry, result, 'zh-CN'), /共 2 处缺陷，找到 1 处，漏掉 1 处，误报 1 处。/);
  });

  it('rejects a defect whose lines leave the file or miss their anchor', () => {
    const front = (defects: unknown[]) => ({ ...validFrontMatter({ id: 'repo-review', kind: 'code-review', category: 'code-review' }), estimates: undefined, codeReview: { ...CODE_REVIEW, defects } });
    assert.equal(entryFrontMatterSchema.safeParse(front(CODE_REVIEW.defects)).success, true);
    const shifted = CODE_REVIEW.defects.map((d, i) => (i === 0 ? { ...d, lines: [3, 3] } : d));
    const outside = CODE_REVIEW.defects.map((d, i) => (i === 1 ? { ...d, lines: [6, 40] } : d));
    const errors = (defects: unknown[]) => {
      const parsed = entryFrontMatterSchema.safeParse(front(defects));
      return parsed.success ? [] : describeSchemaError(parsed.error);
    };
    assert.ok(errors(shifted).some((e) => /anchor must appear within its lines/.test(e)), errors(shifted).join('\n'));
    assert.ok(errors(outside).some((e) => /inside the code/.test(e)), errors(outside).join('\n'));
    const withoutBlock = { ...front(CODE_REVIEW.defects), codeReview: undefined };
    assert.ok(!entryFrontMatterSchema.safeParse(withoutBlock).success, 'a code-review entry needs its block');
  });
});

describe('the shipped drills', async () => {
  const catalog = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog', import.meta.url))));
  it('has at least 8 code-review drills, each with 2+ defects of 2+ categories and a corrected file that differs', () => {
    const drills = catalog.entries.filter((e) => e.kind === 'code-review');
    assert.ok(drills.length >= 8, `code-review drills: ${drills.length}`);
    for (const drill of drills) {
      const review = drill.codeReview!;
      assert.ok(new Set(review.defects.map((d) => d.category)).size >= 2, drill.id);
      assert.notEqual(review.corrected.trim(), review.code.trim(), drill.id);
    }
  });

  it('gives every incident at least one chart and an alert first', () => {
    for (const entry of catalog.entries.filter((e) => e.kind === 'incident')) {
      assert.equal(entry.incident!.evidence[0].kind, 'alert', entry.id);
      assert.ok(entry.incident!.evidence.some((e) => e.kind === 'metric'), `${entry.id} has a dashboard`);
    }
  });
});

const CODE_REVIEW = {
  file: 'repo.go',
  code: ['package repo', '', 'func (r *Repo) Orders(ctx context.Context) (*sql.Rows, error) {', '\tctx, cancel := context.WithTimeout(ctx, time.Second)', '\tdefer cancel()', '\trows, err := r.db.QueryContext(ctx, q)', '\treturn rows, err', '}'].join('\n'),
  corrected: 'package repo\n\n// fixed\n',
  defects: [
    { id: 'rows-after-cancel', category: 'context-misuse', lines: [4, 4], anchor: 'WithTimeout', title: { en: 'Rows read after cancel', 'zh-CN': '取消后才读取 rows' }, explanation: { en: 'The deferred cancel fires on return.', 'zh-CN': '函数返回时 cancel 就执行了。' } },
    { id: 'rows-leak', category: 'resource-leak', lines: [6, 7], anchor: 'QueryContext', title: { en: 'Rows never closed', 'zh-CN': 'rows 没有关闭' }, explanation: { en: 'The connection stays busy.', 'zh-CN': '连接一直被占用。' } },
  ],
};

function codeReviewEntry(): CatalogEntry {
  return catalogEntry({ id: 'repo-review', kind: 'code-review', category: 'code-review', estimates: undefined, codeReview: CODE_REVIEW } as never);
}

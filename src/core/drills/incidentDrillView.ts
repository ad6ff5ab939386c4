import type { CatalogEntry } from '../catalog/catalogLoader';
import type { Review } from '../critic/review';
import { LEVEL_NAMES } from '../critic/rubricScorer';
import { formatText, type ContentLanguage, type Localized } from '../localized';
import { cluePenalty, scoreWithClues, type ClueState } from './clueProgression';
import type { DrillEvidence, DrillGrade, DrillView } from './drillProtocol';
import { CHART_PALETTE, metricChartGroups, xychartSource } from './incidentCharts';

const T = {
  progress: { en: 'Clue {0} of {1} · clues cost {2} point(s) so far', 'zh-CN': '线索 {0}/{1} · 目前线索扣 {2} 分' },
  nextClue: { en: 'Reveal Next Clue (−{0})', 'zh-CN': '查看下一条线索（−{0} 分）' },
  noMoreClues: { en: 'All clues revealed', 'zh-CN': '线索已全部查看' },
  grade: { en: 'Grade My Write-up', 'zh-CN': '评分我的复盘' },
  reference: { en: 'Show Reference Post-mortem', 'zh-CN': '查看参考复盘' },
  statement: { en: 'Read the Statement', 'zh-CN': '阅读题目' },
  answer: { en: 'Open My Write-up', 'zh-CN': '打开我的复盘' },
  alert: { en: 'Alert', 'zh-CN': '告警' },
  metric: { en: 'Dashboard', 'zh-CN': '监控面板' },
  log: { en: 'Logs', 'zh-CN': '日志' },
  command: { en: 'Command output', 'zh-CN': '命令输出' },
  config: { en: 'Configuration', 'zh-CN': '配置' },
  table: { en: 'Data', 'zh-CN': '数据' },
  time: { en: 'Time', 'zh-CN': '时间' },
  gradeHeading: { en: 'Grade', 'zh-CN': '评分' },
  rubric: { en: 'Write-up (incident rubric)', 'zh-CN': '复盘得分（故障评分标准）' },
  penalty: { en: 'Clues used', 'zh-CN': '线索扣分' },
  final: { en: 'Final score', 'zh-CN': '最终得分' },
  missing: { en: 'Not found', 'zh-CN': '未提到' },
  chart: { en: 'Chart: {0}', 'zh-CN': '图表：{0}' },
} satisfies Record<string, Localized>;

/** Everything the panel shows: only the evidence revealed so far, the grade when there is one. */
export function incidentDrillView(
  entry: CatalogEntry,
  language: ContentLanguage,
  clues: ClueState,
  options: { grade?: DrillGrade } = {},
): DrillView {
  if (!entry.incident) throw new Error(`${entry.id} is not an incident`);
  const t = (text: Localized) => text[language];
  const evidence = entry.incident.evidence.slice(0, clues.revealed).map((item): DrillEvidence => {
    const note = item.note?.[language];
    if (item.kind !== 'metric') return { kind: item.kind, title: item.title[language], note, text: item.text };
    const charts = metricChartGroups(item).map((group) => ({
      source: xychartSource(item.x, group),
      unit: group.unit,
      legend: group.series.map((series, index) => ({ name: series.name, color: CHART_PALETTE[index % CHART_PALETTE.length] })),
    }));
    return {
      kind: 'metric',
      title: item.title[language],
      note,
      charts,
      table: { x: item.x, series: item.series.map((s) => ({ name: s.name, unit: s.unit ?? item.unit, values: s.values })) },
    };
  });
  return {
    entryId: entry.id,
    title: entry.title[language],
    summary: entry.summary[language],
    progress: formatText(t(T.progress), clues.revealed, clues.total, cluePenalty(clues)),
    revealed: clues.revealed,
    total: clues.total,
    evidence,
    grade: options.grade,
    labels: {
      nextClue: formatText(t(T.nextClue), cluePenalty({ ...clues, revealed: clues.revealed + 1 }) - cluePenalty(clues) || 0),
      noMoreClues: t(T.noMoreClues),
      grade: t(T.grade),
      reference: t(T.reference),
      statement: t(T.statement),
      answer: t(T.answer),
      kinds: { alert: t(T.alert), metric: t(T.metric), log: t(T.log), command: t(T.command), config: t(T.config) },
      table: t(T.table),
      time: t(T.time),
      gradeHeading: t(T.gradeHeading),
      rubric: t(T.rubric),
      penalty: t(T.penalty),
      final: t(T.final),
      missing: t(T.missing),
      chart: t(T.chart),
    },
  };
}

/** The offline review of a write-up, with the clues it took. */
export function drillGrade(review: Review, language: ContentLanguage, clues: ClueState, at: string): DrillGrade {
  return {
    rubric: review.total,
    penalty: cluePenalty(clues),
    final: scoreWithClues(review.total, clues),
    level: LEVEL_NAMES[review.level][language],
    criteria: review.criteria.map((score) => ({
      title: score.title[language],
      score: score.score,
      max: score.max,
      missing: score.missing.map((phrase) => phrase[language]),
    })),
    at,
  };
}

/**
 * The offline review of one answer: rubric score with evidence, design-lint findings on the diagram
 * and on the answer's mermaid blocks, and the estimate check. Pure and synchronous: the same code
 * runs in the extension, the CLI and the tests.
 */
import type { CatalogEntry } from '../catalog/catalogLoader';
import { formatText, type ContentLanguage, type Localized } from '../localized';
import { buildDiagramGraph, graphsInMarkdown, mergeGraphs, withSource } from './diagramGraph';
import { lintDiagram, type Finding } from './designLinter';
import { checkEstimates, formatQuantity, type EstimateReport } from './estimates';
import { LEVEL_NAMES, scoreRubric, type CriterionScore, type Level } from './rubricScorer';
import type { LlmReview } from '../llm/llmCritic';
import { llmReviewMarkdown } from '../llm/llmReport';

/** Longest answer or diagram read; beyond it the review says so instead of taking seconds. */
export const MAX_REVIEW_CHARS = 400_000;

export interface ReviewFinding extends Finding {
  file: 'answer' | 'diagram';
}

export interface Review {
  problemId: string;
  total: number;
  level: Level;
  criteria: CriterionScore[];
  findings: ReviewFinding[];
  estimates: EstimateReport;
  /** Inputs that were cut to MAX_REVIEW_CHARS. */
  truncated: ('answer' | 'diagram')[];
}

export interface ReviewInput {
  entry: CatalogEntry;
  answer: string;
  /** The practice's architecture.mmd, when there is one. */
  diagram?: string;
}

/** A diagram's lint context from its entry. */
export const lintContextOf = (entry: Pick<CatalogEntry, 'kind' | 'tags'>) => ({ entryKind: entry.kind, tags: entry.tags });

export function reviewAnswer({ entry, answer, diagram }: ReviewInput): Review {
  const truncated: Review['truncated'] = [];
  const cut = (text: string, which: 'answer' | 'diagram') => {
    if (text.length <= MAX_REVIEW_CHARS) return text;
    truncated.push(which);
    return text.slice(0, MAX_REVIEW_CHARS);
  };
  const answerText = cut(answer, 'answer');
  const diagramText = diagram === undefined ? undefined : cut(diagram, 'diagram');
  const context = lintContextOf(entry);
  const fileGraph = diagramText === undefined ? undefined : withSource(buildDiagramGraph(diagramText), 'diagram');
  const blockGraphs = graphsInMarkdown(answerText);
  const findings: ReviewFinding[] = [
    ...(fileGraph ? lintDiagram(fileGraph, context).map((finding) => ({ ...finding, file: 'diagram' as const })) : []),
    ...blockGraphs.flatMap((graph) => lintDiagram(graph, context).map((finding) => ({ ...finding, file: 'answer' as const }))),
  ];
  const graphs = [fileGraph, ...blockGraphs].filter((graph) => graph !== undefined);
  const score = scoreRubric(entry, answerText, graphs.length ? mergeGraphs(graphs) : undefined);
  return {
    problemId: entry.id,
    total: score.total,
    level: score.level,
    criteria: score.criteria,
    findings,
    estimates: checkEstimates(answerText, entry.estimates ?? []),
    truncated,
  };
}

export { LEVEL_NAMES } from './rubricScorer';

/** The review's words, shared by review.md and the scorecard webview. */
export const REVIEW_TEXT = {
  title: { en: 'Review', 'zh-CN': '点评' },
  total: { en: 'Score', 'zh-CN': '得分' },
  level: { en: 'Level estimate', 'zh-CN': '水平估计' },
  offline: {
    en: 'Offline review: the rubric looks for the ideas and components a strong answer names; it cannot judge whether your reasoning is right. Treat missing items as questions to ask yourself.',
    'zh-CN': '离线点评：评分只检查强答案会提到的概念和组件，无法判断推理是否正确。把缺失项当作需要自问的问题。',
  },
  criteria: { en: 'Criteria', 'zh-CN': '评分项' },
  evidence: { en: 'Found', 'zh-CN': '已覆盖' },
  missing: { en: 'Missing', 'zh-CN': '缺失' },
  findings: { en: 'Design findings', 'zh-CN': '设计检查' },
  none: { en: 'None.', 'zh-CN': '无。' },
  estimates: { en: 'Estimates', 'zh-CN': '容量估算' },
  noEstimates: { en: 'No `name = expression` lines found in the Estimates section.', 'zh-CN': '容量估算一节中没有找到 `name = expression` 形式的行。' },
  line: { en: 'line', 'zh-CN': '第' },
  lineSuffix: { en: '', 'zh-CN': ' 行' },
  answer: { en: 'answer', 'zh-CN': '答案' },
  diagram: { en: 'diagram', 'zh-CN': '架构图' },
  truncated: { en: 'Only the first 400,000 characters were read.', 'zh-CN': '只读取了前 400,000 个字符。' },
  slip: { en: 'you wrote {0}, the expression gives {1}', 'zh-CN': '你写的是 {0}，表达式算出来是 {1}' },
  reference: { en: 'Reference figures', 'zh-CN': '参考数值' },
  verdict: {
    ok: { en: 'within 3× of the reference', 'zh-CN': '与参考值相差 3 倍以内' },
    off: { en: '3–10× from the reference: check your assumptions', 'zh-CN': '与参考值相差 3–10 倍：请检查假设' },
    far: { en: 'more than 10× from the reference', 'zh-CN': '与参考值相差 10 倍以上' },
    missing: { en: 'not estimated', 'zh-CN': '未估算' },
  },
} as const;
const T = REVIEW_TEXT;

/** Names of the reviewed files relative to review.md, so evidence links open them at the line. */
export interface ReviewFiles {
  answer: string;
  diagram?: string;
}

const bar = (score: number, max: number) => {
  const filled = max > 0 ? Math.round((score / max) * 10) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
};

export interface ReviewMarkdownOptions {
  /** Link evidence to these files at their lines. */
  files?: ReviewFiles;
  /** The LLM critic's review, as a section after the offline one. */
  llm?: LlmReview;
  /** A quoted line under the title, e.g. what an incident drill's clues cost. */
  preface?: string;
}

/**
 * `review.md`: the scorecard as Markdown, in the content language. Lines are shown 1-based and, with
 * `files`, link to the answer or diagram at that line (VS Code opens `file#L12` links there).
 */
export function reviewMarkdown(review: Review, entry: Pick<CatalogEntry, 'title'>, language: ContentLanguage, { files, llm, preface }: ReviewMarkdownOptions = {}): string {
  const t = (text: Localized) => text[language];
  const label = (line: number) => (language === 'zh-CN' ? `${t(T.line)} ${line + 1}${t(T.lineSuffix)}` : `${t(T.line)} ${line + 1}`);
  const at = (line: number, file: 'answer' | 'diagram' = 'answer') => {
    const target = file === 'answer' ? files?.answer : files?.diagram;
    return target ? `[${label(line)}](${encodeURI(target)}#L${line + 1})` : label(line);
  };
  const out: string[] = [
    `# ${t(T.title)}: ${t(entry.title)}`,
    '',
    ...(preface ? [`> ${preface}`, ''] : []),
    `**${t(T.total)}: ${review.total} / 100** · ${t(T.level)}: ${t(LEVEL_NAMES[review.level])}`,
    '',
    `> ${t(T.offline)}`,
    '',
  ];
  if (review.truncated.length) out.push(`> ${t(T.truncated)}`, '');
  out.push(`## ${t(T.criteria)}`, '');
  for (const criterion of review.criteria) {
    out.push(`### ${t(criterion.title)} — ${criterion.score} / ${criterion.max}`, '', `\`${bar(criterion.score, criterion.max)}\``, '');
    for (const item of criterion.evidence) {
      const where =
        item.line !== undefined
          ? `${at(item.line)}: “${item.quote}”`
          : `${t(T.diagram)}: ${item.nodes?.join(' → ')}${item.diagramLine !== undefined ? ` (${at(item.diagramLine, item.source)})` : ''}`;
      out.push(`- ✓ ${t(T.evidence)} *${item.matched}* — ${where}`);
    }
    for (const item of criterion.missing) out.push(`- ✗ ${t(T.missing)}: ${t(item)}`);
    out.push('');
  }
  out.push(`## ${t(T.findings)}`, '');
  if (review.findings.length === 0) out.push(t(T.none), '');
  for (const finding of review.findings) {
    out.push(`- **${finding.severity}** \`${finding.rule}\` (${t(finding.file === 'answer' ? T.answer : T.diagram)}, ${at(finding.line, finding.file)}): ${t(finding.message)}`);
  }
  out.push('', `## ${t(T.estimates)}`, '');
  if (review.estimates.lines.length === 0) out.push(t(T.noEstimates), '');
  for (const line of review.estimates.lines) {
    const value = line.value === undefined ? '—' : formatQuantity(line.value, line.bytes);
    const note = line.error
      ? ` ⚠ ${t(line.error)}`
      : line.slip
        ? ` ⚠ ${formatText(t(T.slip), formatQuantity(line.slip.stated, line.bytes), formatQuantity(line.slip.computed, line.bytes))}`
        : '';
    out.push(`- ${at(line.line)}: \`${line.name}\` = ${value}${note}`);
  }
  if (review.estimates.comparisons.length) {
    out.push('', `### ${t(T.reference)}`, '');
    for (const comparison of review.estimates.comparisons) {
      const bytes = comparison.unit === 'bytes' || comparison.unit === 'bytes-per-second';
      const yours = comparison.value === undefined ? '' : ` — ${comparison.name} = ${formatQuantity(comparison.value, bytes)}`;
      out.push(`- ${t(comparison.title)}: ${formatQuantity(comparison.reference, bytes)}${yours} (${t(T.verdict[comparison.verdict])})`);
    }
  }
  if (llm) out.push('', ...llmReviewMarkdown(llm, review.total, language, at));
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The LLM critic's part of review.md and of the scorecard: its scores beside the offline ones,
 * criterion by criterion, the verified evidence, follow-ups, the two fixes and what was dropped.
 */
import { LEVEL_NAMES } from '../critic/rubricScorer';
import { formatText as format, type ContentLanguage, type Localized } from '../localized';
import type { Agreement, LlmReview } from './llmCritic';

export const LLM_TEXT = {
  title: { en: 'LLM review', 'zh-CN': 'LLM 点评' },
  by: { en: '{0} at {1}', 'zh-CN': '{1} 上的 {0}' },
  score: { en: 'LLM score', 'zh-CN': 'LLM 得分' },
  offline: { en: 'offline', 'zh-CN': '离线' },
  offlineColumn: { en: 'Offline', 'zh-CN': '离线' },
  level: { en: 'level', 'zh-CN': '水平' },
  agreement: { en: 'agreement on {0} of {1} criteria', 'zh-CN': '{1} 项评分中有 {0} 项一致' },
  note: {
    en: 'The model read your answer and diagram and judged the reasoning. Every quote below was checked against your files; scores are a second opinion, not a verdict.',
    'zh-CN': '模型阅读了你的答案和架构图，评判的是推理本身。下方每条引用都已与你的文件核对；分数是第二意见，不是结论。',
  },
  dropped: {
    en: '{0} quote(s) the model gave are not in your answer or diagram and were dropped.',
    'zh-CN': '模型给出的 {0} 条引用不在你的答案或架构图中，已被剔除。',
  },
  repaired: { en: 'The first reply did not fit the review format; the model corrected it once.', 'zh-CN': '模型第一次回复不符合点评格式，已自行修正一次。' },
  criterion: { en: 'Criterion', 'zh-CN': '评分项' },
  llm: { en: 'LLM', 'zh-CN': 'LLM' },
  agree: { en: 'Agreement', 'zh-CN': '一致性' },
  agreements: {
    agree: { en: 'agree', 'zh-CN': '一致' },
    partly: { en: 'partly', 'zh-CN': '部分一致' },
    disagree: { en: 'disagree', 'zh-CN': '不一致' },
  } satisfies Record<Agreement, Localized>,
  quoted: { en: 'Quoted', 'zh-CN': '引用' },
  missing: { en: 'Missing', 'zh-CN': '缺失' },
  followUps: { en: 'Follow-up questions', 'zh-CN': '追问' },
  fixes: { en: 'The two fixes that matter most', 'zh-CN': '最值得做的两处改进' },
  droppedHeading: { en: 'Dropped quotes', 'zh-CN': '被剔除的引用' },
  reasons: {
    notFound: { en: 'not in your files', 'zh-CN': '文件中没有' },
    tooShort: { en: 'too short to be evidence', 'zh-CN': '太短，不足以作为证据' },
  },
} as const;

export const AGREEMENT_MARK: Record<Agreement, string> = { agree: '✓', partly: '≈', disagree: '✗' };

/** One line of table cell or list item: no pipes or line breaks from the model's text. */
const inline = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

export function llmAgreementCount(llm: LlmReview): number {
  return llm.criteria.filter((criterion) => criterion.agreement === 'agree').length;
}

/** The LLM section of review.md; `at(line, file)` renders a place as review.md does (a link when it can). */
export function llmReviewMarkdown(llm: LlmReview, offlineTotal: number, language: ContentLanguage, at: (line: number, file: 'answer' | 'diagram') => string): string[] {
  const t = (text: Localized) => text[language];
  const T = LLM_TEXT;
  const out: string[] = [
    `## ${t(T.title)} — ${format(t(T.by), llm.model, llm.destination)}`,
    '',
    `**${t(T.score)}: ${llm.total} / 100** · ${t(T.level)}: ${t(LEVEL_NAMES[llm.level])} · ${t(T.offline)} ${offlineTotal} / 100 · ${format(t(T.agreement), llmAgreementCount(llm), llm.criteria.length)}`,
    '',
    `> ${t(T.note)}`,
  ];
  if (llm.droppedQuotes.length) out.push('>', `> ${format(t(T.dropped), llm.droppedQuotes.length)}`);
  if (llm.repaired) out.push('>', `> ${t(T.repaired)}`);
  out.push('', `| ${t(T.criterion)} | ${t(T.offlineColumn)} | ${t(T.llm)} | ${t(T.agree)} |`, '|---|---|---|---|');
  for (const criterion of llm.criteria) {
    out.push(
      `| ${inline(t(criterion.title))} | ${criterion.offlineScore} / ${criterion.max} | ${criterion.score} / ${criterion.max} | ${AGREEMENT_MARK[criterion.agreement]} ${t(T.agreements[criterion.agreement])} |`,
    );
  }
  out.push('');
  for (const criterion of llm.criteria) {
    if (!criterion.evidence.length && !criterion.missing.length) continue;
    out.push(`### ${t(criterion.title)} — ${criterion.score} / ${criterion.max}`, '');
    for (const item of criterion.evidence) out.push(`- ✓ ${t(T.quoted)} “${inline(item.quote)}” — ${at(item.line, item.source)}`);
    for (const item of criterion.missing) out.push(`- ✗ ${t(T.missing)}: ${inline(item)}`);
    out.push('');
  }
  out.push(`### ${t(T.followUps)}`, '', ...llm.followUps.map((question, index) => `${index + 1}. ${inline(question)}`), '');
  out.push(`### ${t(T.fixes)}`, '', ...llm.topFixes.map((fix, index) => `${index + 1}. ${inline(fix)}`), '');
  if (llm.droppedQuotes.length) {
    out.push(`### ${t(T.droppedHeading)}`, '');
    for (const dropped of llm.droppedQuotes) out.push(`- \`${dropped.criterion}\`: “${inline(dropped.quote)}” (${t(T.reasons[dropped.reason])})`);
    out.push('');
  }
  return out;
}

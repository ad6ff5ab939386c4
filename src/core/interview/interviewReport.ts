/**
 * The end of a mock interview, as text: the verdict with its thresholds, the score per rubric
 * dimension, the two fixes that matter most, time per phase against its budget, and each interviewer
 * event with the candidate's answer. Also the running transcript.md.
 */
import type { CatalogEntry } from '../catalog/catalogLoader';
import type { Review } from '../critic/review';
import { LEVEL_NAMES, type Level } from '../critic/rubricScorer';
import type { LlmReview } from '../llm/llmCritic';
import { formatText as format, type ContentLanguage, type Localized } from '../localized';
import { formatClock, phaseTimes, type InterviewState } from './interviewMachine';
import { PHASE_TITLES, type InterviewEventKind } from './interviewPlan';

export type Verdict = 'strong-hire' | 'hire' | 'lean-no-hire' | 'no-hire';

/** Minimum score for each verdict, by the level interviewed for: a staff loop asks for more. */
export const VERDICT_THRESHOLDS: Record<Level, Record<Exclude<Verdict, 'no-hire'>, number>> = {
  mid: { 'strong-hire': 70, hire: 55, 'lean-no-hire': 40 },
  senior: { 'strong-hire': 80, hire: 65, 'lean-no-hire': 50 },
  staff: { 'strong-hire': 88, hire: 75, 'lean-no-hire': 60 },
};

export const VERDICT_NAMES: Record<Verdict, Localized> = {
  'strong-hire': { en: 'Strong Hire', 'zh-CN': '强烈推荐录用' },
  hire: { en: 'Hire', 'zh-CN': '录用' },
  'lean-no-hire': { en: 'Lean No Hire', 'zh-CN': '倾向不录用' },
  'no-hire': { en: 'No Hire', 'zh-CN': '不录用' },
};

export function verdictOf(score: number, level: Level): Verdict {
  const t = VERDICT_THRESHOLDS[level];
  return score >= t['strong-hire'] ? 'strong-hire' : score >= t.hire ? 'hire' : score >= t['lean-no-hire'] ? 'lean-no-hire' : 'no-hire';
}

/** The score the verdict uses: the offline score, or the mean of it and the LLM's when both exist. */
export const interviewScore = (review: Review, llm?: LlmReview) => (llm ? Math.round((review.total + llm.total) / 2) : review.total);

const EVENT_NAMES: Record<InterviewEventKind, Localized> = {
  'follow-up': { en: 'Follow-up', 'zh-CN': '追问' },
  'requirement-change': { en: 'Requirement change', 'zh-CN': '需求变更' },
  failure: { en: 'Failure injection', 'zh-CN': '故障注入' },
  'scale-stretch': { en: '10× scale', 'zh-CN': '10 倍规模' },
};

const T = {
  title: { en: 'Mock interview', 'zh-CN': '模拟面试' },
  minutes: { en: 'min', 'zh-CN': '分钟' },
  abandoned: { en: 'ended early', 'zh-CN': '提前结束' },
  verdict: { en: 'Verdict', 'zh-CN': '结论' },
  score: { en: 'Score', 'zh-CN': '得分' },
  averaged: { en: 'mean of the offline review ({0}) and the LLM review ({1})', 'zh-CN': '离线点评（{0}）与 LLM 点评（{1}）的平均' },
  offlineOnly: { en: 'offline review', 'zh-CN': '离线点评' },
  thresholds: { en: 'For a {0} interview: Strong Hire ≥ {1} · Hire ≥ {2} · Lean No Hire ≥ {3} · No Hire below {3}.', 'zh-CN': '{0}面试的标准：强烈推荐录用 ≥ {1} · 录用 ≥ {2} · 倾向不录用 ≥ {3} · 低于 {3} 不录用。' },
  dimensions: { en: 'Score per dimension', 'zh-CN': '各维度得分' },
  dimension: { en: 'Dimension', 'zh-CN': '维度' },
  offline: { en: 'Offline', 'zh-CN': '离线' },
  fixes: { en: 'The two fixes that matter most', 'zh-CN': '最值得做的两处改进' },
  time: { en: 'Time per phase', 'zh-CN': '各阶段用时' },
  phase: { en: 'Phase', 'zh-CN': '阶段' },
  budget: { en: 'Budget', 'zh-CN': '预算' },
  spent: { en: 'Spent', 'zh-CN': '实际' },
  over: { en: 'over', 'zh-CN': '超时' },
  under: { en: 'under', 'zh-CN': '剩余' },
  events: { en: 'Interviewer events', 'zh-CN': '面试官事件' },
  yourAnswer: { en: 'Your answer', 'zh-CN': '你的回答' },
  noAnswer: { en: 'No reply in the panel.', 'zh-CN': '面板中没有回复。' },
  noEvents: { en: 'The session ended before any event.', 'zh-CN': '会话在任何事件之前就结束了。' },
  transcript: { en: 'Transcript', 'zh-CN': '对话记录' },
  interviewer: { en: 'Interviewer', 'zh-CN': '面试官' },
  candidate: { en: 'You', 'zh-CN': '你' },
  missingFix: { en: '{0} ({1}/{2}): {3}', 'zh-CN': '{0}（{1}/{2}）：{3}' },
} as const;


/** The two fixes: the LLM's when it ran, else the two criteria that lost the most points, each with what it missed first. */
export function topFixes(review: Review, language: ContentLanguage, llm?: LlmReview): string[] {
  if (llm?.topFixes.length) return llm.topFixes.slice(0, 2);
  return [...review.criteria]
    .filter((criterion) => criterion.score < criterion.max)
    .sort((a, b) => b.max - b.score - (a.max - a.score))
    .slice(0, 2)
    .map((criterion) => format(T.missingFix[language], criterion.title[language], criterion.score, criterion.max, criterion.missing[0]?.[language] ?? '—'));
}

export interface InterviewReportInput {
  state: InterviewState;
  entry: Pick<CatalogEntry, 'title'>;
  review: Review;
  llm?: LlmReview;
  language: ContentLanguage;
  /** When the report is written (wall clock). */
  now: number;
}

export function interviewReportMarkdown({ state, entry, review, llm, language, now }: InterviewReportInput): string {
  const t = (text: Localized) => text[language];
  const score = interviewScore(review, llm);
  const verdict = verdictOf(score, state.level);
  const thresholds = VERDICT_THRESHOLDS[state.level];
  const date = new Date(state.startedAt).toISOString().slice(0, 16).replace('T', ' ');
  const out: string[] = [
    `# ${t(T.title)}: ${t(entry.title)}`,
    '',
    `${date} UTC · ${t(LEVEL_NAMES[state.level])} · ${state.minutes} ${t(T.minutes)}${state.endReason === 'abandoned' ? ` · ${t(T.abandoned)}` : ''}`,
    '',
    `## ${t(T.verdict)}: ${t(VERDICT_NAMES[verdict])}`,
    '',
    `**${t(T.score)}: ${score} / 100** (${llm ? format(t(T.averaged), review.total, llm.total) : t(T.offlineOnly)})`,
    '',
    format(t(T.thresholds), t(LEVEL_NAMES[state.level]), thresholds['strong-hire'], thresholds.hire, thresholds['lean-no-hire']),
    '',
    `## ${t(T.dimensions)}`,
    '',
    llm ? `| ${t(T.dimension)} | ${t(T.offline)} | LLM |` : `| ${t(T.dimension)} | ${t(T.score)} |`,
    llm ? '|---|---|---|' : '|---|---|',
  ];
  for (const criterion of review.criteria) {
    const llmScore = llm?.criteria.find((item) => item.id === criterion.id);
    out.push(llm ? `| ${t(criterion.title)} | ${criterion.score} / ${criterion.max} | ${llmScore?.score ?? '—'} / ${criterion.max} |` : `| ${t(criterion.title)} | ${criterion.score} / ${criterion.max} |`);
  }
  out.push('', `## ${t(T.fixes)}`, '', ...topFixes(review, language, llm).map((fix, index) => `${index + 1}. ${fix}`), '');
  out.push(`## ${t(T.time)}`, '', `| ${t(T.phase)} | ${t(T.budget)} | ${t(T.spent)} | |`, '|---|---|---|---|');
  for (const phase of phaseTimes(state, now)) {
    const delta = phase.spentMs - phase.budgetMs;
    const note = Math.abs(delta) < 30_000 ? '' : delta > 0 ? `+${formatClock(delta)} ${t(T.over)}` : `${formatClock(-delta)} ${t(T.under)}`;
    out.push(`| ${t(PHASE_TITLES[phase.id])} | ${formatClock(phase.budgetMs)} | ${formatClock(phase.spentMs)} | ${note} |`);
  }
  out.push('', `## ${t(T.events)}`, '');
  const fired = state.events.filter((event) => state.fired.includes(event.id));
  if (!fired.length) out.push(t(T.noEvents), '');
  for (const event of fired) {
    const asked = state.messages.find((message) => message.from === 'interviewer' && message.eventId === event.id);
    out.push(`### ${formatClock(asked?.atMs ?? event.atMs)} · ${t(EVENT_NAMES[event.kind])}`, '', `> ${(asked?.text ?? t(event.text)).replace(/\n/g, '\n> ')}`, '');
    const replies = state.messages.filter((message) => message.from === 'candidate' && message.eventId === event.id);
    if (!replies.length) out.push(`*${t(T.noAnswer)}*`, '');
    for (const answer of replies) out.push(`**${t(T.yourAnswer)} (${formatClock(answer.atMs)}):** ${answer.text}`, '');
  }
  out.push(`[${t(T.transcript)}](transcript.md)`);
  return `${out.join('\n').trimEnd()}\n`;
}

/** transcript.md: every message in order, with its interview time. */
export function transcriptMarkdown(state: InterviewState, entry: Pick<CatalogEntry, 'title'>, language: ContentLanguage): string {
  const t = (text: Localized) => text[language];
  const out = [`# ${t(T.transcript)}: ${t(entry.title)}`, ''];
  for (const message of state.messages) {
    const who = message.from === 'interviewer' ? t(T.interviewer) : t(T.candidate);
    out.push(`**${formatClock(message.atMs)} ${who}:** ${message.text.replace(/\n/g, '  \n')}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

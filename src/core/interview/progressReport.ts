/**
 * Progress across mock interviews, as Markdown the preview renders: the score of every graded
 * session over time (a Mermaid xychart), then per entry a trend line per rubric dimension.
 */
import { formatText, type ContentLanguage, type Localized } from '../localized';
import type { InterviewResult } from './interviewMachine';

export interface GradedSession {
  entryId: string;
  startedAt: number;
  result: InterviewResult;
}

const T = {
  title: { en: 'Interview progress', 'zh-CN': '面试进步' },
  none: {
    en: 'No graded mock interview yet. Finish one (End and Grade) and its scores appear here.',
    'zh-CN': '还没有评过分的模拟面试。完成一场（结束并评分）后，分数会显示在这里。',
  },
  overall: { en: 'Score over time', 'zh-CN': '分数变化' },
  score: { en: 'Score', 'zh-CN': '得分' },
  session: { en: 'Session', 'zh-CN': '场次' },
  dimension: { en: 'Dimension', 'zh-CN': '维度' },
  trend: { en: 'Trend (oldest → newest)', 'zh-CN': '趋势（从早到晚）' },
  firstLatest: { en: 'First → latest', 'zh-CN': '首次 → 最近' },
  sessions: { en: '{0} session(s)', 'zh-CN': '{0} 场' },
} as const;

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A fraction 0–1 per point as a row of block characters: a chart per dimension that fits a table cell. */
export function sparkline(fractions: number[]): string {
  return fractions.map((fraction) => BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, Math.round(fraction * (BLOCKS.length - 1))))]).join('');
}

const pad = (value: number) => String(value).padStart(2, '0');
const shortDate = (time: number) => {
  const date = new Date(time);
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

export function progressMarkdown(sessions: GradedSession[], titles: (entryId: string) => Localized | undefined, language: ContentLanguage): string {
  const t = (text: Localized) => text[language];
  const graded = [...sessions].sort((a, b) => a.startedAt - b.startedAt);
  const out = [`# ${t(T.title)}`, ''];
  if (!graded.length) return `${[...out, t(T.none)].join('\n')}\n`;
  out.push(`## ${t(T.overall)}`, '', '```mermaid', 'xychart-beta');
  // Labels are quoted: xychart reads a bare "11-26" as arithmetic.
  out.push(`  x-axis [${graded.map((session, index) => `"${index + 1} ${shortDate(session.startedAt)}"`).join(', ')}]`);
  out.push(`  y-axis "${t(T.score)}" 0 --> 100`, `  line [${graded.map((session) => session.result.score).join(', ')}]`, '```', '');
  const byEntry = new Map<string, GradedSession[]>();
  for (const session of graded) byEntry.set(session.entryId, [...(byEntry.get(session.entryId) ?? []), session]);
  for (const [entryId, entrySessions] of byEntry) {
    const title = titles(entryId);
    out.push(`## ${title ? t(title) : entryId} — ${formatText(t(T.sessions), entrySessions.length)}`, '');
    out.push(`${t(T.score)}: ${entrySessions.map((session) => session.result.score).join(' → ')}`, '');
    out.push(`| ${t(T.dimension)} | ${t(T.trend)} | ${t(T.firstLatest)} |`, '|---|---|---|');
    // Dimensions of the newest session, in rubric order; older sessions may lack one after a catalogue change.
    for (const dimension of entrySessions[entrySessions.length - 1].result.criteria) {
      const points = entrySessions
        .map((session) => session.result.criteria.find((criterion) => criterion.id === dimension.id))
        .filter((criterion) => criterion !== undefined)
        .map((criterion) => (criterion.max ? criterion.score / criterion.max : 0));
      const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
      out.push(`| ${t(dimension.title)} | \`${sparkline(points)}\` | ${percent(points[0])} → ${percent(points[points.length - 1])} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

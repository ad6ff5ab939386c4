import type { CatalogEntry } from '../catalog/catalogLoader';
import type { DefectCategory } from '../catalog/catalogSchema';
import { DEFECT_CATEGORIES } from '../catalog/catalogSchema';
import { fencedBlock } from '../markdownFences';
import { formatText, type ContentLanguage, type Localized } from '../localized';
import type { KnownDefect, ReviewMark, ReviewResult } from './defectMatching';

export const CATEGORY_LABELS: Record<DefectCategory, Localized> = {
  'context-misuse': { en: 'Context misuse', 'zh-CN': 'context 误用' },
  race: { en: 'Race condition', 'zh-CN': '竞态条件' },
  'non-atomic-update': { en: 'Non-atomic update', 'zh-CN': '非原子更新' },
  'missing-timeout': { en: 'Missing timeout', 'zh-CN': '缺少超时' },
  'retry-without-jitter': { en: 'Retry without backoff or jitter', 'zh-CN': '重试无退避/抖动' },
  'resource-leak': { en: 'Resource leak', 'zh-CN': '资源泄漏' },
  'error-handling': { en: 'Error handling', 'zh-CN': '错误处理' },
  idempotency: { en: 'Not idempotent', 'zh-CN': '缺少幂等' },
  'lock-contention': { en: 'Lock contention', 'zh-CN': '锁竞争' },
  'delivery-semantics': { en: 'Delivery semantics (loss or duplicates)', 'zh-CN': '投递语义（丢失或重复）' },
  'unbounded-growth': { en: 'Unbounded growth', 'zh-CN': '无限增长' },
};

// Words reviewers write for each category, in both languages: the category picker starts on the best guess.
const CATEGORY_WORDS: Record<DefectCategory, string[]> = {
  'context-misuse': ['context', 'ctx', 'cancel', 'withtimeout', 'background()', '上下文'],
  race: ['race', 'data race', 'concurrent', 'unsynchronized', 'mutex', 'atomic access', 'lag', '竞态', '并发', '竞争条件', '数据竞争'],
  'non-atomic-update': ['atomic', 'multi', 'lua', 'pipeline', 'transaction', 'half-way', 'partial', 'setnx', '原子', '事务', '部分'],
  'missing-timeout': ['timeout', 'deadline', 'hang', 'defaultclient', 'forever', '超时', '卡住', '永久'],
  'retry-without-jitter': ['retry', 'backoff', 'jitter', 'thundering', '重试', '退避', '抖动'],
  'resource-leak': ['leak', 'close', 'rollback', 'defer', 'not closed', '泄漏', '泄露', '未关闭', '回滚'],
  'error-handling': ['error', 'err', 'ignored', 'swallow', 'rows.err', 'errnorows', '错误', '忽略', '吞掉'],
  idempotency: ['idempot', 'duplicate', 'dedup', 'twice', 'double', '幂等', '重复', '去重'],
  'lock-contention': ['contention', 'serialis', 'serializ', 'global lock', 'singleflight', 'bottleneck', '锁竞争', '串行', '全局锁'],
  'delivery-semantics': ['commit', 'offset', 'at-most-once', 'at-least-once', 'message loss', 'lost', '位点', '提交', '丢消息', '丢失'],
  'unbounded-growth': ['unbounded', 'grows', 'memory', 'expiry', 'evict', 'ttl', 'oom', 'lru', '无限', '内存', '过期', '淘汰'],
};

/** The categories ordered by how well a note's words fit them (ties keep the list's order); the first is the guess. */
export function rankCategories(note: string): DefectCategory[] {
  const text = note.toLowerCase();
  const hits = (category: DefectCategory) => CATEGORY_WORDS[category].filter((word) => text.includes(word)).length;
  return [...DEFECT_CATEGORIES].map((category, index) => ({ category, index, hits: hits(category) }))
    .sort((a, b) => b.hits - a.hits || a.index - b.index)
    .map((ranked) => ranked.category);
}

/** The entry's defects in the matcher's shape. */
export function knownDefects(entry: CatalogEntry): KnownDefect[] {
  return (entry.codeReview?.defects ?? []).map((defect) => ({ id: defect.id, category: defect.category, startLine: defect.lines[0], endLine: defect.lines[1] }));
}

const T = {
  title: { en: 'Code review', 'zh-CN': '代码评审' },
  score: { en: 'Score', 'zh-CN': '得分' },
  summary: {
    en: '{0} of {1} defects found, {2} missed, {3} false alarm(s).',
    'zh-CN': '共 {1} 处缺陷，找到 {0} 处，漏掉 {2} 处，误报 {3} 处。',
  },
  scoring: {
    en: 'A found defect counts fully with the right category and half with another; each false alarm costs half a defect.',
    'zh-CN': '找到且分类正确得满分，分类不同得一半；每个误报扣半个缺陷的分。',
  },
  found: { en: 'Found', 'zh-CN': '找到的' },
  missed: { en: 'Missed', 'zh-CN': '漏掉的' },
  falseAlarms: { en: 'False alarms', 'zh-CN': '误报' },
  none: { en: 'None.', 'zh-CN': '无。' },
  lines: { en: 'lines {0}–{1}', 'zh-CN': '第 {0}–{1} 行' },
  line: { en: 'line {0}', 'zh-CN': '第 {0} 行' },
  yourNote: { en: 'Your note', 'zh-CN': '你的说明' },
  yourCategory: { en: 'you said: {0}', 'zh-CN': '你选的是：{0}' },
  falseAlarmNote: {
    en: 'No known defect is on these lines. If you still think it is one, check it against the corrected version.',
    'zh-CN': '这几行没有已知缺陷。如果你仍认为有问题，可以对照修正版本再确认。',
  },
  corrected: { en: 'Corrected version', 'zh-CN': '修正后的版本' },
} as const;

export function linesLabel(range: { startLine: number; endLine: number }, language: ContentLanguage): string {
  return range.startLine === range.endLine ? formatText(T.line[language], range.startLine) : formatText(T.lines[language], range.startLine, range.endLine);
}

/** review.md of a submitted code review: the score, then found / missed / false alarms with explanations, then the corrected file. */
export function codeReviewReport(entry: CatalogEntry, result: ReviewResult, language: ContentLanguage): string {
  const review = entry.codeReview;
  if (!review) throw new Error(`${entry.id} is not a code-review drill`);
  const t = (text: Localized) => text[language];
  const data = new Map(review.defects.map((defect) => [defect.id, defect]));
  const quote = (mark: ReviewMark) => mark.note.split('\n').map((line) => `> ${line}`).join('\n');
  const out = [
    `# ${t(T.title)}: ${t(entry.title)}`,
    '',
    `**${t(T.score)}: ${result.score} / 100** · ${formatText(t(T.summary), result.found.length, review.defects.length, result.missed.length, result.falseAlarms.length)}`,
    '',
    `*${t(T.scoring)}*`,
    '',
    `## ${t(T.found)} (${result.found.length})`,
    '',
  ];
  if (!result.found.length) out.push(t(T.none), '');
  for (const match of result.found) {
    const defect = data.get(match.defect.id)!;
    const category = t(CATEGORY_LABELS[defect.category]);
    const yours = match.categoryRight ? '' : ` (${formatText(t(T.yourCategory), t(CATEGORY_LABELS[match.mark.category!]))})`;
    out.push(`### ✓ ${t(defect.title)}`, '', `\`${review.file}\` ${linesLabel(match.defect, language)} · ${category}${yours}`, '', `${t(T.yourNote)}:`, '', quote(match.mark), '', t(defect.explanation), '');
  }
  out.push(`## ${t(T.missed)} (${result.missed.length})`, '');
  if (!result.missed.length) out.push(t(T.none), '');
  for (const missed of result.missed) {
    const defect = data.get(missed.id)!;
    out.push(`### ✗ ${t(defect.title)}`, '', `\`${review.file}\` ${linesLabel(missed, language)} · ${t(CATEGORY_LABELS[defect.category])}`, '', t(defect.explanation), '');
  }
  out.push(`## ${t(T.falseAlarms)} (${result.falseAlarms.length})`, '');
  if (!result.falseAlarms.length) out.push(t(T.none), '');
  for (const mark of result.falseAlarms) {
    out.push(`- \`${review.file}\` ${linesLabel(mark, language)}${mark.category ? ` · ${t(CATEGORY_LABELS[mark.category])}` : ''}`, '', quote(mark).replace(/^/gm, '  '), '', `  ${t(T.falseAlarmNote)}`, '');
  }
  out.push(`## ${t(T.corrected)}`, '', fencedBlock(review.corrected, 'go'), '');
  return out.join('\n');
}

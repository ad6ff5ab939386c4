import type { ContentLanguage, Localized } from '../localized';
import { fencedBlock } from '../markdownFences';
import type { CatalogCategory, CatalogEntry } from './catalogLoader';
import type { EntryKind, Evidence, ReferenceEstimate } from './catalogSchema';

const KIND_LABEL: Record<EntryKind, Localized> = {
  design: { en: 'System design problem', 'zh-CN': '系统设计题' },
  incident: { en: 'Incident drill', 'zh-CN': '故障演练' },
  topic: { en: 'Architecture topic', 'zh-CN': '架构专题' },
  'code-review': { en: 'Code review drill', 'zh-CN': '代码评审练习' },
};

const DIFFICULTY_LABEL: Record<CatalogEntry['difficulty'], Localized> = {
  easy: { en: 'Easy', 'zh-CN': '简单' },
  medium: { en: 'Medium', 'zh-CN': '中等' },
  hard: { en: 'Hard', 'zh-CN': '困难' },
};

const T = {
  minutes: { en: (n: number) => `~${n} min`, 'zh-CN': (n: number) => `约 ${n} 分钟` },
  evidence: { en: 'Evidence', 'zh-CN': '现场证据' },
  hints: { en: 'Hints', 'zh-CN': '提示' },
  hintCount: { en: (shown: number, total: number) => `${shown} of ${total} opened`, 'zh-CN': (shown: number, total: number) => `已查看 ${shown}/${total} 条` },
  reference: { en: 'Reference', 'zh-CN': '参考答案' },
  referenceNote: {
    en: 'One good answer among several. Compare it with yours; do not memorise it.',
    'zh-CN': '这是若干好答案中的一种。拿来与你的答案对照，不要死记硬背。',
  },
  outline: { en: 'Reference answer outline', 'zh-CN': '参考答案要点' },
  diagram: { en: 'Reference diagram', 'zh-CN': '参考架构图' },
  rootCause: { en: 'Root-cause chain', 'zh-CN': '根因链' },
  mitigation: { en: 'Immediate mitigation', 'zh-CN': '立即止血' },
  fix: { en: 'Durable fix', 'zh-CN': '长期修复' },
  prevention: { en: 'Prevention and monitoring', 'zh-CN': '预防与监控' },
  symptoms: { en: 'Symptoms', 'zh-CN': '现象' },
  rubric: { en: 'What the interviewer looks for', 'zh-CN': '面试官关注什么' },
  estimates: { en: 'Reference estimates', 'zh-CN': '参考估算' },
  pitfalls: { en: 'Common pitfalls', 'zh-CN': '常见误区' },
  followUps: { en: 'Follow-up questions to prepare for', 'zh-CN': '需要准备的追问' },
  events: { en: 'Curveballs', 'zh-CN': '变化题' },
  requirementChange: { en: 'Requirement change', 'zh-CN': '需求变更' },
  scaleStretch: { en: '10× scale', 'zh-CN': '10 倍规模' },
  time: { en: 'Time', 'zh-CN': '时间' },
  moreClues: {
    en: (n: number) => `${n} more clue(s): reveal them one at a time with “Start Incident Drill”.`,
    'zh-CN': (n: number) => `还有 ${n} 条线索：用“开始故障演练”逐条查看。`,
  },
  points: { en: 'points', 'zh-CN': '分' },
} as const;

export function kindLabel(kind: EntryKind, language: ContentLanguage): string {
  return KIND_LABEL[kind][language];
}

export function difficultyLabel(entry: Pick<CatalogEntry, 'difficulty'>, language: ContentLanguage): string {
  return DIFFICULTY_LABEL[entry.difficulty][language];
}

export interface StatementOptions {
  /** How many hints the user opened; they are listed under the statement. */
  hintsRevealed?: number;
  /** Incidents: how many evidence items the drill has revealed (the alert is always shown). */
  cluesRevealed?: number;
}

/** What the candidate reads: title, facts, summary, statement, an incident's evidence, opened hints. */
export function statementMarkdown(
  entry: CatalogEntry,
  category: CatalogCategory | undefined,
  language: ContentLanguage,
  options: StatementOptions = {},
): string {
  const facts = [kindLabel(entry.kind, language), category?.label[language], difficultyLabel(entry, language), T.minutes[language](entry.minutes)]
    .filter(Boolean)
    .join(' · ');
  const out = [`# ${entry.title[language]}`, '', `*${facts}*`, '', `> ${entry.summary[language]}`, '', entry.statement[language], ''];
  if (entry.incident) {
    const evidence = entry.incident.evidence;
    const revealed = Math.max(1, Math.min(options.cluesRevealed ?? 1, evidence.length));
    out.push(`## ${T.evidence[language]}`, '');
    for (const item of evidence.slice(0, revealed)) out.push(...evidenceMarkdown(item, language));
    if (revealed < evidence.length) out.push(`*${T.moreClues[language](evidence.length - revealed)}*`, '');
  }
  const shown = Math.min(options.hintsRevealed ?? 0, entry.hints.length);
  if (shown > 0) {
    out.push(`## ${T.hints[language]} (${T.hintCount[language](shown, entry.hints.length)})`, '');
    entry.hints.slice(0, shown).forEach((hint, i) => out.push(`${i + 1}. ${hint[language]}`));
    out.push('');
  }
  return out.join('\n');
}

function evidenceMarkdown(item: Evidence, language: ContentLanguage): string[] {
  const out = [`### ${item.title[language]}`, ''];
  if (item.kind === 'metric') {
    for (const chart of metricCharts(item)) out.push(fencedBlock(chart, 'mermaid'), '');
    out.push(`| ${T.time[language]} | ${item.series.map((s) => escapeCell(s.name)).join(' | ')} |`);
    out.push(`|---|${item.series.map(() => '---:').join('|')}|`);
    item.x.forEach((x, i) => out.push(`| ${escapeCell(x)} | ${item.series.map((s) => String(s.values[i])).join(' | ')} |`));
    const units = [...new Set(item.series.map((s) => s.unit ?? item.unit))];
    out.push('', `*${units.map(escapeCell).join(' · ')}*`, '');
  } else {
    out.push(fencedBlock(item.text, 'text'), '');
  }
  if (item.note) out.push(`*${item.note[language]}*`, '');
  return out;
}

/**
 * One Mermaid xychart per series of a metric (xycharts have no legend, so a chart per series keeps
 * every line named). The Markdown preview and the drill panel render them; the table stays as text.
 */
export function metricCharts(item: Extract<Evidence, { kind: 'metric' }>): string[] {
  const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;
  return item.series.map((series) =>
    [
      'xychart-beta',
      `  title ${quote(series.name)}`,
      `  x-axis [${item.x.map(quote).join(', ')}]`,
      `  y-axis ${quote(series.unit ?? item.unit)}`,
      `  line [${series.values.join(', ')}]`,
    ].join('\n'),
  );
}

/** Everything we know about a good answer. Shown only after the user asks (and confirms). */
export function referenceMarkdown(entry: CatalogEntry, language: ContentLanguage): string {
  const out = [`# ${T.reference[language]}: ${entry.title[language]}`, '', `> ${T.referenceNote[language]}`, ''];
  const list = (heading: string, items: Localized[], ordered = false) => {
    out.push(`## ${heading}`, '');
    items.forEach((item, i) => out.push(`${ordered ? `${i + 1}.` : '-'} ${item[language]}`));
    out.push('');
  };
  if (entry.incident) {
    list(T.symptoms[language], entry.incident.symptoms);
    list(T.rootCause[language], entry.incident.rootCause, true);
    list(T.mitigation[language], entry.incident.mitigation, true);
    list(T.fix[language], entry.incident.fix);
    list(T.prevention[language], entry.incident.prevention);
    out.push(`## ${T.evidence[language]}`, '');
    for (const item of entry.incident.evidence) out.push(...evidenceMarkdown(item, language).map((line) => line.replace(/^### /, '#### ')));
  }
  out.push(`## ${T.outline[language]}`, '', demoteHeadings(entry.reference[language]), '');
  out.push(`## ${T.diagram[language]}`, '', fencedBlock(entry.referenceDiagram.trim(), 'mermaid'), '');
  if (entry.estimates?.length) {
    out.push(`## ${T.estimates[language]}`, '');
    for (const estimate of entry.estimates) out.push(`- ${estimate.title[language]}: **${formatEstimate(estimate)}**`);
    out.push('');
  }
  out.push(`## ${T.rubric[language]}`, '');
  for (const criterion of entry.rubric) {
    out.push(`- **${criterion.title[language]}** (${criterion.weight} ${T.points[language]}): ${criterion.strong[language]}`);
  }
  out.push('');
  list(T.pitfalls[language], entry.pitfalls);
  list(T.followUps[language], entry.followUps, true);
  out.push(`## ${T.events[language]}`, '');
  out.push(`- **${T.requirementChange[language]}:** ${entry.requirementChange[language]}`);
  out.push(`- **${T.scaleStretch[language]}:** ${entry.scaleStretch[language]}`, '');
  return out.join('\n');
}

const UNIT_SUFFIX: Record<ReferenceEstimate['unit'], string> = {
  'per-second': '/s',
  bytes: 'B',
  'bytes-per-second': 'B/s',
  count: '',
};

/** 12000 per-second → "12K/s"; 3.2e12 bytes → "3.2 TB". */
export function formatEstimate(estimate: Pick<ReferenceEstimate, 'value' | 'unit'>): string {
  const bytes = estimate.unit === 'bytes' || estimate.unit === 'bytes-per-second';
  const steps = bytes ? ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] : ['', 'K', 'M', 'B', 'T'];
  let value = estimate.value;
  let step = 0;
  while (Math.abs(value) >= 1000 && step < steps.length - 1) {
    value /= 1000;
    step++;
  }
  const number = Number(value.toPrecision(3)).toString();
  if (bytes) return `${number} ${steps[step]}${estimate.unit === 'bytes-per-second' ? '/s' : ''}`;
  return `${number}${steps[step]}${UNIT_SUFFIX[estimate.unit]}`;
}

/** The reference body uses `##` headings; inside the reference document they sit one level lower. */
function demoteHeadings(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      return !inFence && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

import type { CatalogCategory, CatalogEntry } from './catalog/catalogLoader';
import type { EntryKind } from './catalog/catalogSchema';
import type { ContentLanguage, Localized } from './localized';

export interface PracticePaths {
  /** Folder of this practice, relative to the workspace folder (POSIX). */
  folder: string;
  answer: string;
  diagram: string;
}

/** Where a practice of `entryId` lives inside the workspace, e.g. `system-design/url-shortener/answer.md`. */
export function practicePaths(practiceFolder: string, entryId: string): PracticePaths {
  // Keep practices inside the workspace folder: drop empty, "." and ".." segments of the setting.
  const segments = practiceFolder
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment && segment !== '.' && segment !== '..');
  const root = segments.join('/') || 'system-design';
  const folder = `${root}/${entryId}`;
  return { folder, answer: `${folder}/answer.md`, diagram: `${folder}/architecture.mmd` };
}

interface Section {
  heading: Localized;
  prompt: Localized;
}

const s = (en: string, zh: string, promptEn: string, promptZh: string): Section => ({
  heading: { en, 'zh-CN': zh },
  prompt: { en: promptEn, 'zh-CN': promptZh },
});

// The order an interviewer expects an answer in; the prompts are reminders, kept as HTML comments so
// they vanish from the rendered Markdown once the candidate writes underneath.
const SECTIONS: Record<EntryKind, Section[]> = {
  design: [
    s('Requirements', '需求', 'Functional and non-functional requirements; what is out of scope.', '功能需求与非功能需求；明确不做什么。'),
    s('Estimates', '容量估算', 'QPS (average and peak), storage, bandwidth. Show the arithmetic.', 'QPS（平均与峰值）、存储、带宽，写出计算过程。'),
    s('API', '接口设计', 'Endpoints or RPCs with request/response and error cases.', '接口或 RPC 的请求、响应与错误码。'),
    s('Data model', '数据模型', 'Tables/keys, indexes, sharding key, retention.', '表/键结构、索引、分片键、保留策略。'),
    s('High-level design', '总体架构', 'Components and data flow; keep architecture.mmd in sync.', '组件与数据流，与 architecture.mmd 保持一致。'),
    s('Deep dives', '深入探讨', 'The two or three hardest parts, in depth.', '挑两三个最难的点深入展开。'),
    s('Trade-offs and failure modes', '权衡与故障模式', 'What breaks first, how you detect and degrade.', '哪里最先出问题，如何发现、如何降级。'),
  ],
  incident: [
    s('Symptoms', '现象', 'What the dashboards, alerts and users show; impact and timeline.', '监控、告警和用户反馈看到了什么；影响面与时间线。'),
    s('Hypotheses', '假设', 'Ranked guesses and the evidence that would confirm or reject each.', '按可能性排序的假设，以及证实或排除每个假设所需的证据。'),
    s('Investigation', '排查过程', 'Commands, queries and metrics you would check, in order.', '按顺序列出要执行的命令、查询与要看的指标。'),
    s('Root cause', '根因', 'The chain from trigger to outage.', '从触发点到故障的完整链路。'),
    s('Mitigation', '止血', 'What you do in the next 15 minutes to stop the bleeding.', '接下来 15 分钟内如何止血。'),
    s('Prevention', '预防', 'Design, configuration and process changes; how you will verify them.', '设计、配置与流程上的改进，以及如何验证。'),
  ],
  topic: [
    s('Key ideas', '核心概念', 'Define the terms precisely.', '准确定义相关概念。'),
    s('Design options', '方案对比', 'Two or three options with their trade-offs.', '两三种方案及其权衡。'),
    s('When to use which', '适用场景', 'Concrete situations and numbers.', '结合具体场景与数据说明。'),
    s('Pitfalls', '常见误区', 'What goes wrong in production.', '生产环境中常见的问题。'),
  ],
  'code-review': [
    s('Findings', '发现的问题', 'Each defect with file/line, severity and why it matters.', '每个问题的位置、严重程度及影响。'),
    s('Fixes', '修改建议', 'The change you would request, with code where it helps.', '建议的修改，必要时附代码。'),
    s('Tests', '测试', 'The tests that would have caught it.', '能发现该问题的测试。'),
  ],
};

const ANSWER_INTRO: Localized = {
  en: 'Your answer. Write under each heading; the diagram lives in architecture.mmd.',
  'zh-CN': '在这里作答：在每个标题下书写，架构图在 architecture.mmd 中。',
};

export function answerTemplate(entry: CatalogEntry, language: ContentLanguage): string {
  const lines = [`# ${entry.title[language]}`, '', `<!-- ${ANSWER_INTRO[language]} -->`, ''];
  for (const section of SECTIONS[entry.kind]) {
    lines.push(`## ${section.heading[language]}`, '', `<!-- ${section.prompt[language]} -->`, '', '');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

const STARTER: Localized<{ hint: string; client: string; service: string; store: string }> = {
  en: { hint: 'Draw the architecture for ', client: 'Client', service: 'Service', store: 'Storage' },
  'zh-CN': { hint: '在此绘制架构图：', client: '客户端', service: '服务', store: '存储' },
};

/** A small valid flowchart to start from, so the editor renders something on first open. */
export function starterDiagram(entry: CatalogEntry, language: ContentLanguage): string {
  const { hint, client, service, store } = STARTER[language];
  return [
    `%% ${hint}${entry.title[language]}`,
    'flowchart LR',
    `  client([${client}]) --> service[${service}]`,
    `  service --> store[(${store})]`,
    '',
  ].join('\n');
}

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

export function difficultyLabel(entry: CatalogEntry, language: ContentLanguage): string {
  return DIFFICULTY_LABEL[entry.difficulty][language];
}

/** The statement as one Markdown document: title, a facts line, summary, then the body. */
export function statementMarkdown(
  entry: CatalogEntry,
  category: CatalogCategory | undefined,
  language: ContentLanguage,
): string {
  const minutes = language === 'zh-CN' ? `约 ${entry.minutes} 分钟` : `~${entry.minutes} min`;
  const facts = [KIND_LABEL[entry.kind][language], category?.label[language], difficultyLabel(entry, language), minutes]
    .filter(Boolean)
    .join(' · ');
  return [`# ${entry.title[language]}`, '', `*${facts}*`, '', `> ${entry.summary[language]}`, '', entry.statement[language], ''].join(
    '\n',
  );
}

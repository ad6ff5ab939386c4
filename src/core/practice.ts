import type { CatalogEntry } from './catalog/catalogLoader';
import type { EntryKind } from './catalog/catalogSchema';
import type { ContentLanguage, Localized } from './localized';

export interface PracticePaths {
  /** Folder of this practice, relative to the workspace folder (POSIX). */
  folder: string;
  answer: string;
  diagram: string;
}

/** The practice folder setting as a workspace-relative POSIX path that stays inside the folder. */
export function practiceRoot(practiceFolder: string): string {
  // Drop empty, "." and ".." segments of the setting.
  const segments = practiceFolder
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment && segment !== '.' && segment !== '..');
  return segments.join('/') || 'system-design';
}

/** Where a practice of `entryId` lives inside the workspace, e.g. `system-design/url-shortener/answer.md`. */
export function practicePaths(practiceFolder: string, entryId: string): PracticePaths {
  const folder = `${practiceRoot(practiceFolder)}/${entryId}`;
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
    s('Estimates', '容量估算', 'One per line as name = expression, e.g. write_qps = 100M / 86400. QPS (average and peak), storage, bandwidth.', '每行一个 name = expression，例如 write_qps = 100M / 86400。QPS（平均与峰值）、存储、带宽。'),
    s('API', '接口设计', 'Endpoints or RPCs with request/response and error cases.', '接口或 RPC 的请求、响应与错误码。'),
    s('Data model', '数据模型', 'Tables/keys, indexes, sharding key, retention.', '表/键结构、索引、分片键、保留策略。'),
    s('High-level design', '总体架构', 'Components and data flow; keep architecture.mmd in sync.', '组件与数据流，与 architecture.mmd 保持一致。'),
    s('Deep dives', '深入探讨', 'The two or three hardest parts, in depth.', '挑两三个最难的点深入展开。'),
    s('Trade-offs and failure modes', '权衡与故障模式', 'What breaks first, how you detect and degrade.', '哪里最先出问题，如何发现、如何降级。'),
  ],
  incident: [
    s('Impact and timeline', '影响与时间线', 'Who was affected, how badly, and what happened when (alerts, changes, actions).', '影响了谁、有多严重，以及按时间顺序发生了什么（告警、变更、操作）。'),
    s('Hypotheses and investigation', '假设与排查', 'Ranked guesses, and the commands, queries and metrics that confirm or reject each.', '按可能性排序的假设，以及用来证实或排除它们的命令、查询和指标。'),
    s('Root cause', '根因', 'The chain from trigger to outage.', '从触发点到故障的完整链路。'),
    s('Mitigation', '止血', 'What you do in the next 15 minutes to stop the bleeding, in order.', '接下来 15 分钟内按顺序做什么来止血。'),
    s('Durable fix', '长期修复', 'The code, configuration or design change that removes the cause.', '消除根因的代码、配置或设计改动。'),
    s('Prevention and monitoring', '预防与监控', 'Alerts, tests and process changes so it cannot recur silently; how you will verify them.', '告警、测试与流程上的改进，保证不会悄无声息地再次发生，以及如何验证。'),
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

/**
 * What a mock interview is made of before it starts: the phases of its kind with their time budgets
 * for the chosen length, and the interviewer's scripted events (follow-ups, one requirement change,
 * a failure injection for designs with middleware, a 10× stretch) placed on the clock.
 */
import type { CatalogEntry } from '../catalog/catalogLoader';
import type { Localized } from '../localized';

export const INTERVIEW_LENGTHS = [30, 45, 60] as const;
export type InterviewLength = (typeof INTERVIEW_LENGTHS)[number];

export type PhaseId =
  | 'requirements'
  | 'estimates'
  | 'api-data-model'
  | 'high-level-design'
  | 'deep-dive'
  | 'wrap-up'
  | 'triage'
  | 'diagnosis'
  | 'mitigation'
  | 'fix'
  | 'prevention'
  | 'read-code'
  | 'find-defects'
  | 'propose-fixes'
  | 'explain'
  | 'trade-offs'
  | 'production';

export const PHASE_TITLES: Record<PhaseId, Localized> = {
  requirements: { en: 'Requirements', 'zh-CN': '需求澄清' },
  estimates: { en: 'Estimates', 'zh-CN': '容量估算' },
  'api-data-model': { en: 'API & data model', 'zh-CN': '接口与数据模型' },
  'high-level-design': { en: 'High-level design', 'zh-CN': '整体架构' },
  'deep-dive': { en: 'Deep dive', 'zh-CN': '深入讨论' },
  'wrap-up': { en: 'Wrap-up', 'zh-CN': '总结' },
  triage: { en: 'Triage', 'zh-CN': '分诊定级' },
  diagnosis: { en: 'Diagnosis', 'zh-CN': '定位根因' },
  mitigation: { en: 'Mitigation', 'zh-CN': '止血' },
  fix: { en: 'Fix', 'zh-CN': '根治' },
  prevention: { en: 'Prevention', 'zh-CN': '预防' },
  'read-code': { en: 'Read the code', 'zh-CN': '通读代码' },
  'find-defects': { en: 'Find defects', 'zh-CN': '找出缺陷' },
  'propose-fixes': { en: 'Propose fixes', 'zh-CN': '提出修复' },
  explain: { en: 'Explain the mechanism', 'zh-CN': '讲清原理' },
  'trade-offs': { en: 'Trade-offs', 'zh-CN': '权衡取舍' },
  production: { en: 'In production', 'zh-CN': '生产实践' },
};

/** Minutes per phase for each length, by kind. Each row sums to its length. */
const BUDGETS: Record<CatalogEntry['kind'], { phases: PhaseId[]; minutes: Record<InterviewLength, number[]> }> = {
  design: {
    phases: ['requirements', 'estimates', 'api-data-model', 'high-level-design', 'deep-dive', 'wrap-up'],
    minutes: { 30: [4, 3, 4, 7, 9, 3], 45: [5, 5, 6, 11, 14, 4], 60: [7, 6, 8, 15, 18, 6] },
  },
  incident: {
    phases: ['triage', 'diagnosis', 'mitigation', 'fix', 'prevention'],
    minutes: { 30: [4, 10, 6, 5, 5], 45: [6, 15, 9, 8, 7], 60: [8, 20, 12, 10, 10] },
  },
  'code-review': {
    phases: ['read-code', 'find-defects', 'propose-fixes', 'wrap-up'],
    minutes: { 30: [6, 14, 7, 3], 45: [8, 21, 12, 4], 60: [10, 28, 16, 6] },
  },
  topic: {
    phases: ['explain', 'trade-offs', 'production', 'wrap-up'],
    minutes: { 30: [10, 9, 8, 3], 45: [14, 14, 13, 4], 60: [18, 18, 18, 6] },
  },
};

export interface PhasePlan {
  id: PhaseId;
  budgetMs: number;
}

export type InterviewEventKind = 'follow-up' | 'requirement-change' | 'failure' | 'scale-stretch';

export interface ScheduledEvent {
  id: string;
  kind: InterviewEventKind;
  /** When it fires, in interview time (pauses excluded), from the start. */
  atMs: number;
  text: Localized;
}

const MINUTE = 60_000;

export function phasePlan(kind: CatalogEntry['kind'], minutes: InterviewLength): PhasePlan[] {
  const budget = BUDGETS[kind];
  return budget.phases.map((id, index) => ({ id, budgetMs: budget.minutes[minutes][index] * MINUTE }));
}

/** Failure injections, by the middleware a design names in its tags or reference diagram. */
export const FAILURES: Record<'redis' | 'mysql' | 'kafka', Localized> = {
  redis: {
    en: 'The Redis primary just failed, and a replica is being promoted. What do your users see in the next 30 seconds, and what does your design do about it?',
    'zh-CN': 'Redis 主节点刚刚宕机，正在提升一个从节点。接下来 30 秒用户会看到什么？你的设计如何应对？',
  },
  mysql: {
    en: 'The MySQL primary just crashed. Failover to a replica takes 40 seconds, and that replica was 2 seconds behind. What happens to writes in flight, and what could be lost?',
    'zh-CN': 'MySQL 主库刚刚崩溃，切换到从库需要 40 秒，而该从库落后 2 秒。进行中的写请求会怎样？可能丢失什么？',
  },
  kafka: {
    en: 'A Kafka broker that led a third of your partitions just died. What do producers and consumers see, and can any message be lost or processed twice?',
    'zh-CN': '一个 Kafka broker 刚刚宕机，它是三分之一分区的 leader。生产者和消费者会看到什么？会有消息丢失或被重复处理吗？',
  },
};

/** The middleware a design depends on, most stateful first: the one worth failing. */
export function middlewareOf(entry: Pick<CatalogEntry, 'tags' | 'referenceDiagram'>): keyof typeof FAILURES | undefined {
  const text = `${entry.tags.join(' ')} ${entry.referenceDiagram}`.toLowerCase();
  return (['mysql', 'redis', 'kafka'] as const).find((name) => text.includes(name));
}

/**
 * The scripted events: up to three follow-ups spread over the design phases (or diagnosis and
 * mitigation for incidents), the requirement change at 40% of the time, a failure injection at 60% for
 * designs with middleware, and the 10× stretch at 80%.
 */
export function scheduleEvents(entry: CatalogEntry, phases: PhasePlan[]): ScheduledEvent[] {
  const total = phases.reduce((sum, phase) => sum + phase.budgetMs, 0);
  const startOf = (id: PhaseId) => {
    let at = 0;
    for (const phase of phases) {
      if (phase.id === id) return at;
      at += phase.budgetMs;
    }
    return undefined;
  };
  const windowPhases: PhaseId[] = entry.kind === 'incident' ? ['diagnosis', 'mitigation'] : entry.kind === 'design' ? ['high-level-design', 'deep-dive'] : [phases[1].id, phases[2].id];
  const windowStart = startOf(windowPhases[0]) ?? 0;
  const windowEnd = (startOf(windowPhases[1]) ?? windowStart) + (phases.find((phase) => phase.id === windowPhases[1])?.budgetMs ?? 0);
  const events: ScheduledEvent[] = [];
  const followUps = entry.followUps.slice(0, 3);
  followUps.forEach((text, index) => {
    // Evenly inside the window, never at its very edges.
    const at = windowStart + ((windowEnd - windowStart) * (index + 1)) / (followUps.length + 1);
    events.push({ id: `follow-up-${index + 1}`, kind: 'follow-up', atMs: Math.round(at), text });
  });
  events.push({ id: 'requirement-change', kind: 'requirement-change', atMs: Math.round(total * 0.4), text: entry.requirementChange });
  const middleware = entry.kind === 'design' ? middlewareOf(entry) : undefined;
  if (middleware) events.push({ id: `failure-${middleware}`, kind: 'failure', atMs: Math.round(total * 0.6), text: FAILURES[middleware] });
  events.push({ id: 'scale-stretch', kind: 'scale-stretch', atMs: Math.round(total * 0.8), text: entry.scaleStretch });
  return events.sort((a, b) => a.atMs - b.atMs);
}

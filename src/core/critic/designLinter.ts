import type { ComponentKind } from '../componentKinds';
import type { EntryKind } from '../catalog/catalogSchema';
import type { Localized } from '../localized';
import type { DiagramGraph, GraphNode } from './diagramGraph';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: LintRuleId;
  severity: Severity;
  message: Localized;
  /** 0-based line in the file the diagram came from. */
  line: number;
  /** Node ids the finding is about. */
  nodes: string[];
}

/** What the diagram is an answer to: incident answers need monitoring, flash sales need hot-key care. */
export interface LintContext {
  entryKind?: EntryKind;
  tags?: readonly string[];
}

export const LINT_RULES = {
  'client-writes-db': { severity: 'error', summary: 'A client talks straight to a database.' },
  'single-point-of-failure': { severity: 'info', summary: 'A stateful component or the entry point exists once, with nothing to take over.' },
  'cache-without-source': { severity: 'warning', summary: 'A cache with no path to the data it caches.' },
  'queue-without-consumer': { severity: 'warning', summary: 'A queue or topic nothing reads from.' },
  'orphan-node': { severity: 'warning', summary: 'A component with no connections.' },
  'deep-sync-chain': { severity: 'warning', summary: 'A synchronous call chain deeper than the limit.' },
  'no-monitoring': { severity: 'warning', summary: 'An incident answer without monitoring or alerting.' },
  'hot-key-risk': { severity: 'warning', summary: 'A flash-sale read path that sends every read of a hot item to one cache shard.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type LintRuleId = keyof typeof LINT_RULES;

/** Synchronous hops from an entry point before the chain counts as too deep. */
export const MAX_SYNC_DEPTH = 5;

const DATA: ReadonlySet<ComponentKind> = new Set(['db', 'replica', 'storage', 'search']);
// Words that say a component is already more than one machine.
const REDUNDANT = /cluster|replica|replicas|sentinel|primary\s*\/\s*replica|master\s*\/\s*slave|ha\b|highly available|multi-az|sharded|shards?\b|\bx\s*\d|\d+\s*(nodes|instances|pods|replicas)|集群|主从|哨兵|分片|分库|副本|多活|高可用|双机/i;
const LOCAL_CACHE = /local|in-process|in process|caffeine|bigcache|freecache|本地|进程内|近端/i;
const FLASH_SALE_TAGS = new Set(['seckill', 'flash-sale', 'hot-key', 'hotkey', 'ticketing', 'inventory']);

const name = (node: GraphNode) => (node.label && node.label !== node.id ? `${node.label} (${node.id})` : node.id);

/** Design rules on one diagram. Every rule is cheap: linear in nodes and edges. */
export function lintDiagram(graph: DiagramGraph, context: LintContext = {}): Finding[] {
  if (!graph.isFlowchart || graph.nodes.length === 0) return [];
  const findings: Finding[] = [];
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const node of graph.nodes) {
    out.set(node.id, []);
    into.set(node.id, []);
  }
  for (const edge of graph.edges) {
    out.get(edge.from)?.push(edge.to);
    into.get(edge.to)?.push(edge.from);
  }
  const kindOf = (id: string) => graph.byId.get(id)?.kind;
  const add = (rule: LintRuleId, nodes: GraphNode[], message: Localized) =>
    findings.push({ rule, severity: LINT_RULES[rule].severity, message, line: nodes[0]?.line ?? 0, nodes: nodes.map((node) => node.id) });

  // Clients writing to a database skip validation, auth and pooling; reads too, but writes are worse.
  for (const edge of graph.edges) {
    const from = graph.byId.get(edge.from);
    const to = graph.byId.get(edge.to);
    if (from?.kind === 'client' && (to?.kind === 'db' || to?.kind === 'replica')) {
      add('client-writes-db', [from, to], {
        en: `${name(from)} connects straight to ${name(to)}. Put a service in between for validation, auth, pooling and a stable API.`,
        'zh-CN': `${name(from)} 直接连到了 ${name(to)}。中间应当有一层服务，负责校验、鉴权、连接池和稳定的接口。`,
      });
    }
  }

  // One primary with no replica, one cache node, one entry point: what happens when it dies? One
  // finding for all of them: a diagram often draws a cluster as one box, so this is a question.
  const hasReplica = graph.nodes.some((node) => node.kind === 'replica');
  const single = graph.nodes.filter(
    (node) =>
      !REDUNDANT.test(node.label) &&
      ((node.kind === 'db' && !hasReplica) || (node.kind === 'cache' && !LOCAL_CACHE.test(node.label))),
  );
  const entries = graph.nodes.filter((node) => node.kind === 'lb' || node.kind === 'gateway');
  if (entries.length === 1 && !REDUNDANT.test(entries[0].label) && !/\w(er|ay)s\b/i.test(entries[0].label) && graph.nodes.length >= 4) {
    single.unshift(entries[0]);
  }
  if (single.length) {
    const names = single.map(name);
    const list = names.length > 3 ? `${names.slice(0, 3).join(', ')} (+${names.length - 3})` : names.join(', ');
    add('single-point-of-failure', single, {
      en: `${list}: drawn as single instances. Add replicas or say they are clusters, and how failover works.`,
      'zh-CN': `${list}：图中是单实例。请加上副本或注明是集群，并说明如何故障切换。`,
    });
  }

  // A cache must be able to reach what it caches (directly or through the service that fills it).
  const undirected = (id: string) => [...(out.get(id) ?? []), ...(into.get(id) ?? [])];
  for (const cache of graph.nodes.filter((node) => node.kind === 'cache')) {
    const seen = new Set([cache.id]);
    const queue = [cache.id];
    let found = false;
    while (queue.length && !found) {
      const current = queue.shift()!;
      for (const next of undirected(current)) {
        if (seen.has(next)) continue;
        seen.add(next);
        const kind = kindOf(next);
        if (kind && DATA.has(kind)) found = true;
        // Paths go through services and workers, not through clients or other caches.
        else if (kind !== 'client' && kind !== 'cache') queue.push(next);
      }
    }
    if (!found && graph.nodes.some((node) => node.kind && DATA.has(node.kind))) {
      add('cache-without-source', [cache], {
        en: `${name(cache)} has no path to a database or store. Who fills it on a miss, and who invalidates it on a write?`,
        'zh-CN': `${name(cache)} 与任何数据库或存储都不连通。未命中时由谁回填？写入时由谁失效？`,
      });
    }
  }

  for (const queue of graph.nodes.filter((node) => node.kind === 'queue')) {
    const readers = (out.get(queue.id) ?? []).length + (into.get(queue.id) ?? []).filter((id) => kindOf(id) === 'worker').length;
    if (readers === 0 && (into.get(queue.id) ?? []).length > 0) {
      add('queue-without-consumer', [queue], {
        en: `Nothing consumes ${name(queue)}. Draw the consumer group that reads it, or messages pile up unread.`,
        'zh-CN': `没有任何组件消费 ${name(queue)}。请画出读取它的消费者组，否则消息会一直堆积。`,
      });
    }
  }

  if (graph.nodes.length > 1) {
    for (const node of graph.nodes) {
      if ((out.get(node.id) ?? []).length === 0 && (into.get(node.id) ?? []).length === 0) {
        add('orphan-node', [node], {
          en: `${name(node)} is not connected to anything.`,
          'zh-CN': `${name(node)} 没有与任何组件相连。`,
        });
      }
    }
  }

  const depth = longestSyncChain(graph, out);
  if (depth.hops > MAX_SYNC_DEPTH) {
    const path = depth.path.map((id) => graph.byId.get(id)!);
    add('deep-sync-chain', path, {
      en: `A synchronous chain of ${depth.hops} calls (${path.map((node) => node.label || node.id).join(' → ')}). Latencies and failure rates add up along it; make part of it asynchronous or collapse hops.`,
      'zh-CN': `同步调用链有 ${depth.hops} 跳（${path.map((node) => node.label || node.id).join(' → ')}）。延迟和失败率会沿链路叠加，考虑把部分改成异步或合并调用。`,
    });
  }

  if (context.entryKind === 'incident' && !graph.nodes.some((node) => node.kind === 'monitoring')) {
    add('no-monitoring', graph.nodes.slice(0, 1), {
      en: 'The diagram has no monitoring or alerting. Show which metric and alert would have caught this incident.',
      'zh-CN': '图中没有监控或告警。请画出哪个指标和告警本可以发现这次故障。',
    });
  }

  if (context.tags?.some((tag) => FLASH_SALE_TAGS.has(tag))) {
    const localCache = graph.nodes.some((node) => node.kind === 'cache' && LOCAL_CACHE.test(node.label));
    const spread = graph.nodes.some((node) => node.kind === 'cache' && /shard|cluster|replica|分片|集群|副本|多副本/i.test(node.label));
    const readPath = graph.edges.filter((edge) => kindOf(edge.from) === 'service' && kindOf(edge.to) === 'cache');
    if (readPath.length && !localCache && !spread) {
      const cache = graph.byId.get(readPath[0].to)!;
      add('hot-key-risk', [cache], {
        en: `Every read of the sale item goes to ${name(cache)}; one key lives on one shard. Add a local cache in the service, or spread the hot key over copies.`,
        'zh-CN': `秒杀商品的每次读取都打到 ${name(cache)}，而一个 key 只落在一个分片上。请在服务内加本地缓存，或把热点 key 拆成多个副本。`,
      });
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

const SYNC_HOP: ReadonlySet<ComponentKind | undefined> = new Set<ComponentKind | undefined>(['lb', 'gateway', 'service', 'websocket', undefined]);

/** The longest path of solid (synchronous) edges through request-serving nodes; cycles are cut. */
function longestSyncChain(graph: DiagramGraph, out: Map<string, string[]>): { hops: number; path: string[] } {
  const sync = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge.style !== 'sync' && edge.style !== 'thick') continue;
    const list = sync.get(edge.from) ?? [];
    list.push(edge.to);
    sync.set(edge.from, list);
  }
  const best = new Map<string, string[]>();
  const visiting = new Set<string>();
  const walk = (id: string): string[] => {
    const known = best.get(id);
    if (known) return known;
    if (visiting.has(id)) return [id];
    visiting.add(id);
    let longest: string[] = [];
    if (SYNC_HOP.has(graph.byId.get(id)?.kind)) {
      for (const next of sync.get(id) ?? []) {
        const path = walk(next);
        if (path.length > longest.length) longest = path;
      }
    }
    visiting.delete(id);
    const result = [id, ...longest];
    best.set(id, result);
    return result;
  };
  let path: string[] = [];
  for (const node of graph.nodes) {
    if (!out.has(node.id)) continue;
    const candidate = walk(node.id);
    if (candidate.length > path.length) path = candidate;
  }
  return { hops: Math.max(0, path.length - 1), path };
}

/**
 * The building blocks an architecture diagram is made of. Rubric signals name them
 * (`service -> cache`), the critic classifies diagram nodes into them, and the diagram editor's
 * palette inserts them. Keep the list short: each kind must be recognisable from a label.
 */
export const COMPONENT_KINDS = [
  'client',
  'cdn',
  'dns',
  'lb',
  'gateway',
  'service',
  'worker',
  'cache',
  'db',
  'replica',
  'queue',
  'storage',
  'search',
  'websocket',
  'monitoring',
  'coordinator',
  'external',
] as const;

export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** What each kind covers, for catalogue authors (see catalog/README.md). */
export const COMPONENT_KIND_EXAMPLES: Record<ComponentKind, string> = {
  client: 'browser, mobile app, caller',
  cdn: 'CDN, edge cache',
  dns: 'DNS, GSLB',
  lb: 'load balancer, Nginx, LVS, ELB',
  gateway: 'API gateway, BFF, ingress',
  service: 'application service, microservice, Go server',
  worker: 'background worker, consumer, scheduler, stream job (Flink)',
  cache: 'Redis, Memcached, local in-process cache',
  db: 'MySQL primary, sharded DB, PostgreSQL, Cassandra, HBase',
  replica: 'read replica, standby',
  queue: 'Kafka topic, RocketMQ, RabbitMQ, delay queue',
  storage: 'object storage (S3/OSS), HDFS, blob store',
  search: 'Elasticsearch, inverted index',
  websocket: 'WebSocket / long-connection gateway',
  monitoring: 'Prometheus, Grafana, alerting, tracing, logs',
  coordinator: 'ZooKeeper, etcd, config centre, service registry',
  external: 'third-party API, payment provider, push service (APNs/FCM), SMS',
};

/** A rubric's diagram signal: one kind that must appear, or an edge between two kinds. */
export type DiagramSignal = { kind: ComponentKind } | { from: ComponentKind; to: ComponentKind };

const KIND_SET = new Set<string>(COMPONENT_KINDS);

/** Parses `cache` or `service -> cache`; undefined when the text is not a valid signal. */
export function parseDiagramSignal(text: string): DiagramSignal | undefined {
  const parts = text.split('->').map((part) => part.trim());
  if (parts.length === 1 && KIND_SET.has(parts[0])) return { kind: parts[0] as ComponentKind };
  if (parts.length === 2 && KIND_SET.has(parts[0]) && KIND_SET.has(parts[1])) {
    return { from: parts[0] as ComponentKind, to: parts[1] as ComponentKind };
  }
  return undefined;
}

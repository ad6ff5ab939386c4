import type { ComponentKind } from './componentKinds';
import type { ContentLanguage } from './localized';

/**
 * The diagram editor's palette of middleware building blocks. Each item inserts a node with a
 * shape that reads at a glance (cylinders for data stores, a parallelogram for a topic, a hexagon
 * for the edge of the network) and a label the critic classifies as the item's kind.
 */
export interface PaletteItem {
  /** Stable key, also the stem of inserted node ids (`cache`, `cache2`, …). */
  key: string;
  kind: ComponentKind;
  /** Mermaid shape brackets around the label. */
  open: string;
  close: string;
  label: Record<ContentLanguage, string>;
  /** Codicon shown on the palette button. */
  icon: string;
}

export const PALETTE: readonly PaletteItem[] = [
  { key: 'client', kind: 'client', open: '([', close: '])', icon: 'device-mobile', label: { en: 'Client', 'zh-CN': '客户端' } },
  { key: 'cdn', kind: 'cdn', open: '{{', close: '}}', icon: 'globe', label: { en: 'CDN', 'zh-CN': 'CDN' } },
  { key: 'dns', kind: 'dns', open: '{{', close: '}}', icon: 'symbol-namespace', label: { en: 'DNS', 'zh-CN': 'DNS' } },
  { key: 'lb', kind: 'lb', open: '[/', close: '\\]', icon: 'split-horizontal', label: { en: 'Load balancer', 'zh-CN': '负载均衡' } },
  { key: 'gateway', kind: 'gateway', open: '[[', close: ']]', icon: 'shield', label: { en: 'API gateway', 'zh-CN': 'API 网关' } },
  { key: 'service', kind: 'service', open: '[', close: ']', icon: 'server-process', label: { en: 'Service', 'zh-CN': '服务' } },
  { key: 'worker', kind: 'worker', open: '(', close: ')', icon: 'gear', label: { en: 'Worker', 'zh-CN': '后台 Worker' } },
  { key: 'cache', kind: 'cache', open: '[(', close: ')]', icon: 'zap', label: { en: 'Redis cache', 'zh-CN': 'Redis 缓存' } },
  { key: 'db', kind: 'db', open: '[(', close: ')]', icon: 'database', label: { en: 'MySQL primary', 'zh-CN': 'MySQL 主库' } },
  { key: 'replica', kind: 'replica', open: '[(', close: ')]', icon: 'copy', label: { en: 'MySQL replica', 'zh-CN': 'MySQL 从库' } },
  { key: 'shard', kind: 'db', open: '[(', close: ')]', icon: 'layers', label: { en: 'Sharded MySQL', 'zh-CN': '分库分表 MySQL' } },
  { key: 'queue', kind: 'queue', open: '[/', close: '/]', icon: 'list-ordered', label: { en: 'Kafka topic', 'zh-CN': 'Kafka 主题' } },
  { key: 'storage', kind: 'storage', open: '[(', close: ')]', icon: 'archive', label: { en: 'Object storage', 'zh-CN': '对象存储' } },
  { key: 'search', kind: 'search', open: '[(', close: ')]', icon: 'search', label: { en: 'Search (Elasticsearch)', 'zh-CN': '搜索 (Elasticsearch)' } },
  { key: 'websocket', kind: 'websocket', open: '[[', close: ']]', icon: 'plug', label: { en: 'WebSocket gateway', 'zh-CN': 'WebSocket 网关' } },
  { key: 'monitoring', kind: 'monitoring', open: '>', close: ']', icon: 'pulse', label: { en: 'Monitoring', 'zh-CN': '监控告警' } },
  { key: 'coordinator', kind: 'coordinator', open: '{{', close: '}}', icon: 'organization', label: { en: 'etcd / ZooKeeper', 'zh-CN': '注册中心 etcd' } },
  { key: 'external', kind: 'external', open: '([', close: '])', icon: 'link-external', label: { en: 'External API', 'zh-CN': '外部 API' } },
];

/** The palette as the webview gets it: one language, no lookups left to do. */
export interface PaletteEntry {
  key: string;
  kind: ComponentKind;
  open: string;
  close: string;
  label: string;
  icon: string;
}

export function localizedPalette(language: ContentLanguage): PaletteEntry[] {
  return PALETTE.map(({ label, ...rest }) => ({ ...rest, label: label[language] }));
}

import type { ComponentKind } from '../componentKinds';

/**
 * Which building block a diagram node is, from its label and id in English or Chinese, then its
 * shape. The order matters: the first kind whose words match wins, so "MySQL replica" is a replica
 * before it is a database and "WebSocket gateway" a WebSocket tier before it is an API gateway.
 */
const KIND_WORDS: [ComponentKind, string[], string[]][] = [
  ['monitoring', ['prometheus', 'grafana', 'alert', 'alerts', 'alerting', 'alertmanager', 'monitor', 'monitoring', 'metrics', 'tracing', 'jaeger', 'skywalking', 'elk', 'loki', 'pagerduty', 'observability', 'dashboard'], ['监控', '告警', '报警', '链路追踪', '指标', '日志平台', '可观测']],
  ['websocket', ['websocket', 'ws gateway', 'long connection', 'long-connection', 'connection gateway', 'comet', 'push gateway'], ['长连接', '长链接', '连接网关', '推送网关']],
  ['cdn', ['cdn', 'edge cache', 'edge node'], ['内容分发', '边缘节点']],
  ['dns', ['dns', 'gslb', 'route53'], ['域名解析']],
  ['external', ['third-party', 'third party', 'external', 'apns', 'fcm', 'sms', 'email provider', 'payment provider', 'payment gateway', 'psp', 'stripe', 'alipay', 'wechat pay', 'bank', 'partner'], ['第三方', '外部', '短信', '支付渠道', '银行', '微信支付', '支付宝', '推送服务']],
  ['lb', ['load balancer', 'load-balancer', 'loadbalancer', 'lb', 'slb', 'elb', 'alb', 'nlb', 'nginx', 'lvs', 'haproxy', 'envoy', 'f5'], ['负载均衡']],
  ['gateway', ['gateway', 'api gateway', 'bff', 'ingress', 'kong', 'apisix'], ['网关']],
  ['replica', ['replica', 'replicas', 'slave', 'slaves', 'standby', 'read-only', 'readonly', 'follower', 'secondary'], ['从库', '只读', '备库', '副本', '从节点']],
  ['cache', ['redis', 'memcached', 'memcache', 'cache', 'caches', 'codis', 'twemproxy', 'local cache', 'caffeine', 'bigcache', 'freecache', 'tair', 'keydb', 'dragonfly'], ['缓存']],
  ['queue', ['kafka', 'rocketmq', 'rabbitmq', 'pulsar', 'nsq', 'mq', 'queue', 'topic', 'topics', 'sqs', 'kinesis', 'nats', 'delay queue', 'broker', 'message bus', 'event bus'], ['消息队列', '队列', '主题', '消息总线', '延迟队列']],
  ['search', ['elasticsearch', 'opensearch', 'solr', 'search', 'inverted index', 'es cluster', 'es'], ['搜索', '倒排', '检索']],
  ['storage', ['s3', 'oss', 'cos', 'gcs', 'object storage', 'blob', 'hdfs', 'minio', 'ceph', 'file storage', 'data lake'], ['对象存储', '文件存储', '存储桶', '数据湖']],
  ['coordinator', ['zookeeper', 'zk', 'etcd', 'consul', 'nacos', 'eureka', 'apollo', 'registry', 'config center', 'config service', 'service discovery', 'lock service'], ['注册中心', '配置中心', '服务发现', '协调服务']],
  ['db', ['mysql', 'postgres', 'postgresql', 'database', 'db', 'dbs', 'primary', 'master', 'tidb', 'cassandra', 'hbase', 'mongodb', 'mongo', 'dynamodb', 'spanner', 'oracle', 'sql', 'rds', 'sharded', 'shard', 'shards', 'clickhouse', 'tsdb', 'influxdb', 'rocksdb', 'leveldb'], ['数据库', '主库', '分库', '分表', '分片', '库表', '数据表']],
  ['worker', ['worker', 'workers', 'consumer', 'consumers', 'job', 'jobs', 'cron', 'scheduler', 'flink', 'spark', 'batch', 'processor', 'dispatcher', 'crawler', 'fetcher', 'indexer', 'pipeline', 'etl', 'daemon'], ['消费者', '消费端', '任务', '定时', '调度', '异步处理', '处理器', '爬虫']],
  ['client', ['client', 'clients', 'browser', 'mobile app', 'web app', 'web client', 'apps', 'mobile', 'user', 'users', 'ios', 'android', 'shopper', 'shoppers', 'buyer', 'buyers', 'customer', 'customers', 'caller', 'frontend', 'h5', 'mini program'], ['客户端', '用户', '浏览器', '小程序', '前端', '手机', '买家']],
  ['service', ['service', 'services', 'server', 'servers', 'api', 'backend', 'svc', 'app server', 'microservice', 'handler', 'logic', 'core'], ['服务', '后端', '业务', '应用', '逻辑层', '服务端']],
];

const ASCII_WORD = /^[\x20-\x7e]+$/;
const matchers = KIND_WORDS.map(([kind, english, chinese]) => ({
  kind,
  // English words match whole words (so "es" is not found in "messages"); Chinese ones anywhere.
  english: new RegExp(`(?:^|[^a-z0-9])(?:${english.map(escape).join('|')})(?:$|[^a-z0-9])`),
  chinese: chinese.filter((word) => !ASCII_WORD.test(word)),
}));

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[ _-]?');
}

/** `[(` cylinders are data stores; `[/ … /]` parallelograms read as queues; `([ … ])` stadiums as clients. */
const SHAPE_KINDS: Record<string, ComponentKind> = { '[(': 'db', '[/': 'queue', '([': 'client' };

export function classifyComponent(label: string, id: string, shapeOpen?: string): ComponentKind | undefined {
  const text = ` ${label} ${id.replace(/_/g, ' ')} `.toLowerCase().replace(/<br\s*\/?>/g, ' ');
  for (const matcher of matchers) {
    if (matcher.english.test(text) || matcher.chinese.some((word) => text.includes(word))) return matcher.kind;
  }
  return shapeOpen ? SHAPE_KINDS[shapeOpen] : undefined;
}

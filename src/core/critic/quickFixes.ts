import { applyEdits, planEdit, type DiagramEdit, type TextEdit } from '../flowchart/flowchartEdits';
import type { Localized } from '../localized';
import type { Finding } from './designLinter';
import { buildDiagramGraph } from './diagramGraph';

export interface QuickFix {
  title: Localized;
  /** One replacement of the diagram text (offsets into it) that does the whole fix. */
  edit: TextEdit;
}

/**
 * Fixes for findings where the fix is obvious: a replica for a lone database, a consumer for an
 * unread topic, monitoring for an incident diagram. Each is a few visual edits, planned like the
 * diagram editor's own and returned as one text replacement.
 */
export function quickFixesFor(finding: Finding, diagram: string, language: 'en' | 'zh-CN'): QuickFix[] {
  const [nodeId] = finding.nodes;
  switch (finding.rule) {
    case 'single-point-of-failure': {
      // A replica is the obvious fix for a lone database; a lone cache or gateway needs a decision.
      if (buildDiagramGraph(diagram).byId.get(nodeId)?.kind !== 'db') return [];
      return fix(diagram, { en: 'Add a read replica', 'zh-CN': '添加只读从库' }, [
        { op: 'addNode', stem: 'replica', label: language === 'zh-CN' ? 'MySQL 从库' : 'MySQL replica', open: '[(', close: ')]' },
        (id) => ({ op: 'connect', from: nodeId, to: id, label: language === 'zh-CN' ? 'binlog 复制' : 'binlog replication', style: 'async' }),
      ]);
    }
    case 'queue-without-consumer':
      return fix(diagram, { en: 'Add a consumer group', 'zh-CN': '添加消费者组' }, [
        { op: 'addNode', stem: 'consumer', label: language === 'zh-CN' ? '消费者组' : 'Consumer group', open: '(', close: ')' },
        (id) => ({ op: 'connect', from: nodeId, to: id, style: 'async' }),
      ]);
    case 'no-monitoring':
      return fix(diagram, { en: 'Add monitoring and alerting', 'zh-CN': '添加监控告警' }, [
        { op: 'addNode', stem: 'monitoring', label: language === 'zh-CN' ? 'Prometheus 监控告警' : 'Prometheus + alerts', open: '>', close: ']' },
        (id) => ({ op: 'connect', from: nodeId, to: id, label: language === 'zh-CN' ? '指标' : 'metrics', style: 'async' }),
      ]);
    default:
      return [];
  }
}

type Step = DiagramEdit | ((addedId: string) => DiagramEdit);

function fix(diagram: string, title: Localized, steps: Step[]): QuickFix[] {
  let text = diagram;
  let added = '';
  for (const step of steps) {
    const plan = planEdit(text, typeof step === 'function' ? step(added) : step);
    if (!plan.ok) return [];
    if (plan.select) added = plan.select;
    text = applyEdits(text, plan.edits);
  }
  return [{ title, edit: minimalReplacement(diagram, text) }];
}

/** The smallest single replacement that turns `before` into `after` (common prefix and suffix kept). */
export function minimalReplacement(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

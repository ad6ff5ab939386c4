// Free of \`vscode\` imports, so the webview tests build the page and its data with the same code.
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { formatQuantity } from '../core/critic/estimates';
import type { Review } from '../core/critic/review';
import type { ContentLanguage } from '../core/localized';
import type { ScorecardData, ScorecardPlace } from '../core/scorecardProtocol';
import { webviewDocument } from '../diagramEditor/diagramWebviewHtml';

/** The scorecard page: the same frame and CSP as the diagram editor (nonce'd module, no network, no eval). */
export function scorecardHtml(options: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; language: string }): string {
  return webviewDocument({ ...options, body: '  <main id="scorecard" aria-busy="true"></main>\n' });
}

/** The review as the scorecard shows it, in one language. */
export function scorecardData(review: Review, entry: Pick<CatalogEntry, 'title'>, language: ContentLanguage): ScorecardData {
  const zh = language === 'zh-CN';
  const place = (file: 'answer' | 'diagram', line: number): ScorecardPlace => ({
    file,
    line,
    label: zh ? `${file === 'answer' ? '答案' : '架构图'} 第 ${line + 1} 行` : `${file} line ${line + 1}`,
  });
  const levels = { mid: zh ? '中级' : 'mid-level', senior: zh ? '高级' : 'senior', staff: zh ? '资深 / Staff' : 'staff' };
  return {
    title: entry.title[language],
    total: review.total,
    level: levels[review.level],
    headings: zh
      ? { score: '得分', level: '水平估计', criteria: '评分项', found: '已覆盖', missing: '缺失', findings: '设计检查', estimates: '容量估算', none: '无。', note: '离线点评：只检查强答案会提到的概念和组件，无法判断推理是否正确。' }
      : { score: 'Score', level: 'Level estimate', criteria: 'Criteria', found: 'Found', missing: 'Missing', findings: 'Design findings', estimates: 'Estimates', none: 'None.', note: 'Offline review: it looks for the ideas and components a strong answer names; it cannot judge whether your reasoning is right.' },
    criteria: review.criteria.map((criterion) => ({
      title: criterion.title[language],
      score: criterion.score,
      max: criterion.max,
      evidence: criterion.evidence.map((item) =>
        item.line !== undefined
          ? { text: `${item.matched} — “${item.quote}”`, place: place('answer', item.line) }
          : { text: `${item.matched} — ${item.nodes?.join(' → ')}`, place: item.diagramLine !== undefined ? place(item.source ?? 'diagram', item.diagramLine) : undefined },
      ),
      missing: criterion.missing.map((item) => item[language]),
    })),
    findings: review.findings.map((finding) => ({ severity: finding.severity, rule: finding.rule, message: finding.message[language], place: place(finding.file, finding.line) })),
    estimates: review.estimates.lines.map((line) => ({
      text: `${line.name} = ${line.value === undefined ? '—' : formatQuantity(line.value, line.bytes)}`,
      warning: line.error?.[language] ?? (line.slip && (zh ? `你写的是 ${formatQuantity(line.slip.stated, line.bytes)}` : `you wrote ${formatQuantity(line.slip.stated, line.bytes)}`)),
      place: place('answer', line.line),
    })),
  };
}


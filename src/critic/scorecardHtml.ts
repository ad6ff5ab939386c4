// Free of \`vscode\` imports, so the webview tests build the page and its data with the same code.
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { formatQuantity } from '../core/critic/estimates';
import { LEVEL_NAMES, REVIEW_TEXT, type Review } from '../core/critic/review';
import { formatText as format, type ContentLanguage, type Localized } from '../core/localized';
import type { LlmReview } from '../core/llm/llmCritic';
import { AGREEMENT_MARK, LLM_TEXT, llmAgreementCount } from '../core/llm/llmReport';
import type { ScorecardData, ScorecardPlace } from '../core/scorecardProtocol';
import { webviewDocument } from '../diagramEditor/diagramWebviewHtml';

/** The scorecard page: the same frame and CSP as the diagram editor (nonce'd module, no network, no eval). */
export function scorecardHtml(options: { cspSource: string; scriptUri: string; styleUri: string; nonce: string; language: string }): string {
  return webviewDocument({ ...options, body: '  <main id="scorecard" aria-busy="true"></main>\n' });
}

/** The review as the scorecard shows it, in one language. */
export function scorecardData(review: Review, entry: Pick<CatalogEntry, 'title'>, language: ContentLanguage, llm?: LlmReview): ScorecardData {
  const zh = language === 'zh-CN';
  const place = (file: 'answer' | 'diagram', line: number): ScorecardPlace => ({
    file,
    line,
    label: zh ? `${file === 'answer' ? '答案' : '架构图'} 第 ${line + 1} 行` : `${file} line ${line + 1}`,
  });
  const t = (text: Localized) => text[language];
  const T = REVIEW_TEXT;
  return {
    title: entry.title[language],
    total: review.total,
    level: t(LEVEL_NAMES[review.level]),
    headings: {
      score: t(T.total),
      level: t(T.level),
      criteria: t(T.criteria),
      found: t(T.evidence),
      missing: t(T.missing),
      findings: t(T.findings),
      estimates: t(T.estimates),
      none: t(T.none),
      note: t(T.offline),
    },
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
      warning:
        line.error?.[language] ??
        (line.slip && format(t(T.slip), formatQuantity(line.slip.stated, line.bytes), formatQuantity(line.slip.computed, line.bytes))),
      place: place('answer', line.line),
    })),
    llm: llm && llmData(llm, review, language, place),
  };
}

function llmData(llm: LlmReview, review: Review, language: ContentLanguage, place: (file: 'answer' | 'diagram', line: number) => ScorecardPlace): ScorecardData['llm'] {
  const t = (text: Localized) => text[language];
  const L = LLM_TEXT;
  return {
    heading: `${t(L.title)} — ${format(t(L.by), llm.model, llm.destination)}`,
    summary: `${t(L.score)}: ${llm.total} / 100 · ${t(L.level)}: ${t(LEVEL_NAMES[llm.level])} · ${t(L.offline)} ${review.total} / 100 · ${format(t(L.agreement), llmAgreementCount(llm), llm.criteria.length)}`,
    note: t(L.note),
    dropped: llm.droppedQuotes.length ? format(t(L.dropped), llm.droppedQuotes.length) : undefined,
    columns: { criterion: t(L.criterion), offline: t(L.offlineColumn), llm: t(L.llm), agreement: t(L.agree) },
    criteria: llm.criteria.map((criterion) => ({
      title: t(criterion.title),
      max: criterion.max,
      offline: criterion.offlineScore,
      llm: criterion.score,
      agreement: criterion.agreement,
      agreementLabel: `${AGREEMENT_MARK[criterion.agreement]} ${t(L.agreements[criterion.agreement])}`,
      evidence: criterion.evidence.map((item) => ({ text: `“${item.quote}”`, place: place(item.source, item.line) })),
      missing: criterion.missing,
    })),
    followUpsHeading: t(L.followUps),
    followUps: llm.followUps,
    fixesHeading: t(L.fixes),
    fixes: llm.topFixes,
    droppedHeading: t(L.droppedHeading),
    droppedQuotes: llm.droppedQuotes.map((dropped) => `${dropped.criterion}: “${dropped.quote}” (${t(L.reasons[dropped.reason])})`),
  };
}


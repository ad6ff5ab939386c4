/**
 * Scores an answer against an entry's rubric without a model: for each criterion, which of its
 * concepts the text expresses (any synonym, in either language) and which of its diagram signals
 * the drawing shows, with the lines and nodes that are the evidence.
 */
import type { CatalogEntry } from '../catalog/catalogLoader';
import { parseDiagramSignal, type DiagramSignal } from '../componentKinds';
import type { Localized } from '../localized';
import type { DiagramGraph } from './diagramGraph';

export interface Evidence {
  /** 0-based line of the answer, with the line's text (trimmed to 160 characters). */
  line?: number;
  quote?: string;
  /** Diagram nodes, for diagram signals, and where the first one is drawn. */
  nodes?: string[];
  source?: 'answer' | 'diagram';
  diagramLine?: number;
  /** The phrase or signal that matched. */
  matched: string;
}

export interface CriterionScore {
  id: string;
  title: Localized;
  score: number;
  max: number;
  evidence: Evidence[];
  /** Concepts and diagram signals not found, as a phrase of each in both languages. */
  missing: Localized[];
}

export type Level = 'mid' | 'senior' | 'staff';

export const LEVEL_NAMES: Record<Level, Localized> = {
  mid: { en: 'mid-level', 'zh-CN': '中级' },
  senior: { en: 'senior', 'zh-CN': '高级' },
  staff: { en: 'staff', 'zh-CN': '资深 / Staff' },
};

export interface RubricScore {
  total: number;
  level: Level;
  criteria: CriterionScore[];
}

// The diagram can carry a quarter of a criterion; the words carry the rest.
const DIAGRAM_SHARE = 0.25;

/** Answer text as the scorer reads it: template prompts (HTML comments) and code fences of diagrams removed. */
export function answerLines(markdown: string): string[] {
  const withoutComments = markdown.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  let inDiagram = false;
  return withoutComments.split(/\r?\n/).map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inDiagram = inDiagram ? false : /mermaid/i.test(line);
      return '';
    }
    return inDiagram ? '' : line;
  });
}

const isAscii = (phrase: string) => /^[\x20-\x7e]+$/.test(phrase);

/**
 * A phrase as a pattern: ASCII phrases match whole words, case-insensitively, with flexible spacing
 * and hyphens, and with the usual English endings ("rate limit" finds "rate limiting"); Chinese
 * phrases match anywhere, since Chinese has no spaces between words.
 */
function phrasePattern(phrase: string): RegExp | string {
  const lowered = phrase.toLowerCase().trim();
  if (!isAscii(lowered)) return lowered;
  const body = lowered
    .split(/[\s-]+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s_-]*');
  return new RegExp(`(?:^|[^a-z0-9])${body}(?:s|es|d|ed|ing|er|ers)?(?:$|[^a-z0-9])`);
}

const patternCache = new Map<string, RegExp | string>();
function findPhrase(lowered: readonly string[], phrase: string): number {
  let pattern = patternCache.get(phrase);
  if (pattern === undefined) {
    pattern = phrasePattern(phrase);
    patternCache.set(phrase, pattern);
  }
  for (let index = 0; index < lowered.length; index++) {
    const line = lowered[index];
    if (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line)) return index;
  }
  return -1;
}

function diagramEvidence(graph: DiagramGraph | undefined, signal: DiagramSignal): string[] | undefined {
  if (!graph) return undefined;
  if ('kind' in signal) {
    const node = graph.nodes.find((candidate) => candidate.kind === signal.kind);
    return node && [node.id];
  }
  // An edge between the two kinds, either drawn directly or through one unclassified / service hop.
  for (const edge of graph.edges) {
    const from = graph.byId.get(edge.from);
    const to = graph.byId.get(edge.to);
    if (from?.kind === signal.from && to?.kind === signal.to) return [from.id, to.id];
  }
  return undefined;
}

const longest = (phrases: readonly string[]) => phrases.reduce((best, phrase) => (phrase.length > best.length ? phrase : best), '');

export function levelOf(total: number): Level {
  return total >= 75 ? 'staff' : total >= 50 ? 'senior' : 'mid';
}

export function scoreRubric(entry: Pick<CatalogEntry, 'rubric'>, markdown: string, graph?: DiagramGraph): RubricScore {
  const lines = answerLines(markdown);
  const lowered = lines.map((line) => line.toLowerCase());
  const criteria = entry.rubric.map((criterion): CriterionScore => {
    const evidence: Evidence[] = [];
    const missing: Localized[] = [];
    let conceptsFound = 0;
    for (const concept of criterion.signals.concepts) {
      let hit: { line: number; phrase: string } | undefined;
      for (const phrase of [...concept.en, ...concept['zh-CN']]) {
        const line = findPhrase(lowered, phrase);
        if (line >= 0 && (!hit || line < hit.line)) hit = { line, phrase };
      }
      if (hit) {
        conceptsFound++;
        evidence.push({ line: hit.line, quote: lines[hit.line].trim().slice(0, 160), matched: hit.phrase });
      } else {
        // The longest phrase reads best (the short ones are often stems such as "enumerat").
        missing.push({ en: longest(concept.en), 'zh-CN': longest(concept['zh-CN']) });
      }
    }
    let diagramFound = 0;
    const diagramSignals = criterion.signals.diagram;
    for (const text of diagramSignals) {
      const signal = parseDiagramSignal(text);
      const nodes = signal && diagramEvidence(graph, signal);
      if (nodes) {
        diagramFound++;
        const first = graph?.byId.get(nodes[0]);
        evidence.push({ nodes: nodes.map((id) => graph?.byId.get(id)?.label || id), matched: text, diagramLine: first?.line, source: first?.source });
      } else {
        missing.push({ en: `diagram: ${text}`, 'zh-CN': `架构图：${text}` });
      }
    }
    const conceptShare = diagramSignals.length ? 1 - DIAGRAM_SHARE : 1;
    const fraction =
      (conceptsFound / criterion.signals.concepts.length) * conceptShare +
      (diagramSignals.length ? (diagramFound / diagramSignals.length) * DIAGRAM_SHARE : 0);
    return {
      id: criterion.id,
      title: criterion.title,
      score: Math.round(criterion.weight * fraction),
      max: criterion.weight,
      evidence: evidence.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
      missing,
    };
  });
  const total = criteria.reduce((sum, criterion) => sum + criterion.score, 0);
  return { total, level: levelOf(total), criteria };
}

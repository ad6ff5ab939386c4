/**
 * The LLM critic: asks a model to grade an answer against the entry's rubric, validates the reply,
 * gives it one chance to repair invalid output, and keeps only the evidence that is really in the
 * answer. The result sits beside the offline review, criterion by criterion.
 */
import type { CatalogEntry } from '../catalog/catalogLoader';
import type { Review } from '../critic/review';
import type { ContentLanguage, Localized } from '../localized';
import { LlmError, type ChatMessage, type ChatProvider } from './chat';
import { criticJsonSchema, parseCriticReply, type CriticOutput } from './criticOutput';
import { fillTemplate, type PromptName, type PromptSet } from './promptTemplates';
import { QuoteVerifier } from './quoteVerifier';

/** The most of the answer and diagram sent; long enough for any interview answer, short enough for small context windows. */
export const MAX_PROMPT_ANSWER_CHARS = 60_000;
export const MAX_PROMPT_DIAGRAM_CHARS = 20_000;

export const LANGUAGE_NAMES: Record<ContentLanguage, string> = { en: 'English', 'zh-CN': 'Simplified Chinese (简体中文)' };

export interface CriticInput {
  entry: CatalogEntry;
  answer: string;
  diagram?: string;
  language: ContentLanguage;
}

/** The answer as the model reads it: template prompts (HTML comments) blanked, lines kept in place. */
export function answerForPrompt(answer: string): string {
  return answer.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, '')).replace(/\n{3,}/g, '\n\n');
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max)}\n[… cut at ${max} characters]`);

function rubricText(entry: CatalogEntry, language: ContentLanguage): string {
  return entry.rubric
    .map((criterion) => `- \`${criterion.id}\` (max ${criterion.weight}): ${criterion.title[language]}\n  Strong: ${criterion.strong[language]}`)
    .join('\n');
}

const rubricPrompt = (kind: CatalogEntry['kind']): PromptName => `rubric-${kind}` as PromptName;

/** The exact messages of a review request: what "Preview LLM Request" shows and what is sent. */
export function criticMessages(prompts: PromptSet, input: CriticInput): ChatMessage[] {
  const { entry, language } = input;
  const title = entry.title[language];
  const languageName = LANGUAGE_NAMES[language];
  return [
    { role: 'system', content: fillTemplate(prompts.system, { language: languageName }) },
    {
      role: 'user',
      content: fillTemplate(prompts.critic, {
        language: languageName,
        title,
        kind: entry.kind,
        statement: entry.statement[language].trim(),
        rubric: rubricText(entry, language),
        rubricInstructions: fillTemplate(prompts[rubricPrompt(entry.kind)], { title }),
        answer: clip(answerForPrompt(input.answer).trim(), MAX_PROMPT_ANSWER_CHARS),
        diagram: input.diagram?.trim() ? clip(input.diagram.trim(), MAX_PROMPT_DIAGRAM_CHARS) : '(no diagram)',
      }),
    },
  ];
}

export type Agreement = 'agree' | 'partly' | 'disagree';

/** Offline and LLM scores agree when within 20% of the criterion's maximum, partly within 40%. */
export function agreementOf(offline: number, llm: number, max: number): Agreement {
  const gap = max > 0 ? Math.abs(offline - llm) / max : 0;
  return gap <= 0.2 ? 'agree' : gap <= 0.4 ? 'partly' : 'disagree';
}

export interface LlmEvidence {
  quote: string;
  source: 'answer' | 'diagram';
  /** 0-based line in that file. */
  line: number;
}

export interface LlmCriterion {
  id: string;
  title: Localized;
  max: number;
  score: number;
  offlineScore: number;
  agreement: Agreement;
  evidence: LlmEvidence[];
  missing: string[];
}

export interface DroppedQuote {
  criterion: string;
  quote: string;
  reason: 'notFound' | 'tooShort';
}

export interface LlmReview {
  model: string;
  destination: string;
  total: number;
  level: CriticOutput['level'];
  criteria: LlmCriterion[];
  followUps: string[];
  topFixes: string[];
  /** Quotes the model gave that are not in the answer or diagram: removed from the evidence. */
  droppedQuotes: DroppedQuote[];
  /** The first reply was invalid and the repair request fixed it. */
  repaired: boolean;
  /** The endpoint was held to the JSON schema. */
  structured: boolean;
}

export interface CriticRunOptions {
  signal?: AbortSignal;
  /** Characters received so far, while the reply streams. */
  onText?: (received: number) => void;
  onRepair?: (problems: string[]) => void;
}

export async function runLlmCritic(provider: ChatProvider, prompts: PromptSet, input: CriticInput, offline: Review, options: CriticRunOptions = {}): Promise<LlmReview> {
  const messages = criticMessages(prompts, input);
  const responseSchema = { name: 'design_review', schema: criticJsonSchema(input.entry) };
  const first = await provider.chat({ messages, responseSchema, signal: options.signal, onText: options.onText, temperature: 0.2 });
  let parsed = parseCriticReply(first.text, input.entry);
  let response = first;
  let repaired = false;
  if (!parsed.ok) {
    options.onRepair?.(parsed.problems);
    const repair: ChatMessage[] = [
      ...messages,
      { role: 'assistant', content: first.text },
      { role: 'user', content: fillTemplate(prompts.repair, { problems: parsed.problems.map((problem) => `- ${problem}`).join('\n') }) },
    ];
    response = await provider.chat({ messages: repair, responseSchema, signal: options.signal, onText: options.onText, temperature: 0 });
    parsed = parseCriticReply(response.text, input.entry);
    if (!parsed.ok) throw new LlmError('invalidOutput', `The model's reply did not match the review format, even after a retry: ${parsed.problems.slice(0, 3).join('; ')}`);
    repaired = true;
  }
  return assemble(parsed.output, input, offline, { model: response.model, destination: provider.destination, repaired, structured: response.structured });
}

function assemble(output: CriticOutput, input: CriticInput, offline: Review, meta: Pick<LlmReview, 'model' | 'destination' | 'repaired' | 'structured'>): LlmReview {
  const verifier = new QuoteVerifier([
    { id: 'answer', text: input.answer },
    ...(input.diagram === undefined ? [] : [{ id: 'diagram' as const, text: input.diagram }]),
  ]);
  const droppedQuotes: DroppedQuote[] = [];
  const criteria = input.entry.rubric.map((criterion): LlmCriterion => {
    const scored = output.criteria.find((item) => item.id === criterion.id)!;
    const offlineScore = offline.criteria.find((item) => item.id === criterion.id)?.score ?? 0;
    const evidence: LlmEvidence[] = [];
    for (const { quote } of scored.evidence) {
      const check = verifier.check(quote);
      if (check.ok) evidence.push({ quote: quote.trim(), source: check.source, line: check.line });
      else droppedQuotes.push({ criterion: criterion.id, quote, reason: check.reason });
    }
    return {
      id: criterion.id,
      title: criterion.title,
      max: criterion.weight,
      score: scored.score,
      offlineScore,
      agreement: agreementOf(offlineScore, scored.score, criterion.weight),
      evidence,
      missing: scored.missing.map((item) => item.trim()).filter(Boolean),
    };
  });
  return {
    ...meta,
    total: criteria.reduce((sum, criterion) => sum + criterion.score, 0),
    level: output.level,
    criteria,
    followUps: output.followUps.map((item) => item.trim()).filter(Boolean),
    topFixes: output.topFixes.map((item) => item.trim()).filter(Boolean),
    droppedQuotes,
  };
}

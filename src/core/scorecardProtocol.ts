/**
 * Messages between the host and the scorecard webview. The host sends everything already in the
 * content language; the webview only lays it out and asks the host to open a file at a line.
 */
export interface ScorecardPlace {
  file: 'answer' | 'diagram';
  /** 0-based line. */
  line: number;
  /** How the place is shown, e.g. "line 12" / "第 12 行". */
  label: string;
}

export interface ScorecardData {
  title: string;
  total: number;
  level: string;
  headings: { score: string; level: string; criteria: string; found: string; missing: string; findings: string; estimates: string; none: string; note: string };
  criteria: {
    title: string;
    score: number;
    max: number;
    evidence: { text: string; place?: ScorecardPlace }[];
    missing: string[];
  }[];
  findings: { severity: 'error' | 'warning' | 'info'; rule: string; message: string; place: ScorecardPlace }[];
  estimates: { text: string; warning?: string; place: ScorecardPlace }[];
  /** The LLM critic's review beside the offline one, when it ran. */
  llm?: ScorecardLlm;
}

export interface ScorecardLlm {
  heading: string;
  summary: string;
  note: string;
  /** "2 quotes the model gave… were dropped", when any were. */
  dropped?: string;
  columns: { criterion: string; offline: string; llm: string; agreement: string };
  criteria: {
    title: string;
    max: number;
    offline: number;
    llm: number;
    agreement: 'agree' | 'partly' | 'disagree';
    agreementLabel: string;
    evidence: { text: string; place: ScorecardPlace }[];
    missing: string[];
  }[];
  followUpsHeading: string;
  followUps: string[];
  fixesHeading: string;
  fixes: string[];
  droppedHeading: string;
  droppedQuotes: string[];
}

export type HostToScorecardMessage = { type: 'show'; data: ScorecardData };

export type ScorecardToHostMessage = { type: 'ready' } | { type: 'reveal'; file: 'answer' | 'diagram'; line: number };

export function isScorecardMessage(value: unknown): value is ScorecardToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; file?: unknown; line?: unknown };
  if (message.type === 'ready') return true;
  return message.type === 'reveal' && (message.file === 'answer' || message.file === 'diagram') && Number.isInteger(message.line) && (message.line as number) >= 0;
}

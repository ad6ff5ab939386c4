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
}

export type HostToScorecardMessage = { type: 'show'; data: ScorecardData };

export type ScorecardToHostMessage = { type: 'ready' } | { type: 'reveal'; file: 'answer' | 'diagram'; line: number };

export function isScorecardMessage(value: unknown): value is ScorecardToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; file?: unknown; line?: unknown };
  if (message.type === 'ready') return true;
  return message.type === 'reveal' && (message.file === 'answer' || message.file === 'diagram') && Number.isInteger(message.line) && (message.line as number) >= 0;
}

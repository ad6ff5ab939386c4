/**
 * Messages between the host and the incident drill panel. The host sends everything already in the
 * content language (and chart sources ready for mermaid); the page lays it out and sends button presses.
 */

export interface DrillChart {
  /** Mermaid xychart source. */
  source: string;
  unit: string;
  legend: { name: string; color: string }[];
}

export type DrillEvidence =
  | { kind: 'metric'; title: string; note?: string; charts: DrillChart[]; table: { x: string[]; series: { name: string; unit: string; values: number[] }[] } }
  | { kind: 'alert' | 'log' | 'command' | 'config'; title: string; note?: string; text: string };

export interface DrillGrade {
  /** The rubric score of the write-up, before the clue penalty. */
  rubric: number;
  penalty: number;
  final: number;
  level: string;
  criteria: { title: string; score: number; max: number; missing: string[] }[];
  /** When the grade was given, as shown. */
  at: string;
}

export interface DrillView {
  entryId: string;
  title: string;
  summary: string;
  /** "Clue 2 of 5 · −3 points". */
  progress: string;
  revealed: number;
  total: number;
  evidence: DrillEvidence[];
  grade?: DrillGrade;
  labels: {
    nextClue: string;
    noMoreClues: string;
    grade: string;
    reference: string;
    statement: string;
    answer: string;
    kinds: Record<DrillEvidence['kind'], string>;
    table: string;
    time: string;
    gradeHeading: string;
    rubric: string;
    penalty: string;
    final: string;
    missing: string;
    chart: string;
  };
}

export type DrillCommand = 'nextClue' | 'grade' | 'reference' | 'statement' | 'answer';
const COMMANDS: readonly DrillCommand[] = ['nextClue', 'grade', 'reference', 'statement', 'answer'];

export type HostToDrillMessage = { type: 'show'; view: DrillView };
export type DrillToHostMessage = { type: 'ready' } | { type: 'command'; command: DrillCommand } | { type: 'chartFailed'; title: string; message: string };

export function isDrillMessage(value: unknown): value is DrillToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; command?: unknown; title?: unknown; message?: unknown };
  if (message.type === 'ready') return true;
  if (message.type === 'chartFailed') return typeof message.title === 'string' && typeof message.message === 'string';
  return message.type === 'command' && COMMANDS.includes(message.command as DrillCommand);
}

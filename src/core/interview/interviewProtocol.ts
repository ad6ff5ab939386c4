/**
 * Messages between the host and the interview panel. The host owns the session and sends what to
 * show, already in the content language; the panel sends the candidate's replies and button presses.
 */
export interface InterviewView {
  title: string;
  /** The problem statement, as Markdown source shown as preformatted text. */
  statement: string;
  phase: string;
  phaseIndex: number;
  phaseCount: number;
  /** "12:05", or "-0:42" in overtime. */
  remaining: string;
  /** 'ok' | 'low' (5 minutes or less) | 'over' (past the end). */
  urgency: 'ok' | 'low' | 'over';
  status: 'running' | 'paused' | 'ended';
  messages: { at: string; from: 'interviewer' | 'candidate'; who: string; text: string }[];
  labels: {
    statement: string;
    conversation: string;
    reply: string;
    send: string;
    pause: string;
    resume: string;
    next: string;
    end: string;
    placeholder: string;
    empty: string;
    ended: string;
  };
}

export type HostToInterviewMessage = { type: 'show'; view: InterviewView };

export type InterviewCommand = 'pause' | 'resume' | 'next' | 'end';

export type InterviewToHostMessage = { type: 'ready' } | { type: 'reply'; text: string } | { type: 'command'; command: InterviewCommand };

export function isInterviewMessage(value: unknown): value is InterviewToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; text?: unknown; command?: unknown };
  if (message.type === 'ready') return true;
  if (message.type === 'reply') return typeof message.text === 'string' && message.text.length <= 20_000;
  return message.type === 'command' && (message.command === 'pause' || message.command === 'resume' || message.command === 'next' || message.command === 'end');
}

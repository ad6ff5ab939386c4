/**
 * The mock interview as data and pure transitions. Time is read from the wall clock the caller
 * passes in (`now`), never from a running timer: a session written to disk and read back after a
 * window reload or a crash resumes exactly where the clock says it is, and tests use a fake clock.
 */
import type { CatalogEntry } from '../catalog/catalogLoader';
import type { Level } from '../critic/rubricScorer';
import type { ContentLanguage, Localized } from '../localized';
import { phasePlan, scheduleEvents, type InterviewLength, type PhaseId, type PhasePlan, type ScheduledEvent } from './interviewPlan';

export const SESSION_VERSION = 1;

export interface TranscriptMessage {
  /** Interview time, ms from the start. */
  atMs: number;
  from: 'interviewer' | 'candidate';
  text: string;
  /** The event this message is, or answers (the last event before a reply). */
  eventId?: string;
}

export interface PhaseRecord {
  id: PhaseId;
  startedAtMs: number;
  endedAtMs?: number;
}

export interface InterviewState {
  version: typeof SESSION_VERSION;
  id: string;
  entryId: string;
  kind: CatalogEntry['kind'];
  level: Level;
  minutes: InterviewLength;
  language: ContentLanguage;
  phases: PhasePlan[];
  events: ScheduledEvent[];
  /** Wall-clock ms. */
  startedAt: number;
  status: 'running' | 'paused' | 'ended';
  pausedAt?: number;
  pausedMs: number;
  phaseIndex: number;
  phaseLog: PhaseRecord[];
  fired: string[];
  /** Notices already given, so each is given once: "five-minutes", "time-up", "over:<phase>". */
  notices: string[];
  messages: TranscriptMessage[];
  /** Follow-ups come from the LLM interviewer (the caller adds them), not from the entry's script. */
  llmFollowUps?: boolean;
  endedAt?: number;
  endReason?: 'finished' | 'abandoned';
  /** The grade, written once the critics have run. */
  result?: InterviewResult;
}

export interface InterviewResult {
  score: number;
  verdict: string;
  offlineScore: number;
  llmScore?: number;
  criteria: { id: string; title: Localized; score: number; max: number }[];
  /** ISO date of the entry's next spaced review. */
  nextReview?: string;
}

export type InterviewEffect =
  | { type: 'event'; event: ScheduledEvent }
  | { type: 'phaseOverBudget'; phase: PhaseId }
  | { type: 'fiveMinutesLeft' }
  | { type: 'timeUp' }
  | { type: 'phaseChanged'; from: PhaseId; to: PhaseId };

export interface StartOptions {
  id: string;
  entry: CatalogEntry;
  level: Level;
  minutes: InterviewLength;
  language: ContentLanguage;
  now: number;
  llmFollowUps?: boolean;
}

export function startInterview({ id, entry, level, minutes, language, now, llmFollowUps }: StartOptions): InterviewState {
  const phases = phasePlan(entry.kind, minutes);
  return {
    version: SESSION_VERSION,
    id,
    entryId: entry.id,
    kind: entry.kind,
    level,
    minutes,
    language,
    phases,
    events: scheduleEvents(entry, phases),
    startedAt: now,
    status: 'running',
    pausedMs: 0,
    phaseIndex: 0,
    phaseLog: [{ id: phases[0].id, startedAtMs: 0 }],
    fired: [],
    notices: [],
    messages: [],
    ...(llmFollowUps ? { llmFollowUps } : {}),
  };
}

/** Interview time: wall time since the start, less the pauses, frozen while paused or ended. */
export function elapsedMs(state: InterviewState, now: number): number {
  const until = state.status === 'ended' ? (state.endedAt ?? now) : state.status === 'paused' ? (state.pausedAt ?? now) : now;
  return Math.max(0, until - state.startedAt - state.pausedMs);
}

export const totalMs = (state: InterviewState) => state.minutes * 60_000;
export const remainingMs = (state: InterviewState, now: number) => totalMs(state) - elapsedMs(state, now);
export const currentPhase = (state: InterviewState) => state.phases[state.phaseIndex];

/** Time spent in the current phase so far. */
export function phaseElapsedMs(state: InterviewState, now: number): number {
  const record = state.phaseLog[state.phaseLog.length - 1];
  return elapsedMs(state, now) - record.startedAtMs;
}

/**
 * Brings the session up to `now`: fires the events that are due (each once, in order, also those
 * that fell due while VS Code was closed) and the notices. Nothing happens while paused or ended.
 */
export function tick(state: InterviewState, now: number): { state: InterviewState; effects: InterviewEffect[] } {
  if (state.status !== 'running') return { state, effects: [] };
  const elapsed = elapsedMs(state, now);
  const effects: InterviewEffect[] = [];
  const fired = [...state.fired];
  const notices = [...state.notices];
  const messages = [...state.messages];
  for (const event of state.events) {
    if (event.atMs <= elapsed && !fired.includes(event.id)) {
      fired.push(event.id);
      if (!(state.llmFollowUps && event.kind === 'follow-up')) messages.push({ atMs: elapsed, from: 'interviewer', text: event.text[state.language], eventId: event.id });
      effects.push({ type: 'event', event });
    }
  }
  const phase = currentPhase(state);
  const overKey = `over:${phase.id}`;
  if (phaseElapsedMs(state, now) > phase.budgetMs && !notices.includes(overKey)) {
    notices.push(overKey);
    effects.push({ type: 'phaseOverBudget', phase: phase.id });
  }
  const remaining = totalMs(state) - elapsed;
  if (remaining <= 5 * 60_000 && remaining > 0 && !notices.includes('five-minutes')) {
    notices.push('five-minutes');
    effects.push({ type: 'fiveMinutesLeft' });
  }
  if (remaining <= 0 && !notices.includes('time-up')) {
    notices.push('time-up');
    effects.push({ type: 'timeUp' });
  }
  return effects.length ? { state: { ...state, fired, notices, messages }, effects } : { state, effects };
}

export function pause(state: InterviewState, now: number): InterviewState {
  return state.status === 'running' ? { ...state, status: 'paused', pausedAt: now } : state;
}

export function resume(state: InterviewState, now: number): InterviewState {
  if (state.status !== 'paused' || state.pausedAt === undefined) return state;
  return { ...state, status: 'running', pausedMs: state.pausedMs + Math.max(0, now - state.pausedAt), pausedAt: undefined };
}

/** Moves to the next phase (the last phase has no next: nothing changes). */
export function nextPhase(state: InterviewState, now: number): { state: InterviewState; effects: InterviewEffect[] } {
  if (state.status === 'ended' || state.phaseIndex >= state.phases.length - 1) return { state, effects: [] };
  const elapsed = elapsedMs(state, now);
  const from = currentPhase(state).id;
  const to = state.phases[state.phaseIndex + 1].id;
  const phaseLog = state.phaseLog.map((record, index) => (index === state.phaseLog.length - 1 ? { ...record, endedAtMs: elapsed } : record));
  phaseLog.push({ id: to, startedAtMs: elapsed });
  return { state: { ...state, phaseIndex: state.phaseIndex + 1, phaseLog }, effects: [{ type: 'phaseChanged', from, to }] };
}

/** The candidate's reply, tied to the last interviewer event before it. */
export function reply(state: InterviewState, text: string, now: number): InterviewState {
  const trimmed = text.trim();
  if (!trimmed || state.status === 'ended') return state;
  const lastEvent = [...state.messages].reverse().find((message) => message.from === 'interviewer' && message.eventId)?.eventId;
  return { ...state, messages: [...state.messages, { atMs: elapsedMs(state, now), from: 'candidate', text: trimmed, eventId: lastEvent }] };
}

/** An interviewer message that is not a scheduled event (the LLM interviewer's question). */
export function interviewerSays(state: InterviewState, text: string, now: number, eventId?: string): InterviewState {
  return { ...state, messages: [...state.messages, { atMs: elapsedMs(state, now), from: 'interviewer', text, eventId }] };
}

export function end(state: InterviewState, now: number, reason: 'finished' | 'abandoned'): InterviewState {
  if (state.status === 'ended') return state;
  // A paused session ends at the moment it was paused.
  const endedAt = state.status === 'paused' && state.pausedAt !== undefined ? state.pausedAt : now;
  const stopped = { ...state, status: 'ended' as const, endedAt, endReason: reason };
  const elapsed = elapsedMs(stopped, endedAt);
  const phaseLog = state.phaseLog.map((record, index) => (index === state.phaseLog.length - 1 ? { ...record, endedAtMs: elapsed } : record));
  return { ...stopped, phaseLog, pausedAt: undefined };
}

/** Time spent per phase against its budget, for the report. */
export function phaseTimes(state: InterviewState, now: number): { id: PhaseId; budgetMs: number; spentMs: number }[] {
  const elapsed = elapsedMs(state, now);
  return state.phases.map((phase) => ({
    id: phase.id,
    budgetMs: phase.budgetMs,
    spentMs: state.phaseLog.filter((record) => record.id === phase.id).reduce((sum, record) => sum + ((record.endedAtMs ?? elapsed) - record.startedAtMs), 0),
  }));
}

/** Reads a session.json written by this version; anything else is refused rather than half-read. */
export function parseSession(text: string): InterviewState | undefined {
  try {
    const value = JSON.parse(text) as Partial<InterviewState>;
    if (value?.version !== SESSION_VERSION || typeof value.id !== 'string' || typeof value.entryId !== 'string' || !Array.isArray(value.phases) || typeof value.startedAt !== 'number') {
      return undefined;
    }
    return value as InterviewState;
  } catch {
    return undefined;
  }
}

/** "12:05" from milliseconds; negative (overtime) as "-0:42". */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const seconds = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Incident drills reveal evidence one clue at a time, the alert first, as on-call does. Every clue
 * beyond the alert costs a little of the write-up's score: finding the root cause from the first
 * dashboard is worth more than from the last log line.
 */

/** Points off per clue asked for after the alert. */
export const POINTS_PER_CLUE = 3;
/** The most the clues can cost, in points, however many were opened. */
export const MAX_CLUE_PENALTY = 15;

export interface ClueState {
  /** How many evidence items are shown (the alert is always shown: at least 1). */
  revealed: number;
  total: number;
}

export function startClues(total: number): ClueState {
  if (!Number.isInteger(total) || total < 1) throw new RangeError('an incident has at least its alert as evidence');
  return { revealed: 1, total };
}

/** One more clue, when there is one left. */
export function revealNext(state: ClueState): ClueState {
  return state.revealed >= state.total ? state : { ...state, revealed: state.revealed + 1 };
}

/** Clues still hidden. */
export const cluesLeft = (state: ClueState) => state.total - state.revealed;

/** The points the opened clues cost: nothing for the alert, POINTS_PER_CLUE for each one after it, capped. */
export function cluePenalty(state: ClueState): number {
  return Math.min(MAX_CLUE_PENALTY, Math.max(0, state.revealed - 1) * POINTS_PER_CLUE);
}

/** A rubric score (0–100) after the clue penalty, never below zero. */
export function scoreWithClues(score: number, state: ClueState): number {
  return Math.max(0, score - cluePenalty(state));
}

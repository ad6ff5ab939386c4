/**
 * Spaced review of entries with FSRS (ts-fsrs): each finished mock interview rates its entry from the
 * score, and the entry comes back when FSRS says it is due. Interviews are practised over days, not
 * minutes, so there are no same-day learning steps: every rating schedules at least a day ahead.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';

/** A card as stored in global state (JSON): dates as ISO strings. */
export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  learning_steps: number;
  state: number;
  last_review?: string;
}

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, learning_steps: [], relearning_steps: [] }));

/** The rating a session earns: ≥ 80 Easy, ≥ 65 Good, ≥ 45 Hard, else Again. */
export function ratingFor(score: number): Grade {
  return score >= 80 ? Rating.Easy : score >= 65 ? Rating.Good : score >= 45 ? Rating.Hard : Rating.Again;
}

export const RATING_NAMES: Record<Grade, { en: string; 'zh-CN': string }> = {
  [Rating.Again]: { en: 'Again', 'zh-CN': '重来' },
  [Rating.Hard]: { en: 'Hard', 'zh-CN': '困难' },
  [Rating.Good]: { en: 'Good', 'zh-CN': '良好' },
  [Rating.Easy]: { en: 'Easy', 'zh-CN': '轻松' },
};

function toCard(stored: StoredCard): Card {
  return { ...stored, due: new Date(stored.due), last_review: stored.last_review ? new Date(stored.last_review) : undefined } as Card;
}

function toStored(card: Card): StoredCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    reps: card.reps,
    lapses: card.lapses,
    learning_steps: card.learning_steps,
    state: card.state,
    last_review: card.last_review?.toISOString(),
  };
}

/** The entry's card after a session scored `score` at `now` (a new card for a first session). */
export function scheduleReview(stored: StoredCard | undefined, score: number, now: Date): StoredCard {
  const card = stored ? toCard(stored) : createEmptyCard(now);
  return toStored(scheduler.next(card, now, ratingFor(score)).card);
}

export function isDue(stored: StoredCard | undefined, now: Date): boolean {
  return stored !== undefined && Date.parse(stored.due) <= now.getTime();
}

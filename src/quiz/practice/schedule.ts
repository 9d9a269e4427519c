import { Rating, createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';
import type { PracticeCardState } from '../../store/types.ts';

/** Fuzz off: the same history gives the same due date, so tests (and two processes) agree. */
const scheduler = fsrs({ enable_fuzz: false });

/** Practice has two outcomes: fully right is Good; wrong — or only partly right on "choose N" — is Again. */
export function ratingFor(correct: boolean): Grade {
  return correct ? Rating.Good : Rating.Again;
}

function toFsrsCard(state: PracticeCardState): Card {
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    ...(state.lastReview ? { last_review: state.lastReview } : {}),
  };
}

function fromFsrsCard(card: Card): PracticeCardState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** The card after one review at `now`; `previous` undefined means the user never answered this question before. */
export function reviewCard(previous: PracticeCardState | undefined, correct: boolean, now: Date): PracticeCardState {
  const card = previous ? toFsrsCard(previous) : createEmptyCard(now);
  return fromFsrsCard(scheduler.next(card, now, ratingFor(correct)).card);
}

import type { PracticeCard, Store } from '../../store/types.ts';
import type { QuestionBank } from '../bank.ts';
import { InvalidChoiceError, gradeAnswer, type Grade } from '../daily/grade.ts';
import type { Rng } from '../daily/rng.ts';
import type { Question } from '../schema.ts';
import { reviewCard } from './schedule.ts';
import { choosePracticeQuestion, type PracticePick } from './select.ts';

/** The store methods practice uses (never the daily quiz's answers or points). */
export type PracticeStore = Pick<Store, 'getPracticeCard' | 'listPracticeCards' | 'savePracticeReview' | 'retiredQuestionIds'>;

export interface PracticeDeps {
  store: PracticeStore;
  bank: QuestionBank;
  now: Date;
  /** The server practice runs in (its retired questions are never asked); null or absent in DMs. */
  guildId?: string | null;
}

/** Questions retired on the practice's server; none outside a server. */
export async function practiceExclusions(deps: PracticeDeps): Promise<ReadonlySet<string>> {
  return new Set(deps.guildId ? await deps.store.retiredQuestionIds(deps.guildId) : []);
}

/** Picks the user's next question from their stored cards, never one retired on the server. */
export async function nextPracticeQuestion(
  deps: PracticeDeps,
  userId: string,
  topic: string | null,
  rng: Rng,
): Promise<PracticePick> {
  const cards = await deps.store.listPracticeCards(userId);
  const excludedIds = await practiceExclusions(deps);
  return choosePracticeQuestion({ bank: deps.bank, cards, now: deps.now, topic, excludedIds, rng });
}

export type PracticeAnswerResult =
  | { status: 'recorded'; question: Question; choices: number[]; grade: Grade; card: PracticeCard }
  /** The question left the bank since it was shown. */
  | { status: 'question-gone' }
  /** An admin retired the question on this server since it was shown: nothing recorded. */
  | { status: 'question-retired' }
  /** An option the question does not have (a forged id). */
  | { status: 'invalid-choice'; question: Question }
  /** This showing of the question was already answered (double click, old button): nothing recorded. */
  | { status: 'already-answered'; question: Question; card: PracticeCard | undefined };

/**
 * Grades the answer and records the review with FSRS. `shownReps` is the card's `reps` when the question was shown
 * (0 for a new question): the review only counts if the card has not moved on since, so each showing counts once.
 */
export async function answerPracticeQuestion(
  deps: PracticeDeps,
  userId: string,
  questionId: string,
  shownReps: number,
  choices: readonly number[],
): Promise<PracticeAnswerResult> {
  const question = deps.bank.byId.get(questionId);
  if (!question) return { status: 'question-gone' };
  if ((await practiceExclusions(deps)).has(questionId)) return { status: 'question-retired' };
  let grade: Grade;
  try {
    grade = gradeAnswer(question, choices);
  } catch (error) {
    if (error instanceof InvalidChoiceError) return { status: 'invalid-choice', question };
    throw error;
  }
  const current = await deps.store.getPracticeCard(userId, questionId);
  if ((current?.reps ?? 0) !== shownReps) return { status: 'already-answered', question, card: current };
  const saved = await deps.store.savePracticeReview({
    userId,
    questionId,
    topic: question.topic,
    correct: grade.correct,
    card: reviewCard(current, grade.correct, deps.now),
    expectedReps: shownReps,
  });
  if (saved.status === 'stale') return { status: 'already-answered', question, card: saved.card };
  return { status: 'recorded', question, choices: [...new Set(choices)].sort((a, b) => a - b), grade, card: saved.card };
}

const norm = (s: string) => s.trim().toLowerCase();

/** The bank's topic with this name (case-insensitive), or undefined. */
export function findPracticeTopic(bank: QuestionBank, name: string): string | undefined {
  const wanted = norm(name);
  return [...bank.byTopic.keys()].find((t) => norm(t) === wanted);
}

/** Topics for autocomplete: names containing what was typed (prefix matches first), sorted, at most `limit`. */
export function suggestPracticeTopics(bank: QuestionBank, typed: string, limit: number): string[] {
  const q = norm(typed);
  const topics = [...bank.byTopic.keys()].sort((a, b) => a.localeCompare(b));
  const starts = topics.filter((t) => norm(t).startsWith(q));
  const contains = topics.filter((t) => !norm(t).startsWith(q) && norm(t).includes(q));
  return [...starts, ...contains].slice(0, limit);
}

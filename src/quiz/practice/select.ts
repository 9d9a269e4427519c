import type { QuestionBank } from '../bank.ts';
import { pickIndex, type Rng } from '../daily/rng.ts';
import type { Question } from '../schema.ts';

/** What selection needs of a stored card. */
export interface CardSummary {
  questionId: string;
  due: Date;
  reps: number;
  lastReview: Date | null;
}

export interface ChoosePracticeInput {
  bank: QuestionBank;
  /** All of the user's cards (any order); cards of questions no longer in the bank are ignored. */
  cards: readonly CardSummary[];
  now: Date;
  /** Exact topic name from the bank; null/undefined for every topic. */
  topic?: string | null;
  /** Questions never asked (retired on the server practice runs in); their cards are ignored too. */
  excludedIds?: ReadonlySet<string>;
  rng: Rng;
}

export type PracticePick =
  /** `card` is the user's card for the question, absent for a question they never answered. */
  | { kind: 'due' | 'new' | 'early'; question: Question; card: CardSummary | undefined; dueCount: number }
  /** No question at all under the filter (empty bank or unknown topic). */
  | { kind: 'empty'; dueCount: 0 };

const byDue = (a: CardSummary, b: CardSummary) => a.due.getTime() - b.due.getTime() || (a.questionId < b.questionId ? -1 : 1);

/**
 * The user's next practice question:
 * 0. never a question in `excludedIds` (retired on the server), not even as a due review;
 * 1. a due card (due at or before `now`), earliest due first;
 * 2. else a question they have never answered — with no topic filter, from a topic picked at random among those with
 *    unseen questions other than the topic of their latest review (so topics rotate and big topics don't crowd out
 *    small ones), then a question at random within it (candidates sorted by id, so bank order does not matter);
 * 3. else an early review: the card due soonest.
 */
export function choosePracticeQuestion(input: ChoosePracticeInput): PracticePick {
  const { bank, now, topic, rng } = input;
  const excluded = input.excludedIds ?? new Set<string>();
  const inScope = (q: Question | undefined): q is Question => q !== undefined && (!topic || q.topic === topic) && !excluded.has(q.id);

  const live: Array<{ card: CardSummary; question: Question }> = [];
  for (const card of input.cards) {
    const question = bank.byId.get(card.questionId);
    if (inScope(question)) live.push({ card, question });
  }
  live.sort((a, b) => byDue(a.card, b.card));
  const due = live.filter((c) => c.card.due.getTime() <= now.getTime());
  const first = due[0];
  if (first) return { kind: 'due', question: first.question, card: first.card, dueCount: due.length };

  const seen = new Set(input.cards.map((c) => c.questionId));
  const pool = topic ? (bank.byTopic.get(topic) ?? []) : bank.questions;
  const unseen = pool.filter((q) => !seen.has(q.id) && !excluded.has(q.id));
  if (unseen.length > 0) {
    const byTopic = new Map<string, Question[]>();
    for (const q of unseen) {
      const list = byTopic.get(q.topic);
      if (list) list.push(q);
      else byTopic.set(q.topic, [q]);
    }
    const lastTopic = latestReviewedTopic(input.cards, bank);
    let topics = [...byTopic.keys()].sort();
    if (topics.length > 1 && lastTopic !== undefined) topics = topics.filter((t) => t !== lastTopic);
    const chosenTopic = topics[pickIndex(rng, topics.length)]!;
    const candidates = [...byTopic.get(chosenTopic)!].sort((a, b) => (a.id < b.id ? -1 : 1));
    return { kind: 'new', question: candidates[pickIndex(rng, candidates.length)]!, card: undefined, dueCount: 0 };
  }

  const soonest = live[0];
  if (soonest) return { kind: 'early', question: soonest.question, card: soonest.card, dueCount: 0 };
  return { kind: 'empty', dueCount: 0 };
}

/** The topic (as the bank has it now) of the user's most recent review of a question still in the bank. */
function latestReviewedTopic(cards: readonly CardSummary[], bank: QuestionBank): string | undefined {
  let latest: { at: number; topic: string } | undefined;
  for (const card of cards) {
    const question = bank.byId.get(card.questionId);
    const at = card.lastReview?.getTime();
    if (question && at !== undefined && (!latest || at > latest.at)) latest = { at, topic: question.topic };
  }
  return latest?.topic;
}

/** Number of the user's cards due at `now` under the filter (questions still in the bank and not excluded only). */
export function countDue(
  bank: QuestionBank,
  cards: readonly CardSummary[],
  now: Date,
  topic?: string | null,
  excludedIds: ReadonlySet<string> = new Set(),
): number {
  return cards.filter((c) => {
    const q = bank.byId.get(c.questionId);
    return q !== undefined && (!topic || q.topic === topic) && !excludedIds.has(q.id) && c.due.getTime() <= now.getTime();
  }).length;
}

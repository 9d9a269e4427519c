import type { Award } from '../../store/types.ts';
import type { Question } from '../schema.ts';
import { gradeAnswer } from './grade.ts';
import type { ScorableAnswer } from './scoring.ts';

export interface UserResult {
  userId: string;
  points: number;
  /** Reasons with their points, e.g. { correct: 10, first: 3 }. */
  breakdown: Record<string, number>;
  correct: boolean;
}

/** What the reveal message shows: how the guild answered and who earned what. */
export interface RevealResults {
  answered: number;
  correct: number;
  /** Answered with some but not full credit. */
  partial: number;
  /** How many players picked each option (index = option). */
  optionCounts: number[];
  /** Users with their points, most first (ties: earlier answer first). Everyone who answered appears. */
  users: UserResult[];
  awards: Award[];
}

export function summarizeResults(question: Question, answers: readonly ScorableAnswer[], awards: readonly Award[]): RevealResults {
  const optionCounts = question.options.map(() => 0);
  const order = [...answers].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime() || a.id - b.id);
  const users = new Map<string, UserResult>();
  let correct = 0;
  let partial = 0;
  for (const a of order) {
    if (users.has(a.userId)) continue;
    for (const c of new Set(a.choices)) if (c >= 0 && c < optionCounts.length) optionCounts[c] = (optionCounts[c] ?? 0) + 1;
    const grade = gradeAnswer(question, a.choices);
    if (grade.correct) correct += 1;
    else if (grade.credit > 0) partial += 1;
    users.set(a.userId, { userId: a.userId, points: 0, breakdown: {}, correct: grade.correct });
  }
  for (const award of awards) {
    const u = users.get(award.userId) ?? { userId: award.userId, points: 0, breakdown: {}, correct: false };
    u.points += award.points;
    u.breakdown[award.reason] = (u.breakdown[award.reason] ?? 0) + award.points;
    users.set(award.userId, u);
  }
  // Map order is answer order, and sort is stable: equal points keep the earlier answer first.
  const ranked = [...users.values()].sort((a, b) => b.points - a.points);
  return { answered: users.size, correct, partial, optionCounts, users: ranked, awards: [...awards] };
}

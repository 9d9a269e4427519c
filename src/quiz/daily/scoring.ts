import type { Answer, Award, DailyQuiz } from '../../store/types.ts';
import type { Question } from '../schema.ts';
import { gradeAnswer, type Grade } from './grade.ts';

/** Every number the scoring rules use; `SCORING_RULES` is written from these, so the text cannot drift. */
export const SCORING = {
  /** A fully correct answer. */
  correct: 10,
  /** Partial credit on "choose N" questions: floor(credit × this), credit = (right − wrong) / N, never below 0. */
  partialScale: 10,
  /** Bonus for the first fully correct answers, in order of answering. */
  firstBonuses: [3, 2, 1] as readonly number[],
  /** Streak bonus per consecutive correct daily quiz after the first … */
  streakPerDay: 1,
  /** … up to this much. */
  streakCap: 5,
} as const;

/** Ledger reasons; a quiz awards a user each reason at most once. */
export const AWARD_REASONS = { correct: 'correct', partial: 'partial', first: 'first', streak: 'streak' } as const;

const first = SCORING.firstBonuses.map((b) => `+${b}`).join('/');

/** The rules as players read them (`/help`, README). */
export const SCORING_RULES = `## How daily quiz points work

- **Correct answer:** ${SCORING.correct} points. You must pick exactly the right option(s).
- **Partial credit** ("choose N" questions only): each right pick counts +1/N and each wrong pick −1/N, never below 0; you get that share of ${SCORING.partialScale} points, rounded down. Example: 2 of 3 right and no wrong pick → 6 points.
- **Quick bonus:** the first ${SCORING.firstBonuses.length} fully correct answers get ${first}.
- **Streak bonus:** answering daily quizzes correctly in a row earns +${SCORING.streakPerDay} per quiz after the first, capped at +${SCORING.streakCap} (2nd in a row +1, 3rd +2, … 6th and later +${SCORING.streakCap}). A wrong or missing answer resets the streak; a day without a quiz does not.
- **One answer per quiz:** your first pick stands. Answers count until the quiz closes; points are added when the answer is revealed.
- The most a single quiz can give is ${SCORING.correct + (SCORING.firstBonuses[0] ?? 0) + SCORING.streakCap} points, so a newcomer can catch up within a few days.
`;

export type ScorableAnswer = Pick<Answer, 'id' | 'quizId' | 'userId' | 'choices' | 'answeredAt' | 'correct' | 'credit'>;

/** Streak bonus for a correct answer that follows a run of `runBefore` correct daily quizzes. */
export function streakBonus(runBefore: number, correct: boolean): number {
  if (!correct) return 0;
  return Math.min(SCORING.streakCap, SCORING.streakPerDay * Math.max(0, runBefore));
}

/** Re-grades from the question when we have it; otherwise trusts the grade stored with the answer. */
function gradeOf(question: Question | undefined, answer: ScorableAnswer): Pick<Grade, 'correct' | 'credit'> {
  return question ? gradeAnswer(question, answer.choices) : { correct: answer.correct, credit: answer.credit };
}

/**
 * The ledger rows a quiz's reveal writes. Pure: same inputs, same rows, so it can run inside the reveal transaction.
 * `streaks` maps a user to their run of correct answers ending at the guild's previous revealed quiz (absent = 0).
 * Answers to other quizzes, after `closesAt`, or repeated per user are ignored (the store prevents them anyway).
 */
export function computeAwards(
  quiz: Pick<DailyQuiz, 'id' | 'questionId' | 'closesAt'>,
  question: Question | undefined,
  answers: readonly ScorableAnswer[],
  streaks: ReadonlyMap<string, number>,
): Award[] {
  if (question && question.id !== quiz.questionId) {
    throw new Error(`computeAwards: question ${question.id} is not quiz ${quiz.id}'s question ${quiz.questionId}`);
  }
  const ordered = [...answers]
    .filter((a) => a.quizId === quiz.id && a.answeredAt.getTime() < quiz.closesAt.getTime())
    .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime() || a.id - b.id);
  const seen = new Set<string>();
  const awards: Award[] = [];
  let firstIndex = 0;
  for (const answer of ordered) {
    if (seen.has(answer.userId)) continue;
    seen.add(answer.userId);
    const grade = gradeOf(question, answer);
    if (grade.correct) {
      awards.push({ userId: answer.userId, points: SCORING.correct, reason: AWARD_REASONS.correct });
      const bonus = SCORING.firstBonuses[firstIndex++];
      if (bonus !== undefined) awards.push({ userId: answer.userId, points: bonus, reason: AWARD_REASONS.first });
      const streak = streakBonus(streaks.get(answer.userId) ?? 0, true);
      if (streak > 0) awards.push({ userId: answer.userId, points: streak, reason: AWARD_REASONS.streak });
    } else {
      const partial = Math.floor(grade.credit * SCORING.partialScale + 1e-9);
      if (partial > 0) awards.push({ userId: answer.userId, points: partial, reason: AWARD_REASONS.partial });
    }
  }
  return awards;
}

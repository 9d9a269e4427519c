import type { RecordAnswerResult, Store } from '../../store/types.ts';
import type { Question } from '../schema.ts';
import { gradeAnswer, type Grade } from './grade.ts';

export interface SubmitAnswerInput {
  quizId: number;
  userId: string;
  choices: readonly number[];
  /** When the user clicked (the interaction's time), so a click just before closing still counts. */
  answeredAt: Date;
}

/**
 * Grades and records a daily-quiz answer. The first answer per user stands (`duplicate` returns it); a closed quiz
 * returns `closed`. The grade is returned for the caller to keep private until the reveal.
 * Throws InvalidChoiceError for an option the question does not have.
 */
export async function submitDailyAnswer(
  store: Pick<Store, 'recordAnswer'>,
  question: Question,
  input: SubmitAnswerInput,
): Promise<{ result: RecordAnswerResult; grade: Grade }> {
  const grade = gradeAnswer(question, input.choices);
  const result = await store.recordAnswer({
    quizId: input.quizId,
    userId: input.userId,
    choices: [...new Set(input.choices)],
    correct: grade.correct,
    credit: grade.credit,
    answeredAt: input.answeredAt,
  });
  return { result, grade };
}

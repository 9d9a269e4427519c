import { buildQuestionBank, type QuestionBank } from '../../src/quiz/bank.ts';
import type { Question } from '../../src/quiz/schema.ts';
import type { CardSummary } from '../../src/quiz/practice/select.ts';

export const NOW = new Date('2026-03-02T12:00:00Z');
export const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000);

/** A small hand-made question; `answers` of more than one index makes it "choose N". */
export function question(id: string, topic: string, answers: number[] = [0]): Question {
  return {
    id,
    stem: `Stem of ${id}?`,
    options: ['first', 'second', 'third', 'fourth'],
    answers,
    explanation: `Because ${id}.`,
    source: { file: 'fixture.md', headingPath: [topic, 'Details'], line: 3 },
    topic,
    kind: 'curated',
    sourceHash: '',
  };
}

/** Two S3 questions, two IAM, one Lambda; `q_multi` (S3) is "choose 2". */
export function smallBank(): QuestionBank {
  return buildQuestionBank([
    question('q_s3a', 'S3'),
    question('q_s3b', 'S3'),
    question('q_multi', 'S3', [1, 2]),
    question('q_iam1', 'IAM'),
    question('q_iam2', 'IAM'),
    question('q_lambda', 'Lambda'),
  ]);
}

export function card(questionId: string, dueInMinutes: number, lastReviewMinutesAgo: number | null = 60): CardSummary {
  return {
    questionId,
    due: at(dueInMinutes),
    reps: 1,
    lastReview: lastReviewMinutesAgo === null ? null : at(-lastReviewMinutesAgo),
  };
}

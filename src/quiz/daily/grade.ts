import type { Question } from '../schema.ts';

export interface Grade {
  /** Exactly the right options, nothing else. */
  correct: boolean;
  /** 0..1: (right picks − wrong picks) / number of right options, never below 0. */
  credit: number;
  rightPicks: number;
  wrongPicks: number;
}

export class InvalidChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChoiceError';
  }
}

/**
 * Grades one answer. One rule covers both kinds of question: for a single-answer question the credit is 1 or 0
 * (picking several options, one of them right, earns nothing); for "choose N" every right pick earns 1/N and every
 * wrong pick takes 1/N back. Repeated picks count once. Throws InvalidChoiceError for an index with no option.
 */
export function gradeAnswer(question: Pick<Question, 'options' | 'answers'>, choices: readonly number[]): Grade {
  if (choices.length === 0) throw new InvalidChoiceError('an answer needs at least one chosen option');
  const picked = new Set<number>();
  for (const c of choices) {
    if (!Number.isInteger(c) || c < 0 || c >= question.options.length) {
      throw new InvalidChoiceError(`option ${c} does not exist: this question has options 0–${question.options.length - 1}`);
    }
    picked.add(c);
  }
  const right = new Set(question.answers);
  let rightPicks = 0;
  for (const c of picked) if (right.has(c)) rightPicks += 1;
  const wrongPicks = picked.size - rightPicks;
  const credit = Math.max(0, (rightPicks - wrongPicks) / right.size);
  return { correct: rightPicks === right.size && wrongPicks === 0, credit, rightPicks, wrongPicks };
}

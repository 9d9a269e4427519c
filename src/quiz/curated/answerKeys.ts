import { OPTION_LETTERS } from './authorSchema.ts';
import type { AuthorQuestion } from './authorSchema.ts';

export type AnswerResolution = { ok: true; answers: number[] } | { ok: false; message: string };

const normalize = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Turns the author's `answer` (letters or option texts) into option indices. A single letter A–F is always read
 * as a letter, so an option whose whole text is "A" must be answered by letter.
 */
export function resolveAnswerKeys(answer: AuthorQuestion['answer'], options: readonly string[]): AnswerResolution {
  const keys = typeof answer === 'string' ? [answer] : answer;
  const answers: number[] = [];
  for (const key of keys) {
    const letter = key.trim().toUpperCase();
    const letterIndex = OPTION_LETTERS.indexOf(letter as (typeof OPTION_LETTERS)[number]);
    let index: number;
    if (letterIndex >= 0) {
      if (letterIndex >= options.length) {
        const last = OPTION_LETTERS[options.length - 1] ?? 'A';
        return { ok: false, message: `answer ${letter} is out of range: there are ${options.length} options (A–${last})` };
      }
      index = letterIndex;
    } else {
      index = options.findIndex((o) => normalize(o) === normalize(key));
      if (index < 0) return { ok: false, message: `answer "${key}" is neither a letter A–F nor the text of an option` };
    }
    if (answers.includes(index)) return { ok: false, message: `answer ${OPTION_LETTERS[index]} is given twice` };
    answers.push(index);
  }
  if (answers.length >= options.length) return { ok: false, message: 'every option is marked correct; at least one must be wrong' };
  return { ok: true, answers: answers.sort((a, b) => a - b) };
}

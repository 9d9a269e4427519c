import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Where a question's answer lives in the notes. */
export const QuestionSourceSchema = z.object({
  /** Path under knowledge/notes, `/`-separated. */
  file: z.string().min(1),
  /** Section titles from the top-level heading down (as `Section.headingPath`). */
  headingPath: z.array(z.string().min(1)).min(1),
  /** 1-based line of the passage the question is drawn from. */
  line: z.number().int().positive(),
});
export type QuestionSource = z.infer<typeof QuestionSourceSchema>;

/** The canonical question, curated or generated. Every consumer (quiz, store, CLI) uses this type. */
export const QuestionSchema = z
  .object({
    /** Stable: a hash of the content (see `questionId`), so it survives reloads. */
    id: z.string().min(1).max(64),
    stem: z.string().min(1),
    options: z.array(z.string().min(1)).min(2).max(6),
    /** Indices into `options`; more than one means "choose N" (multiple response). */
    answers: z.array(z.number().int().min(0).max(5)).min(1),
    explanation: z.string().min(1),
    source: QuestionSourceSchema,
    /** The top-level heading the source falls under. */
    topic: z.string().min(1),
    /** `curated`, or the generator's name (`glossary`, `siblings`, `term-list`, `table`, `number`). */
    kind: z.string().min(1),
    /** Hash of the source section's text when the question was made; differs when the section changes. */
    sourceHash: z.string(),
    /**
     * Generated questions only: the quality gate's score, 0–1 (higher is better). The daily quiz asks curated
     * questions first, then generated ones by descending quality.
     */
    quality: z.number().min(0).max(1).optional(),
    /** Generated questions only: what the question tests; one question per fact is asked (see `buildPool`). */
    fact: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    for (const a of q.answers) {
      if (a >= q.options.length) ctx.addIssue({ code: 'custom', path: ['answers'], message: `answer index ${a} has no option` });
    }
    if (new Set(q.answers).size !== q.answers.length) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'answers repeat' });
    if (q.answers.length >= q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'at least one option must be wrong' });
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

/** Options are shown and written as letters, A for the first. */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const optionLetter = (index: number): string => OPTION_LETTERS[index] ?? String(index + 1);

/** Content hash used as the id: same stem, options and answers → same id, across reloads and machines. */
export function questionId(q: Pick<Question, 'stem' | 'options' | 'answers'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([q.stem.trim(), q.options.map((o) => o.trim()), [...q.answers].sort((a, b) => a - b)]));
  return `q_${h.digest('hex').slice(0, 16)}`;
}

/** Hash of a section's text, to notice when a question's source changed. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

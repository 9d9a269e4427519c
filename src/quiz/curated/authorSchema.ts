import { z } from 'zod';

/**
 * What a person writes in `knowledge/questions/*.yaml`. Deliberately transform-free so it can be published as
 * JSON Schema for editors; `toQuestion` turns an item into the canonical `Question`.
 */

export { OPTION_LETTERS } from '../schema.ts';

/** The separator between heading titles when a heading path is written as one string. */
export const HEADING_SEPARATOR = ' › ';

const AnswerKeySchema = z
  .string()
  .min(1)
  .meta({ description: 'An option letter (A–F) or the full text of an option.' });

export const AuthorAnswerSchema = z
  .union([AnswerKeySchema, z.array(AnswerKeySchema).min(1).max(5)])
  .meta({
    description:
      'The correct option: a letter (`A`) or the option text. For multiple response ("Which TWO…"), a list (`[A, C]`).',
  });

export const AuthorSourceSchema = z
  .strictObject({
    file: z
      .string()
      .min(1)
      .regex(/\.md$/, 'must be a markdown file under knowledge/notes, e.g. `developer-associate-notes.md`')
      .meta({ description: 'Notes file under knowledge/notes, `/`-separated.' }),
    heading: z
      .union([
        z.string().min(1),
        z.array(z.string().min(1)).min(1),
      ])
      .meta({
        description:
          'Heading path from the top-level heading down, as displayed (emoji kept): "A › B" or a list of titles.',
      }),
    line: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: '1-based line of the passage; defaults to the section start.' }),
  })
  .meta({ description: 'Where the answer is found in the notes.' });
export type AuthorSource = z.infer<typeof AuthorSourceSchema>;

export const AuthorQuestionSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1–64 lowercase letters, digits, `-` or `_`')
      .optional()
      .meta({ description: 'Optional stable id; by default a hash of stem, options and answer.' }),
    stem: z.string().trim().min(1).meta({ description: 'The question as asked.' }),
    options: z
      .array(z.string().trim().min(1))
      .min(2)
      .max(6)
      .meta({ description: 'Between 2 and 6 options, shown as A–F in this order.' }),
    answer: AuthorAnswerSchema,
    explanation: z
      .string()
      .trim()
      .min(1)
      .meta({ description: 'Why the answer is right, quoting or paraphrasing the notes.' }),
    source: AuthorSourceSchema,
    topic: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Defaults to the top-level heading of the source.' }),
  })
  .meta({ title: 'Curated question', description: 'One quiz question written from the notes.' });
export type AuthorQuestion = z.infer<typeof AuthorQuestionSchema>;

/** A curated file is a list of questions. */
export const AuthorFileSchema = z.array(AuthorQuestionSchema).meta({
  title: 'studybot curated questions',
  description: 'A list of quiz questions written from knowledge/notes. See knowledge/questions/README.md.',
});
export type AuthorFile = z.infer<typeof AuthorFileSchema>;

import { z } from 'zod';

/** Something wrong with a curated file or one of its items. Errors skip the item (or file); warnings keep it. */
export const QuestionProblemSchema = z.object({
  /** Path under the questions folder, `/`-separated. */
  file: z.string(),
  /** 0-based index of the item in its file; null when the problem concerns the whole file. */
  index: z.number().int().min(0).nullable(),
  /** The item's id when it has one (explicit or computed). */
  id: z.string().optional(),
  /** Dotted path of the offending field, e.g. `options` or `source.heading`. */
  field: z.string().optional(),
  /** 1-based line in the questions file, when known. */
  line: z.number().int().positive().optional(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type QuestionProblem = z.infer<typeof QuestionProblemSchema>;

/** One line for logs and the CLI: `file:line item 3 (id) field: message`. */
export function formatProblem(p: QuestionProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const item = p.index === null ? '' : ` item ${p.index + 1}${p.id ? ` (${p.id})` : ''}`;
  const field = p.field ? ` ${p.field}:` : '';
  return `${p.severity} ${where}${item}${field} ${p.message}`;
}

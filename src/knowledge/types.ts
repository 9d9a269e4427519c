import { z } from 'zod';

/** One heading's own content: the text between its heading and the next heading of any level. */
export const SectionSchema = z.object({
  /** Stable across reloads: `<file>#<slug>`; the slug is unique within its file. */
  id: z.string().min(1),
  /** Path under the notes folder, `/`-separated (e.g. `developer-associate-guide.md`). */
  file: z.string().min(1),
  slug: z.string().min(1),
  /** The heading as written, emoji and keycap numbers kept, markdown stripped. */
  title: z.string(),
  /** The heading without decorative prefixes (emoji, keycaps, `1.`), for matching. */
  matchTitle: z.string(),
  /** Titles from the top-level heading down to this one. */
  headingPath: z.array(z.string()).min(1),
  /** 1–6 for headings; a part split out of an over-long section takes its parent's level + 1 (at most 7). */
  level: z.number().int().min(1).max(7),
  parentId: z.string().nullable(),
  /** 1-based, inclusive, in the original file. */
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  /** 1-based line in the file where `markdown` starts (absent when the body is empty); lets tools map body lines back. */
  bodyStartLine: z.number().int().positive().optional(),
  /** The section's own body as markdown source (children excluded). */
  markdown: z.string(),
  /** The body as plain text: tables as `a | b` rows, images as their alt text, code kept. */
  text: z.string(),
  /** False for sections that are sources rather than answers (a section holding only an abbreviations table). */
  searchable: z.boolean(),
});
export type Section = z.infer<typeof SectionSchema>;

export const GlossaryEntrySchema = z.object({
  /** What is defined: an abbreviation (`ENI`) or a term (`Pod`, `Osmosis`). */
  term: z.string().min(1),
  /** What it means: the long form (`Elastic Network Interface`) or the definition (`the smallest deployable unit`). */
  meaning: z.string().min(1),
  /** An abbreviation and its long form, or a term and its definition. Only abbreviations bridge search queries. */
  kind: z.enum(['abbreviation', 'definition']),
  sectionId: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  /** Where it was written: a table row, a list item (or definition list), or inline in a line, sentence or heading. */
  source: z.enum(['table', 'list', 'inline']),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

export const KnowledgeWarningSchema = z.object({
  severity: z.enum(['warning', 'error']),
  file: z.string().nullable(),
  line: z.number().int().positive().optional(),
  /** Machine-readable reason, e.g. `binary`, `too-large`, `undecodable`, `empty-folder`. */
  code: z.string(),
  message: z.string(),
});
export type KnowledgeWarning = z.infer<typeof KnowledgeWarningSchema>;

export interface NotesFile {
  file: string;
  bytes: number;
  sections: number;
}

export interface KnowledgeBase {
  dir: string;
  files: NotesFile[];
  sections: Section[];
  byId: ReadonlyMap<string, Section>;
  glossary: GlossaryEntry[];
  warnings: KnowledgeWarning[];
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { normWords } from './generators/text.ts';

/**
 * A statement in the notes that is wrong or outdated, written down by the group in `<knowledge>/errata.yaml`.
 * Generated questions never quote it, so the quiz does not teach it; curated questions state the right fact.
 */
export const ErratumSchema = z.object({
  /** The notes file, as under `notes/`. */
  file: z.string().min(1),
  /** Words copied from the notes that are wrong; a passage containing them is not asked about. */
  says: z.string().min(3),
  /** The correct fact, for readers of the file and of `studybot check`. */
  fact: z.string().min(3),
});
export type Erratum = z.infer<typeof ErratumSchema>;

export const ERRATA_FILE = 'errata.yaml';

export type ErrataLoad = { errata: Erratum[]; problem?: string };

/** Reads `<knowledgeDir>/errata.yaml`; a missing file is no errata, a bad one is reported and ignored. */
export async function loadErrata(knowledgeDir: string): Promise<ErrataLoad> {
  let text: string;
  try {
    text = await readFile(path.join(knowledgeDir, ERRATA_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { errata: [] };
    return { errata: [], problem: `${ERRATA_FILE}: unreadable: ${(err as Error).message}` };
  }
  let data: unknown;
  try {
    data = parse(text) ?? [];
  } catch (err) {
    return { errata: [], problem: `${ERRATA_FILE}: not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  const parsed = z.array(ErratumSchema).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { errata: [], problem: `${ERRATA_FILE}: item ${Number(issue?.path[0] ?? 0) + 1}: ${issue?.path.slice(1).join('.') || 'item'}: ${issue?.message}` };
  }
  return { errata: parsed.data };
}

/** Text as compared: its words only, so markdown, table pipes and punctuation neither hide nor fake a match. */
const comparable = (s: string): string => ` ${normWords(s.replace(/[`*_]/g, '')).join(' ')} `;

/** The erratum a passage of `file` repeats, if any (copied from the markdown or from its plain text, either matches). */
export function erratumIn(errata: readonly Erratum[], file: string, passage: string): Erratum | undefined {
  const text = comparable(passage);
  return errata.find((e) => e.file === file && text.includes(comparable(e.says)));
}

/** Errata whose words are nowhere in their file's text (a typo in `says`, or notes that changed): they match nothing. */
export function unmatchedErrata(errata: readonly Erratum[], textOf: (file: string) => string | undefined): Erratum[] {
  return errata.filter((e) => {
    const text = textOf(e.file);
    return text === undefined || !comparable(text).includes(comparable(e.says));
  });
}

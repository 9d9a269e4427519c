import type { Table } from 'mdast';
import { tableRows } from './markdown.ts';

/** `| Abbreviation | Stands for |`: the first column holds short forms. */
const SHORT_HEADER = /^(abbreviations?|acronyms?|abbr|initialisms?|short (forms?|names?))$/;
/** A second column that can only mean a long form: `| Term | Stands for |` is still an abbreviations table. */
const LONG_HEADER = /^(stands for|expansions?|long forms?|full (forms?|names?)|spelled out|in full)$/;
/** The first column of a definitions table names things: `Term`, `Key word`, `Concept`, `Vocabulary`… */
const NAME_HEADER = /\b(terms?|words?|keywords?|concepts?|names?|vocab(ulary)?|phrases?|expressions?|jargon|glossary)$/;
/** …and the second says what they mean: `Definition`, `Meaning`, `Description`, `What it means`… */
const MEANING_HEADER = /^(definitions?|meanings?|means|descriptions?|describes|explanations?|explained|defined as|what it (is|means|does)|in (plain|simple) (words|english))$/;

export type GlossaryTableKind = 'abbreviation' | 'definition';

/** A header cell reduced to its words: `**Term (EN)**` → `term`. */
function headerWords(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a table's header says it holds: abbreviations (`Abbreviation | Stands for`, `Acronym | Meaning`,
 * `Term | Stands for`) or definitions (`Term | Definition`, `Word | Meaning`, `Concept | Description`); null for
 * any other table. Only the first two columns are read; short headers only, so a data table is never mistaken.
 */
export function glossaryTableKind(table: Table): GlossaryTableKind | null {
  const header = tableRows(table)[0] ?? [];
  if (header.length < 2) return null;
  const first = headerWords(header[0] ?? '');
  const second = headerWords(header[1] ?? '');
  if (first.split(' ').length > 3 || second.split(' ').length > 4) return null;
  const means = LONG_HEADER.test(second) || MEANING_HEADER.test(second);
  if (SHORT_HEADER.test(first) && means) return 'abbreviation';
  if (NAME_HEADER.test(first) && LONG_HEADER.test(second)) return 'abbreviation';
  if (NAME_HEADER.test(first) && MEANING_HEADER.test(second)) return 'definition';
  return null;
}

/** An abbreviations table is a source for the glossary, not an answer to show (a definitions table is both). */
export function isAbbreviationTable(table: Table): boolean {
  return glossaryTableKind(table) === 'abbreviation';
}

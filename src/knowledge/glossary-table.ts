import type { Table } from 'mdast';
import { tableRows } from './markdown.ts';

const SHORT_HEADER = /^(abbreviations?|acronyms?|abbr\.?|short form|term)$/i;
const LONG_HEADER = /^(stands for|meaning|expansion|long form|full (form|name)|definition)$/i;

/** A table whose header reads like `| Abbreviation | Stands for |`: a source of glossary entries. */
export function isGlossaryTable(table: Table): boolean {
  const header = tableRows(table)[0] ?? [];
  return header.length >= 2 && SHORT_HEADER.test(header[0] ?? '') && LONG_HEADER.test(header[1] ?? '');
}

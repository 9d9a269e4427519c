import type { Table } from 'mdast';
import type { Section } from '../../knowledge/types.ts';
import { fileLine, findTables, plain } from './mdast.ts';
import { cleanLabel, maskTerms, normalize, rankBySimilarity } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

interface Row {
  cells: string[];
  line: number;
}

/** Header and body rows as plain text; undefined for tables too small or ragged to ask about. */
export function readTable(table: Table, section: Section): { header: string[]; rows: Row[] } | undefined {
  const [head, ...body] = table.children;
  if (!head) return undefined;
  const header = head.children.map((c) => cleanLabel(plain(c)));
  const rows = body
    .map((r) => ({ cells: r.children.map((c) => plain(c)), line: fileLine(section, r) }))
    .filter((r) => r.cells[0] && r.cells[0].length > 0);
  if (header.length < 2 || header.some((h) => h.length === 0) || rows.length < 3) return undefined;
  return { header, rows };
}

/** "Feature | CloudFront | S3 CRR" tables list properties down the side; their entities are the columns. */
const TRANSPOSED = /^(feature|features|aspect|criteria|property|attribute|characteristic)s?$/i;

/** "Notes" → "note", "Use Case" → "use case": the column named as one of its cells. */
function singularLabel(column: string): string {
  const words = column.toLowerCase().split(/\s+/);
  const last = words.pop() ?? '';
  return [...words, last.length > 3 && /[^s]s$/.test(last) ? last.slice(0, -1) : last].join(' ');
}

function valuePhrase(column: string, value: string): string {
  return /^description$/i.test(column) ? `is described as "${value}"` : `has ${column.toLowerCase()} "${value}"`;
}

export const tableGenerator: Generator = {
  name: 'table',
  generate(ctx: GeneratorContext): Draft[] {
    const glossarySections = new Set(ctx.kb.glossary.filter((g) => g.source === 'table').map((g) => g.sectionId));
    const drafts: Draft[] = [];
    for (const section of ctx.kb.sections) {
      if (!section.searchable || glossarySections.has(section.id)) continue;
      for (const { table, lead } of findTables(ctx.bodies.get(section))) {
        const read = readTable(table, section);
        if (!read || TRANSPOSED.test(read.header[0] ?? '')) continue;
        const { header, rows } = read;
        const label = cleanLabel(lead ?? section.matchTitle);
        const keyName = (header[0] ?? '').toLowerCase();
        const keys = rows.map((r) => r.cells[0] ?? '');
        if (new Set(keys.map(normalize)).size !== keys.length) continue;
        for (let col = 1; col < header.length; col++) {
          const column = header[col] ?? '';
          const values = rows.map((r) => r.cells[col] ?? '');
          // A column with repeated values cannot tell its rows apart.
          if (values.some((v) => v.length === 0) || new Set(values.map(normalize)).size !== values.length) continue;
          rows.forEach((row, i) => {
            const key = keys[i] ?? '';
            const value = values[i] ?? '';
            const passage = row.cells.join(' | ');
            const otherKeys = keys.filter((_, j) => j !== i);
            const otherValues = values.filter((_, j) => j !== i);
            drafts.push({
              kind: 'table',
              section,
              line: row.line,
              stem: `${label}: which ${keyName} ${valuePhrase(column, maskTerms(value, [key]))}?`,
              answer: key,
              distractors: rankBySimilarity(key, otherKeys),
              passage,
            });
            drafts.push({
              kind: 'table',
              section,
              line: row.line,
              stem: `${label}: which ${singularLabel(column)} goes with ${key}?`,
              answer: value,
              distractors: rankBySimilarity(value, otherValues),
              passage,
            });
          });
        }
      }
    }
    return drafts;
  },
};

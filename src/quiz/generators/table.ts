import type { Table } from 'mdast';
import type { Section } from '../../knowledge/types.ts';
import { fileLine, findTables, plain } from './mdast.ts';
import { contextFor, kindNoun, namesIn } from './subject.ts';
import { isOneFamily, LOOSE_FAMILY_PENALTY } from './family.ts';
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

/** Columns that describe their row in words: the value reads as a description, not as a named property. */
const DESCRIPTIVE = /^(description|descriptions|notes?|details?|purpose|use|usage|use ?cases?|what it does|meaning|definition|summary|role|function|good for|best for|used for)$/i;

/** "Which service is described as "…"?" for a column of descriptions; "For which stage are the products per glucose "…"?" otherwise. */
function tableStem(where: string, kind: string, column: string, value: string): string {
  if (DESCRIPTIVE.test(column)) return `${where} ${kind} is described as "${value}"?`;
  const name = column.toLowerCase();
  const verb = /[^s]s$/.test(name.split(/\s+/)[0] ?? '') ? 'are' : 'is';
  return `${where === 'Which' ? 'For which' : `${where.replace(/, which$/, '')}, for which`} ${kind} ${verb} the ${name} "${value}"?`;
}

export const tableGenerator: Generator = {
  name: 'table',
  generate(ctx: GeneratorContext): Draft[] {
    // Definition tables feed the glossary, whose generator asks about them.
    const glossarySections = new Set(ctx.kb.glossary.filter((g) => g.source === 'table').map((g) => g.sectionId));
    const drafts: Draft[] = [];
    for (const section of ctx.kb.sections) {
      if (!section.searchable || glossarySections.has(section.id)) continue;
      for (const { table, lead } of findTables(ctx.bodies.get(section))) {
        const read = readTable(table, section);
        if (!read || TRANSPOSED.test(read.header[0] ?? '') || read.rows.length < 4) continue;
        const { header, rows } = read;
        const keyColumn = header[0] ?? '';
        // The rows' kind, named by the first column's header ("Service", "Instance type"), or by what the table is about.
        const names = namesIn(ctx.kb.sections);
        const kind = kindNoun(keyColumn, names) ?? kindNoun(`${keyColumn}s`, names) ?? kindNoun(lead ?? '', names) ?? kindNoun(section.matchTitle, names);
        const subject = kind ? contextFor(section, ctx.kb.byId, kind) : undefined;
        if (!kind) continue;
        const keys = rows.map((r) => r.cells[0] ?? '');
        if (new Set(keys.map(normalize)).size !== keys.length || keys.some((k) => k.length > 60)) continue;
        const where = subject ? `In ${subject}, which` : 'Which';
        for (let col = 1; col < header.length; col++) {
          const column = header[col] ?? '';
          const values = rows.map((r) => r.cells[col] ?? '');
          // A column with repeated values cannot tell its rows apart.
          if (values.some((v) => v.length === 0) || new Set(values.map(normalize)).size !== values.length) continue;
          // "Where", "Made by": a header that is no noun cannot be named in a sentence ("the where …").
          if (/^(where|when|who|what|why|how|which)\b|\b(by|for|in|at|to|from|with|of)$/i.test(column.trim())) continue;
          // "yes, cellulose" / "no": a column of yes and no compares the rows; it does not describe them.
          if (values.filter((v) => /^(yes|no)\b/i.test(v)).length >= 2) continue;
          const penalty = isOneFamily(keys, values) ? 0 : LOOSE_FAMILY_PENALTY;
          rows.forEach((row, i) => {
            const key = keys[i] ?? '';
            const value = values[i] ?? '';
            const masked = maskTerms(value, keys);
            // A value that names its own row more than once ("optimum pH: … pH 2 … pH 7") is mostly blanks.
            if (/…|\.\.\.$/.test(value) || (masked.match(/___/g) ?? []).length > 1) return;
            drafts.push({
              kind: 'table',
              section,
              fact: `row:${section.file}:${row.line}:${normalize(column)}`,
              line: row.line,
              stem: tableStem(where, kind, column, masked),
              answer: key,
              distractors: rankBySimilarity(key, keys.filter((_, j) => j !== i)),
              // The row as a reader says it ("Glycolysis: cytoplasm; 2 pyruvate"), not as table syntax.
              passage: `${row.cells[0] ?? ''}: ${row.cells.slice(1).join('; ')}`,
              penalty,
            });
          });
        }
      }
    }
    return drafts;
  },
};

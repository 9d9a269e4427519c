import type { Nodes, PhrasingContent, Table } from 'mdast';
import { isGlossaryTable } from './glossary-table.ts';
import { inlineText, oneLine, parseMarkdown, tableRows } from './markdown.ts';
import type { GlossaryEntry, Section } from './types.ts';

export { isGlossaryTable };

/** Small words a long form may contain without contributing a letter (`Identity and Access Management`). */
const STOPWORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
/** Where a long form cannot reach across. */
const CLAUSE_BREAK = /[,;:()[\]{}.!?|"“”]|\s[-–—]\s|[–—]/;
const MAX_LONG_WORDS = 10;

type Found = Pick<GlossaryEntry, 'abbr' | 'expansion'> & { index: number };

/**
 * Glossary entries from the notes themselves: rows of abbreviation tables, and inline forms such as
 * `IAM = Identity and Access Management`, `Key Management Service (KMS)`, `ENI: Elastic Network Interface`,
 * `AMI (Amazon Machine Image)` and `SES - Simple Email Service`. An inline form only counts when the long form's
 * words spell the abbreviation, which keeps ordinary parenthesised words out. The first occurrence of each
 * abbreviation/long-form pair wins, so every entry names the section it came from.
 */
export function extractGlossary(sections: readonly Section[]): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  const seen = new Set<string>();
  const add = (section: Section, written: Pick<GlossaryEntry, 'abbr' | 'expansion'>, line: number, source: GlossaryEntry['source']) => {
    const found = singular(written);
    const key = `${found.abbr.toUpperCase().replace(/S$/, '')}\u0000${expansionKey(found.expansion)}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ abbr: found.abbr, expansion: found.expansion, sectionId: section.id, file: section.file, line, source });
  };

  // Tables first: a curated abbreviations table beats a definition written in passing.
  for (const pass of ['table', 'inline'] as const) {
    for (const section of sections) {
      if (pass === 'inline') {
        for (const found of findInlineDefinitions(section.title)) add(section, found, section.startLine, 'inline');
      }
      if (!section.markdown || !mayHoldDefinitions(section, pass)) continue;
      const base = (section.bodyStartLine ?? section.startLine + 1) - 1;
      const visit = (node: Nodes): void => {
        if (node.type === 'code' || node.type === 'html') return;
        if (node.type === 'table' && isGlossaryTable(node)) {
          if (pass === 'inline') return;
          for (const { cells, line } of bodyRows(node)) {
            const found = tableEntry(cells);
            if (found) add(section, found, base + line, 'table');
          }
          return;
        }
        if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
          if (pass === 'table') return;
          const text = inlineText(node.children as PhrasingContent[]);
          const line = base + (node.position?.start.line ?? 1);
          for (const found of findInlineDefinitions(text)) {
            add(section, found, line + countNewlines(text.slice(0, found.index)), 'inline');
          }
          return;
        }
        if ('children' in node) for (const child of node.children) visit(child);
      };
      visit(parseMarkdown(section.markdown));
    }
  }
  return entries;
}

/** `VMs = virtual machines` is entered as `VM = virtual machine`, so /define VM finds it and `ENI`/`ENIs` are one entry. */
function singular(entry: Pick<GlossaryEntry, 'abbr' | 'expansion'>): Pick<GlossaryEntry, 'abbr' | 'expansion'> {
  if (!/[A-Z]s$/.test(entry.abbr) || !/[^s]s$/i.test(entry.expansion)) return entry;
  return { abbr: entry.abbr.slice(0, -1), expansion: entry.expansion.slice(0, -1) };
}

/** Cheap checks on the plain text, so only the few sections that can hold a definition are parsed again. */
function mayHoldDefinitions(section: Section, pass: 'table' | 'inline'): boolean {
  if (pass === 'table') return /abbreviation|acronym|abbr\.|short form|\bterm\b/i.test(section.text) && section.markdown.includes('|');
  return findInlineDefinitions(section.text).length > 0;
}

function bodyRows(table: Table): { cells: string[]; line: number }[] {
  const rows = tableRows(table);
  return table.children.slice(1).map((row, i) => ({ cells: rows[i + 1] ?? [], line: row.position?.start.line ?? 1 }));
}

/** One table row; repairs a row whose long form spilled into the first cell (`| DNS Domain | Name Service |`). */
function tableEntry(cells: readonly string[]): Pick<GlossaryEntry, 'abbr' | 'expansion'> | null {
  const abbr = oneLine(cells[0] ?? '');
  const expansion = oneLine(cells[1] ?? '');
  if (!abbr || !expansion) return null;
  const [first = '', ...spilled] = abbr.split(' ');
  if (spilled.length > 0 && isAbbreviationLike(first)) {
    const repaired = `${spilled.join(' ')} ${expansion}`;
    if (spellsAbbreviation(first, words(repaired))) return { abbr: first, expansion: repaired };
  }
  return { abbr, expansion };
}

/** Every inline definition in one piece of text, with the index where it starts. */
export function findInlineDefinitions(text: string): Found[] {
  const found: Found[] = [];
  // Long Form (ABBR) and Long Form - ABBR: the long form is the shortest run of words before it that spells it.
  for (const m of text.matchAll(/\(([A-Za-z][A-Za-z0-9-]{1,11})\)|\s[-–—]\s([A-Z][A-Za-z0-9]{1,11})(?=$|[\s,.;:)])/g)) {
    const abbr = m[1] ?? m[2] ?? '';
    const before = lastClause(text.slice(0, m.index));
    const expansion = bestSpelling(abbr, words(before), 'suffix');
    if (expansion) found.push({ abbr, expansion, index: Math.max(0, text.lastIndexOf(expansion, m.index)) });
  }
  // ABBR (Long Form): everything in the parentheses must spell it.
  for (const m of text.matchAll(/(?<![\w-])([A-Z][A-Za-z0-9-]{1,11})\s+\(([^()\n]{3,100})\)/g)) {
    const abbr = m[1] ?? '';
    const expansion = oneLine(m[2] ?? '');
    if (isAbbreviationLike(abbr) && isLongForm(abbr, words(expansion)) && spellsAbbreviation(abbr, words(expansion))) {
      found.push({ abbr, expansion, index: m.index });
    }
  }
  // ABBR: Long Form, ABBR = Long Form, ABBR - Long Form: the shortest run of words after it that spells it.
  for (const m of text.matchAll(/(?<![\w-])([A-Z][A-Za-z0-9-]{1,11})(?:\s*[:=]|\s+[-–—])[ \t]+(?=\S)/g)) {
    const abbr = m[1] ?? '';
    const after = firstClause(text.slice(m.index + m[0].length));
    const expansion = bestSpelling(abbr, words(after), 'prefix');
    if (expansion) found.push({ abbr, expansion, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

function lastClause(text: string): string {
  const line = text.slice(text.lastIndexOf('\n') + 1);
  const parts = line.split(CLAUSE_BREAK);
  return parts.at(-1) ?? '';
}

function firstClause(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.split(CLAUSE_BREAK)[0] ?? '';
}

function words(text: string): string[] {
  return text
    .replace(/\*+|`/g, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/**
 * The run of words next to the abbreviation that spells it. Letter-per-word spellings win (the longest one, so
 * `CLI: Command Line Interface` is not cut to `Command Line`); looser ones (`VPC Endpoints` for `VPCe`) only when
 * there is no such spelling, and then the shortest.
 */
function bestSpelling(abbr: string, candidates: readonly string[], from: 'prefix' | 'suffix'): string | null {
  if (!isAbbreviationLike(abbr)) return null;
  const max = Math.min(candidates.length, MAX_LONG_WORDS);
  const run = (n: number) => (from === 'prefix' ? candidates.slice(0, n) : candidates.slice(candidates.length - n));
  for (let n = max; n >= 1; n--) {
    if (isLongForm(abbr, run(n)) && spellsAbbreviation(abbr, run(n), 'strict')) return run(n).join(' ');
  }
  for (let n = 1; n <= max; n++) {
    if (isLongForm(abbr, run(n)) && spellsAbbreviation(abbr, run(n))) return run(n).join(' ');
  }
  return null;
}

/** `KMS`, `EC2`, `S3`, `VPCe`, `DSSE-KMS`; not `Lambda` or `Data`. */
function isAbbreviationLike(word: string): boolean {
  if (word.length < 2 || word.length > 12) return false;
  const capitals = (word.match(/[A-Z]/g) ?? []).length;
  return /^[A-Z]/.test(word) && (capitals >= 2 || /^[A-Z]\d$/.test(word)) && capitals * 2 >= word.replace(/[^A-Za-z]/g, '').length;
}

/** At least two real words, and not just the abbreviation again. */
function isLongForm(abbr: string, run: readonly string[]): boolean {
  const real = run.filter((w) => !STOPWORDS.has(w.toLowerCase()));
  return real.length >= 2 && run.join(' ').length > abbr.length + 2 && !run.some((w) => w === abbr);
}

/**
 * Whether the words spell the abbreviation: each word gives its initial (`strict`) or a prefix of itself
 * (`loose`), small inner words may give nothing, and a trailing digit repeats a letter (`EC2` = E C C, `S3` = S S S).
 */
export function spellsAbbreviation(abbr: string, run: readonly string[], mode: 'strict' | 'loose' = 'loose'): boolean {
  const candidates = [abbr];
  if (/^[A-Z]{2,}s$/.test(abbr)) candidates.push(abbr.slice(0, -1)); // AMIs
  return candidates.some((a) => {
    const letters = a
      .replace(/([A-Za-z])([23])$/, (_, c: string, d: string) => c.repeat(Number(d)))
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const parts = run
      .flatMap((w) => w.split(/[-/]+/))
      .map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, ''))
      .filter((w) => w.length > 0);
    return letters.length > 0 && spells(letters, parts, 0, 0, mode === 'strict' ? 1 : Number.POSITIVE_INFINITY);
  });
}

function spells(letters: string, parts: readonly string[], i: number, j: number, maxTake: number): boolean {
  if (j === parts.length) return i === letters.length;
  const word = parts[j] ?? '';
  if (STOPWORDS.has(word) && j > 0 && j < parts.length - 1 && spells(letters, parts, i, j + 1, maxTake)) return true;
  for (let k = Math.min(word.length, letters.length - i, maxTake); k >= 1; k--) {
    if (word.slice(0, k) === letters.slice(i, i + k) && spells(letters, parts, i + k, j + 1, maxTake)) return true;
  }
  return false;
}

/** `Dead Letter Queues` and `dead-letter queue` are one entry. */
function expansionKey(expansion: string): string {
  return expansion
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/s$/, ''))
    .join(' ');
}

function countNewlines(text: string): number {
  return (text.match(/\n/g) ?? []).length;
}

import type { ListItem, Nodes, PhrasingContent, Table } from 'mdast';
import { clipMeaning, definitionsInLines, isMeaning, isTermLike, markedText, splitDefinition } from './glossary-definitions.ts';
import { glossaryTableKind, isAbbreviationTable } from './glossary-table.ts';
import { inlineText, oneLine, parseMarkdown, tableRows } from './markdown.ts';
import type { GlossaryEntry, KnowledgeWarning, Section } from './types.ts';

export { glossaryTableKind, isAbbreviationTable };

/** Small words a long form may contain without contributing a letter (`Identity and Access Management`). */
const STOPWORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
/** Where a long form cannot reach across. */
const CLAUSE_BREAK = /[,;:()[\]{}.!?|"“”]|\s[-–—]\s|[–—]/;
const MAX_LONG_WORDS = 10;
/** A definition from a table row is explicit: two words will do (`Gamete | A sex cell`); elsewhere it takes three. */
const MIN_TABLE_MEANING_WORDS = 2;
const MIN_MEANING_WORDS = 3;

type Written = Pick<GlossaryEntry, 'term' | 'meaning'>;
type Found = Written & { index: number };
type Candidate = Omit<GlossaryEntry, 'sectionId' | 'file'> & { section: Section };

export interface ReadGlossaryOptions {
  /**
   * The notes files' lines, to pin each entry to its exact line: a section body drops what was cut out of it (a
   * table of contents, a part split into its own section), so line numbers counted in the body can fall short.
   */
  sourceLines?: (file: string) => readonly string[] | undefined;
}

export interface GlossaryRead {
  entries: GlossaryEntry[];
  /** Rows of abbreviation tables that could not be read as one, so the author can fix them. */
  warnings: KnowledgeWarning[];
}

/**
 * Glossary entries from the notes themselves.
 *
 * Abbreviations: rows of abbreviation tables, and inline forms such as `IAM = Identity and Access Management`,
 * `Key Management Service (KMS)`, `ENI: Elastic Network Interface`, `AMI (Amazon Machine Image)` and
 * `SES - Simple Email Service`. An inline form only counts when the long form's words spell the abbreviation, which
 * keeps ordinary parenthesised words out.
 *
 * Definitions: rows of definition tables (`Term | Definition`, `Word | Meaning`…), list items and lines written as
 * `Term: definition`, `**Term** – definition` or `**Term**: definition`, and `Term` / `: definition` definition lists.
 *
 * Abbreviation tables come first (a curated table beats a definition written in passing), then inline abbreviations,
 * then definitions; the first occurrence of each term/meaning pair wins, so every entry names the section it came from.
 */
export function readGlossary(sections: readonly Section[], options: ReadGlossaryOptions = {}): GlossaryRead {
  const tables: Candidate[] = [];
  const inline: Candidate[] = [];
  const definitions: Candidate[] = [];
  const warnings: KnowledgeWarning[] = [];
  const abbreviation = (section: Section, found: Written, line: number, source: GlossaryEntry['source']): Candidate => ({
    ...singular(found),
    kind: 'abbreviation',
    section,
    line,
    source,
  });

  for (const section of sections) {
    for (const found of findInlineDefinitions(section.title)) inline.push(abbreviation(section, found, section.startLine, 'inline'));
    if (!section.markdown || !mayHoldEntries(section)) continue;
    const base = (section.bodyStartLine ?? section.startLine + 1) - 1;
    const lineOf = (node: Nodes) => base + (node.position?.start.line ?? 1);

    const readTable = (table: Table): boolean => {
      const kind = glossaryTableKind(table);
      if (!kind) return false;
      const rows = tableRows(table);
      table.children.slice(1).forEach((row, i) => {
        const [first = '', second = ''] = rows[i + 1] ?? [];
        const line = lineOf(row);
        if (!first || !second) return;
        if (kind === 'abbreviation') {
          // One short form per row; a row that says otherwise is reported, not guessed at.
          if (/\s/.test(first)) warnings.push(rowWarning(section, line, first, second));
          else tables.push(abbreviation(section, { term: first, meaning: second }, line, 'table'));
          return;
        }
        // A definitions table may also list an abbreviation (`ATP | adenosine triphosphate`).
        if (spelledOut(first, second)) tables.push(abbreviation(section, { term: first, meaning: second }, line, 'table'));
        else if (isTermLike(first) && isMeaning(second, MIN_TABLE_MEANING_WORDS)) {
          definitions.push({ term: first, meaning: clipMeaning(second), kind: 'definition', section, line, source: 'table' });
        }
      });
      return true;
    };
    const addDefinition = (found: Written, line: number, source: GlossaryEntry['source']) => {
      const meaning = oneLine(found.meaning);
      // `ENI: Elastic Network Interface` is an abbreviation, already read as one.
      if (spelledOut(found.term, meaning) || !isMeaning(meaning, MIN_MEANING_WORDS)) return;
      definitions.push({ term: found.term, meaning: clipMeaning(meaning), kind: 'definition', section, line, source });
    };

    const visit = (node: Nodes, itemHead = false): void => {
      if (node.type === 'code' || node.type === 'html') return;
      if (node.type === 'table') {
        if (readTable(node)) return;
      } else if (node.type === 'paragraph' || node.type === 'heading') {
        const text = inlineText(node.children as PhrasingContent[]);
        const line = lineOf(node);
        for (const found of findInlineDefinitions(text)) {
          inline.push(abbreviation(section, found, line + countNewlines(text.slice(0, found.index)), 'inline'));
        }
        // A list item's first paragraph is read whole, as the item; other paragraphs line by line.
        if (node.type === 'paragraph' && !itemHead) {
          for (const d of definitionsInLines(markedText(node.children))) addDefinition(d, line + d.offset, d.form);
        }
        return;
      } else if (node.type === 'listItem') {
        const head = itemParagraph(node);
        const found = head ? splitDefinition(oneLine(markedText(head.children))) : null;
        if (found) addDefinition(found, lineOf(node), 'list');
        node.children.forEach((child, i) => visit(child, i === 0 && child === head));
        return;
      } else if (node.type === 'tableCell') {
        const text = inlineText(node.children);
        for (const found of findInlineDefinitions(text)) inline.push(abbreviation(section, found, lineOf(node), 'inline'));
        return;
      }
      if ('children' in node) for (const child of node.children) visit(child);
    };
    visit(parseMarkdown(section.markdown));
  }

  const entries: GlossaryEntry[] = [];
  const seen = new Set<string>();
  for (const { section, ...entry } of [...tables, ...inline, ...definitions]) {
    const key = `${entry.kind}\u0000${termKey(entry)}\u0000${meaningKey(entry.meaning)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = exactLine(section, entry.term, entry.line, options.sourceLines?.(section.file));
    entries.push({ term: entry.term, meaning: entry.meaning, kind: entry.kind, sectionId: section.id, file: section.file, line, source: entry.source });
  }
  return { entries, warnings };
}

/** The first line from the estimate on, within the section, that holds the term (the estimate only ever falls short). */
function exactLine(section: Section, term: string, estimate: number, lines: readonly string[] | undefined): number {
  if (!lines) return estimate;
  const needle = term.toLowerCase();
  for (let line = estimate; line <= Math.min(section.endLine, lines.length); line++) {
    if ((lines[line - 1] ?? '').toLowerCase().includes(needle)) return line;
  }
  return estimate;
}

/** The glossary entries of `readGlossary`, without the warnings. */
export function extractGlossary(sections: readonly Section[]): GlossaryEntry[] {
  return readGlossary(sections).entries;
}

/** A line that may start a definition: `Term: …`, `- **Term** – …`, `1. Term: …`, or a `: …` definition line. */
const DEFINITION_LINE = /^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?[^\n]{1,80}?(?::[*_]*[ \t]|[ \t*_][-–—][ \t])|^:[ \t]/m;
/** Where an inline abbreviation may be: `(ABBR)`, `- ABBR`, `ABBR:`/`ABBR =`/`ABBR -`, `ABBR (…)`. */
const ABBREVIATION_HINT = /\([A-Za-z][A-Za-z0-9-]{1,11}\)|\s[-–—]\s[A-Z]|[A-Z][A-Za-z0-9-]{1,11}(?:\s*[:=]|\s+[-–—])\s|[A-Z][A-Za-z0-9-]{1,11}\s+\(/;

/** Cheap checks on the text, so only sections that can hold an entry are parsed again (about half of them). */
function mayHoldEntries(section: Section): boolean {
  return section.markdown.includes('|') || DEFINITION_LINE.test(section.markdown) || ABBREVIATION_HINT.test(section.text);
}

function rowWarning(section: Section, line: number, first: string, second: string): KnowledgeWarning {
  return {
    severity: 'warning',
    file: section.file,
    line,
    code: 'glossary-row',
    message: `Abbreviations table row "${first} | ${second}" was not read: its first cell should be one abbreviation`,
  };
}

/** The paragraph a list item starts with, if it starts with one. */
function itemParagraph(item: ListItem) {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : undefined;
}

/** Whether `meaning` is just the long form of `term` (`ENI` / `Elastic Network Interface`), give or take a word or two. */
function spelledOut(term: string, meaning: string): boolean {
  const long = bestSpelling(term, words(firstClause(meaning)), 'prefix');
  if (!long) return false;
  const rest = meaning.slice(meaning.indexOf(long) + long.length);
  return words(rest).filter((w) => /\p{L}/u.test(w)).length < MIN_MEANING_WORDS;
}

/** `VMs = virtual machines` is entered as `VM = virtual machine`, so /define VM finds it and `ENI`/`ENIs` are one entry. */
function singular(entry: Written): Written {
  if (!/[A-Z]s$/.test(entry.term) || !/[^s]s$/i.test(entry.meaning)) return entry;
  return { term: entry.term.slice(0, -1), meaning: entry.meaning.slice(0, -1) };
}

/** `ENI`/`ENIs` and `Pod`/`pod` are one term. */
function termKey(entry: Pick<GlossaryEntry, 'term' | 'kind'>): string {
  return entry.kind === 'abbreviation' ? entry.term.toUpperCase().replace(/S$/, '') : entry.term.toLowerCase();
}

/** `Dead Letter Queues` and `dead-letter queue` are one meaning. */
function meaningKey(meaning: string): string {
  return meaning
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/s$/, ''))
    .join(' ');
}

/** Every inline definition in one piece of text, with the index where it starts. */
export function findInlineDefinitions(text: string): Found[] {
  const found: Found[] = [];
  // Long Form (ABBR) and Long Form - ABBR: the long form is the shortest run of words before it that spells it.
  for (const m of text.matchAll(/\(([A-Za-z][A-Za-z0-9-]{1,11})\)|\s[-–—]\s([A-Z][A-Za-z0-9]{1,11})(?=$|[\s,.;:)])/g)) {
    const abbr = m[1] ?? m[2] ?? '';
    const before = lastClause(text.slice(0, m.index));
    const expansion = bestSpelling(abbr, words(before), 'suffix');
    if (expansion) found.push({ term: abbr, meaning: expansion, index: Math.max(0, text.lastIndexOf(expansion, m.index)) });
  }
  // ABBR (Long Form): everything in the parentheses must spell it.
  for (const m of text.matchAll(/(?<![\w-])([A-Z][A-Za-z0-9-]{1,11})\s+\(([^()\n]{3,100})\)/g)) {
    const abbr = m[1] ?? '';
    const expansion = oneLine(m[2] ?? '');
    if (isAbbreviationLike(abbr) && isLongForm(abbr, words(expansion)) && spellsAbbreviation(abbr, words(expansion), 'inner')) {
      found.push({ term: abbr, meaning: expansion, index: m.index });
    }
  }
  // ABBR: Long Form, ABBR = Long Form, ABBR - Long Form: the shortest run of words after it that spells it.
  for (const m of text.matchAll(/(?<![\w-])([A-Z][A-Za-z0-9-]{1,11})(?:\s*[:=]|\s+[-–—])[ \t]+(?=\S)/g)) {
    const abbr = m[1] ?? '';
    const after = firstClause(text.slice(m.index + m[0].length));
    const expansion = bestSpelling(abbr, words(after), 'prefix');
    if (expansion) found.push({ term: abbr, meaning: expansion, index: m.index });
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
 * there is no such spelling, and then the shortest; last, spellings with letters from inside a word
 * (`deoxyribonucleic acid` for DNA), as scientific abbreviations often have.
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
  const initial = abbr[0]?.toLowerCase();
  for (let n = 1; n <= max; n++) {
    // Cheap test first: the run must start with the abbreviation's first letter.
    if (run(n)[0]?.[0]?.toLowerCase() !== initial) continue;
    if (isLongForm(abbr, run(n)) && spellsAbbreviation(abbr, run(n), 'inner')) return run(n).join(' ');
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
 * Whether the words spell the abbreviation: each word gives its initial (`strict`), a prefix of itself (`loose`) or
 * its initial and then letters from inside it (`inner`: `deoxyribonucleic` gives D…N); small inner words may give
 * nothing, and a trailing digit repeats a letter (`EC2` = E C C, `S3` = S S S).
 */
export function spellsAbbreviation(abbr: string, run: readonly string[], mode: 'strict' | 'loose' | 'inner' = 'loose'): boolean {
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
    if (letters.length === 0) return false;
    if (mode === 'inner') return spellsInside(letters, parts, 0, 0);
    return spells(letters, parts, 0, 0, mode === 'strict' ? 1 : Number.POSITIVE_INFINITY);
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

/**
 * `inner` spelling: each word starts with the next letter, and may give more letters from further inside it, where a
 * syllable starts (after a vowel) and not in its ending: `triphosphate` gives T…P, but `scaling` gives no G.
 */
function spellsInside(letters: string, parts: readonly string[], i: number, j: number): boolean {
  if (j === parts.length) return i === letters.length;
  const word = parts[j] ?? '';
  if (STOPWORDS.has(word) && j > 0 && j < parts.length - 1 && spellsInside(letters, parts, i, j + 1)) return true;
  if (word[0] !== letters[i]) return false;
  const more = (k: number, from: number): boolean => {
    if (spellsInside(letters, parts, k, j + 1)) return true;
    for (let at = from; k < letters.length && at < word.length - 3; at++) {
      if (word[at] === letters[k] && /[aeiouy]/.test(word[at - 1] ?? '') && more(k + 1, at + 1)) return true;
    }
    return false;
  };
  return more(i + 1, 1);
}

function countNewlines(text: string): number {
  return (text.match(/\n/g) ?? []).length;
}

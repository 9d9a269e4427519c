import { escapeDiscord, escapeLineStart, toUnits, type Unit } from './markdownUnits.ts';
import { STOP_WORDS } from './stopWords.ts';
import { normalizeWord, stemWord } from './textEncoder.ts';

export { escapeDiscord } from './markdownUnits.ts';

export const PASSAGE_MAX = 1000;

/** What a passage should bring forward: per concept, its alternatives as stems (all needed together). */
export interface PassageQuery {
  concepts: ReadonlyArray<{
    alternatives: ReadonlyArray<readonly string[]>;
    /** Relevance of the concept (its idf); hints carry little. */
    weight: number;
    /** Bold its words (query terms yes; implied hints no). */
    bold: boolean;
  }>;
  /** Prefer units with numbers (quantity questions). */
  quantity: boolean;
}

/** A unit ready for scoring and rendering; word stems are worked out on first render. */
export interface AnalyzedUnit extends Unit {
  numeric: boolean;
  /** The unit rendered without bold: prefix plus escaped text. */
  plain: string;
  tokens?: Token[];
}

interface Token {
  /** The characters as written (a word, or the gap between words). */
  raw: string;
  escaped: string;
  /** Stem of a word; null for gaps and stop words. */
  stem: string | null;
  /** Stem of this word joined with the next word, when only a space or hyphen separates them. */
  pairStem: string | null;
}

/** A section cut into units, with an inverted list from stem to the units holding it. */
export interface SectionUnits {
  units: AnalyzedUnit[];
  postings: ReadonlyMap<string, readonly number[]>;
}

/** Per query and section: each unit's matched concepts (bit i = concept i) and the stems to bold in it. */
export interface SectionMatch {
  masks: number[];
  bold: Map<number, Set<string>>;
}

const WORDS = /[\p{L}\p{N}]+/gu;
const WORD_OR_GAP = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu;
const IS_WORD = /^[\p{L}\p{N}]/u;
const EMPTY: ReadonlySet<string> = new Set();
/** Queries have far fewer concepts than this; later ones are ignored for passages. */
const MAX_CONCEPTS = 30;

function stemOf(word: string): string {
  return stemWord(normalizeWord(word));
}

/** Cuts a section's markdown into units and indexes their stems (words and joined neighbours, as the index does). */
export function analyzeSection(markdown: string): SectionUnits {
  const postings = new Map<string, number[]>();
  const post = (stem: string, i: number) => {
    const list = postings.get(stem);
    if (!list) postings.set(stem, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const units = toUnits(markdown).map((unit, i): AnalyzedUnit => {
    let prev = '';
    WORDS.lastIndex = 0;
    for (let m = WORDS.exec(unit.text); m !== null; m = WORDS.exec(unit.text)) {
      const word = normalizeWord(m[0]);
      if (STOP_WORDS.has(word)) continue;
      post(stemWord(word), i);
      if (prev) post(stemWord(prev + word), i);
      prev = word;
    }
    return { ...unit, numeric: /\d/.test(unit.text), plain: renderLine(unit, EMPTY) };
  });
  return { units, postings };
}

/** Which units hold every stem of `stems` (sorted unit indexes). */
function unitsWithAll(section: SectionUnits, stems: readonly string[]): readonly number[] {
  let result: readonly number[] | undefined;
  for (const stem of stems) {
    const list = section.postings.get(stem);
    if (!list) return [];
    result = result ? result.filter((i) => list.includes(i)) : list;
    if (result.length === 0) return [];
  }
  return result ?? [];
}

/** Matches a query against a section's units in one pass over the postings. */
export function matchSection(section: SectionUnits, query: PassageQuery): SectionMatch {
  const masks = new Array<number>(section.units.length).fill(0);
  const bold = new Map<number, Set<string>>();
  query.concepts.forEach((concept, c) => {
    if (c >= MAX_CONCEPTS) return;
    for (const alt of concept.alternatives) {
      if (alt.length === 0) continue;
      for (const i of unitsWithAll(section, alt)) {
        masks[i] = (masks[i] as number) | (1 << c);
        if (!concept.bold) continue;
        let set = bold.get(i);
        if (!set) bold.set(i, (set = new Set()));
        for (const stem of alt) set.add(stem);
      }
    }
  });
  return { masks, bold };
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

/** Sum of the weights of the concepts in `mask`, counting only query terms (`bold`) unless `all`. */
function maskWeight(mask: number, query: PassageQuery, all: boolean): number {
  let weight = 0;
  query.concepts.forEach((c, i) => {
    if (i < MAX_CONCEPTS && mask & (1 << i) && (all || c.bold)) weight += c.weight;
  });
  return weight;
}

/**
 * How close together a section states the query's concepts: the best share of concept weight found
 * within two neighbouring units, and whether that spot has a number (for quantity questions).
 */
export function proximity(
  section: SectionUnits,
  match: SectionMatch,
  query: PassageQuery,
  /** Concepts the section's headings already state; they count as near every unit. */
  headingMask = 0,
): { closeness: number; numberNearby: boolean } {
  const total = maskWeight(-1 >>> 1, query, false);
  if (total === 0) return { closeness: 0, numberNearby: false };
  const { units } = section;
  if (units.length === 0) return { closeness: maskWeight(headingMask, query, false) / total, numberNearby: false };
  let best = maskWeight(headingMask, query, false) / total;
  let numberNearby = false;
  for (let i = 0; i < units.length; i++) {
    const here = (match.masks[i] as number) | (match.masks[i + 1] ?? 0);
    if (here === 0) continue;
    const share = maskWeight(here | headingMask, query, false) / total;
    const hasNumber = units[i]?.numeric === true || ((match.masks[i + 1] ?? 0) !== 0 && units[i + 1]?.numeric === true);
    if (share > best + 1e-9 || (Math.abs(share - best) < 1e-9 && hasNumber && !numberNearby)) {
      best = share;
      numberNearby = hasNumber;
    }
  }
  return { closeness: best, numberNearby };
}

function tokensOf(unit: AnalyzedUnit): Token[] {
  if (unit.tokens) return unit.tokens;
  const parts = unit.text.match(WORD_OR_GAP) ?? [];
  const tokens: Token[] = parts.map((raw) => {
    const isWord = IS_WORD.test(raw);
    const norm = isWord ? normalizeWord(raw) : '';
    return { raw, escaped: escapeDiscord(raw), stem: isWord && !STOP_WORDS.has(norm) ? stemWord(norm) : null, pairStem: null };
  });
  for (let i = 0; i + 2 < tokens.length; i++) {
    const word = tokens[i] as Token;
    const next = tokens[i + 2] as Token;
    if (word.stem !== null && next.stem !== null && /^[\s-]$/.test((tokens[i + 1] as Token).raw)) {
      word.pairStem = stemOf(word.raw + next.raw);
    }
  }
  unit.tokens = tokens;
  return tokens;
}

/** A unit as one line of Discord markdown: escaped, matched words in bold (neighbouring bold words share one span). */
function renderLine(unit: Unit | AnalyzedUnit, bold: ReadonlySet<string>): string {
  let body: string;
  if (bold.size === 0 || !('plain' in unit)) {
    body = escapeDiscord(unit.text);
  } else {
    const tokens = tokensOf(unit);
    const mask = tokens.map((t) => t.stem !== null && bold.has(t.stem));
    tokens.forEach((t, i) => {
      if (t.pairStem !== null && bold.has(t.pairStem)) {
        mask[i] = true;
        mask[i + 2] = true;
      }
    });
    body = '';
    let open = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (mask[i]) {
        if (!open) body += '**';
        open = true;
        body += t.escaped;
      } else if (open && t.raw === ' ' && mask[i + 1]) {
        body += ' '; // keep one span across a single space between bold words
      } else {
        if (open) body += '**';
        open = false;
        body += t.escaped;
      }
    }
    if (open) body += '**';
  }
  return unit.prefix ? unit.prefix + body : escapeLineStart(body);
}

/**
 * The best ≤ `max`-character window of whole units for a query: most distinct query concepts, then
 * most hits, numbers for quantity questions, little lead-in. Cut only between units, marked with "…".
 * Windows are chosen on estimated lengths; only the chosen one is rendered (and trimmed if bold made it longer).
 */
export function buildPassage(
  section: SectionUnits,
  query: PassageQuery | null,
  match: SectionMatch | null = query ? matchSection(section, query) : null,
  /** Concepts the section's headings already answer: still bolded, but they do not pull the window. */
  headingMask = 0,
  max = PASSAGE_MAX,
): string {
  const { units } = section;
  if (units.length === 0) return '';
  const masks = (match?.masks ?? new Array<number>(units.length).fill(0)).map((m) => m & ~headingMask);
  // bold adds four characters per span; estimate one span per matched concept
  const estimate = units.map((u, i) => u.plain.length + 4 * popcount(masks[i] as number));

  let best = { start: 0, end: 0, score: -1 };
  for (let start = 0; start < units.length; start++) {
    let length = (estimate[start] as number) + (start > 0 ? 2 : 0);
    if (length > max) continue;
    let seen = 0;
    let hits = 0;
    let numeric = 0;
    let code = 0;
    let end = start;
    for (let j = start; j < units.length; j++) {
      if (j > start) {
        const next = length + 1 + (estimate[j] as number);
        if (next + (j + 1 < units.length ? 2 : 0) > max) break;
        length = next;
      }
      end = j + 1;
      if (units[j]?.code) code++;
      const m = masks[j] as number;
      if (m !== 0) {
        seen |= m;
        hits += popcount(m);
        if (units[j]?.numeric) numeric = 1;
      }
    }
    let score = 0;
    if (query) {
      score = maskWeight(seen, query, true) + 0.05 * Math.min(hits, 20) + (query.quantity ? 0.6 * numeric : 0) - 0.01 * code;
      // a line or two of lead-in is context; more is filler pushing the answer down
      if (seen !== 0) {
        let lead = 0;
        while (start + lead < end && (masks[start + lead] as number) === 0) lead++;
        score -= 0.02 * Math.max(0, lead - 1);
      }
    }
    if (score > best.score + 1e-9) best = { start, end, score };
    if (!query) break;
  }

  const boldOf = (i: number) => match?.bold.get(i) ?? EMPTY;
  if (best.end === 0) return hardCut(units[0] as AnalyzedUnit, boldOf(0), max);
  const lines: Array<{ unit: AnalyzedUnit; line: string }> = [];
  for (let i = best.start; i < best.end; i++) {
    const unit = units[i] as AnalyzedUnit;
    const bold = boldOf(i);
    lines.push({ unit, line: bold.size > 0 ? renderLine(unit, bold) : unit.plain });
  }
  const assemble = (count: number) => {
    let out = '';
    lines.slice(0, count).forEach(({ unit, line }, k) => {
      out += k === 0 ? line : (unit.continues ? ' ' : '\n') + line;
    });
    if (best.start > 0) out = `…${units[best.start]?.continues ? '' : '\n'}${out}`;
    if (best.start + count < units.length) out += ' …';
    return out;
  };
  let count = lines.length;
  let out = assemble(count);
  while (out.length > max && count > 1) out = assemble(--count);
  return out.length > max ? hardCut(units[best.start] as AnalyzedUnit, boldOf(best.start), max) : out;
}

/** A single unit too long for any passage: cut at a word boundary, bold spans closed, no dangling escape. */
function hardCut(unit: AnalyzedUnit, bold: ReadonlySet<string>, max: number): string {
  let line = renderLine(unit, bold);
  if (line.length <= max) return line;
  line = line.slice(0, line.lastIndexOf(' ', max - 4));
  if ((line.match(/\*\*/g) ?? []).length % 2 === 1) line += '**';
  line = line.replace(/\\$/, '');
  return `${line} …`;
}

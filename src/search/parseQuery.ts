import { nameKey, type GlossaryBridge } from './glossaryBridge.ts';
import { DURATION_TERMS, QUANTITY_CUES, QUANTITY_TERMS, SOFT_SCALE, SOFT_WORDS, STOP_WORDS } from './stopWords.ts';
import { normalizeWord, stemWord, WORD_SPLIT, type Vocabulary } from './textEncoder.ts';
import { TYPO_MIN_LENGTH, type TypoIndex } from './typoCandidates.ts';

export type AlternativeKind = 'exact' | 'typo' | 'compound' | 'glossary';

/** One way a concept can be found: every word must occur in the same field. */
export interface Alternative {
  /** Normalized, unstemmed words as passed to the index (which stems them itself). */
  words: string[];
  weight: number;
  kind: AlternativeKind;
}

/**
 * - `term`: a word the user asked about; counts for score, coverage and honesty.
 * - `hint`: the implied "limit/maximum/timeout" of a quantity question; counts for score and coverage, never for honesty.
 */
export type ConceptRole = 'term' | 'hint';

/** One thing the user asked about (usually one query word) with the forms it may take in the notes. */
export interface Concept {
  label: string;
  alternatives: Alternative[];
  role: ConceptRole;
  /** 1 for topic words; less for generic verbs ("run", "use"). */
  scale: number;
}

export interface ParsedQuery {
  raw: string;
  concepts: Concept[];
  /** "how many", "max", "limit", "size": answers with numbers are preferred. */
  quantity: boolean;
}

export interface QueryContext {
  vocabulary: Vocabulary;
  typos: TypoIndex;
  glossary: GlossaryBridge;
}

/** Bounds for pasted walls of text: questions are short; the rest would only slow the search down. */
const MAX_QUERY_CHARS = 500;
const MAX_WORD_CHARS = 60;
const MAX_TERMS = 12;

const WEIGHT = { exact: 1, compound: 1, glossary: 0.9, typo: 0.8, quantity: 0.8, phrase: 2 } as const;
const QUANTITY_WORDS = new Set(['max', 'maximum', 'min', 'minimum', 'limit', 'limits', 'quota', 'quotas']);

interface Token {
  word: string;
  original: string;
}

/** An acronym as typed: two or more capitals/digits ("ENI", "KMS", "EC2"), or a glossary abbreviation. */
function isAcronym(token: Token, glossary: GlossaryBridge): boolean {
  return /^[A-Z0-9]{2,}s?$/.test(token.original) || glossary.isAbbreviation(token.word);
}

/**
 * Turns a typed question into concepts: drops question and stop words, keeps acronyms exact,
 * allows one typo in longer unknown words, bridges compounds written apart or together, and
 * expands through the glossary in both directions.
 */
export function parseQuery(raw: string, ctx: QueryContext): ParsedQuery {
  const all: Token[] = raw
    .slice(0, MAX_QUERY_CHARS)
    .split(WORD_SPLIT)
    .filter((w) => w.length > 0 && w.length <= MAX_WORD_CHARS)
    .map((original) => ({ original, word: normalizeWord(original) }));

  let quantity = false;
  let duration = false;
  const kept: Token[] = [];
  for (let i = 0; i < all.length; i++) {
    const token = all[i] as Token;
    const prev = all[i - 1]?.word;
    if (prev === 'how' && QUANTITY_CUES.has(token.word)) {
      quantity = true;
      if (token.word === 'long' || token.word === 'often') duration = true;
      continue;
    }
    if (STOP_WORDS.has(token.word)) continue;
    // "max", "limit", "quota" frame a quantity question; they join the hint concept rather than stand as topics
    if (QUANTITY_WORDS.has(token.word) && all.length > 1) {
      quantity = true;
      continue;
    }
    if (kept.length < MAX_TERMS) kept.push(token);
  }

  const concepts: Concept[] = kept.map((token) => {
    const alternatives: Alternative[] = [{ words: [token.word], weight: WEIGHT.exact, kind: 'exact' }];
    const acronym = isAcronym(token, ctx.glossary);
    const unknownWord = !ctx.vocabulary.words.has(token.word);
    const split = unknownWord ? splitCompound(token.word, ctx.vocabulary) : null;
    if (split) alternatives.push({ words: split, weight: WEIGHT.compound, kind: 'compound' });
    if (!acronym && token.word.length >= TYPO_MIN_LENGTH && unknownWord) {
      for (const candidate of ctx.typos.candidates(token.word)) {
        alternatives.push({ words: [candidate], weight: WEIGHT.typo, kind: 'typo' });
      }
    }
    for (const exp of ctx.glossary.expand(token.word)) {
      alternatives.push({ words: adjacentPairs(exp.words), weight: WEIGHT.glossary, kind: 'glossary' });
    }
    return { label: token.word, alternatives, role: 'term', scale: SOFT_WORDS.has(token.word) ? SOFT_SCALE : 1 };
  });

  // Two query words the notes also write as one ("auto scaling" ~ "autoscaling"): either concept may match the joined word.
  for (let i = 0; i + 1 < kept.length; i++) {
    const joined = (kept[i] as Token).word + (kept[i + 1] as Token).word;
    if (!ctx.vocabulary.words.has(joined)) continue;
    for (const c of [concepts[i], concepts[i + 1]]) {
      c?.alternatives.push({ words: [joined], weight: WEIGHT.compound, kind: 'compound' });
    }
  }

  // Spelled-out names in the query also match their acronym ("elastic network interface" ~ "ENI").
  const stems = kept.map((t) => nameKey(stemWord(t.word)));
  // The spelled-out name itself, as a phrase, counts more than its words scattered about.
  for (const hit of ctx.glossary.abbreviationsIn(stems)) {
    const phrase = adjacentPairs(kept.slice(hit.start, hit.end).map((t) => t.word));
    for (let i = hit.start; i < hit.end; i++) {
      concepts[i]?.alternatives.push({ words: [hit.abbr], weight: WEIGHT.glossary, kind: 'glossary' });
      concepts[i]?.alternatives.push({ words: phrase, weight: WEIGHT.phrase, kind: 'glossary' });
    }
  }

  const extras: Concept[] = [];
  // A quantity question also looks for the words limits are written with; one extra concept, best form wins.
  if (quantity) {
    const present = new Set(kept.map((t) => t.word));
    const typed = all.map((t) => t.word).filter((w) => QUANTITY_WORDS.has(w));
    const words = [...new Set([...typed, ...(duration ? DURATION_TERMS : []), ...QUANTITY_TERMS])].filter((w) => !present.has(w));
    extras.push({
      label: duration ? 'duration' : 'quantity',
      alternatives: words.map((w) => ({ words: [w], weight: WEIGHT.quantity, kind: 'exact' as const })),
      role: 'hint',
      scale: 1,
    });
  }

  return { raw, concepts: [...dedupeConcepts(concepts), ...extras], quantity };
}

/**
 * A word the notes only write as two ("autoscaling" where the notes say "Auto Scaling"): the two parts,
 * if both are known words that stand side by side somewhere. The most even split wins.
 */
function splitCompound(word: string, vocabulary: Vocabulary): [string, string] | null {
  let best: [string, string] | null = null;
  let bestBalance = -1;
  if (word.length < 4 || !vocabulary.joined.has(word)) return null;
  for (let i = 1; i < word.length; i++) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    if (!vocabulary.words.has(left) || !vocabulary.words.has(right)) continue;
    const balance = Math.min(left.length, right.length);
    if (balance > bestBalance) {
      best = [left, right];
      bestBalance = balance;
    }
  }
  return best;
}

/**
 * A multi-word name as the adjacent pairs the index stores joined ("elastic network interface" →
 * "elasticnetwork", "networkinterface"), so it matches as a phrase rather than as scattered words.
 */
function adjacentPairs(words: readonly string[]): string[] {
  if (words.length < 2) return [...words];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) pairs.push((words[i] as string) + (words[i + 1] as string));
  return pairs;
}

/** "lambda lambda limits" asks about lambda once. */
function dedupeConcepts(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = stemWord(c.label);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

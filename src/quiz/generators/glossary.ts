import type { GlossaryEntry, Section } from '../../knowledge/types.ts';
import { lineText } from './mdast.ts';
import { termShape } from './termList.ts';
import { subjectOf } from './subject.ts';
import { acronymOf, collapse, containsWords, isAbbreviation, maskTerms, normalize, rankBySimilarity, wordCount, withoutParens } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

interface Term {
  abbr: string;
  expansion: string;
  entry: GlossaryEntry;
  /** Every expansion the notes give this abbreviation (normalised), so none becomes a "wrong" option. */
  expansions: Set<string>;
}

/** Abbreviations worth asking about: one token, a short expansion whose initials spell it. */
export function usableTerms(entries: readonly GlossaryEntry[]): Term[] {
  const byAbbr = new Map<string, Term>();
  for (const entry of entries) {
    if (entry.kind !== 'abbreviation') continue;
    const abbr = collapse(entry.term);
    const expansion = titleCase(withoutParens(entry.meaning));
    // Plural forms ("VMs", "ENIs") duplicate their singular and read oddly as options.
    if (!isAbbreviation(abbr) || /[A-Z]s$/.test(abbr)) continue;
    const words = wordCount(expansion);
    if (words < 2 || words > 6 || expansion.length > 60) continue;
    // Only a long form that spells its abbreviation letter for letter can be matched by same-initial distractors.
    if (acronymOf(expansion) !== abbr.toUpperCase()) continue;
    const key = abbr.toUpperCase();
    const existing = byAbbr.get(key);
    if (existing) {
      existing.expansions.add(normalize(expansion));
      // A table is the notes' own glossary; prefer it over a mention in passing.
      if (existing.entry.source !== 'table' && entry.source === 'table') Object.assign(existing, { abbr, expansion, entry });
      continue;
    }
    byAbbr.set(key, { abbr, expansion, entry, expansions: new Set([normalize(expansion)]) });
  }
  return [...byAbbr.values()];
}

/** Lower-case expansions ("service control policy") are names too; capitalise them so options look alike. */
function titleCase(s: string): string {
  if (/[A-Z]/.test(s)) return s.replace(/^[a-z]/, (c) => c.toUpperCase());
  return s.replace(/[A-Za-z][\w']*/g, (w, at: number) => (at > 0 && MINOR.has(w) ? w : w[0]!.toUpperCase() + w.slice(1)));
}
const MINOR = new Set(['a', 'an', 'and', 'as', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** The words of the notes where the entry was found: the table row, or the line mentioning it. */
function passageOf(entry: GlossaryEntry, section: Section): string | undefined {
  if (entry.source === 'table') return `${entry.term} | ${entry.meaning}`;
  const text = lineText(section, entry.line);
  if (!text || /…|\.\.\./.test(text)) return undefined;
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const hit = sentences.find((s) => s.includes(entry.term)) ?? sentences[0] ?? text;
  return hit.length <= 240 ? hit : undefined;
}

/** The glossary's own words, by initial and by where they stand: a last word ("Service", "Protocol") heads the phrase. */
export interface Vocabulary {
  last: ReadonlyMap<string, readonly string[]>;
  other: ReadonlyMap<string, readonly string[]>;
}

/**
 * Wrong long forms that spell the same abbreviation, so the initials give nothing away: one or two words of the
 * answer swapped for words of the same initial that stand in the same place in the glossary's other long forms
 * ("Key Management Service" → "Key Monitoring Service"). Never a long form the notes give for this abbreviation.
 */
export function sameInitialVariants(answer: string, vocabulary: Vocabulary, taken: ReadonlySet<string>): string[] {
  const words = answer.split(/\s+/);
  const slots = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]/.test(w) && !MINOR.has(w.toLowerCase()));
  const out: string[] = [];
  const seen = new Set([normalize(answer), ...taken]);
  const push = (variant: string[]): void => {
    if (out.length >= MAX_VARIANTS) return;
    const text = variant.join(' ');
    const key = normalize(text);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(text);
  };
  const swaps = (w: string, i: number): string[] =>
    ((i === words.length - 1 ? vocabulary.last : vocabulary.other).get(w[0]!.toUpperCase()) ?? []).filter((x) => x.toLowerCase() !== w.toLowerCase());
  // One word swapped, position by position, then two: the closest look-alikes first.
  for (const { w, i } of slots) for (const x of swaps(w, i)) push(words.map((y, j) => (j === i ? x : y)));
  for (const a of slots) {
    for (const b of slots) {
      if (b.i <= a.i) continue;
      for (const x of swaps(a.w, a.i).slice(0, 3)) for (const y of swaps(b.w, b.i).slice(0, 3)) push(words.map((z, j) => (j === a.i ? x : j === b.i ? y : z)));
    }
  }
  return out;
}

/** Enough variants for the assembler's choice of three among the closest (see POOL in generateQuestions.ts). */
const MAX_VARIANTS = 8;

/** Capitalised words of every long form as written, by place and initial, most frequent first. */
function vocabularyOf(terms: readonly Term[]): Vocabulary {
  const counts = { last: new Map<string, number>(), other: new Map<string, number>() };
  for (const t of terms) {
    const words = withoutParens(t.entry.meaning).split(/\s+/);
    words.forEach((w, i) => {
      if (!/^[A-Z][a-z]{2,}$/.test(w) || MINOR.has(w.toLowerCase())) return;
      const place = i === words.length - 1 ? counts.last : counts.other;
      place.set(w, (place.get(w) ?? 0) + 1);
    });
  }
  const byInitial = (m: Map<string, number>): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const [w] of [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.set(w[0]!, [...(out.get(w[0]!) ?? []), w]);
    return out;
  };
  return { last: byInitial(counts.last), other: byInitial(counts.other) };
}

/** Definition entries grouped where they were defined: one table or list is one family of terms. */
function definitionFamilies(entries: readonly GlossaryEntry[]): GlossaryEntry[][] {
  const families = new Map<string, GlossaryEntry[]>();
  for (const e of entries) {
    if (e.kind !== 'definition') continue;
    families.set(e.sectionId, [...(families.get(e.sectionId) ?? []), e]);
  }
  return [...families.values()].filter((f) => f.length >= 4);
}

export const glossaryGenerator: Generator = {
  name: 'glossary',
  generate({ kb }: GeneratorContext): Draft[] {
    const drafts: Draft[] = [];
    const terms = usableTerms(kb.glossary);
    const vocabulary = vocabularyOf(terms);
    for (const term of terms) {
      const section = kb.byId.get(term.entry.sectionId);
      const passage = section && passageOf(term.entry, section);
      if (!section || !passage) continue;
      drafts.push({
        kind: 'glossary',
        section,
        fact: `abbr:${term.abbr.toUpperCase()}`,
        line: term.entry.line,
        stem: `What does ${term.abbr} stand for?`,
        answer: term.expansion,
        distractors: sameInitialVariants(term.expansion, vocabulary, term.expansions),
        passage,
        acronymInStem: true,
      });
    }
    for (const family of definitionFamilies(kb.glossary)) {
      for (const entry of family) {
        const section = kb.byId.get(entry.sectionId);
        const passage = section && passageOf(entry, section);
        if (!section || !passage) continue;
        // Options look alike: only terms written in the same shape ("SSE-S3" beside "SSE-KMS", not a sentence).
        const others = family.filter((o) => o !== entry && normalize(o.term) !== normalize(entry.term) && termShape(o.term) === termShape(entry.term));
        const subject = subjectOf(section, kb.byId);
        const meaning = maskTerms(withoutParens(entry.meaning), family.map((o) => o.term)).replace(/[.;,]$/, '');
        // A meaning opening with a price or a figure ("$0.10 - General purpose …") is a row of notes, not a definition.
        if (!/^[A-Za-z]/.test(meaning) || others.some((o) => containsWords(entry.meaning, o.term)) || wordCount(meaning.replace(/___/g, '')) < 3) continue;
        drafts.push({
          kind: 'glossary',
          section,
          fact: `term:${section.file}:${normalize(withoutParens(entry.term))}`,
          line: entry.line,
          stem: `${subject ? `In ${subject}, which` : 'Which'} term means "${meaning}"?`,
          answer: entry.term,
          distractors: rankBySimilarity(entry.term, others.map((o) => o.term)),
          passage,
        });
      }
    }
    return drafts;
  },
};

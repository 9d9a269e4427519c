import type { GlossaryEntry, Section } from '../../knowledge/types.ts';
import { lineText } from './mdast.ts';
import { commonVocabulary, EXAMPLE, isOneFamily, LOOSE_FAMILY_PENALTY, overlapping, termShape } from './family.ts';
import { contextFor } from './subject.ts';
import { acronymOf, collapse, containsWords, isAbbreviation, maskTerms, meaningWords, normalize, rankBySimilarity, wordCount, withoutParens } from './text.ts';
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
  // A definition is quoted whole, as "term: meaning", whatever lines or table cells it spanned in the notes.
  if (entry.kind === 'definition' || entry.source === 'table') return `${entry.term}: ${collapse(entry.meaning)}`;
  const text = lineText(section, entry.line);
  if (!text || /…|\.\.\./.test(text)) return undefined;
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const hit = sentences.find((s) => s.includes(entry.term)) ?? sentences[0] ?? text;
  return hit.length <= 240 ? hit.replace(/^[-*+]\s+/, '') : undefined;
}

/** Definition entries grouped where they were defined: one table or list is one family of terms. */
/**
 * Wrong answers whose definitions share the most with the answer's ("A sex cell …" beside other cells, not beside
 * DNA pieces): a term defined in the same words is the same kind of thing and tempts. Ties keep look-alike terms first.
 */
function byMeaning(entry: GlossaryEntry, others: readonly GlossaryEntry[]): GlossaryEntry[] {
  const mine = meaningWords(entry.meaning);
  const looks = rankBySimilarity(entry.term, others.map((o) => o.term));
  const shared = (o: GlossaryEntry) => [...meaningWords(o.meaning)].filter((w) => mine.has(w)).length;
  return [...others].sort((a, b) => shared(b) - shared(a) || looks.indexOf(a.term) - looks.indexOf(b.term));
}

/** Definitions of describing words ("Describes a plant cell …", "Having two sets …"): adjectives, not things. */
const DESCRIBING = /^(describes?|describing|having|being|of or relating|relating to|able to|capable of)\b/i;

function definitionFamilies(entries: readonly GlossaryEntry[], isWrong: (e: GlossaryEntry) => boolean): GlossaryEntry[][] {
  const families = new Map<string, GlossaryEntry[]>();
  for (const e of entries) {
    // Describing words never stand beside names of things, as answers or as options.
    if (e.kind !== 'definition' || isWrong(e) || DESCRIBING.test(e.meaning.trim())) continue;
    families.set(e.sectionId, [...(families.get(e.sectionId) ?? []), e]);
  }
  return [...families.values()].filter((f) => f.length >= 4);
}

export const glossaryGenerator: Generator = {
  name: 'glossary',
  generate(ctx: GeneratorContext): Draft[] {
    const { kb } = ctx;
    const drafts: Draft[] = [];
    // "What does X stand for?" only when the notes give other real long forms with the same initials: invented ones
    // ("Recently Time Objective") tempt nobody, and real ones with other initials are ruled out by the letters.
    const terms = usableTerms(kb.glossary);
    for (const term of terms) {
      const section = kb.byId.get(term.entry.sectionId);
      const passage = section && passageOf(term.entry, section);
      const key = term.abbr.toUpperCase();
      const alike = terms.filter((t) => t !== term && acronymOf(t.expansion) === key && !term.expansions.has(normalize(t.expansion)));
      if (!section || !passage || alike.length < 3) continue;
      drafts.push({
        kind: 'glossary',
        section,
        fact: `abbr:${key}`,
        line: term.entry.line,
        stem: `What does ${term.abbr} stand for?`,
        answer: term.expansion,
        distractors: alike.map((t) => t.expansion),
        passage,
        acronymInStem: true,
      });
    }
    const wrong = (e: GlossaryEntry) => ctx.isWrong?.(e.file, `${e.term}: ${e.meaning}`) ?? false;
    for (const family of definitionFamilies(kb.glossary, wrong)) {
      const penalty = isOneFamily(family.map((e) => e.term), family.map((e) => e.meaning)) ? 0 : LOOSE_FAMILY_PENALTY;
      const common = commonVocabulary(family.map((e) => e.meaning));
      for (const entry of family) {
        const section = kb.byId.get(entry.sectionId);
        const passage = section && passageOf(entry, section);
        if (!section || !passage) continue;
        // Options look alike: only terms written in the same shape ("SSE-S3" beside "SSE-KMS", not a sentence).
        const others = family.filter((o) => o !== entry && normalize(o.term) !== normalize(entry.term) && termShape(o.term) === termShape(entry.term));
        if (family.some((o) => o !== entry && overlapping(entry.meaning, o.meaning, common))) continue;
        const subject = contextFor(section, kb.byId, undefined);
        const meaning = collapse(maskTerms(withoutParens(entry.meaning), family.map((o) => o.term))).replace(/\s+([,;.)])/g, '$1').replace(/[.;,]$/, '');
        // A meaning opening with a price or a figure ("$0.10 - General purpose …") is a row of notes, not a definition.
        if (!/^[A-Za-z]/.test(meaning) || EXAMPLE.test(meaning) || meaning.includes('___') || others.some((o) => containsWords(entry.meaning, o.term)) || wordCount(meaning.replace(/___/g, '')) < 3) continue;
        drafts.push({
          kind: 'glossary',
          section,
          fact: `term:${section.file}:${normalize(withoutParens(entry.term))}`,
          line: entry.line,
          stem: `${subject ? `In ${subject}, which` : 'Which'} term means "${meaning}"?`,
          answer: entry.term,
          distractors: byMeaning(entry, others).map((o) => o.term),
          passage,
          penalty,
        });
      }
    }
    return drafts;
  },
};

import type { GlossaryEntry, Section } from '../../knowledge/types.ts';
import { lineText } from './mdast.ts';
import { acronymOf, clip, collapse, isAbbreviation, normalize, normWords, wordCount, withoutParens } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

interface Term {
  abbr: string;
  expansion: string;
  entry: GlossaryEntry;
  /** Every expansion the notes give this abbreviation (normalised), so none becomes a "wrong" option. */
  expansions: Set<string>;
  /** The expansion's normalised words, computed once for ranking. */
  words: string[];
  /** The expansion's initials ("ENI"). */
  initials: string;
}

/** Glossary entries worth asking about: one token abbreviation, a short expansion that plausibly spells it. */
export function usableTerms(entries: readonly GlossaryEntry[]): Term[] {
  const byAbbr = new Map<string, Term>();
  for (const entry of entries) {
    const abbr = collapse(entry.abbr);
    const expansion = titleCase(withoutParens(entry.expansion));
    // Plural forms ("VMs", "ENIs") duplicate their singular and read oddly as options.
    if (!isAbbreviation(abbr) || /[A-Z]s$/.test(abbr)) continue;
    const words = wordCount(expansion);
    if (words < 2 || words > 8 || expansion.length > 70) continue;
    if (!initialsFit(abbr, expansion)) continue;
    const key = abbr.toUpperCase();
    const existing = byAbbr.get(key);
    if (existing) {
      existing.expansions.add(normalize(expansion));
      // The abbreviations table is the curated source; prefer it over an inline mention.
      if (existing.entry.source !== 'table' && entry.source === 'table') {
        Object.assign(existing, { abbr, expansion, entry, words: normWords(expansion), initials: acronymOf(expansion) });
      }
      continue;
    }
    byAbbr.set(key, {
      abbr,
      expansion,
      entry,
      expansions: new Set([normalize(expansion)]),
      words: normWords(expansion),
      initials: acronymOf(expansion),
    });
  }
  return [...byAbbr.values()];
}

/** Lower-case expansions ("service control policy") are names too; capitalise them so options look alike. */
function titleCase(s: string): string {
  if (/[A-Z]/.test(s)) return s.replace(/^[a-z]/, (c) => c.toUpperCase());
  return s.replace(/[A-Za-z][\w']*/g, (w, at: number) => (at > 0 && MINOR.has(w) ? w : w[0]!.toUpperCase() + w.slice(1)));
}
const MINOR = new Set(['a', 'an', 'and', 'as', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** The words of the notes where the entry was found: the table row, or the sentence mentioning it. */
function passageOf(entry: GlossaryEntry, section: Section): string | undefined {
  if (entry.source === 'table') return `${entry.abbr} | ${entry.expansion}`;
  const text = lineText(section, entry.line);
  if (!text) return undefined;
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const hit = sentences.find((s) => s.includes(entry.abbr)) ?? sentences[0] ?? text;
  return clip(hit, 220);
}

/** The abbreviation's first letter starts one of the expansion's words (rejects "DNS Domain → Name Service" slips). */
function initialsFit(abbr: string, expansion: string): boolean {
  const first = abbr[0]?.toLowerCase();
  return normWords(expansion).some((w) => w[0] === first);
}

function expansionScore(answer: Term, other: Term): number {
  const a = answer.words;
  const o = other.words;
  const shared = o.filter((w) => a.includes(w)).length;
  return Math.abs(a.length - o.length) * 1.5 - shared * 2 - (a[0]?.[0] === o[0]?.[0] ? 1 : 0);
}

function abbrScore(answer: Term, other: Term): number {
  const a = answer.abbr.toUpperCase();
  const o = other.abbr.toUpperCase();
  const sharedLetters = [...new Set(o)].filter((c) => a.includes(c)).length;
  return Math.abs(a.length - o.length) * 2 - (a[0] === o[0] ? 2 : 0) - sharedLetters * 0.5;
}

function ranked<T>(items: T[], score: (t: T) => number, label: (t: T) => string): T[] {
  return items
    .map((t) => ({ t, s: score(t), k: label(t) }))
    .sort((x, y) => x.s - y.s || x.k.localeCompare(y.k))
    .map((x) => x.t);
}

export const glossaryGenerator: Generator = {
  name: 'glossary',
  generate({ kb }: GeneratorContext): Draft[] {
    const terms = usableTerms(kb.glossary);
    const drafts: Draft[] = [];
    for (const term of terms) {
      const section = kb.byId.get(term.entry.sectionId);
      if (!section) continue;
      const key = term.abbr.toUpperCase();
      const others = terms.filter((t) => t !== term && t.abbr.toUpperCase() !== key);
      const passage = passageOf(term.entry, section);
      if (!passage) continue;
      const base = { kind: 'glossary' as const, section, line: term.entry.line, passage, acronymInStem: true };

      // Expansions that also spell the abbreviation would be a second right answer.
      const wrongExpansions = others.filter(
        (t) => !term.expansions.has(t.words.join(' ')) && t.initials !== key,
      );
      drafts.push({
        ...base,
        stem: `What does ${term.abbr} stand for?`,
        answer: term.expansion,
        distractors: ranked(wrongExpansions, (t) => expansionScore(term, t), (t) => t.abbr).map((t) => t.expansion),
      });

      const wrongAbbrs = others.filter((t) => ![...t.expansions].some((e) => term.expansions.has(e)));
      drafts.push({
        ...base,
        stem: `Which abbreviation stands for ${term.expansion}?`,
        answer: term.abbr,
        distractors: ranked(wrongAbbrs, (t) => abbrScore(term, t), (t) => t.abbr).map((t) => t.abbr),
      });
    }
    return drafts;
  },
};

import type { Concept, ParsedQuery } from './parseQuery.ts';
import { RANKED_FIELDS, type Hits, type RankedField, type SectionIndex } from './sectionIndex.ts';

/** The section's own heading counts most, its parents' headings a little more than body text. */
export const FIELD_WEIGHT: Record<RankedField, number> = { title: 3, path: 1.3, body: 1 };
/** Strength of a match in the section's own heading at the top of it. */
const MAX_STRENGTH = 2;
/** A result must match at least this share (by weight) of what the query asks. */
export const MIN_COVERAGE = 0.5;

export interface ConceptStats {
  concept: Concept;
  /** Section id → best weighted match strength in (0, 3]. */
  matches: Map<number, number>;
  /** Sections where the concept is in the own or a parent heading. */
  inHeading: Set<number>;
  idf: number;
}

export interface RankedSection {
  id: number;
  score: number;
  /** Share of the query's weight (topic words the notes know; soft words and hints excluded) this section matches, 0–1. */
  coverage: number;
  /**
   * How strongly it answers the whole question, unknown words included, 0–1: each term's weight times
   * its match strength (a heading match is full strength, a word deep in the body much less).
   */
  evidence: number;
}

export interface Ranking {
  stats: ConceptStats[];
  ranked: RankedSection[];
  /** Query words (concept labels) that match nothing in the notes. */
  unknown: string[];
  /** Share of the query's weight (idf) carried by concepts that match nothing in the notes. */
  unknownShare: number;
  /** Share of the query's concepts, by count, that match nothing. */
  unknownCountShare: number;
}

function idfOf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Position factor: a term early in a field (slot 0) counts fully, one at the end about half. */
function positionFactor(slot: number, resolution: number): number {
  return 1 - (0.5 * slot) / Math.max(1, resolution - 1);
}

/** Long sections dilute an answer; heading-only sections have nothing to show. */
export function focusFactor(textLength: number): number {
  if (textLength < 12) return 0.45;
  if (textLength <= 1500) return 1;
  return 1 / (1 + 0.22 * Math.log2(textLength / 1500));
}

/**
 * Scores every section for a parsed query from per-word FlexSearch lookups: each concept takes its best
 * alternative in its best field, concepts are weighted by rarity (idf), and the sum is scaled by the
 * share of the query matched (most, not all, words needed) and by how focused the section is.
 */
export function rankSections(index: SectionIndex, query: ParsedQuery): Ranking {
  const n = index.size;
  const cache = new Map<string, Hits>();
  const lookup = (word: string, field: RankedField): Hits => {
    const key = `${field}:${word}`;
    let hits = cache.get(key);
    if (!hits) {
      hits = index.lookup(word, field);
      cache.set(key, hits);
    }
    return hits;
  };

  const stats: ConceptStats[] = query.concepts.map((concept) => {
    const matches = new Map<number, number>();
    const inHeading = new Set<number>();
    for (const alt of concept.alternatives) {
      for (const field of RANKED_FIELDS) {
        const fieldWeight = FIELD_WEIGHT[field] * alt.weight;
        const resolution = index.resolution(field);
        for (const [id, slot] of allWords(alt.words, field, lookup)) {
          const strength = fieldWeight * positionFactor(slot, resolution);
          if (strength > (matches.get(id) ?? 0)) matches.set(id, strength);
          if (field !== 'body') inHeading.add(id);
        }
      }
    }
    return { concept, matches, inHeading, idf: idfOf(n, matches.size) };
  });

  const terms = stats.filter((s) => s.concept.role === 'term');
  const unknown = terms.filter((s) => s.matches.size === 0);
  const weightOf = (s: ConceptStats) => s.idf * s.concept.scale;
  const termWeight = terms.reduce((sum, s) => sum + weightOf(s), 0);
  const unknownWeight = unknown.reduce((sum, s) => sum + weightOf(s), 0);
  // Soft words ("run", "use") add score but are not needed for coverage, unless the query has nothing else.
  const allSoft = terms.every((s) => s.concept.scale < 1);
  const needed = (s: ConceptStats) => s.concept.role === 'term' && (s.concept.scale === 1 || allSoft);
  // Coverage is measured against what the notes could match at all; unknown words are judged separately (honesty).
  const totalWeight = stats.filter((s) => needed(s) && s.matches.size > 0).reduce((sum, s) => sum + weightOf(s), 0);

  const scores = new Map<number, { score: number; covered: number; evidence: number }>();
  for (const s of stats) {
    const weight = s.concept.role === 'term' ? weightOf(s) : Math.min(s.idf, 2);
    for (const [id, strength] of s.matches) {
      const entry = scores.get(id) ?? { score: 0, covered: 0, evidence: 0 };
      entry.score += weight * strength;
      if (needed(s)) entry.covered += weightOf(s);
      if (s.concept.role === 'term') entry.evidence += weightOf(s) * Math.min(1, strength / MAX_STRENGTH);
      scores.set(id, entry);
    }
  }

  const ranked: RankedSection[] = [];
  for (const [id, { score, covered, evidence }] of scores) {
    const coverage = totalWeight > 0 ? covered / totalWeight : 0;
    if (coverage === 0) continue;
    const section = index.sections[id];
    const focus = focusFactor(section?.text.length ?? 0);
    ranked.push({ id, score: score * coverage * coverage * focus, coverage, evidence: termWeight > 0 ? evidence / termWeight : 0 });
  }
  ranked.sort((a, b) => b.score - a.score || a.id - b.id);
  return {
    stats,
    ranked,
    unknown: unknown.map((s) => s.concept.label),
    unknownShare: termWeight > 0 ? unknownWeight / termWeight : 1,
    unknownCountShare: terms.length > 0 ? unknown.length / terms.length : 1,
  };
}

/** Sections holding every word of an alternative in `field`, with the worst of their slots. */
function allWords(words: readonly string[], field: RankedField, lookup: (w: string, f: RankedField) => Hits): Hits {
  const [first, ...rest] = words;
  if (first === undefined) return new Map();
  const base = lookup(first, field);
  if (rest.length === 0) return base;
  const out = new Map<number, number>();
  const others = rest.map((w) => lookup(w, field));
  for (const [id, slot] of base) {
    let worst = slot;
    let ok = true;
    for (const hits of others) {
      const s = hits.get(id);
      if (s === undefined) {
        ok = false;
        break;
      }
      worst = Math.max(worst, s);
    }
    if (ok) out.set(id, worst);
  }
  return out;
}

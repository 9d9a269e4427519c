import type { KnowledgeBase, Section } from '../knowledge/types.ts';
import { GlossaryBridge } from './glossaryBridge.ts';
import { parseQuery, type ParsedQuery, type QueryContext } from './parseQuery.ts';
import {
  analyzeSection,
  buildPassage,
  escapeDiscord,
  matchSection,
  PASSAGE_MAX,
  proximity,
  type PassageQuery,
  type SectionMatch,
  type SectionUnits,
} from './passage.ts';
import { MIN_COVERAGE, rankSections, type RankedSection, type Ranking } from './rankSections.ts';
import { SectionIndex } from './sectionIndex.ts';
import { stemWord } from './textEncoder.ts';
import { TypoIndex } from './typoCandidates.ts';
import type { SearchEngine, SearchOptions, SearchOutcome, SearchResult } from './types.ts';

export type { SearchEngine, SearchOptions, SearchOutcome, SearchResult } from './types.ts';
/** Discord-markdown escaping as passages use it, and their length bound, for callers composing messages. */
export { escapeDiscord, PASSAGE_MAX } from './passage.ts';

const DEFAULT_LIMIT = 5;
/** How many leading candidates are re-read for proximity; enough to reorder a top five. */
const RERANK_DEPTH = 15;
const SUGGESTION_LIMIT = 5;
/** More than this share of the query's weight unknown to the notes → "not covered". */
const MAX_UNKNOWN_SHARE = 0.5;
/** The best section must carry this much of the question's weight at full strength (see RankedSection.evidence). */
const MIN_EVIDENCE = 0.2;
const MIN_EVIDENCE_WITH_UNKNOWN = 0.3;

/**
 * Builds the search engine over a knowledge base: a FlexSearch Document index of searchable sections,
 * query understanding (stop words, stems, typos, compounds, glossary), merged per-term ranking,
 * honest "not covered" answers and Discord-safe passages.
 */
export function buildSearchEngine(kb: KnowledgeBase): SearchEngine {
  const glossary = new GlossaryBridge(kb.glossary);
  const index = new SectionIndex(kb.sections, kb.byId, glossary.phrasePairs());
  const ctx: QueryContext = { vocabulary: index.vocabulary, typos: new TypoIndex(index.vocabulary.words), glossary };
  const childrenOf = new Map<string, Section[]>();
  for (const s of kb.sections) {
    if (!s.parentId) continue;
    const list = childrenOf.get(s.parentId);
    if (list) list.push(s);
    else childrenOf.set(s.parentId, [s]);
  }

  const unitCache = new Map<string, SectionUnits>();
  const unitsOf = (section: Section): SectionUnits => {
    let units = unitCache.get(section.id);
    if (!units) {
      units = analyzeSection(section.markdown);
      unitCache.set(section.id, units);
    }
    return units;
  };

  /**
   * Re-orders the leaders by how close together each states the query's words (and numbers, for "how many").
   * Returns the new order and the per-section matches, reused for the passages.
   */
  const rerank = (ranking: Ranking, pq: PassageQuery): { ranked: RankedSection[]; matches: Map<number, SectionMatch> } => {
    const { ranked } = ranking;
    const matches = new Map<number, SectionMatch>();
    const head = ranked.slice(0, RERANK_DEPTH).map((r) => {
      const section = index.sections[r.id];
      if (!section) return r;
      const headingMask = headingMaskOf(ranking, r.id);
      const units = unitsOf(section);
      const match = matchSection(units, pq);
      matches.set(r.id, match);
      const near = proximity(units, match, pq, headingMask);
      let factor = 0.6 + 0.4 * near.closeness;
      if (pq.quantity) factor *= near.numberNearby ? 1.2 : 0.9;
      return { ...r, score: r.score * factor };
    });
    head.sort((a, b) => b.score - a.score || a.id - b.id);
    return { ranked: [...head, ...ranked.slice(RERANK_DEPTH)], matches };
  };

  const passage = (section: Section, query: PassageQuery | null, match?: SectionMatch, headingMask = 0): string => {
    const text = buildPassage(unitsOf(section), query, match, headingMask);
    if (text) return text;
    // a heading with no text of its own: point at what is under it
    const children = (childrenOf.get(section.id) ?? []).filter((c) => c.searchable);
    if (children.length === 0) return '';
    let out = 'Subsections: ';
    for (const [i, child] of children.entries()) {
      const next = (i === 0 ? '' : ', ') + escapeDiscord(child.title);
      if (out.length + next.length + 2 > PASSAGE_MAX) return `${out}, …`;
      out += next;
    }
    return out;
  };

  const suggestions = (words: string, ranking: Ranking | null): Section[] => {
    const picked: Section[] = [];
    const add = (s: Section | undefined) => {
      if (s && picked.length < SUGGESTION_LIMIT && !picked.includes(s)) picked.push(s);
    };
    for (const id of index.headingMatches(words, SUGGESTION_LIMIT)) add(index.sections[id]);
    for (const r of ranking?.ranked ?? []) add(index.sections[r.id]);
    return picked;
  };

  return {
    search(query: string, options: SearchOptions = {}): SearchOutcome {
      if (index.size === 0) return { kind: 'empty-knowledge', query };
      const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
      const parsed = parseQuery(query, ctx);
      const required = parsed.concepts.filter((c) => c.role === 'term');
      if (required.length === 0) return { kind: 'not-covered', query, suggestions: [] };
      const ranking = rankSections(index, parsed);
      const best = ranking.ranked[0];
      if (!best || !answersEnough(ranking, best)) {
        // acronyms the notes only list in their glossary still hint at headings through their spelled-out words
        const words = required.flatMap((c) => [c.label, ...glossary.expand(c.label).flatMap((e) => e.words)]);
        return { kind: 'not-covered', query, suggestions: suggestions(words.join(' '), ranking) };
      }
      const pq = passageQuery(parsed, ranking);
      const results: SearchResult[] = [];
      const { ranked, matches } = rerank(ranking, pq);
      for (const r of ranked) {
        if (results.length >= limit) break;
        if (r.coverage < MIN_COVERAGE) continue;
        const section = index.sections[r.id];
        if (!section) continue;
        results.push({ section, passage: passage(section, pq, matches.get(r.id), headingMaskOf(ranking, r.id)), score: r.score });
      }
      return { kind: 'results', query, results, unknownTerms: ranking.unknown };
    },

    suggestSections(partial: string, limit = 25): Section[] {
      const max = Math.max(1, Math.min(25, limit));
      const trimmed = partial.trim();
      if (!trimmed) return index.sections.filter((s) => s.level <= 2).slice(0, max);
      const out: Section[] = [];
      for (const id of index.headingMatches(trimmed, max)) {
        const s = index.sections[id];
        if (s) out.push(s);
      }
      return out;
    },

    passageFor(section: Section, query?: string): string {
      if (!query?.trim()) return passage(section, null);
      const parsed = parseQuery(query, ctx);
      const ranking = rankSections(index, parsed);
      const id = index.sections.indexOf(section);
      return passage(section, passageQuery(parsed, ranking), undefined, id >= 0 ? headingMaskOf(ranking, id) : 0);
    },
  };
}

/**
 * Honesty: the notes cover a query when the words they lack do not outweigh the ones they have (by count and
 * by rarity), and the best section answers a fair part of the whole question — more when some words are unknown.
 */
function answersEnough(ranking: Ranking, best: RankedSection): boolean {
  if (best.coverage < MIN_COVERAGE) return false;
  if (ranking.unknownShare > MAX_UNKNOWN_SHARE && ranking.unknownCountShare >= 0.5) return false;
  const needed = ranking.unknown.length > 0 ? MIN_EVIDENCE_WITH_UNKNOWN : MIN_EVIDENCE;
  return best.evidence >= needed;
}

/** Concepts (as bits) that a section's own or parent headings contain. */
function headingMaskOf(ranking: Ranking, id: number): number {
  let mask = 0;
  ranking.stats.forEach((s, i) => {
    if (i < 30 && s.inHeading.has(id)) mask |= 1 << i;
  });
  return mask;
}

/** Per concept, its alternatives as index stems (all needed together) and its weight, for passage choice and bolding. */
function passageQuery(parsed: ParsedQuery, ranking: Ranking): PassageQuery {
  return {
    concepts: ranking.stats.map((s) => ({
      alternatives: s.concept.alternatives.map((alt) => alt.words.map(stemWord)),
      weight: s.concept.role === 'term' ? s.idf * s.concept.scale : 0.3,
      bold: s.concept.role === 'term',
    })),
    quantity: parsed.quantity,
  };
}

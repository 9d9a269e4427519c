import { Document, type Resolver } from 'flexsearch';
import type { Section } from '../knowledge/types.ts';
import { collectVocabulary, emptyVocabulary, TextEncoding, type Vocabulary } from './textEncoder.ts';

/** Fields of one indexed section; `heading` is the literal, prefix-tokenized copy of the title for autocomplete. */
export interface IndexedSection {
  [key: string]: number | string;
  id: number;
  title: string;
  path: string;
  body: string;
  heading: string;
}

export type RankedField = 'title' | 'path' | 'body';
export const RANKED_FIELDS: readonly RankedField[] = ['title', 'path', 'body'];

/** Resolution (score slots) per field: a body term's slot reflects how early it appears; titles are short. */
const RESOLUTION: Record<RankedField, number> = { title: 3, path: 3, body: 9 };

/** Ids of the sections holding a term, mapped to their FlexSearch score slot (0 = best). */
export type Hits = ReadonlyMap<number, number>;
const NO_HITS: Hits = new Map();
const LOOKUP_CACHE_MAX = 4000;

/**
 * The FlexSearch Document index over searchable sections: own heading, parent headings and body are
 * separate fields (ranked differently), plus a forward-tokenized heading field for autocomplete.
 * Sections with `searchable: false` are never added.
 */
export class SectionIndex {
  readonly sections: readonly Section[];
  readonly vocabulary: Vocabulary;
  readonly encoding: TextEncoding;
  private readonly doc: Document<IndexedSection>;
  /** Recent word lookups (autocomplete and follow-up questions repeat words); oldest evicted first. */
  private readonly cache = new Map<string, Hits>();

  constructor(all: readonly Section[], byId: ReadonlyMap<string, Section>, phrases: Iterable<string> = []) {
    this.sections = all.filter((s) => s.searchable);
    this.encoding = new TextEncoding();
    this.vocabulary = emptyVocabulary();
    const docs: IndexedSection[] = this.sections.map((section, id) => {
      const title = section.matchTitle || section.title;
      return { id, title, path: parentTitles(section, byId).join(' '), body: section.text, heading: title };
    });
    for (const doc of docs) {
      collectVocabulary(this.vocabulary, doc.title);
      collectVocabulary(this.vocabulary, doc.path);
      collectVocabulary(this.vocabulary, doc.body);
    }
    // Index a pair joined only where that can matter: it is also written as one word somewhere ("Autoscaling"
    // vs "Auto Scaling"), or it belongs to a glossary phrase. Joining every pair would double the index.
    const joinable = new Set<string>(phrases);
    for (const pair of this.vocabulary.joined) if (this.vocabulary.words.has(pair)) joinable.add(pair);
    this.encoding.setJoinable(joinable);

    const encoder = this.encoding.encoder;
    this.doc = new Document<IndexedSection>({
      document: {
        id: 'id',
        index: [
          { field: 'title', tokenize: 'strict', encoder, resolution: RESOLUTION.title },
          { field: 'path', tokenize: 'strict', encoder, resolution: RESOLUTION.path },
          { field: 'body', tokenize: 'strict', encoder, resolution: RESOLUTION.body },
          { field: 'heading', tokenize: 'forward', encoder: this.encoding.literalEncoder, resolution: 3 },
        ],
      },
    });
    for (const doc of docs) this.doc.add(doc);
  }

  get size(): number {
    return this.sections.length;
  }

  /** Sections whose `field` contains `word` (stemmed by the index's own encoder), with their score slot. Cached. */
  lookup(word: string, field: RankedField): Hits {
    const key = `${field}\u0000${word}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const hits = this.lookupUncached(word, field);
    if (this.cache.size >= LOOKUP_CACHE_MAX) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, hits);
    return hits;
  }

  private lookupUncached(word: string, field: RankedField): Hits {
    const resolver = this.doc.search({ query: word, index: field, resolve: false }) as unknown as Resolver | undefined;
    const buckets = resolver?.result;
    if (!buckets || buckets.length === 0) return NO_HITS;
    const hits = new Map<number, number>();
    buckets.forEach((ids, slot) => {
      if (!ids) return;
      for (const id of ids) if (!hits.has(id as number)) hits.set(id as number, slot);
    });
    return hits;
  }

  /** Heading prefix matches for autocomplete, best first; FlexSearch's `suggest` keeps partial matches. */
  headingMatches(partial: string, limit: number): number[] {
    const results = this.doc.search({ query: partial, index: 'heading', limit, suggest: true }) as unknown as Array<{
      result: number[];
    }>;
    return results[0]?.result ?? [];
  }

  resolution(field: RankedField): number {
    return RESOLUTION[field];
  }
}

/** Titles of a section's ancestors, nearest last (headingPath minus the section's own title). */
export function parentTitles(section: Section, byId: ReadonlyMap<string, Section>): string[] {
  const titles: string[] = [];
  let parentId = section.parentId;
  const guard = new Set<string>();
  while (parentId && !guard.has(parentId)) {
    guard.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) break;
    titles.unshift(parent.matchTitle || parent.title);
    parentId = parent.parentId;
  }
  if (titles.length === 0 && section.headingPath.length > 1) return section.headingPath.slice(0, -1);
  return titles;
}

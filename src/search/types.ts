import type { Section } from '../knowledge/types.ts';

export interface SearchResult {
  section: Section;
  /** Best passage for the query: ≤ 1,000 chars, matched terms in **bold**, other markdown escaped. */
  passage: string;
  score: number;
}

export type SearchOutcome =
  | {
      kind: 'results';
      query: string;
      results: SearchResult[];
      /** Query words the notes do not contain at all (e.g. `nacl` in "nacl vs security group"); worth saying so. */
      unknownTerms?: string[];
    }
  /** The notes do not cover the query; `suggestions` are up to five "did you mean" headings. */
  | { kind: 'not-covered'; query: string; suggestions: Section[] }
  | { kind: 'empty-knowledge'; query: string };

export interface SearchOptions {
  /** Maximum results; default 5. */
  limit?: number;
}

export interface SearchEngine {
  search(query: string, options?: SearchOptions): SearchOutcome;
  /** Sections whose headings match what the user is typing, for autocomplete (≤ limit, default 25). */
  suggestSections(partial: string, limit?: number): Section[];
  /** The passage /ask shows for a section opened directly (e.g. picked from autocomplete). */
  passageFor(section: Section, query?: string): string;
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/index.ts';
import { buildSearchEngine, type SearchEngine } from '../../src/search/index.ts';
import { PASSAGE_MAX } from '../../src/search/passage.ts';
import { loadQuerySet, scoreQuerySet } from '../../src/search/querySet.ts';
import { discordMarkdownProblems } from './fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const queries = loadQuerySet(path.join(ROOT, 'tests', 'fixtures', 'queries.json'));

describe('the query set on the shipped notes', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = buildSearchEngine(await loadKnowledge(path.join(ROOT, 'knowledge')));
  });

  it('covers every kind of query, with at least 60 in all', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(queries.map((q) => q.kind));
    for (const kind of ['keyword', 'question', 'acronym', 'spelled-out', 'typo', 'comparison', 'number', 'not-covered']) {
      expect(kinds).toContain(kind);
    }
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
  });

  it('puts a right answer in the top 3 for at least 92 % of queries', () => {
    const score = scoreQuerySet(queries, (q) => {
      const outcome = engine.search(q);
      return outcome.kind === 'results'
        ? { notCovered: false, sections: outcome.results.map((r) => r.section) }
        : { notCovered: true };
    });
    const misses = score.outcomes.filter((o) => o.rank === null || o.rank > 3).map((o) => `${o.case.id} ${o.case.query}`);
    expect(misses.length / score.total, `misses: ${misses.join('; ')}`).toBeLessThanOrEqual(0.08);
    expect(score.hit3).toBeGreaterThanOrEqual(0.92);
  });

  it('answers every query with valid, bounded passages, and never with an unsearchable section', () => {
    for (const q of queries) {
      const outcome = engine.search(q.query);
      if (outcome.kind === 'not-covered') expect(outcome.suggestions.length).toBeLessThanOrEqual(5);
      if (outcome.kind !== 'results') continue;
      expect(outcome.results.length).toBeLessThanOrEqual(5);
      for (const r of outcome.results) {
        expect(r.section.searchable).toBe(true);
        expect(r.passage.length).toBeLessThanOrEqual(PASSAGE_MAX);
        expect(discordMarkdownProblems(r.passage), `${q.query} → ${r.section.id}`).toEqual([]);
      }
    }
  });

  it('suggests headings for autocomplete from the real notes', () => {
    const titles = engine.suggestSections('lambda lim').map((s) => s.title);
    expect(titles.length).toBeLessThanOrEqual(25);
    expect(titles.some((t) => /lambda limits/i.test(t))).toBe(true);
  });
});

import type { GlossaryEntry, KnowledgeBase } from './types.ts';

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Levenshtein distance capped at 2, enough to offer "close entries" for a misspelt term. */
function closeTo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]! <= 1;
}

/** Deduplicates entries that say the same thing, keeping the first place it is defined (tables first). */
function distinct(entries: GlossaryEntry[]): GlossaryEntry[] {
  const seen = new Set<string>();
  const sorted = [...entries].sort((a, b) => (a.source === b.source ? 0 : a.source === 'table' ? -1 : 1));
  return sorted.filter((e) => {
    const k = `${norm(e.abbr)}|${norm(e.expansion)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface Definition {
  term: string;
  entries: GlossaryEntry[];
  suggestions: GlossaryEntry[];
}

/** Looks a term up in both directions: `ENI` finds its expansion, `Elastic Network Interface` finds `ENI`. */
export function defineTerm(kb: KnowledgeBase, term: string): Definition {
  const q = norm(term);
  if (!q) return { term, entries: [], suggestions: [] };
  const entries = distinct(kb.glossary.filter((e) => norm(e.abbr) === q || norm(e.expansion) === q));
  if (entries.length) return { term, entries, suggestions: [] };
  const suggestions = distinct(
    kb.glossary.filter((e) => {
      const a = norm(e.abbr);
      const x = norm(e.expansion);
      return a.startsWith(q) || x.includes(q) || (q.length >= 3 && closeTo(q, a));
    }),
  ).slice(0, 5);
  return { term, entries, suggestions };
}

/** Autocomplete over the glossary: abbreviations by prefix first, then expansions containing the text. */
export function completeTerm(kb: KnowledgeBase, partial: string, limit = 25): GlossaryEntry[] {
  const q = norm(partial);
  const all = distinct(kb.glossary);
  if (!q) return all.slice(0, limit);
  const byAbbr = all.filter((e) => norm(e.abbr).startsWith(q));
  const byExpansion = all.filter((e) => !byAbbr.includes(e) && norm(e.expansion).includes(q));
  return [...byAbbr, ...byExpansion].slice(0, limit);
}

import type { GlossaryEntry, KnowledgeBase } from './types.ts';

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** `Pods` finds `Pod` and `ENIs` finds `ENI`: the last word without a plural `s`. */
const singularKey = (s: string) => norm(s).replace(/([^s])s$/, '$1');

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

const SOURCE_ORDER: Record<GlossaryEntry['source'], number> = { table: 0, list: 1, inline: 2 };

/** Deduplicates entries that say the same thing, keeping the first place it is defined (tables first). */
function distinct(entries: GlossaryEntry[]): GlossaryEntry[] {
  const seen = new Set<string>();
  const sorted = [...entries].sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]);
  return sorted.filter((e) => {
    const k = `${e.kind}|${norm(e.term)}|${norm(e.meaning)}`;
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

/**
 * Looks a term up. An abbreviation is found both ways (`ENI` → Elastic Network Interface, and back); a definition by
 * its term (`Pod`, `pods`). Definitions of an abbreviation's long form come along (`ATP` also shows what adenosine
 * triphosphate is, when the notes define it).
 */
export function defineTerm(kb: KnowledgeBase, term: string): Definition {
  const q = norm(term);
  if (!q) return { term, entries: [], suggestions: [] };
  const matches = (e: GlossaryEntry, key: (s: string) => string, k: string) =>
    key(e.term) === k || (e.kind === 'abbreviation' && key(e.meaning) === k);
  let direct = kb.glossary.filter((e) => matches(e, norm, q));
  if (direct.length === 0) direct = kb.glossary.filter((e) => matches(e, singularKey, singularKey(term)));
  if (direct.length) {
    const longForms = new Set(direct.filter((e) => e.kind === 'abbreviation').flatMap((e) => [singularKey(e.term), singularKey(e.meaning)]));
    const related = kb.glossary.filter((e) => e.kind === 'definition' && !direct.includes(e) && longForms.has(singularKey(e.term)));
    return { term, entries: [...distinct(direct), ...distinct(related)], suggestions: [] };
  }
  const suggestions = distinct(
    kb.glossary.filter((e) => {
      const t = norm(e.term);
      return t.startsWith(q) || (q.length >= 3 && (t.includes(q) || closeTo(q, t))) || (e.kind === 'abbreviation' && norm(e.meaning).includes(q));
    }),
  ).slice(0, 5);
  return { term, entries: [], suggestions };
}

/**
 * Autocomplete over the glossary: terms (abbreviations and defined terms) by prefix first, then abbreviations whose
 * long form contains the text, then terms containing it.
 */
export function completeTerm(kb: KnowledgeBase, partial: string, limit = 25): GlossaryEntry[] {
  const q = norm(partial);
  const all = distinct(kb.glossary);
  if (!q) return all.slice(0, limit);
  const byTerm = all.filter((e) => norm(e.term).startsWith(q));
  const byLongForm = all.filter((e) => !byTerm.includes(e) && e.kind === 'abbreviation' && norm(e.meaning).includes(q));
  const inTerm = all.filter((e) => !byTerm.includes(e) && !byLongForm.includes(e) && norm(e.term).includes(q));
  return [...byTerm, ...byLongForm, ...inTerm].slice(0, limit);
}

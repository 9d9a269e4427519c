import type { GlossaryEntry } from '../knowledge/types.ts';
import { STOP_WORDS } from './stopWords.ts';
import { normalizeWord, stemWord, WORD_SPLIT } from './textEncoder.ts';

/** Normalized, stop-word-free words of a phrase. */
export function phraseWords(text: string): string[] {
  return text
    .split(WORD_SPLIT)
    .map(normalizeWord)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

/**
 * "Key Management System/Service" → ["Key Management System", "Key Management Service"];
 * "Classless Inter-Domain Routing (IP address range)" → ["Classless Inter-Domain Routing"].
 */
export function expansionVariants(expansion: string): string[] {
  const base = expansion.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const slash = /(\S+)\/(\S+)/.exec(base);
  if (!slash) return base ? [base] : [];
  const [whole, left, right] = slash as unknown as [string, string, string];
  return [base.replace(whole, left), base.replace(whole, right)];
}

/** Looser form for matching names: Porter leaves "queue" but cuts "queuing" to "queu". */
export function nameKey(stem: string): string {
  return stem.length > 3 && stem.endsWith('e') ? stem.slice(0, -1) : stem;
}

export interface Expansion {
  abbr: string;
  /** Raw normalized words, every one required. */
  words: string[];
  /** Their stems (as name keys), for matching against the query. */
  stems: string[];
}

/**
 * Both directions of the glossary: an acronym to its spelled-out forms, and spelled-out forms back to the acronym.
 * Only abbreviation entries bridge: a definition ("Pod: the smallest deployable unit") is an answer, not a synonym.
 */
export class GlossaryBridge {
  private readonly byAbbr = new Map<string, Expansion[]>();
  private readonly expansions: Expansion[] = [];

  constructor(entries: readonly GlossaryEntry[]) {
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.kind !== 'abbreviation') continue;
      const abbrWords = phraseWords(entry.term);
      if (abbrWords.length !== 1) continue; // a multi-word short form carries no usable acronym
      const abbr = abbrWords[0] as string;
      for (const variant of expansionVariants(entry.meaning)) {
        const words = phraseWords(variant);
        if (words.length < 2 || (words.length === 1 && words[0] === abbr)) continue;
        const key = `${abbr}=${words.join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const expansion: Expansion = { abbr, words, stems: words.map((w) => nameKey(stemWord(w))) };
        this.expansions.push(expansion);
        const list = this.byAbbr.get(abbr);
        if (list) list.push(expansion);
        else this.byAbbr.set(abbr, [expansion]);
      }
    }
  }

  /** Adjacent word pairs of every spelled-out name, joined (`elasticnetwork`, `networkinterface`): indexed as phrases. */
  phrasePairs(): Set<string> {
    const pairs = new Set<string>();
    for (const exp of this.expansions) {
      for (let i = 0; i + 1 < exp.words.length; i++) pairs.add((exp.words[i] as string) + (exp.words[i + 1] as string));
    }
    return pairs;
  }

  isAbbreviation(word: string): boolean {
    return this.byAbbr.has(word);
  }

  /** Spelled-out forms of an acronym (`eni` → elastic network interface). */
  expand(word: string): readonly Expansion[] {
    return this.byAbbr.get(word) ?? [];
  }

  /**
   * Spelled-out names found in a run of query words: each hit gives the acronym and the
   * index range of the query words it covers.
   */
  abbreviationsIn(stems: readonly string[]): Array<{ abbr: string; start: number; end: number }> {
    const hits: Array<{ abbr: string; start: number; end: number }> = [];
    for (const exp of this.expansions) {
      const n = exp.stems.length;
      for (let start = 0; start + n <= stems.length; start++) {
        let ok = true;
        for (let k = 0; k < n && ok; k++) ok = stems[start + k] === exp.stems[k];
        if (ok) hits.push({ abbr: exp.abbr, start, end: start + n });
      }
    }
    return hits;
  }
}

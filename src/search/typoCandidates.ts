/** Minimum word length before a typo is tolerated: shorter words and acronyms match exactly. */
export const TYPO_MIN_LENGTH = 5;

/**
 * True when `a` and `b` are within one edit: one insertion, deletion, substitution,
 * or transposition of neighbours ("cloudfromt" → "cloudfront", "kinesis" → "kinesi").
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // substitution, or transposition of i and i+1
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Known words grouped by length, so a typo is compared only with words one letter shorter, equal or longer. */
export class TypoIndex {
  private readonly byLength = new Map<number, string[]>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < TYPO_MIN_LENGTH - 1 || /\d/.test(w)) continue;
      const list = this.byLength.get(w.length);
      if (list) list.push(w);
      else this.byLength.set(w.length, [w]);
    }
  }

  /** Known words one edit away from `word` (at most `max`), for words of five letters or more. */
  candidates(word: string, max = 4): string[] {
    if (word.length < TYPO_MIN_LENGTH || /\d/.test(word)) return [];
    const out: string[] = [];
    for (const len of [word.length, word.length - 1, word.length + 1]) {
      for (const w of this.byLength.get(len) ?? []) {
        // a typo almost never changes the first letter; checking it first keeps the scan cheap
        if (w[0] !== word[0] && w[1] !== word[1]) continue;
        if (withinOneEdit(word, w)) {
          out.push(w);
          if (out.length >= max) return out;
        }
      }
    }
    return out;
  }
}

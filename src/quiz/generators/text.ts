/** Text helpers shared by the generators and the gate: normalising, comparing and masking answers. */

/** What replaces the answer when a passage becomes a stem. */
export const MASK = '___';

const STOPWORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'at', 'from', '&']);

/** Collapses whitespace (including line breaks inside list items) and trims. */
export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Short strings (titles, options, terms) are normalised again and again while ranking; remember them. */
const wordsCache = new Map<string, readonly string[]>();

/** Lower-case words without punctuation or diacritics, plurals folded: the form used to compare options. */
export function normWords(s: string): string[] {
  if (s.length > 120) return computeWords(s);
  let hit = wordsCache.get(s);
  if (hit === undefined) {
    if (wordsCache.size > 20_000) wordsCache.clear();
    hit = computeWords(s);
    wordsCache.set(s, hit);
  }
  return [...hit];
}

function computeWords(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]s\b/g, '')
    .split(/[^a-z0-9.$%]+/)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0)
    .map(singular);
}

export function normalize(s: string): string {
  return normWords(s).join(' ');
}

/** Folds the common English plural endings; good enough to treat "Instances" and "Instance" as one. */
export function singular(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is|ws)$/.test(w)) return w;
  if (/(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Normalised words joined and padded with spaces, so phrase containment is one `includes`. Long texts are cached. */
const padded = new Map<string, string>();
function paddedWords(s: string): string {
  if (s.length < 200) return ` ${normWords(s).join(' ')} `;
  let hit = padded.get(s);
  if (hit === undefined) {
    if (padded.size > 5000) padded.clear();
    hit = ` ${normWords(s).join(' ')} `;
    padded.set(s, hit);
  }
  return hit;
}

/** True when `needle`'s words appear consecutively in `haystack` (after normalisation). */
export function containsWords(haystack: string, needle: string): boolean {
  const n = paddedWords(needle);
  if (n.trim().length === 0) return false;
  return paddedWords(haystack).includes(n);
}

/** Whether two phrases share a significant word ("Lambda deployment method" and "AWS Serverless: Lambda" do). */
export function sharesWord(a: string, b: string): boolean {
  const words = new Set(normWords(a).filter((w) => w.length >= 3 && !STOPWORDS.has(w)));
  return normWords(b).some((w) => words.has(w));
}

/** Initials of the significant words: "Elastic Network Interface" → "ENI", "Auto-Scaling Group" → "ASG". */
export function acronymOf(s: string): string {
  const words = s
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s\-/]+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !STOPWORDS.has(w.toLowerCase()));
  return words.map((w) => w[0]!.toUpperCase()).join('');
}

/** Looks like an abbreviation: one short token with at least two capitals or digits ("ENI", "vCPU", "EC2", "DSSE-KMS"). */
export function isAbbreviation(s: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9-]{1,11}$/.test(s)) return false;
  return (s.match(/[A-Z0-9]/g) ?? []).length >= 2 || /^[a-z]{2,5}$/.test(s);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence of the given terms (case-insensitive, whole words, optional plural "s") with MASK.
 * Longer terms go first so "Amazon Neptune" is masked whole rather than leaving "Amazon ___".
 */
export function maskTerms(text: string, terms: readonly string[]): string {
  // A plural name also hides its singular ("Parameters" → "Parameter").
  const forms = terms.flatMap((t) => {
    const c = collapse(t);
    return /[a-z]s$/.test(c) && c.length > 4 ? [c, c.slice(0, -1)] : [c];
  });
  const unique = [...new Set(forms.filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const term of unique) {
    const re = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(term)}(?:e?s)?(?![A-Za-z0-9])`, 'gi');
    out = out.replace(re, MASK);
  }
  // "Amazon ___ ___" → "___": adjacent masks (and a dangling vendor prefix) collapse into one.
  return out.replace(/\b(?:Amazon|AWS)\s+___/g, MASK).replace(/___(?:[\s-]+___)+/g, MASK);
}

/** Removes a trailing colon and surrounding decoration from a label ("Cache strategies:" → "Cache strategies"). */
export function cleanLabel(s: string): string {
  return collapse(s)
    .replace(/^[*_\s]+|[*_\s]+$/g, '')
    .replace(/\s*[:：]$/, '')
    .trim();
}

/** Drops parenthetical asides: "Amazon Quantum Ledger Database (QLDB)" → "Amazon Quantum Ledger Database". */
export function withoutParens(s: string): string {
  return collapse(s.replace(/\s*\([^)]*\)/g, ' '));
}

/** The parenthetical asides of a string: "Amazon Quantum Ledger Database (QLDB)" → ["QLDB"]. */
export function parens(s: string): string[] {
  return [...s.matchAll(/\(([^)]+)\)/g)].map((m) => collapse(m[1] ?? '')).filter((p) => p.length > 0);
}

export function wordCount(s: string): number {
  return collapse(s).split(' ').filter((w) => w.length > 0).length;
}

/**
 * Orders wrong answers by how much they look like the right one (similar length and word count, shared words),
 * so the drawn distractors are the plausible ones. Ties keep their original order.
 */
export function rankBySimilarity(answer: string, candidates: readonly string[]): string[] {
  const a = normWords(answer);
  const aLen = collapse(answer).length;
  return candidates
    .map((c, i) => {
      const w = normWords(c);
      const shared = w.filter((x) => a.includes(x)).length;
      const lenRatio = Math.abs(Math.log((collapse(c).length + 4) / (aLen + 4)));
      return { c, i, s: lenRatio * 2 + Math.abs(w.length - a.length) * 0.3 - shared * 0.5 };
    })
    .sort((x, y) => x.s - y.s || x.i - y.i)
    .map((x) => x.c);
}

/** Words of a description that carry meaning: four letters or more, not the glue of a sentence. */
const GLUE = new Set(['that', 'which', 'with', 'from', 'into', 'than', 'this', 'they', 'their', 'when', 'where', 'each', 'some', 'other', 'more', 'only', 'also', 'your', 'have', 'will', 'been', 'used', 'uses', 'using']);
export function meaningWords(text: string): Set<string> {
  return new Set(normWords(text).filter((w) => w.length >= 4 && /^[a-z]+$/.test(w) && !GLUE.has(w)));
}

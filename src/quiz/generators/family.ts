/**
 * Families of options: what makes the members of a list, table column or glossary group one kind of thing, so each
 * tempts as the others' wrong answer, and when two members are described too much alike to tell apart.
 */
import { meaningWords, normWords, withoutParens, wordCount } from './text.ts';

/** An example ("for example on EC2", "ex: 1000 files") illustrates; it does not define. */
export const EXAMPLE = /^(for (example|instance)|e\.?g\.?|ex\b|such as|like\b|see\b)|\b(ex|e\.g)[:.]/i;

/** The written shape of a term, so a list mixing codes, names and lower-case words only asks about one kind. */
export function termShape(term: string): 'code' | 'lower' | 'name' {
  if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(term) || /^[a-z][a-z0-9-]*:[A-Za-z]/.test(term)) return 'code';
  if (/^[a-z]/.test(term)) return 'lower';
  return 'name';
}

/**
 * Whether two descriptions say nearly the same thing: half or more of the shorter one's meaningful words shared,
 * leaving out the family's common vocabulary (`common`: words in half of its descriptions or more), which every
 * member shares by being of the family.
 */
export function overlapping(a: string, b: string, common: ReadonlySet<string> = new Set()): boolean {
  const share = (x: ReadonlySet<string>, y: ReadonlySet<string>): number => {
    const small = x.size <= y.size ? x : y;
    const large = small === x ? y : x;
    return small.size === 0 ? 0 : [...small].filter((w) => large.has(w)).length / small.size;
  };
  const own = [meaningWords(a), meaningWords(b)].map((ws) => new Set([...ws].filter((w) => !common.has(w))));
  return share(own[0]!, own[1]!) >= 0.5;
}

/** Words used in half of a family's descriptions or more: what its members share by being of one family. */
export function commonVocabulary(descriptions: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const d of descriptions) for (const w of meaningWords(d)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n * 2 >= descriptions.length).map(([w]) => w));
}

/** How close a family must be described to count as one kind of thing (see `cohesion`). */
export const MIN_COHESION = 0.35;

/**
 * Whether a list, table column or glossary group is one family of things, so its members tempt as each other's wrong
 * answers: codes of one scheme (`AWSLambdaBasicExecutionRole`, `s3:GetObject`), names sharing a head word
 * ("Weighted routing policy", "Simple routing policy"), or members described in one vocabulary.
 */
export function isOneFamily(terms: readonly string[], descriptions: readonly string[]): boolean {
  if (terms.every((t) => termShape(t) === 'code' || /^[A-Z][a-z]+(?:[A-Z0-9][A-Za-z0-9]*){2,}$/.test(t))) return true;
  const lasts = terms.map((t) => normWords(withoutParens(t)).at(-1) ?? '');
  if (new Set(lasts).size === 1 && terms.every((t) => normWords(withoutParens(t)).length >= 2)) return true;
  // Names built alike: one suffix ("helicase", "primase", "DNA ligase"), or labels of one scheme ("G1", "S phase").
  if (lasts.every((w) => w.length >= 5) && new Set(lasts.map((w) => w.slice(-3))).size === 1) return true;
  if (terms.every((t) => /^[A-Z][A-Z0-9]?\b/.test(withoutParens(t)) && wordCount(withoutParens(t)) <= 2)) return true;
  return cohesion(descriptions) >= MIN_COHESION;
}

/** A family that is not plainly one kind is marked down by this much: below the pool's bar. */
export const LOOSE_FAMILY_PENALTY = 0.25;

/**
 * How much a family's descriptions have in common: the share of pairs that share a meaningful word. Members of one
 * family are described in one vocabulary ("downtime", "capacity", "cost" for deployment modes); a catalogue of
 * unrelated things ("Serverless SQL query on S3", "Feature flags", "PII detection") is not, and its options tempt nobody.
 */
export function cohesion(descriptions: readonly string[]): number {
  const sets = descriptions.map(meaningWords);
  let pairs = 0;
  let linked = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      pairs++;
      if ([...sets[i]!].some((w) => sets[j]!.has(w))) linked++;
    }
  }
  return pairs === 0 ? 0 : linked / pairs;
}

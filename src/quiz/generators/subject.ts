import type { Section } from '../../knowledge/types.ts';
import { cleanLabel, collapse, sharesWord, wordCount, withoutParens } from './text.ts';

/**
 * Headings that organise notes rather than name a subject ("Summary", "Exam tips", "Section 3"). A stem never names
 * one of these; it names the subject above it instead. Language data, not any one corpus's headings.
 */
const STRUCTURAL =
  /^(summary|overview|introduction|intro|recap|review|notes?|my notes|key points?|key takeaways?|takeaways?|tips?|exam (tips?|tricks?|focus|notes?)|good to know|cheat ?sheets?|quick reference|misc(ellaneous)?|others?|other notes|details|basics|fundamentals|concepts|key concepts|definitions|vocabulary|glossary|terms|key (words|terms)|keywords|big ideas|practice|questions|exercises|examples?|faq|conclusion|closing comments|final words|hands[- ]on|demo|lab|resources|references|links|further reading|section|part|chapter|lecture|module|lesson|unit|day|week)(\s+\d+)?$/i;

/** Decoration a heading carries that no sentence should repeat: "(one section each)", "– Summary", "Section 4:". */
function stripDecoration(title: string): string {
  let t = withoutParens(cleanLabel(title));
  // "IAM Section – Summary", "Route 53 – Notes", "S3 Cheat Sheet": the subject is what stands before the structural part.
  for (;;) {
    const m = /^(.+?)\s*(?:[–—:|-]\s*|\s(?=(?:notes|summary|overview|recap|tips|exam tips|cheat ?sheet|basics|fundamentals|essentials|key points|key takeaways|takeaways|introduction)$))([^–—:|-]+)$/i.exec(t);
    if (!m || !STRUCTURAL.test(collapse(m[2] ?? ''))) break;
    t = collapse(m[1] ?? '');
  }
  t = t.replace(/\s+(section|part|chapter|module|lecture|lesson)$/i, '');
  // "CICD: Continuous Integration and Deployment": an abbreviation and its long form; the long form reads aloud.
  const spelled = /^([A-Z][A-Z0-9/&]{1,9}):\s+(.+)$/.exec(t);
  if (spelled) t = spelled[2] ?? t;
  // "Enzymes to know", "Commands you should remember": the subject is the noun before the study advice.
  t = t.replace(/\s+(?:(?:that |which )?you (?:should |need to |must )?|to )(know|remember|learn|memori[sz]e)$/i, '');
  t = t.replace(/^(section|part|chapter|module|lecture|lesson|day|week)\s+\d+\s*[:.–—-]\s*/i, '');
  return collapse(t.replace(/[:.,;–—-]+$/, ''));
}

/** A heading's remains that can stand in a sentence as its subject. */
function isSubject(subject: string): boolean {
  return subject.length >= 2 && subject.length <= 60 && wordCount(subject) <= 7 && !isStructural(subject);
}

/** Whether a heading only organises the notes ("Summary", "Exam tips") and names nothing a learner studies. */
export function isStructural(title: string): boolean {
  const t = collapse(withoutParens(cleanLabel(title)));
  return t.length === 0 || STRUCTURAL.test(t) || /\?$/.test(t);
}

/**
 * The subject a question is about, as a stem can name it: the section's own title without decoration, or the
 * nearest ancestor's when the title only organises the notes. Undefined when no heading names a subject.
 */
export function subjectOf(section: Section, byId: ReadonlyMap<string, Section>): string | undefined {
  let current: Section | undefined = section;
  while (current) {
    if (isStructural(current.matchTitle)) {
      current = current.parentId ? byId.get(current.parentId) : undefined;
      continue;
    }
    const subject = stripDecoration(current.matchTitle);
    if (isSubject(subject)) return subject;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return undefined;
}

/** Words kept as written inside a noun phrase: acronyms, product-style capitals ("CloudWatch"), codes. */
const KEEP_CASE = /[A-Z].*[A-Z]|\d|^[A-Z]$/;

/**
 * Words the notes write with a capital in mid-sentence more often than without ("Lambda", "Golgi"): names, which
 * keep their capital inside a noun phrase, where common words ("Deployment", "Methods") are lower-cased.
 */
const namesCache = new WeakMap<readonly Section[], ReadonlySet<string>>();
export function namesIn(sections: readonly Section[]): ReadonlySet<string> {
  const cached = namesCache.get(sections);
  if (cached) return cached;
  const upper = new Map<string, number>();
  const lower = new Map<string, number>();
  for (const section of sections) {
    for (const m of section.text.matchAll(/(?<=[a-z0-9,;)]\s+)([A-Za-z][a-z]+)\b/g)) {
      const w = m[1] ?? '';
      const key = w.toLowerCase();
      const counts = w[0] === key[0] ? lower : upper;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const names = new Set([...upper].filter(([w, n]) => n > (lower.get(w) ?? 0)).map(([w]) => w));
  namesCache.set(sections, names);
  return names;
}

/** "Instances" → "instance", "Policies" → "policy", "Classes" → "class"; a word that is not plural is undefined. */
function singularNoun(word: string): string | undefined {
  const w = word.toLowerCase();
  // Words that end in s without being plural: "Kubernetes", "series", "diabetes", "business".
  if (w.length <= 3 || /(ss|us|is|ics|ous|series|species|etes|ness|news)$/.test(w)) return undefined;
  if (w.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes|zes)$/.test(w)) return word.slice(0, -2);
  if (w.endsWith('s')) return word.slice(0, -1);
  return undefined;
}

/**
 * The kind of thing a family's members are, from a plural label: "EC2 Instance Types" → "EC2 instance type",
 * "Routing Policies" → "routing policy". Undefined when the label is not a plural noun phrase, so the caller can fall
 * back to a neutral wording instead of guessing.
 */
export function kindNoun(label: string, names: ReadonlySet<string> = new Set()): string | undefined {
  const t = stripDecoration(label);
  if (t.length === 0 || t.length > 40 || /[^\p{L}\p{N}\s&'’-]|\s-|-\s/u.test(t) || isStructural(t)) return undefined;
  const words = t.split(/\s+/);
  if (words.length > 5 || /^(other|more|misc|various|some|all|common|additional|extra|key|main)$/i.test(words[0] ?? '')) return undefined;
  // "Transport across membranes" names its head noun first: singularising the last word would say "membrane".
  if (words.slice(0, -1).some((w) => /^(across|of|in|for|on|to|with|between|through|by|from|into|at|over|under|vs\.?|and|or|&)$/i.test(w))) return undefined;
  const last = words.at(-1) ?? '';
  const single = singularNoun(last);
  // A name is not a plural ("Kubernetes"): only words the notes also write in lower case are common nouns.
  if (!single || KEEP_CASE.test(last) || names.has(last.toLowerCase())) return undefined;
  const phrase = [...words.slice(0, -1), single].map((w) => (KEEP_CASE.test(w) || names.has(w.toLowerCase()) ? w : w.toLowerCase()));
  if (/^(and|or|of|the|a|an|&)$/i.test(phrase[0] ?? '')) return undefined;
  return phrase.join(' ');
}


/**
 * The subject to name beside a kind: the nearest heading's subject that adds something. A bare kind ("mode",
 * "stage") needs the subject it belongs to ("Elastic Beanstalk"), so headings that only repeat the kind
 * ("Deployment Modes") are passed over; a kind with its own qualifier ("Lambda deployment method") is enough.
 */
export function contextFor(section: Section, byId: ReadonlyMap<string, Section>, kind: string | undefined): string | undefined {
  for (let cur: Section | undefined = section; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    if (isStructural(cur.matchTitle)) continue;
    const subject = stripDecoration(cur.matchTitle);
    if (!isSubject(subject)) continue;
    // "In The cell cycle" → "In the cell cycle": a heading's capital article reads wrong inside a sentence.
    if (!kind || !sharesWord(kind, subject)) return subject.replace(/^(The|A|An) (?=[a-z])/, (a) => a.toLowerCase());
    if (kind.split(/\s+/).length > 1) return undefined;
  }
  return undefined;
}

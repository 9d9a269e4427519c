import { stemmer } from 'stemmer';
import type { Section } from '../knowledge/types.ts';
import { findNumbers } from './generators/number.ts';
import { acronymOf, collapse, containsWords, escapeRegExp, isAbbreviation, MASK, normalize, normWords } from './generators/text.ts';
import { type Question, QuestionSchema } from './schema.ts';

/** Why a generated question was turned away; counted per reason in `generateQuestions`. */
export const REJECT_REASONS = [
  'erratum',
  'schema',
  'unsearchable-source',
  'too-few-options',
  'option-empty',
  'option-too-long',
  'options-not-distinct',
  'options-mixed-types',
  'answer-stands-out',
  'answer-in-stem',
  'initials-giveaway',
  'about-the-notes',
  'truncated',
  'stem-too-short',
  'stem-too-long',
  'markdown-leftover',
  'link-or-image',
  'table-pipe',
  'missing-context',
  'explanation-unquoted',
  'duplicate',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Why the pool turns away a question that passed the gate on its own (see `buildPool`). */
export const POOL_REASONS = ['duplicate-fact', 'gives-away', 'low-quality'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];

export const LIMITS = { minOptions: 4, maxOptionLength: 90, minStem: 15, maxStem: 320 } as const;

export interface GateInput {
  question: Question;
  section: Section;
  /** The words from the notes the explanation must quote. */
  passage: string;
  /** Other spellings of the answer (acronym, expansion, short name) that must not appear in the stem. */
  answerForms?: readonly string[];
  /** The stem names the answer's acronym or expansion by design (glossary questions). */
  acronymInStem?: boolean;
}

/** Words that make a stem about the notes as a document rather than about the subject. */
const ABOUT_THE_NOTES = /\b(the|these|this|my|our|your) (notes?|section|sections|heading|headings|chapter|slides?|lecture|course section|document|page|cheat ?sheet)\b|\btopic of the\b/i;

export function isAboutTheNotes(stem: string): boolean {
  return ABOUT_THE_NOTES.test(stem);
}

/** An ellipsis, or a quote or bracket left open: text that was cut off. */
export function isTruncated(text: string): boolean {
  if (/…|\.\.\.(?!\w)/.test(text)) return true;
  const quotes = (text.match(/"/g) ?? []).length;
  const open = (text.match(/\(/g) ?? []).length;
  const close = (text.match(/\)/g) ?? []).length;
  return quotes % 2 === 1 || open !== close;
}

/**
 * An abbreviation question answerable from initials alone: the stem names an abbreviation and exactly one option
 * spells it (or the options are abbreviations and exactly one is spelled by the long form in the stem).
 */
export function initialsGiveaway(stem: string, options: readonly string[]): boolean {
  const spelled = (o: string) => acronymOf(o);
  for (const token of stem.split(/[^A-Za-z0-9-]+/)) {
    if (!isAbbreviation(token) || !/[A-Z].*[A-Z]/.test(token)) continue;
    const target = token.toUpperCase().replace(/[^A-Z0-9]/g, '');
    if (options.filter((o) => normWords(o).length >= 2 && spelled(o) === target).length === 1) return true;
  }
  if (options.every((o) => isAbbreviation(o))) {
    const initials = acronymOf(stem.replace(/^[^A-Za-z]*\b(which|what)\b.*?\b(for|of|is)\b/i, ''));
    if (options.filter((o) => initials.includes(o.toUpperCase().replace(/[^A-Z0-9]/g, ''))).length === 1) return true;
  }
  return false;
}

/** The shape an option has, so all options of a question can be compared: a number with its unit, a bare number, or words. */
export function optionKind(option: string): string {
  const o = collapse(option);
  if (!/\d/.test(o)) return 'text';
  const facts = findNumbers(o);
  const only = facts.length === 1 ? facts[0] : undefined;
  if (only && only.start === 0 && only.end === o.length) return `number:${only.unit}`;
  if (/^port\s+\d+$/i.test(o)) return 'number:port';
  if (/^\d+(\.\d+)?$/.test(o)) return 'number';
  // Abbreviations and names mix freely ("RDS", "Amazon Aurora"); a number among names does not.
  return 'text';
}

/** Whether the answer, or an obvious form of it, shows in the stem. */
export function answerInStem(stem: string, answer: string, forms: readonly string[] = [], acronymInStem = false): boolean {
  const visible = stem.split(MASK).join(' ');
  for (const form of [answer, ...forms]) {
    if (normWords(form).length > 0 && containsWords(visible, form)) return true;
  }
  if (acronymInStem) return false;
  const words = normWords(answer);
  if (words.length >= 2) {
    const acronym = acronymOf(answer);
    if (acronym.length >= 2 && new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(acronym)}s?(?![A-Za-z0-9])`).test(visible)) return true;
  }
  if (isAbbreviation(answer)) {
    const target = answer.toUpperCase().replace(/[^A-Z]/g, '');
    const tokens = visible.split(/[\s\-/]+/).filter((w) => /^[A-Za-z]/.test(w));
    for (let i = 0; i + target.length <= tokens.length && target.length >= 2; i++) {
      const initials = tokens.slice(i, i + target.length).map((w) => w[0]!.toUpperCase()).join('');
      if (initials === target && tokens.slice(i, i + target.length).every((w) => /^[A-Z]/.test(w))) return true;
    }
  }
  return false;
}

const MARKUP = /\*\*|(?<![_\w])__(?!_)|`|(^|\s)#{1,6}\s|<\/?[a-z][^>]*>|~~/i;
const LINK = /!\[|\]\(|\[[^\]]*\]\[|https?:\/\/|www\./i;
const MISSING_CONTEXT =
  /\b(the (above|below|following|previous)|(this|that|the) (diagram|image|picture|figure|screenshot|slide|chart|table below)|as (shown|seen|follows|mentioned)|shown (above|below)|see (above|below|diagram)|refer (to )?(the )?slides?|like this)\b/i;

/**
 * An abbreviated key whose letters the stem spells with consecutive words ("General purpose" → GP2, "Elastic …
 * Kubernetes Service"), whole or without a vendor-style first letter ("Kubernetes Service" → EKS).
 */
export function keySpelledInStem(stem: string, key: string): boolean {
  const token = key.split(/\s+/).find((t) => /^[A-Z]{2,}[A-Z0-9-]*$/.test(t));
  const letters = token ? (/^[A-Z]+/.exec(token)?.[0] ?? '') : '';
  if (letters.length < 2) return false;
  const initials = stem
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'by'].includes(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
  if ([letters, ...(letters.length >= 3 ? [letters.slice(1)] : [])].some((l) => initials.includes(l))) return true;
  // "Managed Kafka clusters" → MSK: the first letter and a later one, on adjacent capitalised words, in order.
  const capitals = stem
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
  return letters.length >= 3 && [...letters.slice(1)].some((c) => capitals.includes(`${letters[0]}${c}`));
}

/** Short words that join rather than name ("the", "and", "for"): never evidence of a give-away. */
const MINOR = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'that', 'this', 'not', 'are', 'was', 'has', 'its', 'all', 'any', 'one', 'per', 'can', 'use', 'via', 'new', 'aws']);

/** Words of an option, with names split where they join words: "IgnorePublicAcls" → ignore, public, acls. */
function optionWords(option: string): string[] {
  // "AWSXRayDaemon" → "AWSX Ray Daemon"; a lone capital before a word ("X" of X-Ray) is split off too.
  const split = option.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').replace(/([A-Z]{2,})X /g, '$1 X ').replace(/_/g, ' ');
  return normWords(split).filter((w) => w.length >= 3 && /^[a-z]+$/.test(w) && !MINOR.has(w));
}

/** Two words of one family: the same stem, one a prefix of the other ("poll", "poller"), or five letters alike ("succeed", "success"). */
function sameFamily(a: string, b: string): boolean {
  const x = stemmer(a);
  const y = stemmer(b);
  if (x === y) return true;
  if (Math.min(x.length, y.length) >= 4 && (x.startsWith(y) || y.startsWith(x))) return true;
  return x.length >= 5 && y.length >= 5 && x.slice(0, 5) === y.slice(0, 5);
}

/**
 * A word of the key that the stem's description repeats, in any form, and no wrong option has ("reserve AZ capacity"
 * → "Capacity Reservations", "Lambda polls SQS" → "SQSPollerPolicy"): matching words alone finds the answer. Only
 * the quoted description is read when there is one; the words naming the subject around it are context.
 */
export function keyWordOnlyInStem(stem: string, options: readonly string[], answer: number): boolean {
  const quoted = [...stem.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '').join(' ');
  const stemWords = normWords((quoted || stem).split(MASK).join(' ')).filter((w) => w.length >= 3 && /^[a-z]+$/.test(w) && !MINOR.has(w));
  const wrong = options.filter((_, i) => i !== answer).map(optionWords);
  return optionWords(options[answer] ?? '').some(
    (w) => stemWords.some((s) => sameFamily(s, w)) && !wrong.some((ws) => ws.some((x) => sameFamily(x, w))),
  );
}

/** Markdown, link or table syntax left in user-facing text; undefined when clean. */
export function leftoverSyntax(text: string): 'markdown-leftover' | 'link-or-image' | 'table-pipe' | undefined {
  const t = text.split(MASK).join(' ');
  if (LINK.test(t)) return 'link-or-image';
  if (t.includes('|')) return 'table-pipe';
  if (MARKUP.test(t)) return 'markdown-leftover';
  return undefined;
}

export function needsMissingContext(text: string): boolean {
  return MISSING_CONTEXT.test(text);
}

/** The explanation quotes the passage, and the passage is really in the section (compared word by word). */
export function quotesSource(explanation: string, passage: string, section: Section): boolean {
  if (normWords(passage).length < 2) return false;
  return explanation.includes(passage) && containsWords(`${section.title}\n${section.text}`, passage);
}

/** The rules that judge one question on its own; undefined when it passes. */
export function checkQuestion(input: GateInput): RejectReason | undefined {
  const { question: q, section } = input;
  if (q.options.length < LIMITS.minOptions) return 'too-few-options';
  if ([q.stem, ...q.options].some(isTruncated) || isTruncated(input.passage)) return 'truncated';
  if (isAboutTheNotes(q.stem)) return 'about-the-notes';
  if (!QuestionSchema.safeParse(q).success) return 'schema';
  if (!section.searchable && q.kind !== 'glossary') return 'unsearchable-source';
  if (q.options.some((o) => collapse(o).length === 0 || normWords(o).length === 0)) return 'option-empty';
  if (q.options.some((o) => o.length > LIMITS.maxOptionLength)) return 'option-too-long';
  if (new Set(q.options.map(normalize)).size !== q.options.length) return 'options-not-distinct';
  for (const text of [q.stem, ...q.options]) {
    const syntax = leftoverSyntax(text);
    if (syntax) return syntax;
  }
  const answer = q.options[q.answers[0] ?? 0] ?? '';
  const kinds = new Set(q.options.map(optionKind));
  if (kinds.size > 1) return 'options-mixed-types';
  const longestWrong = Math.max(...q.options.filter((o) => o !== answer).map((o) => o.length));
  if (answer.length > 30 && answer.length > longestWrong * 2.2) return 'answer-stands-out';
  if (q.stem.length < LIMITS.minStem) return 'stem-too-short';
  if (q.stem.length > LIMITS.maxStem) return 'stem-too-long';
  if (needsMissingContext(q.stem)) return 'missing-context';
  if (q.answers.some((i) => answerInStem(q.stem, q.options[i] ?? '', input.answerForms, input.acronymInStem))) return 'answer-in-stem';
  if (initialsGiveaway(q.stem, q.options)) return 'initials-giveaway';
  if (q.answers.length === 1 && keyWordOnlyInStem(q.stem, q.options, q.answers[0] ?? 0)) return 'answer-in-stem';
  if (q.answers.length === 1 && keySpelledInStem(q.stem, q.options[q.answers[0] ?? 0] ?? '')) return 'initials-giveaway';
  if (!quotesSource(q.explanation, input.passage, section)) return 'explanation-unquoted';
  return undefined;
}

/** A gate for one generation run: the single-question rules plus "no two questions with the same stem and answer". */
export function createGate(): { admit(input: GateInput): RejectReason | undefined } {
  const seen = new Set<string>();
  return {
    admit(input) {
      const verdict = checkQuestion(input);
      if (verdict) return verdict;
      const q = input.question;
      const key = `${normalize(q.stem)}\u0000${q.answers.map((i) => normalize(q.options[i] ?? '')).join('\u0000')}`;
      if (seen.has(key)) return 'duplicate';
      seen.add(key);
      return undefined;
    },
  };
}

/**
 * How good a question that passed the gate is, 0–1. The generator's prior comes from a blind review of each
 * generator's output (numbers and tables held up best, then term lists, glossary and sibling sections); the rest
 * is what a reader notices: an answer that stands out by length, a stem too short to name its subject or too long
 * to read aloud, and having had no choice of distractors.
 */
export function qualityOf(q: Question, distractorChoices: number, penalty = 0): number {
  const prior: Record<string, number> = { number: 0.9, table: 0.85, 'term-list': 0.8, glossary: 0.75, siblings: 0.7 };
  let score = prior[q.kind] ?? 0.7;
  const answer = q.options[q.answers[0] ?? 0] ?? '';
  const wrong = q.options.filter((_, i) => !q.answers.includes(i)).map((o) => o.length).sort((a, b) => a - b);
  const median = wrong[Math.floor(wrong.length / 2)] ?? answer.length;
  const ratio = (answer.length + 4) / (median + 4);
  if (ratio > 1.6 || ratio < 0.6) score -= 0.1;
  if (q.stem.length < 30 || q.stem.length > 220) score -= 0.05;
  if (distractorChoices <= 3) score -= 0.05;
  return Math.max(0, Math.min(1, Number((score - penalty).toFixed(3))));
}

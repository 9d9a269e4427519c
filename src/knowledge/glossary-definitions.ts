import type { PhrasingContent } from 'mdast';
import { inlineText, oneLine } from './markdown.ts';

// Definitions written as `Term: definition`, `**Term** – definition` or `**Term**: definition` (list items or lines of
// their own), and `Term` / `: definition` definition lists. Conservative on purpose: a term is a short name, not a
// label ("Note", "Exam tip", "Function") or a clause; a definition is a phrase of a few words, not a value.

/** Bold or italic text at the start of a line is the strongest sign of a term; these mark it in plain text. */
const OPEN = '\u0001';
const CLOSE = '\u0002';
/** Inline code is marked too: a colon inside `Condition: Name` separates nothing. */
const CODE_OPEN = '\u0003';
const CODE_CLOSE = '\u0004';
const MARKERS = /[\u0001-\u0004]/g;

const MAX_TERM_WORDS = 5;
const MAX_TERM_CHARS = 50;
/** A definition longer than this is cut at a sentence end: /define shows a definition, not a section. */
const MAX_MEANING_CHARS = 400;

/** Words a name never starts with: articles, pronouns, conjunctions, prepositions, question words. */
const NOT_A_START = new Set(
  ('the a an this that these those it its they there here we you i he she if when whenever while then so but and or ' +
    'because since also in on at for to from by with as of after before during once only just not no yes why how what ' +
    'which who whom where both each some most many more less very much next finally remember eg ie e.g i.e different ' +
    'unlike similar')
    .split(' '),
);
/** Words a name never contains: verbs of a clause, pronouns, negations. */
const NOT_IN_A_NAME = new Set(
  ("is are was were be been being am isn't aren't wasn't weren't has have had hasn't haven't do does did don't doesn't " +
    "didn't can can't cannot could couldn't will won't would wouldn't shall should shouldn't may might must i we you he " +
    "she they me us them my our your his her their it its it's this these those that which who there here not very also " +
    "just only really vs versus that's there's what's here's let's")
    .split(' '),
);
/** Words a name never ends with: `Made of:`, `Found in:`, `Used for:` introduce a value. */
const NOT_AN_END = new Set('of in on at for to from by with as and or the a an into than'.split(' '));

/** Labels: words that introduce a remark or an attribute, not a thing being defined. */
const LABELS = new Set(
  [
    'note', 'notes', 'nb', 'ps', 'tip', 'tips', 'hint', 'hints', 'example', 'examples', 'eg', 'ie', 'ex', 'e g', 'i e',
    'remember', 'important', 'warning', 'caution', 'careful', 'key point', 'key points', 'summary', 'tldr', 'tl dr',
    'conclusion', 'answer', 'answers', 'question', 'questions', 'q', 'a', 'definition', 'meaning', 'explanation',
    'pros', 'cons', 'pro', 'con', 'advantage', 'advantages', 'disadvantage', 'disadvantages', 'benefit', 'benefits',
    'drawback', 'drawbacks', 'downside', 'downsides', 'upside', 'upsides', 'limitation', 'limitations',
    'use case', 'use cases', 'usage', 'use', 'uses', 'purpose', 'goal', 'goals', 'aim', 'aims', 'objective', 'objectives',
    'function', 'functions', 'role', 'roles', 'job', 'location', 'site', 'structure', 'size', 'shape', 'feature', 'features',
    'property', 'properties', 'characteristics', 'product', 'products', 'input', 'inputs', 'output', 'outputs', 'result',
    'results', 'outcome', 'outcomes', 'effect', 'effects', 'cause', 'causes', 'reason', 'reasons', 'evidence', 'source',
    'sources', 'reference', 'references', 'see also', 'link', 'links', 'url', 'mnemonic', 'formula', 'equation', 'unit',
    'units', 'default', 'defaults', 'syntax', 'command', 'commands', 'cost', 'costs', 'price', 'pricing', 'duration',
    'time', 'limit', 'limits', 'max', 'min', 'maximum', 'minimum', 'total', 'overview', 'intro', 'introduction',
    'background', 'context', 'todo', 'to do', 'status', 'update', 'edit', 'fun fact', 'aside', 'misc', 'bonus',
    'homework', 'reading', 'exam', 'test', 'quiz', 'faq', 'key words', 'keywords', 'key terms', 'vocabulary', 'glossary',
    'topics', 'contents', 'history', 'trick', 'gotcha', 'rule', 'rule of thumb', 'recap', 'review', 'idea', 'main idea',
    'big idea', 'solution', 'problem', 'diagram', 'figure', 'type', 'types', 'kind', 'kinds', 'category', 'categories',
    'method', 'steps', 'stages', 'phases', 'yield', 'options', 'other', 'others', 'extra', 'alternative', 'alternatives',
    'rules', 'description', 'details',
  ],
);
/** Last words that make any phrase a label: `Exam tip`, `Side note`, `Common mistakes`, `Policy description`. */
const LABEL_ENDS =
  /\b(tips?|notes?|examples?|reminders?|warnings?|takeaways?|summary|questions?|answers?|hints?|mnemonics?|recap|traps?|caveats?|mistakes?|facts?|descriptions?|overview|explanations?|details|info|information|advantages?|disadvantages?|benefits?|pros|cons|drawbacks?|limitations?|features|use ?cases?|best practices)$/;
/** First words that make any phrase a label: `Example flow`, `Exam board`, `Important point`. */
const LABEL_STARTS = /^(examples?|notes?|exam|tips?|hints?|reminders?|important|warnings?|caution)\b/;
/** A label with a number: `Step 1`, `Part 2b`, `Question 3`, `Lecture IV`. */
const NUMBERED_LABEL =
  /^(step|part|stage|phase|round|level|question|q|answer|a|day|week|lesson|chapter|section|unit|lecture|page|p|exercise|task|problem|example|ex|figure|fig|table|option|case|scenario|lab|session|module)\s*([0-9]+|[ivx]+)[a-z]?$/;

export interface WrittenDefinition {
  term: string;
  meaning: string;
  /** Whether the term was bold or italic: the author marked it as a term. */
  emphasised: boolean;
}

/** Inline content as plain text, with leading bold/italic marked so the term of `**Term** – …` can be told apart. */
export function markedText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'strong' || node.type === 'emphasis') return `${OPEN}${inlineText(node.children)}${CLOSE}`;
      if (node.type === 'inlineCode') return `${CODE_OPEN}${node.value}${CODE_CLOSE}`;
      return inlineText([node]);
    })
    .join('');
}

const unmark = (text: string) => text.replace(MARKERS, '');

/** A trailing parenthesis names or dates the term (`Induced fit (Koshland, 1958)`, `G1 (gap 1)`): not part of it. */
const withoutAside = (term: string) => term.replace(/\s*\([^()]*\)$/, '').trim();

/**
 * Splits one line (or one list item) written as a definition: `Term: …`, `Term – …`, `**Term** – …`, `**Term**: …`,
 * `**Term:** …`, `**Term** (aside) – …`. A plain term takes a colon or an en/em dash; a bold one also a hyphen.
 * Null when the line is not a definition.
 */
export function splitDefinition(line: string): WrittenDefinition | null {
  const text = line.trim();
  let term: string;
  let rest: string;
  const marked = new RegExp(`^${OPEN}([^${OPEN}${CLOSE}]+)${CLOSE}(.*)$`, 's').exec(text);
  if (marked) {
    term = (marked[1] ?? '').trim();
    rest = (marked[2] ?? '').replace(/^\s*\([^()]*\)/, '');
    const inside = /^(.*?)\s*[:–—]$/.exec(term);
    if (inside) {
      term = inside[1] ?? '';
      if (!/^\s+\S/.test(rest)) return null;
    } else {
      const sep = /^\s*(?::|[-–—])\s+/.exec(rest);
      if (!sep) return null;
      rest = rest.slice(sep[0].length);
    }
  } else {
    // The first colon or spaced dash outside code; a dash inside a word (`Enzyme–substrate complex`) is part of the term.
    const hidden = text.replace(/\u0003[^\u0004]*\u0004?/g, (code) => '\u0003'.repeat(code.length));
    const sep = /\s*:\s+|\s+[–—]\s+/.exec(hidden);
    if (!sep || sep.index === 0) return null;
    term = text.slice(0, sep.index);
    rest = text.slice(sep.index + sep[0].length);
  }
  term = withoutAside(unmark(term));
  const meaning = oneLine(unmark(rest));
  return isTermLike(term) ? { term, meaning, emphasised: marked !== null } : null;
}

/** A short name-like phrase: 1–5 words, no sentence punctuation, not a label, not the start of a clause. */
export function isTermLike(written: string): boolean {
  const term = written.replace(/[‘’]/g, "'");
  const words = term.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > MAX_TERM_WORDS || term.length > MAX_TERM_CHARS) return false;
  if (!/\p{L}/u.test(term) || /[.,;:!?"“”„…=→←<>|[\]{}()*_`#@\\]|\s[-–—]\s/.test(term)) return false;
  // A date (`Nov 2017`, `Update 2021`) heads a remark, not a definition.
  if (/\b(1[89]|20)\d\d\b/.test(term)) return false;
  const lower = words.map((w) => w.toLowerCase());
  const start = lower[0] ?? '';
  if (NOT_A_START.has(start) || NOT_A_START.has(start.split("'")[0] ?? '') || NOT_AN_END.has(lower.at(-1) ?? '')) return false;
  // An acronym written in capitals (`US`, `IT`) is a name, not the pronoun.
  if (words.some((w, i) => NOT_IN_A_NAME.has(lower[i] ?? '') && !/^\p{Lu}{2,}$/u.test(w))) return false;
  // An article inside the phrase makes it a clause (`Surrounded by the nuclear envelope`); `Vitamin A` keeps its capital.
  if (words.slice(1).some((w) => w === 'a' || w === 'an' || /^the$/i.test(w))) return false;
  // Four or more lowercase words read as a clause ("cells divide very fast"), not a name.
  if (words.length >= 4 && words.every((w) => /^\p{Ll}/u.test(w))) return false;
  return !isLabel(lower.join(' '));
}

function isLabel(lowerTerm: string): boolean {
  const key = lowerTerm.replace(/[-–—/']+/g, ' ').replace(/\s+/g, ' ').trim();
  return LABELS.has(key) || LABEL_ENDS.test(key) || LABEL_STARTS.test(key) || NUMBERED_LABEL.test(key);
}

/**
 * A definition worth keeping: at least `minWords` words besides asides in parentheses; not a value (`2 ATP per
 * glucose`, `$0.10`), a pointer (`see below`), a condition (`if …`), a question, an introduction to a list
 * (`three kinds:`), a flow or mapping (`start → stop`, `EC2 = instance storage`) or a bare enumeration (`S3, Redshift, OpenSearch`).
 */
export function isMeaning(meaning: string, minWords: number): boolean {
  const text = oneLine(meaning);
  const bare = text.replace(/\([^()]*\)/g, ' ');
  if (wordsOf(bare).length < minWords) return false;
  if (/^[~≈<>≤≥±+−$€£]?\s*\d/.test(text) || /^[-–—*•|,;.:]/.test(text) || /[:…?]$/.test(text)) return false;
  if (/^(see|cf\b|https?:|www\.|if|unless|because|but|so|and|or)\b/i.test(text)) return false;
  const firstClause = bare.split(/[,;]/)[0] ?? '';
  if (/→|->|=>|⇒|\s=\s/.test(firstClause)) return false;
  // An enumeration: (nearly) every comma-separated part is one or two words.
  const parts = bare.split(/,|;|\s\/\s|\bor\b|\betc\b\.?/).map(wordsOf).filter((p) => p.length > 0);
  return parts.length < 2 || parts.filter((p) => p.length <= 2).length / parts.length < 0.75;
}

const wordsOf = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w));

/** A long definition is cut at its last sentence end within the limit (or a word boundary, with an ellipsis). */
export function clipMeaning(meaning: string): string {
  const text = oneLine(meaning);
  if (text.length <= MAX_MEANING_CHARS) return text;
  const head = text.slice(0, MAX_MEANING_CHARS);
  const sentence = head.search(/[.!?](?=\s[^.!?]*$)/);
  if (sentence > MAX_MEANING_CHARS / 2) return head.slice(0, sentence + 1);
  return `${head.slice(0, head.lastIndexOf(' ')).trimEnd()}…`;
}

export interface LineDefinition extends WrittenDefinition {
  /** 0-based line within the paragraph where the definition starts. */
  offset: number;
  /** `list` for a `Term` / `: definition` pair (a definition list), `inline` for a `Term: definition` line. */
  form: 'list' | 'inline';
}

/**
 * Definitions in a paragraph's lines (marked text). The first line may start one; after a definition, each line
 * either starts the next or continues the definition (a wrapped line). Once a line reads as prose, the rest of the
 * paragraph is prose: a sentence that happens to contain a colon further down is not a glossary.
 */
export function definitionsInLines(marked: string): LineDefinition[] {
  const lines = marked.split('\n');
  const found: LineDefinition[] = [];
  let current: LineDefinition | null = null;
  let open = true;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const next = (lines[i + 1] ?? '').trim();
    if (open && /^:\s+\S/.test(next) && !/[:–—]/.test(unmark(line)) && isTermLike(withoutAside(unmark(line)))) {
      const emphasised = line.startsWith(OPEN);
      current = { term: withoutAside(unmark(line)), meaning: unmark(next.replace(/^:\s+/, '')), emphasised, offset: i, form: 'list' };
      found.push(current);
      i++;
      continue;
    }
    const split = open ? splitDefinition(line) : null;
    if (split) {
      current = { ...split, offset: i, form: 'inline' };
      found.push(current);
      continue;
    }
    if (current && line) {
      current.meaning = `${current.meaning} ${unmark(line)}`;
      continue;
    }
    open = false;
  }
  // A lone plain `Word: several sentences` line is a paragraph with a lead-in ("Total yield: older books say …").
  if (found.length === 1 && found[0]?.form === 'inline' && !found[0].emphasised && /[.!?]\s+\p{Lu}/u.test(found[0].meaning)) return [];
  return found;
}

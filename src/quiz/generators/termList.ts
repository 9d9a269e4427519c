import type { ListItem, PhrasingContent } from 'mdast';
import type { Section } from '../../knowledge/types.ts';
import { fileLine, findLists, itemParagraph, plain } from './mdast.ts';
import { cleanLabel, collapse, containsWords, maskTerms, normalize, rankBySimilarity, wordCount } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

export interface TermItem {
  term: string;
  definition: string;
  /** The item as written (plain text), quoted in the explanation. */
  text: string;
  line: number;
}

/** Separators between a term and its definition, in the order they are tried. */
const SEPARATORS = [' → ', '→', ' -> ', ' => ', ' – ', ' — ', ' - ', ' = ', ': '];

/** Terms that label a property rather than name a thing ("Example: …", "Note: …"). */
const NOT_A_TERM =
  /^(e\.?g\.?|ex|example|examples|note|notes|tip|exam (tip|trick|hook|focus)|see|url|link|why|how|when|what|i|you|we|it|they|this|that|if|otherwise|alternatively|default|result|use ?cases?|pros|cons|benefits?|downsides?|advantages?|disadvantages?|goal|purpose|on request|key difference|when to use|others?)$/i;

function validTerm(term: string, separator: string): boolean {
  if (term.length < 2 || term.length > 50 || wordCount(term) > 6) return false;
  if (!/[A-Za-z]/.test(term) || /[.,;!?]/.test(term) || /^[a-z]+ [a-z]+ [a-z]+ /.test(term)) return false;
  if (/https?:|\[|\]/.test(term)) return false;
  // "Network Load Balancer (v2 - new generation - 2017)" splits inside its parentheses.
  if ((term.match(/\(/g) ?? []).length !== (term.match(/\)/g) ?? []).length) return false;
  // Arrows also write cause → effect ("Fewer API calls → lower cost"); only a name-like left side is a term.
  // One token ("binpack → pack tasks tightly") or a capitalised name is fine; "Fewer API calls" is a clause.
  const words = term.split(/\s+/);
  if (/→|->|=>/.test(separator) && words.length > 1 && !words.every((w) => /^[^a-z]/.test(w) || /^(and|or|of|for|to|in|on|the|a)$/.test(w))) return false;
  return !NOT_A_TERM.test(term);
}

function validDefinition(def: string): boolean {
  return def.length >= 4 && def.length <= 200 && /[A-Za-z]{3}/.test(def) && !/^https?:/.test(def);
}

/** Splits "Term - definition", "**Term**: definition", "Term → definition" items; undefined for anything else. */
export function splitTermItem(item: ListItem, section: Section): TermItem | undefined {
  const para = itemParagraph(item);
  if (!para) return undefined;
  const text = plain(para);
  const line = fileLine(section, item);
  const first = para.children[0] as PhrasingContent | undefined;
  if (first && first.type === 'strong') {
    const term = cleanLabel(plain(first));
    const rest = collapse(plain(para.children.slice(1))).replace(/^[:\-–—→=>\s]+/, '');
    if (rest.length > 0 && validTerm(term, ':') && validDefinition(rest)) return { term, definition: rest, text, line };
    return undefined;
  }
  let best: { at: number; sep: string } | undefined;
  for (const sep of SEPARATORS) {
    const at = text.indexOf(sep);
    if (at > 0 && (!best || at < best.at)) best = { at, sep };
  }
  if (!best) return undefined;
  const term = cleanLabel(text.slice(0, best.at));
  const definition = collapse(text.slice(best.at + best.sep.length)).replace(/^[-–—:]\s+/, '');
  if (!validTerm(term, best.sep) || !validDefinition(definition)) return undefined;
  return { term, definition, text, line };
}

/** Context words for a stem: what introduces the list, prefixed with the section when it is too short alone. */
function contextLabel(section: Section, lead: string | undefined): string {
  const title = cleanLabel(section.matchTitle);
  // A question as a label ("Which host is right for me?") reads badly before another question.
  if (title.endsWith('?')) return contextLabel({ ...section, matchTitle: section.headingPath.at(-2) ?? 'In the notes' }, lead);
  if (!lead) return title;
  const l = cleanLabel(lead);
  if (l.length === 0 || l.length > 70) return title;
  if (wordCount(l) <= 2 && normalize(l) !== normalize(title) && !normalize(l).includes(normalize(title))) return `${title} – ${l}`;
  return l;
}

export const termListGenerator: Generator = {
  name: 'term-list',
  generate(ctx: GeneratorContext): Draft[] {
    const drafts: Draft[] = [];
    for (const section of ctx.kb.sections) {
      if (!section.searchable) continue;
      for (const { list, lead } of findLists(ctx.bodies.get(section))) {
        const items = list.children.map((item) => splitTermItem(item, section));
        const terms = items.filter((t): t is TermItem => t !== undefined);
        // Most items must be terms: a list mixing a few "Label: value" lines into prose is not a glossary.
        if (terms.length < 3 || terms.length / items.length < 0.7) continue;
        // Repeated terms or definitions would make two options right.
        if (new Set(terms.map((t) => normalize(t.term))).size !== terms.length) continue;
        const label = contextLabel(section, lead);
        for (const t of terms) {
          const others = terms.filter((o) => o !== t);
          const masked = maskTerms(t.definition, [t.term]);
          // "Compression: optional" beside "Encryption: optional": a shared or one-word definition names no single term.
          const sharedDefinition = others.some((o) => normalize(o.definition) === normalize(t.definition));
          // "Volumes: EC2 = instance storage, Fargate = ephemeral" names other terms of the list: which one is "it"?
          const namesOthers = others.some((o) => containsWords(t.definition, o.term));
          // "random → random placement" masks down to "___ placement": nothing left to recognise.
          const leftOver = masked.replace(/___/g, ' ').replace(/[^A-Za-z0-9]+/g, ' ').trim();
          if (!sharedDefinition && !namesOthers && wordCount(t.definition) >= 2 && wordCount(leftOver) >= 2 && leftOver.length >= 10) drafts.push({
            kind: 'term-list',
            section,
            line: t.line,
            stem: `${label}: which one is described as "${masked}"?`,
            answer: t.term,
            distractors: rankBySimilarity(t.term, others.map((o) => o.term)),
            passage: t.text,
          });
          if (!sharedDefinition) drafts.push({
            kind: 'term-list',
            section,
            line: t.line,
            stem: `${label}: which description fits ${t.term}?`,
            answer: t.definition,
            distractors: rankBySimilarity(t.definition, others.map((o) => o.definition)),
            passage: t.text,
          });
        }
      }
    }
    return drafts;
  },
};

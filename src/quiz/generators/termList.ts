import type { ListItem, PhrasingContent } from 'mdast';
import type { Section } from '../../knowledge/types.ts';
import { fileLine, findLists, itemParagraph, plain } from './mdast.ts';
import { contextFor, kindNoun, namesIn } from './subject.ts';
import { commonVocabulary, EXAMPLE, isOneFamily, LOOSE_FAMILY_PENALTY, overlapping, termShape } from './family.ts';
import { cleanLabel, collapse, containsWords, maskTerms, normalize, rankBySimilarity, withoutParens, wordCount } from './text.ts';
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
  return def.length >= 4 && def.length <= 200 && /[A-Za-z]{3}/.test(def) && !/^https?:/.test(def) && !EXAMPLE.test(def);
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







/**
 * The stem for one item: the kind of thing the list names, and the subject it belongs to, in one sentence.
 * "Which load balancer is described as "Layer 7 …"?"; "In AWS CloudFormation, which capability is …";
 * without a plural label to name the kind: "In CloudWatch Logs, which term is described as …".
 */
export function termStem(ctx: GeneratorContext, section: Section, lead: string | undefined, described: string): string | undefined {
  const names = namesIn(ctx.kb.sections);
  const fromLead = lead ? kindNoun(lead, names) : undefined;
  const kind = fromLead ?? kindNoun(section.matchTitle, names);
  const parent = section.parentId ? ctx.kb.byId.get(section.parentId) : undefined;
  // A kind taken from the section's own title needs the subject above it ("Capabilities" of CloudFormation).
  const context = fromLead || !kind ? contextFor(section, ctx.kb.byId, kind) : parent ? contextFor(parent, ctx.kb.byId, kind) : undefined;
  const where = context ? `In ${context}, which` : 'Which';
  if (!kind && !context) return undefined;
  return `${where} ${kind ?? 'term'} is described as "${described}"?`;
}

export const termListGenerator: Generator = {
  name: 'term-list',
  generate(ctx: GeneratorContext): Draft[] {
    const drafts: Draft[] = [];
    for (const section of ctx.kb.sections) {
      if (!section.searchable) continue;
      for (const { list, lead } of findLists(ctx.bodies.get(section))) {
        const items = list.children.map((item) => splitTermItem(item, section)).filter((t) => !t || !ctx.isWrong?.(section.file, t.text));
        const all = items.filter((t): t is TermItem => t !== undefined);
        // Most items must be terms: a list mixing a few "Label: value" lines into prose is not a glossary.
        if (all.length < 4 || all.length / items.length < 0.7) continue;
        // Repeated terms or definitions would make two options right.
        if (new Set(all.map((t) => normalize(t.term))).size !== all.length) continue;
        if (new Set(all.map((t) => normalize(t.definition))).size !== all.length) continue;
        // Options must look alike: only the list's dominant shape is asked about, and offered.
        const shapes = new Map<string, TermItem[]>();
        for (const t of all) shapes.set(termShape(t.term), [...(shapes.get(termShape(t.term)) ?? []), t]);
        const terms = [...shapes.values()].sort((a, b) => b.length - a.length)[0] ?? [];
        if (terms.length < 4 || terms.length / all.length < 0.75) continue;
        // A list is one family of things only when its terms say so: codes of one scheme, or names sharing a head
        // word ("Weighted routing policy", "Simple routing policy"). Otherwise it may mix kinds ("Log Groups",
        // "Encryption", "Querying"), and its questions are marked down below the pool's bar.
        const penalty = isOneFamily(terms.map((t) => t.term), terms.map((t) => t.definition)) ? 0 : LOOSE_FAMILY_PENALTY;
        const common = commonVocabulary(terms.map((t) => t.definition));
        for (const t of terms) {
          const others = terms.filter((o) => o !== t);
          const masked = maskTerms(t.definition, terms.map((o) => o.term));
          // "Volumes: EC2 = instance storage, Fargate = ephemeral" names other terms of the list: which one is "it"?
          if (others.some((o) => containsWords(t.definition, o.term)) || masked.includes('___')) continue;
          // "increase instance count" beside "reduce/increase instances": two items saying nearly the same thing
          // make either answer defensible.
          if (others.some((o) => overlapping(t.definition, o.definition, common))) continue;
          // "random → random placement" masks down to "___ placement": nothing left to recognise.
          const leftOver = masked.replace(/___/g, ' ').replace(/[^A-Za-z0-9]+/g, ' ').trim();
          if (wordCount(leftOver) < 2 || leftOver.length < 10 || /…|\.\.\.$/.test(t.definition)) continue;
          const stem = termStem(ctx, section, lead, masked.replace(/[.;,]$/, ''));
          if (!stem) continue;
          drafts.push({
            kind: 'term-list',
            section,
            fact: `term:${section.file}:${normalize(withoutParens(t.term))}`,
            line: t.line,
            stem,
            answer: t.term,
            distractors: rankBySimilarity(t.term, others.map((o) => o.term)),
            passage: t.text,
            penalty,
          });
        }
      }
    }
    return drafts;
  },
};

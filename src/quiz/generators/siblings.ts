import type { Section } from '../../knowledge/types.ts';
import { fileLine, plain } from './mdast.ts';
import { kindNoun, namesIn, isStructural } from './subject.ts';
import { collapse, containsWords, maskTerms, normalize, normWords, parens, rankBySimilarity, wordCount, withoutParens } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

/** A sibling title usable as an option: a short name, not a question, comparison or organising heading. */
export function isNameLike(title: string): boolean {
  const t = collapse(title).replace(/:$/, '');
  if (t.length === 0 || t.length > 60 || wordCount(withoutParens(t)) > 6) return false;
  if (/[?!]/.test(t) || /\b(vs\.?|versus)\b/i.test(t) || /\s[-–—]{1,2}\s|[:›>]/.test(t)) return false;
  if (/^(what|why|how|when|which|where|who|is|are|can|do|does)\b/i.test(t)) return false;
  return !isStructural(t);
}

/** The option text for a heading: no trailing colon or parenthetical aside. */
export function optionName(title: string): string {
  return withoutParens(collapse(title).replace(/:$/, '')).replace(/[.:]$/, '');
}

/**
 * The largest group of same-type children: names sharing a first word or a last word ("… Instances"), or — when
 * every child is a short name — all of them. Undefined when the children are not one family of names.
 */
export function familyOf(children: readonly Section[]): Section[] | undefined {
  const named = children.filter((c) => isNameLike(c.matchTitle));
  if (named.length < 4 || named.length / children.length < 0.75) return undefined;
  const groups = new Map<string, Section[]>();
  for (const c of named) {
    const words = normWords(optionName(c.matchTitle));
    if (words.length < 2) continue;
    for (const k of [`first:${words[0]}`, `last:${words[words.length - 1]}`]) groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  let best: Section[] | undefined;
  for (const members of groups.values()) if (!best || members.length > best.length) best = members;
  if (best && best.length >= 4 && best.length / named.length >= 0.7) return best;
  if (named.length === children.length && named.every((c) => wordCount(optionName(c.matchTitle)) <= 3)) return named;
  return undefined;
}

/** Words too common to identify anything ("IAM Guidelines and Best Practices" must not mask "and"). */
const MINOR_WORDS = new Set(['and', 'the', 'for', 'with', 'from', 'into', 'your', 'what', 'how', 'why', 'its', 'are', 'use', 'using']);

/** Words that name the answer and must be masked in its description. */
function namesOf(section: Section, family: readonly Section[]): string[] {
  const title = collapse(section.matchTitle).replace(/:$/, '');
  const name = optionName(title);
  const names = [title, name, ...parens(title).filter((p) => !/^(deprecated|v\d|new|legacy)/i.test(p))];
  // A first word every member shares ("Amazon …", "kube-…") does not identify one: the rest of the name does.
  const firsts = new Set(family.map((s) => normWords(optionName(s.matchTitle))[0]));
  const bare = firsts.size === 1 ? name.split(/\s+/).slice(1).join(' ') : name;
  if (bare.length > 0) names.push(bare);
  // Words of the name no sibling shares ("Spot" in "Spot Instances") identify it on their own.
  const shared = new Set(family.filter((s) => s !== section).flatMap((s) => normWords(optionName(s.matchTitle))));
  for (const w of bare.split(/[\s/]+/)) {
    const n = normWords(w)[0];
    if (n && n.length >= 3 && !shared.has(n) && !MINOR_WORDS.has(n) && /[A-Za-z]/.test(w)) names.push(w.replace(/[^\w@.-]/g, ''));
  }
  return names;
}

/** "Lambda – Async Invocations – Services" beside "Lambda – Async Invocations": one name extends the other, too close to call. */
function extendsName(a: Section, b: Section): boolean {
  const x = normalize(optionName(a.matchTitle));
  const y = normalize(optionName(b.matchTitle));
  return x.startsWith(`${y} `) || y.startsWith(`${x} `);
}

/** The opening of a section's own body, as a plain-text description (list items joined by "; "). */
function description(ctx: GeneratorContext, section: Section): { text: string; line: number } | undefined {
  const root = ctx.bodies.get(section);
  const parts: string[] = [];
  let line: number | undefined;
  for (const node of root.children) {
    if (node.type === 'paragraph') {
      // A paragraph that is only a link ("[Source](…)") says nothing about the section.
      if (node.children.every((c) => c.type === 'link' || (c.type === 'text' && c.value.trim() === ''))) continue;
      const text = plain(node);
      if (text.length === 0) continue;
      line ??= fileLine(section, node);
      parts.push(text.replace(/[.;:]?$/, '.'));
    } else if (node.type === 'list') {
      // Only the items' own lines, and only up to the first item with nested content, so the quote stays contiguous.
      let complete = true;
      for (const item of node.children) {
        const first = item.children[0];
        const text = first && first.type === 'paragraph' ? plain(first) : '';
        if (text.length === 0 || /:$/.test(text)) {
          complete = false;
          break;
        }
        line ??= fileLine(section, item);
        parts.push(text.replace(/[.;:]?$/, ';'));
        if (item.children.length > 1) {
          complete = false;
          break;
        }
        if (parts.join(' ').length > 160) break;
      }
      if (!complete) break;
    } else if (node.type === 'heading' || node.type === 'table' || node.type === 'code') {
      break;
    }
    if (parts.join(' ').length > 160) break;
  }
  if (line === undefined || parts.length === 0) return undefined;
  const text = parts.join(' ').replace(/;$/, '.');
  // A quote is whole or not at all: a description cut off mid-sentence reads as debris.
  if (text.length > 260 || /…|\.\.\./.test(text)) return undefined;
  return { text, line };
}

export const siblingsGenerator: Generator = {
  name: 'siblings',
  generate(ctx: GeneratorContext): Draft[] {
    const children = new Map<string, Section[]>();
    for (const s of ctx.kb.sections) {
      if (!s.searchable || !s.parentId) continue;
      children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
    }
    const drafts: Draft[] = [];
    for (const [parentId, kids] of children) {
      const parent = ctx.kb.byId.get(parentId);
      const members = familyOf(kids);
      // The parent's title must say what kind of thing its children are ("Storage Classes"), or there is no
      // honest way to ask "which one": the options would just be the notes' headings.
      const kind = parent ? kindNoun(parent.matchTitle, namesIn(ctx.kb.sections)) : undefined;
      if (!members || !kind) continue;
      const memberNames = members.map((m) => optionName(m.matchTitle));
      if (memberNames.some((n) => containsWords(kind, n))) continue;
      for (const section of members) {
        const desc = description(ctx, section);
        if (!desc) continue;
        const names = namesOf(section, members);
        const masked = maskTerms(desc.text, names);
        // A description that is mostly the name, or too thin to tell members apart, makes no question.
        if (masked.replace(/___/g, '').trim().length < 60 || (masked.match(/___/g) ?? []).length > 2) continue;
        // A description naming a sibling ("unlike Standard, …") points at more than one option.
        const siblings = members.filter((s) => s !== section && !extendsName(s, section));
        if (siblings.some((s) => containsWords(desc.text, optionName(s.matchTitle)))) continue;
        drafts.push({
          kind: 'siblings',
          section,
          fact: `section:${section.id}`,
          line: desc.line,
          stem: `Which ${kind} matches this description: "${masked.replace(/[.;]$/, '')}"?`,
          answer: optionName(section.matchTitle),
          distractors: rankBySimilarity(optionName(section.matchTitle), siblings.map((s) => optionName(s.matchTitle))),
          passage: desc.text,
          answerForms: names,
        });
      }
    }
    return drafts;
  },
};

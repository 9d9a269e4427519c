import type { Section } from '../../knowledge/types.ts';
import { fileLine, plain } from './mdast.ts';
import { clip, collapse, containsWords, maskTerms, normalize, normWords, parens, rankBySimilarity, wordCount, withoutParens } from './text.ts';
import type { Draft, Generator, GeneratorContext } from './types.ts';

/** Headings that organise a topic rather than name one member of a family. */
const GENERIC_TITLE =
  /^(summary|overview|introduction|intro|examples?|notes?|good to know|exam (tips?|tricks?|focus)|tips?|use ?cases?|faq|limits?|pricing|security|best practices|architecture|hands[- ]on|conclusion|other|others|misc(ellaneous)?|goal|basics|components|key concepts|section introduction|final words.*|closing comments|.*\bsummary|.*\bhands[- ]on|.*\bcheat ?sheets?\b.*|.*\bcert(i)?fied\b.*|.*\bexam notes\b.*|.*[–-] notes)$/i;

const VENDOR = /^(Amazon|AWS)\b/;

/** A sibling title usable as an option: a short name, not a question, comparison or generic heading. */
export function isNameLike(title: string): boolean {
  const t = collapse(title).replace(/:$/, '');
  if (t.length === 0 || t.length > 60 || wordCount(withoutParens(t)) > 6) return false;
  if (/[?!]/.test(t) || /\b(vs\.?|versus)\b/i.test(t)) return false;
  if (/^(what|why|how|when|which|where|who|is|are|can|do|does)\b/i.test(t)) return false;
  const bare = withoutParens(t).replace(VENDOR, '').trim();
  // Vendor-prefixed groupings are not services: "AWS Serverless: DynamoDB", "AWS Security & Encryption", "AWS Best practices".
  const grouping = VENDOR.test(t) && (CATEGORY.test(bare) || /[:&]|\bservices$/i.test(bare));
  return !GENERIC_TITLE.test(withoutParens(t)) && !GENERIC_TITLE.test(bare) && !grouping;
}

/** Headings that group services rather than name one. */
const CATEGORY = /^(serverless|big data|divers|migration services|practice|other services|services|identity|databases?|storage|compute|networking|analytics|machine learning)$/i;

/** The option text for a heading: no trailing colon or parenthetical aside. */
export function optionName(title: string): string {
  return withoutParens(collapse(title).replace(/:$/, '')).replace(/[.:]$/, '');
}

interface Family {
  members: Section[];
  /** The members are AWS services ("Amazon X", "AWS Y"), so the stem can say so. */
  services: boolean;
}

/**
 * The largest group of same-type children: names sharing a vendor prefix, a first word or a last word
 * ("… Instances"), or — when nearly every child is a short name — all of them.
 */
export function familyOf(children: readonly Section[]): Family | undefined {
  const named = children.filter((c) => isNameLike(c.matchTitle));
  if (named.length < 4 || named.length / children.length < 0.6) return undefined;
  const groups = new Map<string, Section[]>();
  for (const c of named) {
    const name = optionName(c.matchTitle);
    const words = normWords(name);
    const keys = new Set<string>();
    if (VENDOR.test(name)) keys.add('vendor');
    if (words.length > 1) {
      keys.add(`first:${words[0]}`);
      keys.add(`last:${words[words.length - 1]}`);
    }
    for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  let best: [string, Section[]] | undefined;
  for (const entry of groups) if (!best || entry[1].length > best[1].length) best = entry;
  const services = best?.[0] === 'vendor';
  // "Which AWS service…" only offers services; otherwise a strong majority brings the other names along.
  if (best && best[1].length / named.length >= 0.7) return { members: services ? best[1] : named, services };
  if (best && best[1].length >= 4) return { members: best[1], services };
  if (named.length === children.length && named.every((c) => wordCount(optionName(c.matchTitle)) <= 3)) {
    return { members: named, services: false };
  }
  // Nearly all children are short names (a file's top-level topics): still one family of "which topic" answers.
  if (named.length >= 6 && named.length / children.length >= 0.85) return { members: named, services: false };
  return undefined;
}

/** Words too common to identify anything ("IAM Guidelines and Best Practices" must not mask "and"). */
const MINOR_WORDS = new Set(['and', 'the', 'for', 'with', 'from', 'into', 'your', 'what', 'how', 'why', 'its', 'are', 'use', 'using']);

/** Words that name the answer and must be masked in its description. */
function namesOf(section: Section, family: readonly Section[]): string[] {
  const title = collapse(section.matchTitle).replace(/:$/, '');
  const name = optionName(title);
  const names = [title, name, ...parens(title).filter((p) => !/^(deprecated|v\d|new|legacy)/i.test(p))];
  const bare = name.replace(VENDOR, '').trim();
  if (bare.length > 0) names.push(bare);
  // Words of the name no sibling shares ("Spot" in "Spot Instances") identify it on their own.
  const shared = new Set(family.filter((s) => s !== section).flatMap((s) => normWords(optionName(s.matchTitle))));
  for (const w of bare.split(/[\s/]+/)) {
    const n = normWords(w)[0];
    if (n && n.length >= 3 && !shared.has(n) && !MINOR_WORDS.has(n) && /[A-Za-z]/.test(w)) names.push(w.replace(/[^\w@.-]/g, ''));
  }
  return names;
}

/** A file's top heading as context: "⚡ Route 53 – Notes" → "Route 53"; a bare "AWS Notes" says nothing. */
function topicLabel(title: string): string {
  const t = collapse(title.replace(/^[^A-Za-z0-9]+/, '').replace(/\s*[–-]\s*notes$/i, ''));
  return /^(aws )?notes$/i.test(t) ? '' : t;
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
  return { text: clip(parts.join(' ').replace(/;$/, '.'), 240), line };
}

export const siblingsGenerator: Generator = {
  name: 'siblings',
  generate(ctx: GeneratorContext): Draft[] {
    // Children by parent; a file's top-level sections form one more family (often one service per heading).
    const children = new Map<string, Section[]>();
    for (const s of ctx.kb.sections) {
      if (!s.searchable) continue;
      const key = s.parentId ?? `root:${s.file}`;
      children.set(key, [...(children.get(key) ?? []), s]);
    }
    const drafts: Draft[] = [];
    for (const [parentId, kids] of children) {
      const parent = ctx.kb.byId.get(parentId);
      const family = familyOf(kids);
      if (!family) continue;
      // A parent titled after its members ("RDS, Aurora, ElastiCache") would name the answer in the stem.
      const memberNames = family.members.map((m) => optionName(m.matchTitle));
      const label = parent
        ? [optionName(parent.matchTitle), topicLabel(parent.headingPath[0] ?? '')].find(
            (l) => l.length > 0 && !memberNames.some((n) => containsWords(l, n)),
          )
        : undefined;
      for (const section of family.members) {
        const desc = description(ctx, section);
        if (!desc) continue;
        const names = namesOf(section, family.members);
        const masked = maskTerms(desc.text, names);
        // A description that is mostly the name, or too thin to tell members apart, makes no question.
        if (masked.replace(/___/g, '').trim().length < 60) continue;
        if ((masked.match(/___/g) ?? []).length > 3) continue;
        const stem = family.services
          ? `Which AWS service is described here? "${masked}"`
          : label
            ? `${label}: which one is described here? "${masked}"`
            : `Which topic of the notes is described here? "${masked}"`;
        drafts.push({
          kind: 'siblings',
          section,
          line: desc.line,
          stem,
          answer: optionName(section.matchTitle),
          distractors: rankBySimilarity(
            optionName(section.matchTitle),
            family.members.filter((s) => s !== section && !extendsName(s, section)).map((s) => optionName(s.matchTitle)),
          ),
          passage: desc.text,
          answerForms: names,
        });
      }
    }
    return drafts;
  },
};


import type { GlossaryEntry, KnowledgeBase, Section } from '../../src/knowledge/types.ts';

export interface SectionSpec {
  title: string;
  /** Markdown body; `text` is derived from it unless given. */
  markdown?: string;
  text?: string;
  parent?: string;
  searchable?: boolean;
  file?: string;
}

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Plain text of a small markdown body, close enough to what loadKnowledge produces for these fixtures. */
function plainText(markdown: string): string {
  return markdown
    .split('\n')
    .map((l) => l.replace(/^\s*([-*+]|\d+\.)\s+/, '').replace(/\*\*|`/g, '').replace(/^\|/, '').replace(/\|$/, ''))
    .join('\n');
}

export type GlossarySpec = Pick<GlossaryEntry, 'term' | 'meaning'> & Partial<Pick<GlossaryEntry, 'kind'>>;

/** A knowledge base from hand-written sections; parents are referenced by title. Glossary entries are abbreviations unless said. */
export function kbOf(specs: SectionSpec[], glossary: GlossarySpec[] = []): KnowledgeBase {
  const byTitle = new Map<string, Section>();
  const sections: Section[] = [];
  specs.forEach((spec, i) => {
    const file = spec.file ?? 'notes.md';
    const parent = spec.parent ? byTitle.get(spec.parent) : undefined;
    if (spec.parent && !parent) throw new Error(`fixture parent "${spec.parent}" must come before "${spec.title}"`);
    const markdown = spec.markdown ?? '';
    const section: Section = {
      id: `${file}#${slugOf(spec.title)}`,
      file,
      slug: slugOf(spec.title),
      title: spec.title,
      matchTitle: spec.title,
      headingPath: [...(parent?.headingPath ?? []), spec.title],
      level: (parent?.level ?? 0) + 1,
      parentId: parent?.id ?? null,
      startLine: i * 10 + 1,
      endLine: i * 10 + 9,
      markdown,
      text: spec.text ?? plainText(markdown),
      searchable: spec.searchable ?? true,
    };
    byTitle.set(spec.title, section);
    sections.push(section);
  });
  return {
    dir: '/fixture',
    files: [{ file: 'notes.md', bytes: 1, sections: sections.length }],
    sections,
    byId: new Map(sections.map((s) => [s.id, s])),
    glossary: glossary.map((g, i) => ({
      kind: 'abbreviation' as const,
      ...g,
      sectionId: sections[0]?.id ?? 'x',
      file: 'notes.md',
      line: i + 1,
      source: 'table' as const,
    })),
    warnings: [],
  };
}

/** Titles of the results of a search, or the outcome kind when there are none. */
export function titles(outcome: { kind: string; results?: Array<{ section: Section }> }): string[] {
  return outcome.kind === 'results' && outcome.results ? outcome.results.map((r) => r.section.title) : [outcome.kind];
}

/**
 * Checks that text is safe Discord markdown for our passages: `**` spans balanced, and every
 * markdown-special character outside them escaped. Returns the problems found.
 */
export function discordMarkdownProblems(passage: string): string[] {
  const problems: string[] = [];
  let bold = 0;
  for (let i = 0; i < passage.length; i++) {
    const c = passage[i] as string;
    if (c === '\\') {
      i++; // escaped character
      continue;
    }
    if (c === '*' && passage[i + 1] === '*') {
      bold++;
      i++;
      continue;
    }
    if ('*_~`|>#<[]'.includes(c)) problems.push(`unescaped ${c} at ${i}`);
  }
  if (bold % 2 !== 0) problems.push('unbalanced **');
  if (/\*\*\*\*/.test(passage)) problems.push('empty bold span');
  return problems;
}

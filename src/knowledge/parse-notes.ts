import { type Block, computeLineStarts, type Draft, type Item } from './blocks.ts';
import { renderBlocks } from './body-markdown.ts';
import { collectItems, dropTablesOfContents } from './collect-items.ts';
import { isAbbreviationTable } from './glossary-table.ts';
import { displayLines, isExternalUrl, missingImagesWarning } from './images.ts';
import { blockText, normalizeSource, parseMarkdown } from './markdown.ts';
import { draftText, splitLongSections } from './split-sections.ts';
import { createSlugger, matchTitleOf, titleFromFileName } from './titles.ts';
import type { KnowledgeWarning, Section } from './types.ts';

export { MAX_TITLE_CHARS, SPLIT_SECTION_CHARS } from './split-sections.ts';

export interface ParseNotesOptions {
  /**
   * Whether an image's target exists. parseNotes does no I/O, so without this every relative image counts as
   * missing (dropped from `markdown`, alt text kept); absolute URLs are always kept.
   */
  imageExists?: (url: string) => boolean;
}

export interface ParsedNotes {
  sections: Section[];
  warnings: KnowledgeWarning[];
}

/** Turns one notes file into sections (pure: no I/O). `file` is the `/`-separated path under the notes folder. */
export function parseNotes(file: string, source: string, options: ParseNotesOptions = {}): ParsedNotes {
  const src = normalizeSource(source);
  const tree = parseMarkdown(src);
  const lineStarts = computeLineStarts(src);
  const items: Item[] = [];
  collectItems(tree.children, { src, lineStarts, inDoctoc: false }, items);
  const cleaned = dropTablesOfContents(items);

  const warnings: KnowledgeWarning[] = [];
  const { lines, missing } = displayLines(src, cleaned, options.imageExists ?? isExternalUrl);
  if (missing.length > 0) warnings.push(missingImagesWarning(file, missing));

  const drafts = splitLongSections(toDrafts(file, cleaned));
  return { sections: toSections(file, drafts, lines), warnings };
}

function toDrafts(file: string, items: readonly Item[]): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  let lastLevel = 0;
  for (const item of items) {
    if (item.kind === 'mark') {
      const level = item.level ?? Math.min(6, lastLevel + 1);
      if (item.level !== null) lastLevel = item.level;
      current = { title: item.title, level, start: item.start, headingEnd: item.end, blocks: [], preamble: false, splitFrom: null };
      drafts.push(current);
      continue;
    }
    if (!current) {
      // Notes above the first heading (or a file without headings) still need a home: name it after the file.
      current = {
        title: titleFromFileName(file),
        level: 1,
        start: item.start,
        headingEnd: item.start - 1,
        blocks: [],
        preamble: true,
        splitFrom: null,
      };
      drafts.push(current);
    }
    current.blocks.push(item);
  }
  // `---` separators at the edges of a section only divide it from its neighbours.
  for (const draft of drafts) {
    while (draft.blocks[0]?.node.type === 'thematicBreak') draft.blocks.shift();
    while (draft.blocks.at(-1)?.node.type === 'thematicBreak') draft.blocks.pop();
  }
  // A preamble with nothing readable in it (only comments, a badge) is not worth a section.
  return drafts.filter((d) => !d.preamble || d.blocks.some((b) => blockText(b.node).join('').trim() !== ''));
}


function toSections(file: string, drafts: readonly Draft[], lines: readonly string[]): Section[] {
  const slugFor = createSlugger();
  const sections: Section[] = [];
  const byDraft = new Map<Draft, Section>();
  const stack: Section[] = [];
  for (const draft of drafts) {
    let parent: Section | null;
    if (draft.splitFrom) {
      parent = byDraft.get(draft.splitFrom) ?? null;
    } else if (draft.preamble) {
      parent = null;
    } else {
      while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= draft.level) stack.pop();
      parent = stack.at(-1) ?? null;
    }
    const slug = slugFor(draft.title);
    const lastBlock = draft.blocks.at(-1);
    const section: Section = {
      id: `${file}#${slug}`,
      file,
      slug,
      title: draft.title,
      matchTitle: matchTitleOf(draft.title),
      headingPath: [...(parent?.headingPath ?? []), draft.title],
      level: draft.level,
      parentId: parent?.id ?? null,
      startLine: draft.start,
      endLine: Math.max(draft.start, draft.headingEnd, lastBlock?.end ?? 0),
      markdown: renderBlocks(draft.blocks, lines),
      text: draftText(draft.blocks),
      searchable: !isAbbreviationsOnly(draft.blocks),
    };
    const firstBlock = draft.blocks[0];
    if (firstBlock) section.bodyStartLine = firstBlock.start;
    sections.push(section);
    byDraft.set(draft, section);
    if (!draft.splitFrom && !draft.preamble) stack.push(section);
  }
  return sections;
}

/** An abbreviations table is a source for the glossary, not an answer to show; a definitions table is both. */
function isAbbreviationsOnly(blocks: readonly Block[]): boolean {
  const tables = blocks.filter((b) => b.node.type === 'table' && isAbbreviationTable(b.node));
  if (tables.length === 0) return false;
  return blocks.every((b) => tables.includes(b) || blockText(b.node).join('').trim() === '');
}

import type { ListItem } from 'mdast';
import { type Block, type Draft, lineRange } from './blocks.ts';
import { blockText, inlineText, oneLine } from './markdown.ts';

/**
 * A section whose own plain text is longer than this, and whose body is mostly a bullet list, is split at its
 * top-level bullets that have children, so one generic heading over pages of bullets does not swallow every search.
 */
export const SPLIT_SECTION_CHARS = 3_000;
/** Titles longer than this (taken from a bullet's lead text) are cut at a word boundary. */
export const MAX_TITLE_CHARS = 80;

/**
 * Splits an over-long section at its top-level bullets that have children: each such bullet becomes a child
 * section titled by its lead text; everything else stays in the parent.
 */
export function splitLongSections(drafts: readonly Draft[]): Draft[] {
  return drafts.flatMap(splitDraft);
}

/** The draft followed by its parts (split again while a part is itself over-long). */
function splitDraft(draft: Draft): Draft[] {
  if (draftText(draft.blocks).length <= SPLIT_SECTION_CHARS || draft.level >= 7) return [draft];
  const kept: Block[] = [];
  const parts: Draft[] = [];
  for (const block of draft.blocks) {
    const items = block.node.type === 'list' ? block.node.children : block.node.type === 'listItem' ? [block.node] : null;
    if (!items || !items.some(isSplittable)) {
      kept.push(block);
      continue;
    }
    for (const item of items) {
      if (isSplittable(item)) parts.push(partFromItem(draft, item));
      else kept.push({ kind: 'block', node: item, ...lineRange(item) });
    }
  }
  if (parts.length < 2) return [draft];
  draft.blocks = kept;
  return [draft, ...parts.flatMap(splitDraft)];
}

function isSplittable(item: ListItem): boolean {
  return item.children[0]?.type === 'paragraph' && item.children.some((c) => c.type === 'list');
}

function partFromItem(parent: Draft, item: ListItem): Draft {
  const [lead, ...rest] = item.children;
  const full = lead?.type === 'paragraph' ? oneLine(inlineText(lead.children)) : '';
  const title = truncateTitle(full);
  // When the lead text had to be cut for the title, keep it whole in the body.
  const bodyNodes = title === full ? rest : item.children;
  const { start } = lineRange(item);
  return {
    title: title || parent.title,
    level: Math.min(7, parent.level + 1),
    start,
    headingEnd: title === full ? (lead ? lineRange(lead).end : start) : start - 1,
    blocks: bodyNodes.map((node) => ({ kind: 'block', node, ...lineRange(node) })),
    preamble: false,
    splitFrom: parent,
  };
}

function truncateTitle(text: string): string {
  if (text.length <= MAX_TITLE_CHARS) return text;
  const cut = text.slice(0, MAX_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Plain text of a section body. */
export function draftText(blocks: readonly Block[]): string {
  return blocks.flatMap((b) => blockText(b.node)).join('\n');
}

import type { List, ListItem, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { markdownToText } from '../../knowledge/markdown.ts';
import type { Section } from '../../knowledge/types.ts';
import { collapse } from './text.ts';

const TABLES = { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] };

/**
 * A section body re-parsed to find its lists and tables; positions are relative to `section.markdown`.
 * The table extension only runs on bodies with a table row: parsing is most of generation's time.
 */
export function parseBody(markdown: string): Root {
  return /^\s*\|/m.test(markdown) ? fromMarkdown(markdown, TABLES) : fromMarkdown(markdown);
}

/** Parsed bodies by section object: a reloaded knowledge base has new objects, so nothing stale is reused. */
const parsed = new WeakMap<Section, Root>();

/** Parses each section body once; later runs over the same knowledge base (another seed) reuse the trees. */
export class BodyCache {
  get(section: Section): Root {
    let root = parsed.get(section);
    if (!root) {
      root = parseBody(section.markdown);
      parsed.set(section, root);
    }
    return root;
  }
}

/** The 1-based file line of a body node: body line 1 is `bodyStartLine` (the line after the heading when absent). */
export function fileLine(section: Section, node: Nodes): number {
  const rel = node.position?.start.line ?? 1;
  return (section.bodyStartLine ?? section.startLine + 1) + rel - 1;
}

/** Plain text of a node: emphasis, links and code lose their syntax; images and HTML are dropped; whitespace collapsed. */
export function plain(node: Nodes | Nodes[]): string {
  const nodes = Array.isArray(node) ? node : [node];
  return collapse(nodes.map(textOf).join(' '));
}

function textOf(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
    case 'imageReference':
    case 'html':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';
  }
}

/** A list item's own text: its first paragraph, without nested lists. */
export function itemText(item: ListItem): string {
  const first = item.children[0];
  return first && first.type === 'paragraph' ? plain(first) : '';
}

export function itemParagraph(item: ListItem): Paragraph | undefined {
  const first = item.children[0];
  return first && first.type === 'paragraph' ? first : undefined;
}

export interface FoundList {
  list: List;
  /** What introduces the list: the owning list item's text, or a short paragraph just before it. */
  lead: string | undefined;
}

/** Every list in the body, nested ones included, each with what introduces it. */
export function findLists(root: Root): FoundList[] {
  const out: FoundList[] = [];
  const visit = (children: readonly RootContent[], parentLead: string | undefined): void => {
    children.forEach((child, i) => {
      if (child.type === 'list') {
        const prev = i > 0 ? children[i - 1] : undefined;
        const lead = prev && prev.type === 'paragraph' ? shortLead(plain(prev)) : parentLead;
        out.push({ list: child, lead });
        for (const item of child.children) visit(item.children.slice(1), itemText(item) || undefined);
      } else if (child.type === 'blockquote') {
        visit(child.children, parentLead);
      }
    });
  };
  visit(root.children, undefined);
  return out;
}

function shortLead(text: string): string | undefined {
  return text.length > 0 && text.length <= 80 ? text : undefined;
}

export interface FoundTable {
  table: Table;
  lead: string | undefined;
}

/** Every table in the body with the short paragraph (if any) that introduces it. */
export function findTables(root: Root): FoundTable[] {
  const out: FoundTable[] = [];
  root.children.forEach((child, i) => {
    if (child.type !== 'table') return;
    const prev = i > 0 ? root.children[i - 1] : undefined;
    out.push({ table: child, lead: prev && prev.type === 'paragraph' ? shortLead(plain(prev)) : undefined });
  });
  return out;
}

/**
 * The plain text of one file line of a section (its title when the line is the heading), e.g. to quote where a
 * glossary entry was found. Undefined when the line is outside the section's body.
 */
export function lineText(section: Section, line: number): string | undefined {
  if (line === section.startLine) return collapse(section.title);
  const start = section.bodyStartLine ?? section.startLine + 1;
  const raw = section.markdown.split('\n')[line - start];
  if (raw === undefined) return undefined;
  return collapse(markdownToText(raw.trim()));
}

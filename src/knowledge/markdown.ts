import type { List, ListItem, Nodes, PhrasingContent, Root, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';

export type { Root, Nodes };

/**
 * Strips a UTF-8 byte-order mark and turns CRLF / lone CR into LF.
 * Line numbers are unchanged: CommonMark already counts each of those as one line ending.
 */
export function normalizeSource(source: string): string {
  const withoutBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return withoutBom.replace(/\r\n?/g, '\n');
}

/** CommonMark + GFM tables + YAML/TOML front matter, with positions on every node. */
export function parseMarkdown(source: string): Root {
  return fromMarkdown(source, {
    extensions: [gfmTable(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
}

/** `<br>` becomes a line break; other tags and comments vanish; the common entities are decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<img\b[^>]*\balt\s*=\s*(["'])(.*?)\1[^>]*>/gi, '$2')
      .replace(/<\/?[A-Za-z][^>]*>/g, ''),
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Inline content as plain text: links → their text, images → alt text, code kept, hard breaks → newlines. */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out += node.value;
        break;
      case 'image':
      case 'imageReference':
        out += node.alt ?? '';
        break;
      case 'break':
        out += '\n';
        break;
      case 'html':
        out += htmlToText(node.value);
        break;
      default:
        if ('children' in node) out += inlineText(node.children as PhrasingContent[]);
    }
  }
  return out;
}

/** A table as `cell | cell` rows, one row per line. */
export function tableRows(table: Table): string[][] {
  return table.children.map((row) => row.children.map((cell) => oneLine(inlineText(cell.children))));
}

/** Collapses runs of whitespace (including newlines) into single spaces and trims. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Plain text of block content, one line per paragraph line, list item or table row.
 * Lists keep a `-` / `1.` marker and two spaces of indent per level so their shape survives.
 */
export function blockText(node: Nodes, indent = ''): string[] {
  switch (node.type) {
    case 'root':
    case 'blockquote':
      return node.children.flatMap((child) => blockText(child, indent));
    case 'paragraph':
    case 'heading':
      return prefixLines(inlineText(node.children), indent);
    case 'list':
      return listText(node, indent);
    case 'listItem':
      return listItemText(node, '- ', indent);
    case 'table':
      return tableRows(node).map((cells) => indent + cells.join(' | '));
    case 'code':
      return node.value.split('\n').map((line) => (indent + line).trimEnd());
    case 'html':
      return prefixLines(htmlToText(node.value), indent);
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
    case 'toml' as string:
      return [];
    default:
      if ('children' in node) return prefixLines(inlineText(node.children as PhrasingContent[]), indent);
      return 'value' in node && typeof node.value === 'string' ? prefixLines(node.value, indent) : [];
  }
}

function listText(list: List, indent: string): string[] {
  const start = list.start ?? 1;
  return list.children.flatMap((item, i) => listItemText(item, list.ordered ? `${start + i}. ` : '- ', indent));
}

function listItemText(item: ListItem, marker: string, indent: string): string[] {
  const lines: string[] = [];
  item.children.forEach((child, i) => {
    if (i === 0 && child.type === 'paragraph') {
      const [first = '', ...rest] = inlineText(child.children).split('\n');
      lines.push(indent + marker + first.trim());
      for (const line of rest) if (line.trim()) lines.push(`${indent}  ${line.trim()}`);
    } else {
      lines.push(...blockText(child, `${indent}  `));
    }
  });
  if (lines.length === 0) lines.push(indent + marker.trimEnd());
  return lines;
}

function prefixLines(text: string, indent: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => indent + line);
}

/** Plain text of a whole markdown document or fragment. */
export function markdownToText(markdown: string): string {
  return blockText(parseMarkdown(markdown)).join('\n');
}

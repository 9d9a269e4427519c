import type { Code, Html, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { type Block, type Item, lineOf, lineRange, shiftPositions } from './blocks.ts';
import { htmlToText, inlineText, oneLine, parseMarkdown } from './markdown.ts';
import { MAX_TITLE_CHARS } from './split-sections.ts';
import { matchTitleOf } from './titles.ts';

/**
 * Walks the parsed notes and decides which nodes start sections and which are body content: ATX and setext
 * headings, `<h1>`–`<h6>`, bold-only lines, headings written inside list items, a lone `# Heading` indented code
 * block; generated tables of contents and comments are dropped.
 */

export interface WalkState {
  src: string;
  lineStarts: number[];
  inDoctoc: boolean;
}

export function collectItems(nodes: readonly RootContent[], state: WalkState, out: Item[]): void {
  for (const node of nodes) {
    const { start, end } = lineRange(node);
    if (state.inDoctoc) {
      // A generated table of contents is navigation, and most of its links point past where the file stops.
      if (node.type === 'html' && /<!--\s*END doctoc/i.test(node.value)) state.inDoctoc = false;
      continue;
    }
    switch (node.type) {
      case 'yaml':
      case 'definition':
        continue;
      case 'html':
        collectHtml(node, state, out);
        continue;
      case 'heading': {
        const title = oneLine(inlineText(node.children));
        if (!title) continue;
        const setext = !/^\s*#/.test(lineText(state, start));
        out.push({ kind: 'mark', heading: setext ? 'setext' : 'atx', title, level: node.depth, start, end });
        continue;
      }
      case 'paragraph': {
        const bold = boldLeadLine(node);
        if (!bold) {
          out.push({ kind: 'block', node, start, end });
          continue;
        }
        out.push({ kind: 'mark', heading: 'bold', title: bold.title, level: null, start, end: start });
        if (bold.rest) out.push({ kind: 'block', node: bold.rest, ...lineRange(bold.rest) });
        continue;
      }
      case 'code': {
        const heading = indentedHeading(node, state);
        out.push(heading ? { kind: 'mark', heading: 'indented-code', ...heading, start, end } : { kind: 'block', node, start, end });
        continue;
      }
      case 'list':
        if (listHasHeading(node)) collectFromList(node, out);
        else out.push({ kind: 'block', node, start, end });
        continue;
      default:
        if ((node.type as string) === 'toml') continue;
        out.push({ kind: 'block', node, start, end });
    }
  }
}

const HTML_HEADING = /^\s*<h([1-6])(?:\s[^>]*)?>([\s\S]*?)<\/h\1\s*>/i;

/**
 * `<h2>Title</h2>` is a heading. CommonMark keeps an HTML block open until a blank line, so the markdown written
 * right under such a heading (`**AWS Step Functions**`, bullets) arrives inside the same html node: parse that
 * remainder again as markdown, with positions shifted back to the file.
 */
function collectHtml(node: Html, state: WalkState, out: Item[]): void {
  const { start, end } = lineRange(node);
  if (/<!--\s*START doctoc/i.test(node.value)) {
    state.inDoctoc = !/<!--\s*END doctoc/i.test(node.value);
    return;
  }
  const match = HTML_HEADING.exec(node.value);
  if (!match) {
    if (isCommentOnly(node.value)) return;
    out.push({ kind: 'block', node, start, end });
    return;
  }
  const title = oneLine(htmlToText(match[2] ?? ''));
  const nodeOffset = node.position?.start.offset ?? 0;
  const restOffset = nodeOffset + match[0].length;
  const headingEnd = lineOf(state.lineStarts, restOffset);
  if (title) out.push({ kind: 'mark', heading: 'html', title, level: Number(match[1]), start, end: headingEnd });
  const rest = node.value.slice(match[0].length);
  if (!rest.trim()) return;
  const reparsed = parseMarkdown(rest);
  shiftPositions(reparsed, lineOf(state.lineStarts, restOffset) - 1, restOffset);
  collectItems(reparsed.children, state, out);
}

function isCommentOnly(html: string): boolean {
  return html.replace(/<!--[\s\S]*?-->/g, '').trim() === '';
}

/**
 * A line holding only bold text is a heading (`**AWS Step Functions**`); a label (`**Strategies:**`) or a bold
 * sentence is not. Text on the following lines of the same paragraph is returned as `rest`, the heading's body.
 */
function boldLeadLine(paragraph: Paragraph): { title: string; rest: Paragraph | null } | null {
  const kids = paragraph.children;
  let i = 0;
  while (kids[i]?.type === 'text' && (kids[i] as { value: string }).value.trim() === '') i++;
  const strong = kids[i];
  if (!strong || strong.type !== 'strong' || !strong.position) return null;
  const title = oneLine(inlineText(strong.children));
  if (!title || title.length > MAX_TITLE_CHARS || /[:.!;,]$/.test(title)) return null;
  const after = kids.slice(i + 1);
  const next = after[0];
  if (!next) return { title, rest: null };
  // The bold text must end its line: what follows starts after a hard or soft line break.
  let restKids: PhrasingContent[];
  if (next.type === 'break') {
    restKids = after.slice(1);
  } else if (next.type === 'text' && /^[ \t]*\n/.test(next.value)) {
    const trimmed = next.value.replace(/^[ \t]*\n/, '');
    restKids = trimmed ? [{ ...next, value: trimmed }, ...after.slice(1)] : after.slice(1);
  } else if (after.every((k) => k.type === 'text' && k.value.trim() === '')) {
    return { title, rest: null };
  } else {
    return null;
  }
  if (restKids.length === 0 || !paragraph.position) return { title, rest: null };
  const startLine = strong.position.end.line + 1;
  const rest: Paragraph = {
    type: 'paragraph',
    children: restKids,
    position: { start: { line: startLine, column: 1 }, end: paragraph.position.end },
  };
  return { title, rest };
}

/**
 * `    # ECS` outside any list is an indented code block to CommonMark, but a lone `# Heading` line in such a block
 * was meant as a heading. Fenced blocks are left alone: `# comment` lines in real code are not headings.
 */
function indentedHeading(code: Code, state: WalkState): { title: string; level: number } | null {
  if (code.lang || /^\s*(`{3,}|~{3,})/.test(lineText(state, lineRange(code).start))) return null;
  const match = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(code.value.trim());
  if (!match || code.value.trim().includes('\n')) return null;
  const title = oneLine(match[2] ?? '');
  return title ? { title, level: match[1]?.length ?? 1 } : null;
}

/** Headings written inside list items (`- # ⚡ AWS CloudFormation Cheat Sheet`, or `    # ECS` after a bullet). */
function listHasHeading(list: List): boolean {
  return list.children.some(itemHasHeading);
}

function itemHasHeading(item: ListItem): boolean {
  return item.children.some(
    (c) => (c.type === 'heading' && oneLine(inlineText(c.children)) !== '') || (c.type === 'list' && listHasHeading(c)),
  );
}

/** Hoists headings out of a list: items around them stay body content of the sections before and after. */
function collectFromList(list: List, out: Item[]): void {
  for (const item of list.children) {
    if (!itemHasHeading(item)) {
      out.push({ kind: 'block', node: item, ...lineRange(item) });
      continue;
    }
    // What the item says before its first heading stays a bullet (`- Cognito Identity Pools:` and its sub-list).
    const cut = item.children.findIndex((c) => c.type === 'heading' || (c.type === 'list' && listHasHeading(c)));
    const lead = item.children.slice(0, cut);
    while (lead.at(-1)?.type === 'thematicBreak') lead.pop(); // a `---` right before a heading only separates
    const first = lead[0];
    const last = lead.at(-1);
    if (first?.position && last?.position) {
      const node: ListItem = { ...item, children: lead, position: { start: item.position?.start ?? first.position.start, end: last.position.end } };
      out.push({ kind: 'block', node, ...lineRange(node) });
    }
    for (const child of item.children.slice(Math.max(cut, 0))) {
      const range = lineRange(child);
      if (child.type === 'heading') {
        const title = oneLine(inlineText(child.children));
        if (title) out.push({ kind: 'mark', heading: 'list-item', title, level: child.depth, ...range });
      } else if (child.type === 'list' && listHasHeading(child)) {
        collectFromList(child, out);
      } else {
        out.push({ kind: 'block', node: child, ...range });
      }
    }
  }
}

/** Drops "Contents" / "Table of Contents" headings followed only by lists of links: navigation, not notes. */
export function dropTablesOfContents(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item) continue;
    if (item.kind === 'mark' && /^(table of )?contents$/i.test(matchTitleOf(item.title))) {
      let j = i + 1;
      while (items[j]?.kind === 'block') j++;
      const body = items.slice(i + 1, j) as Block[];
      if (body.every((b) => isLinkList(b.node))) {
        i = j - 1;
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

function isLinkList(node: Nodes): boolean {
  if (node.type === 'list') return node.children.every(isLinkList);
  if (node.type !== 'listItem') return false;
  return node.children.every((child) => {
    if (child.type === 'list') return isLinkList(child);
    if (child.type !== 'paragraph') return false;
    const parts = child.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    return parts.length > 0 && parts.every((c) => c.type === 'link' || c.type === 'linkReference');
  });
}

function lineText(state: WalkState, line: number): string {
  const from = state.lineStarts[line - 1] ?? 0;
  const to = state.lineStarts[line] ?? state.src.length + 1;
  return state.src.slice(from, to - 1);
}

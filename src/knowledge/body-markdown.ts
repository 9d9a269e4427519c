import type { Nodes } from 'mdast';
import type { Block } from './blocks.ts';
import { parseMarkdown } from './markdown.ts';

/**
 * Body markdown from the blocks' own lines. Blank lines between blocks are kept; anything skipped between them
 * (a table of contents, a hoisted heading) becomes one blank line. The result is dedented so a body cut out of a
 * list item does not turn into an indented code block when parsed again.
 */
export function renderBlocks(blocks: readonly Block[], lines: readonly string[]): string {
  const out: string[] = [];
  let prevEnd = 0;
  for (const block of blocks) {
    const from = Math.max(block.start, prevEnd + 1);
    if (from > block.end) continue;
    if (prevEnd > 0) {
      const gap = lines.slice(prevEnd, from - 1);
      out.push(...(gap.every((l) => l.trim() === '') ? gap : ['']));
    }
    out.push(...lines.slice(from - 1, block.end));
    prevEnd = block.end;
  }
  return closeOpenFences(dedent(out).join('\n').replace(/^\n+|\s+$/g, ''));
}

/**
 * A fence left open inside a list item is closed by CommonMark when the item ends, but a body cut out of the file
 * and shown elsewhere (Discord) would run the code on to the end. Add the closing fence the author forgot.
 */
function closeOpenFences(markdown: string): string {
  const lines = markdown.split('\n');
  const inserts: { after: number; text: string }[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'code' && node.position) {
      const first = lines[node.position.start.line - 1] ?? '';
      const column = node.position.start.column - 1;
      const fence = /^(`{3,}|~{3,})/.exec(first.slice(column))?.[1];
      const last = (lines[node.position.end.line - 1] ?? '').trim();
      const closed = node.position.end.line > node.position.start.line && last.startsWith(fence ?? '\u0000') && /^(`+|~+)$/.test(last);
      if (fence && !closed) inserts.push({ after: node.position.end.line, text: ' '.repeat(column) + fence });
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  // Balanced fence lines mean every block is closed; only an odd count needs a parse to find the open one.
  if ((markdown.match(/^[ \t]*(`{3,}|~{3,})/gm) ?? []).length % 2 === 0) return markdown;
  visit(parseMarkdown(markdown));
  for (const insert of inserts.sort((a, b) => b.after - a.after)) lines.splice(insert.after, 0, insert.text);
  return lines.join('\n');
}

function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return min === 0 ? [...lines] : lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0)));
}

import type { Nodes } from 'mdast';
import type { Item } from './blocks.ts';
import { oneLine } from './markdown.ts';
import type { KnowledgeWarning } from './types.ts';

/** Images whose files are missing: dropped from the body markdown, alt text kept, one warning per file. */

interface MissingImage {
  url: string;
  line: number;
}

export function isExternalUrl(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url);
}

export function displayLines(
  src: string,
  items: readonly Item[],
  imageExists: (url: string) => boolean,
): { lines: string[]; missing: MissingImage[] } {
  const edits: { from: number; to: number; text: string }[] = [];
  const missing: MissingImage[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'image' && !imageExists(node.url)) {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from !== undefined && to !== undefined) {
        const original = src.slice(from, to);
        const breaks = (original.match(/\n/g) ?? []).length;
        // Keep the newline count so every later line keeps its number.
        edits.push({ from, to, text: oneLine(node.alt ?? '') + '\n'.repeat(breaks) });
        missing.push({ url: node.url, line: node.position?.start.line ?? 1 });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  for (const item of items) if (item.kind === 'block') visit(item.node);
  let display = src;
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    display = display.slice(0, edit.from) + edit.text + display.slice(edit.to);
  }
  return { lines: display.split('\n'), missing };
}

export function missingImagesWarning(file: string, missing: readonly MissingImage[]): KnowledgeWarning {
  const listed = missing
    .slice(0, 5)
    .map((m) => `${m.url} (line ${m.line})`)
    .join(', ');
  const more = missing.length > 5 ? `, and ${missing.length - 5} more` : '';
  return {
    severity: 'warning',
    file,
    line: missing[0]?.line ?? 1,
    code: 'missing-image',
    message: `${file}: ${missing.length} image(s) not found, shown as their alt text: ${listed}${more}`,
  };
}

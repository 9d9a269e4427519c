import type { Nodes } from 'mdast';

// What the tree walk yields — lines that start sections (marks) and body content (blocks), in file order — and
// the position helpers shared by the parsing steps.

export type HeadingKind = 'atx' | 'setext' | 'html' | 'bold' | 'indented-code' | 'list-item';

/** A line that starts a section. `level` is null for bold-only paragraphs: they sit one below the enclosing heading. */
export interface Mark {
  kind: 'mark';
  heading: HeadingKind;
  title: string;
  level: number | null;
  start: number;
  end: number;
}

/** A piece of body content with its 1-based line range in the file. */
export interface Block {
  kind: 'block';
  node: Nodes;
  start: number;
  end: number;
}

export type Item = Mark | Block;

/** A section before slugs, paths and text are settled. */
export interface Draft {
  title: string;
  level: number;
  start: number;
  headingEnd: number;
  blocks: Block[];
  /** Text above the first heading: standalone, never a parent. */
  preamble: boolean;
  splitFrom: Draft | null;
}

/** 1-based first and last line of a node. */
export function lineRange(node: Nodes): { start: number; end: number } {
  const start = node.position?.start.line ?? 1;
  return { start, end: Math.max(start, node.position?.end.line ?? start) };
}

export function computeLineStarts(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of a character offset. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}


export function shiftPositions(node: Nodes, lineDelta: number, offsetDelta: number): void {
  const pos = node.position;
  if (pos) {
    pos.start.line += lineDelta;
    pos.end.line += lineDelta;
    if (pos.start.offset !== undefined) pos.start.offset += offsetDelta;
    if (pos.end.offset !== undefined) pos.end.offset += offsetDelta;
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child, lineDelta, offsetDelta);
}
